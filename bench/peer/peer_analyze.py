#!/usr/bin/python3
"""The Python analyst's pipeline that itakit is measured against (csv + numpy
+ scipy), doing the work `itakit analyze --format json` does and writing the
same content: per unit and year the tool and overall scores (30/30/40),
rounded half away from zero, the level (letters to 2565, the pass family from
2566), pass and gap, every indicator with its names, flag, gap, change and
share of the overall's change (rounded to add up), the drivers, the
improvement plan towards the target and each indicator's single gain; per
unit a least-squares trend with a 95% prediction interval and the year the
line is reached, for the overall, each tool and each indicator; and the
cohort of the latest year (ranking, percentiles, pass counts, per-indicator
statistics). Written as a numpy user would: whole arrays where the work is
arithmetic, plain loops where it is a decision per row. Not part of itakit:
bench/figures.sh times it beside `itakit analyze`; it expects complete data
(every indicator every year), as the national synthetic set has.
usage: peer_analyze.py SCORES.csv OUT.json"""
import csv
import json
import math
import sys

import numpy as np
from scipy.special import stdtrit

NAMES_TH = ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ",
            "การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร",
            "การปรับปรุงการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"]
NAMES_EN = ["performance of duty", "use of budget", "use of authority", "use of state property",
            "solving corruption problems", "quality of operations", "communication efficiency",
            "work improvement", "information disclosure", "corruption prevention"]
TOOLS = [("IIT", 30.0, [0, 1, 2, 3, 4]), ("EIT", 30.0, [5, 6, 7]), ("OIT", 40.0, [8, 9])]
TOOL_CODES = [t for t, _, _ in TOOLS]
W = np.array([w / len(m) / 100.0 for _, w, m in TOOLS for _ in m])  # share of the overall
PASS_LINE = THRESHOLD = TARGET = 85.0
LETTERS = [("AA", 95), ("A", 85), ("B", 75), ("C", 65), ("D", 55), ("E", 50), ("F", 0)]
VERDICTS = [("ผ่านดีเยี่ยม", 95, 95), ("ผ่านดี", 85, 85), ("ผ่าน", 85, None),
            ("ต้องปรับปรุง", 70, None), ("ต้องปรับปรุงโดยด่วน", 0, None)]


def rnd(x, scale=100):
    """Half away from zero to 2 decimals, as a spreadsheet's ROUND (arrays too)."""
    return np.sign(x) * np.floor(np.abs(x) * scale + 0.5 + 1e-9) / scale + 0.0


def r2(x):
    return math.copysign(math.floor(abs(x) * 100 + 0.5 + 1e-9) / 100, x) + 0.0


def by_key_desc(codes, key):
    return sorted(codes, key=lambda c: (-key[c - 1], c))


def level(year, overall, tools):
    if 2562 <= year <= 2565:
        return next(n for n, m in LETTERS if overall >= m), "overall"
    return next(n for n, m, each in VERDICTS
                if overall >= m and (each is None or min(tools) >= each)), "overall and tools"


def contributions(delta, d_overall):
    """weight x change in hundredths, rounded, the rest spread by 0.01 to add up."""
    raw = W * delta * 100.0
    cents = [int(math.copysign(math.floor(abs(v) + 0.5), v)) for v in raw]
    want = int(math.copysign(math.floor(abs(d_overall * 100.0) + 0.5), d_overall))
    diff = residual = want - sum(cents)
    while diff:
        step = 1 if diff > 0 else -1
        best = max(range(10), key=lambda i: ((raw[i] - cents[i]) * step, -i))
        cents[best] += step
        diff -= step
    return [c / 100 for c in cents], residual / 100


def plan(score, overall, to_100, to_threshold):
    """Fewest indicators (most room first) lifting the overall to the target."""
    room = W * (100.0 - score)
    single = [{"code": i + 1, "to_100": to_100[i], "to_threshold": to_threshold[i]} for i in range(10)]
    needs = overall < TARGET
    out = {"target": TARGET, "needs_plan": needs, "reachable": True, "plan": [],
           "overall_after": None, "single": single}
    if not needs:
        return out
    need = TARGET - float(W @ score)
    order = by_key_desc(range(1, 11), room)
    k, covered = 0, 0.0
    while k < 10 and covered < need - 1e-9 and room[order[k] - 1] > 0:
        covered += room[order[k] - 1]
        k += 1
    reachable = bool(covered >= need - 1e-9)
    chosen = by_key_desc(order[:k], W)
    after = score.copy()
    left = need
    for c in chosen:
        if left <= 1e-9:
            break
        i = c - 1
        rise = left / W[i]
        if rise > 100.0 - score[i] or not reachable:
            rise = 100.0 - score[i]
        rise = math.ceil(rise * 100.0 - 1e-6) / 100.0
        if score[i] + rise > 100.0:
            rise = 100.0 - score[i]
        after[i] = r2(score[i] + rise)
        left -= W[i] * (after[i] - score[i])
    for c in chosen:
        if not reachable or r2(float(W @ after)) >= TARGET:
            break
        if after[c - 1] < 100.0:
            after[c - 1] = r2(after[c - 1] + 0.01)
    for c in chosen:
        i = c - 1
        if after[i] > score[i]:
            raise_ = r2(after[i] - score[i])
            out["plan"].append({"code": c, "from": score[i], "to": after[i], "raise": raise_,
                                "overall_gain": r2(W[i] * raise_)})
    out["reachable"] = reachable
    out["overall_after"] = r2(float(W @ after))
    return out


def trends(years, series, lines):
    """Least squares for every unit and series at once (all units share the
    years): slope, intercept, r2, forecast with a 95% prediction interval,
    and the first year at the line for rising series below it."""
    n = len(years)
    x_next = years[-1] + 1
    x = np.array(years, dtype=float) - x_next
    mx, my = x.mean(), series.mean(axis=-1, keepdims=True)
    dx, dy = x - mx, series - my
    sxx = (dx * dx).sum()
    slope = (dy * dx).sum(axis=-1) / sxx
    c0 = my[..., 0] - mx * slope
    resid = dy - slope[..., None] * dx
    sse = (resid * resid).sum(axis=-1)
    sst = (dy * dy).sum(axis=-1)
    s2 = sse / (n - 2)
    se = np.sqrt(s2 / n * (1 + mx * mx / (sxx / n)) + s2)
    t = stdtrit(n - 2, 0.975)
    r_2 = np.where((sst > 0) & (sse > 1e-12 * sst), 1 - sse / np.where(sst > 0, sst, 1), 1.0)
    icept = c0 - slope * x_next
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (lines - icept) / slope
    rising = (np.abs(slope) * 100 >= 0.5) & (slope > 0) & (rnd(series[..., -1]) < lines) & np.isfinite(at) & (at <= 9999)
    reach = np.where(rising, np.maximum(np.ceil(np.where(rising, at, 0) - 1e-9), years[-1] + 1), 0)
    return [[{"n": n, "slope": a, "intercept": b, "r2": c, "next_year": x_next, "forecast": d,
              "low": e, "high": f, "reach_year": int(g) or None} for a, b, c, d, e, f, g in zip(*row)]
            for row in zip(*(v.reshape(len(v), -1).tolist() for v in (
                rnd(slope, 1e4), rnd(icept, 1e4), rnd(r_2, 1e4), rnd(c0), rnd(c0 - t * se),
                rnd(c0 + t * se), reach)))]


def summary(v):
    return {"mean": r2(float(np.mean(v))), "median": r2(float(np.median(v))),
            "sd": r2(float(np.std(v, ddof=1))) if len(v) > 1 else 0.0}


def main(src, dst):
    # load: scores[unit, year, indicator]
    keys, names, groups, rows = {}, [], [], []
    with open(src, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            key = row.get("unit_code") or row["unit"]
            if key not in keys:
                keys[key] = len(keys)
                names.append(row["unit"])
                groups.append(row.get("group") or None)
            rows.append((keys[key], int(row["year"]), int(row["indicator"]), float(row["score"])))
    years = sorted({r[1] for r in rows})
    yi = {y: i for i, y in enumerate(years)}
    codes = list(keys)
    S = np.full((len(codes), len(years), 10), np.nan)
    for u, y, i, v in rows:
        S[u, yi[y], i - 1] = v
    # scores, rounding, flags and changes for every unit and year at once
    tool = np.stack([S[..., m].sum(axis=-1) / len(m) for _, _, m in TOOLS], axis=-1)
    overall = sum(w / 100.0 * tool[..., t] for t, (_, w, _) in enumerate(TOOLS))
    ind_r, tool_r, ov_r = rnd(S), rnd(tool), rnd(overall)
    flag = ind_r < THRESHOLD
    ind_gap, ov_gap = rnd(ind_r - THRESHOLD), rnd(ov_r - PASS_LINE)
    d_ind, d_tool, d_ov = rnd(np.diff(ind_r, axis=1)), rnd(np.diff(tool_r, axis=1)), rnd(np.diff(ov_r, axis=1))
    single_100 = rnd(W * (100.0 - ind_r))
    single_thr = np.where(flag, rnd(W * (THRESHOLD - ind_r)), 0.0)
    tr_ov = trends(years, overall, PASS_LINE)
    tr_tool = trends(years, np.moveaxis(tool, -1, 1), THRESHOLD)
    tr_ind = trends(years, np.moveaxis(S, -1, 1), THRESHOLD)
    # per unit and year: plain Python values from here on
    L = {k: v.tolist() for k, v in dict(ind=ind_r, tool=tool_r, ov=ov_r, flag=flag, gap=ind_gap, ov_gap=ov_gap,
                                        d_ind=d_ind, d_tool=d_tool, d_ov=d_ov, s100=single_100, sthr=single_thr).items()}
    units = []
    for u, code in enumerate(codes):
        out_years = []
        for k, year in enumerate(years):
            score, ov, tools, flagged = L["ind"][u][k], L["ov"][u][k], L["tool"][u][k], L["flag"][u][k]
            lv, basis = level(year, ov, tools)
            delta = L["d_ind"][u][k - 1] if k else [None] * 10
            contrib, residual = contributions(d_ind[u, k - 1], L["d_ov"][u][k - 1]) if k else ([None] * 10, None)
            gap = L["gap"][u][k]
            ind = [{"code": i + 1, "name": NAMES_TH[i], "name_en": NAMES_EN[i], "score": score[i],
                    "flagged": flagged[i], "gap": gap[i], "delta": delta[i], "contribution": contrib[i]}
                   for i in range(10)]
            out_years.append({
                "year": year, "overall": ov, "overall_source": "computed",
                "overall_reported": None, "overall_check": None, "level": lv, "level_basis": basis,
                "pass": ov >= PASS_LINE, "gap": L["ov_gap"][u][k],
                "tools": dict(zip(TOOL_CODES, tools)), "indicators": ind,
                "flagged": by_key_desc([i + 1 for i in range(10) if flagged[i]], score),
                "previous_year": years[k - 1] if k else None,
                "delta_overall": L["d_ov"][u][k - 1] if k else None,
                "delta_tools": dict(zip(TOOL_CODES, L["d_tool"][u][k - 1] if k else [None] * 3)),
                "tool_contributions": None,
                "drivers": sorted((i + 1 for i in range(10) if contrib[i]), key=lambda c: (-abs(contrib[c - 1]), c)) if k else None,
                "contribution_rounding": residual,
                "priorities": plan(ind_r[u, k], ov, L["s100"][u][k], L["sthr"][u][k])})
        trend = {"overall": tr_ov[u][0], **dict(zip(TOOL_CODES, tr_tool[u])),
                 "indicators": {str(i + 1): t for i, t in enumerate(tr_ind[u])}}
        units.append({"unit": names[u], "code": code, "group": groups[u], "years": out_years, "trend": trend})
    # the cohort of the latest year
    k = len(years) - 1
    ov = ov_r[:, k]
    order = sorted(range(len(codes)), key=lambda u: (-ov[u], names[u]))
    ranking, n, ascending = [], len(order), np.sort(ov)
    for pos, u in enumerate(order):
        rank = ranking[-1]["rank"] if pos and ov[order[pos - 1]] == ov[u] else pos + 1
        lower = int(np.searchsorted(ascending, ov[u], "left"))
        ranking.append({"unit": names[u], "rank": rank, "percentile": r2(100.0 * lower / (n - 1) if n > 1 else 100.0),
                        "overall": float(ov[u]), "pass": bool(ov[u] >= PASS_LINE), "flagged": int(flag[u, k].sum())})
    failing = ov < PASS_LINE
    indicators = []
    for i in range(10):
        raised = rnd(ov - W[i] * ind_gap[:, k, i]) >= PASS_LINE
        indicators.append({"code": i + 1, "n": n, **summary(ind_r[:, k, i]),
                           "below": int(flag[:, k, i].sum()),
                           "pass_if_raised": int((flag[:, k, i] & failing & raised).sum())})
    n_pass = int((ov >= PASS_LINE).sum())
    cohort = {"year": years[k], "units": n, "pass": n_pass, "share_pass": r2(100.0 * n_pass / n)}
    if k:
        cohort.update({"previous_year": years[k - 1], "units_previous": n,
                       "pass_previous": int((ov_r[:, k - 1] >= PASS_LINE).sum())})
    cohort.update({"overall": summary(ov), "ranking": ranking, "indicators": indicators})
    text = json.dumps({"pass_line": PASS_LINE, "threshold": THRESHOLD, "target": TARGET,
                       "units": units, "cohort": cohort}, ensure_ascii=False)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
