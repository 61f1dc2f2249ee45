#!/usr/bin/env python3
"""Checks the CSV files in data/ (RFC 4180, columns, coverage) and prints a
summary of the synthetic district set. Usage: python3 data/gen/check_data.py [DATA_DIR]"""
import csv, io, sys, os, statistics
from collections import defaultdict

d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
errors = []

def read(name):
    raw = open(os.path.join(d, name), "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"): errors.append(f"{name}: BOM")
    if b"\r" in raw: errors.append(f"{name}: CR in file")
    if not raw.endswith(b"\n"): errors.append(f"{name}: no final newline")
    text = raw.decode("utf-8")
    if "\u0e4d\u0e32" in text: errors.append(f"{name}: nikhahit+sara aa")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    w = len(rows[0])
    for i, r in enumerate(rows, 1):
        if len(r) != w: errors.append(f"{name}:{i}: {len(r)} fields, header has {w}")
        for f in r:
            if f != f.strip(): errors.append(f"{name}:{i}: leading/trailing space in {f!r}")
            if "  " in f: errors.append(f"{name}:{i}: double space in {f!r}")
    return rows

def score_ok(name, i, s):
    try:
        v = float(s)
    except ValueError:
        errors.append(f"{name}:{i}: bad score {s!r}"); return None
    if not (0 <= v <= 100) or len(s.split(".")[-1]) != 2:
        errors.append(f"{name}:{i}: score {s!r} out of range or not two decimals")
    return v

def overall(sc):
    return 0.3 * statistics.mean(sc[1:6]) + 0.3 * statistics.mean(sc[6:9]) + 0.4 * statistics.mean(sc[9:11])

def have(name):
    return os.path.exists(os.path.join(d, name))

# real data
for name, unit, exp_header in [("bangkok.csv", "กรุงเทพมหานคร", ["unit", "year", "indicator", "score"]),
                               ("national_averages.csv", "ค่าเฉลี่ยระดับประเทศ", ["unit", "year", "indicator", "score"])]:
    if not have(name):
        continue
    rows = read(name)
    if rows[0] != exp_header: errors.append(f"{name}: header {rows[0]}")
    for i, r in enumerate(rows[1:], 2):
        if r[0] != unit: errors.append(f"{name}:{i}: unit {r[0]!r}")
        score_ok(name, i, r[3])
    print(f"{name}: {len(rows) - 1} rows")
if have("bangkok.csv"):
    bk = {(r[1], r[2]): float(r[3]) for r in read("bangkok.csv")[1:]}
    ind = [None] + [bk[("2566", str(i))] for i in range(1, 11)]
    print(f"bangkok 2566 computed overall {overall(ind):.4f} (published 88.98)")

# synthetic districts
def check_districts():
    name = "bangkok_districts_synthetic.csv"
    rows = read(name)
    if rows[0] != ["unit_code", "unit", "group", "year", "indicator", "score"]: errors.append(f"{name}: header {rows[0]}")
    data = defaultdict(dict)
    units = {}
    for i, r in enumerate(rows[1:], 2):
        code, unit, group, year, indic, s = r
        units.setdefault(code, (unit, group))
        if units[code] != (unit, group): errors.append(f"{name}:{i}: unit/group changed for {code}")
        v = score_ok(name, i, s)
        k = "overall" if indic == "overall" else int(indic)
        if k in data[(code, int(year))]: errors.append(f"{name}:{i}: duplicate")
        data[(code, int(year))][k] = v
    print(f"{name}: {len(rows) - 1} rows, {len(units)} units, groups:",
          dict(sorted(((g, sum(1 for u in units.values() if u[1] == g)) for g in {u[1] for u in units.values()}))))
    per_year = defaultdict(list)
    for (code, year), sc in sorted(data.items()):
        if set(sc) == {"overall"}:
            per_year[year].append((code, sc["overall"]))
            continue
        if set(sc) != set(range(1, 11)): errors.append(f"{name}: {code} {year} indicators {sorted(sc, key=str)}")
        per_year[year].append((code, overall([None] + [sc[i] for i in range(1, 11)])))
    print("year  units  mean overall  passing 85 (overall rounded to 2 dp)")
    for y in sorted(per_year):
        ov = [round(o + 1e-9, 2) for _, o in per_year[y]]
        p = sum(o >= 85 for o in ov)
        print(f"{y}  {len(ov):5d}  {statistics.mean(ov):12.2f}  {p:3d} ({100*p/len(ov):.1f}%)  min {min(ov):.2f} max {max(ov):.2f}")
        codes = sorted(units)
    gaps = [(c, y) for c in codes for y in range(2562, 2567) if (c, y) not in data]
    only = [(c, y) for (c, y), sc in data.items() if set(sc) == {"overall"}]
    print("gaps:", gaps, " overall-only:", only)
    allok = [c for c in codes if (c, 2566) in data and all(data[(c, 2566)][i] >= 85 for i in range(1, 11))]
    low = [c for c in codes if (c, 2566) in data and min(data[(c, 2566)][i] for i in range(1, 11)) < 70]
    print("2566 no indicator below 85:", [units[c][0] for c in allok])
    print("2566 some indicator below 70:", [units[c][0] for c in low])
    for tool, idx in [("IIT", range(1, 6)), ("EIT", range(6, 9)), ("OIT", range(9, 11))]:
        vals = [sc[i] for sc in data.values() if 1 in sc for i in idx]
        vals.sort()
        n100 = sum(v == 100 for v in vals)
        print(f"{tool}: n={len(vals)} min {vals[0]} p10 {vals[len(vals)//10]} median {vals[len(vals)//2]} p90 {vals[9*len(vals)//10]} max {vals[-1]} =100: {n100}")
    trend = []
    for c in codes:
        a = [o for cc, o in per_year[2562] if cc == c] or [o for cc, o in per_year[2563] if cc == c]
        b = [o for cc, o in per_year[2566] if cc == c]
        if a and b: trend.append(b[0] - a[0])
    print(f"change first->2566: improving {sum(t > 0 for t in trend)}, declining {sum(t < 0 for t in trend)}")


if have("bangkok_districts_synthetic.csv"):
    check_districts()

# measures
name = "measures.csv"
if have(name):
    rows = read(name)
    hdr = "id,indicators,issue,approach,responsible,steps,issue_en,approach_en,responsible_en,steps_en,purpose".split(",")
    if rows[0] != hdr: errors.append(f"{name}: header {rows[0]}")
    covered = set()
    keep = 0
    for i, r in enumerate(rows[1:], 2):
        if r[10] not in ("", "improve", "keep"): errors.append(f"{name}: row {r[0]}: purpose {r[10]!r}")
        if r[10] == "keep": keep += 1
        else: covered |= {int(x) for x in r[1].split()}
        for col in (3, 5):
            lines = r[col].split("\n")
            thai_digits = "๐๑๒๓๔๕๖๗๘๙"
            for n, line in enumerate(lines, 1):
                num = "".join(thai_digits[int(ch)] for ch in str(n))
                if not line.startswith(num + ". "): errors.append(f"{name}: row {r[0]} col {hdr[col]} line {n}: {line[:20]!r}")
        for col in (7, 9):
            for n, line in enumerate(r[col].split("\n"), 1):
                if not line.startswith(f"{n}. "): errors.append(f"{name}: row {r[0]} col {hdr[col]} line {n}: {line[:20]!r}")
        if r[3].count("\n") != r[7].count("\n") or r[5].count("\n") != r[9].count("\n") or r[4].count("\n") != r[8].count("\n"):
            errors.append(f"{name}: row {r[0]}: Thai and English line counts differ")
        print(f"  {r[0]} [{r[1]}] approach {r[3].count(chr(10))+1} lines, steps {r[5].count(chr(10))+1}, responsible {r[4].count(chr(10))+1}")
    if covered != set(range(1, 11)): errors.append(f"{name}: covers {sorted(covered)}")
    if keep == 0: errors.append(f"{name}: no row to keep a score (purpose keep)")
    print(f"{name}: {len(rows) - 1} rows ({keep} to keep a score), improvement rows cover {sorted(covered)}")

# the wide copy must hold exactly what the long file holds
if have("bangkok_districts_synthetic.csv") and have("bangkok_districts_synthetic_wide.csv"):
    lng = {}
    for r in read("bangkok_districts_synthetic.csv")[1:]:
        lng[(r[0], r[3], r[4])] = r[5]
    wide = {}
    rows = read("bangkok_districts_synthetic_wide.csv")
    hdr = rows[0]
    if hdr != ["unit_code", "unit", "group", "year"] + [str(i) for i in range(1, 11)] + ["overall"]:
        errors.append(f"wide: header {hdr}")
    for r in rows[1:]:
        for k, v in zip(hdr[4:], r[4:]):
            if v != "":
                wide[(r[0], r[3], k)] = v
    print(f"bangkok_districts_synthetic_wide.csv: {len(rows) - 1} rows, same scores as long: {wide == lng}")
    if wide != lng:
        errors.append("wide and long district files differ")

for e in errors: print("ERROR", e)
sys.exit(1 if errors else 0)
