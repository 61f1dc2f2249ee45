#!/usr/bin/python3
"""The Python analyst's pipeline that itakit is measured against (csv + numpy):
load the long-layout scores, compute each unit's tool and overall scores per
year (30/30/40 weights), round half away from zero, flag indicators below 85,
changes against the previous year, a linear trend per unit, the cohort
ranking of the latest year, and write it all as JSON. Not part of itakit:
bench/run times it beside `itakit analyze`.
usage: peer_analyze.py SCORES.csv OUT.json"""
import csv
import json
import sys
from collections import defaultdict

import numpy as np

TOOLS = {"IIT": [1, 2, 3, 4, 5], "EIT": [6, 7, 8], "OIT": [9, 10]}
WEIGHTS = {"IIT": 0.30, "EIT": 0.30, "OIT": 0.40}


def round2(x):
    # half away from zero on the shortest decimal, as a spreadsheet's ROUND
    return float(np.sign(x) * np.floor(abs(x) * 100 + 0.5 + 1e-9) / 100)


def main(src, dst):
    scores = defaultdict(lambda: defaultdict(dict))
    names = {}
    with open(src, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            key = row.get("unit_code") or row["unit"]
            names[key] = row["unit"]
            scores[key][int(row["year"])][int(row["indicator"])] = float(row["score"])
    units = []
    for key, years in scores.items():
        out_years, prev = [], None
        for year in sorted(years):
            ind = np.array([years[year].get(c, np.nan) for c in range(1, 11)])
            tools = {t: float(np.mean(ind[[c - 1 for c in cs]])) for t, cs in TOOLS.items()}
            overall = sum(WEIGHTS[t] * v for t, v in tools.items())
            shown = round2(overall)
            flagged = sorted((c for c in range(1, 11) if round2(ind[c - 1]) < 85),
                             key=lambda c: -ind[c - 1])
            y = {"year": year, "overall": shown, "pass": shown >= 85,
                 "tools": {t: round2(v) for t, v in tools.items()},
                 "indicators": [round2(v) for v in ind], "flagged": flagged}
            if prev is not None:
                y["change"] = round2(shown - prev["overall"])
            out_years.append(y)
            prev = y
        xs = np.array([y["year"] for y in out_years], dtype=float)
        ys = np.array([y["overall"] for y in out_years])
        trend = None
        if len(xs) >= 3:
            slope, icept = np.polyfit(xs, ys, 1)
            trend = {"slope": round2(slope), "next": round2(slope * (xs[-1] + 1) + icept)}
        units.append({"code": key, "name": names[key], "years": out_years, "trend": trend})
    latest = max(y["year"] for u in units for y in u["years"])
    entries = [(u["name"], y["overall"]) for u in units for y in u["years"] if y["year"] == latest]
    entries.sort(key=lambda e: (-e[1], e[0]))
    ranking = [{"rank": i + 1, "unit": n, "overall": s} for i, (n, s) in enumerate(entries)]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"units": units, "cohort": {"year": latest, "ranking": ranking}}, f,
                  ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
