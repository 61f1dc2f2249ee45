#!/usr/bin/python3
"""The Python analyst's report that itakit is measured against (csv +
matplotlib + WeasyPrint): one unit's improvement-measure document with the
same parts as `itakit report` (background, the result with three charts, the
indicator table, the paragraph of indicators below 85, the measures table
from the catalog), typeset from HTML by WeasyPrint in Laksaman. Not part of
itakit: bench/run times it beside `itakit report`.
usage: peer_report.py SCORES.csv MEASURES.csv UNIT YEAR OUT.pdf"""
import base64
import csv
import html
import io
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from weasyprint import HTML  # noqa: E402

NAMES = ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ",
         "การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร",
         "การปรับปรุงการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"]
TOOLS = {"IIT": range(0, 5), "EIT": range(5, 8), "OIT": range(8, 10)}
W = {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
plt.rcParams["font.family"] = "Laksaman"


def figure(draw):
    fig, ax = plt.subplots(figsize=(6.3, 3.6))
    draw(ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    return '<img src="data:image/svg+xml;base64,%s">' % base64.b64encode(buf.getvalue()).decode()


def main(scores_csv, measures_csv, unit, year, out):
    year = int(year)
    ind, overall = {}, {}
    with open(scores_csv, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["unit"] != unit:
                continue
            y = int(r["year"])
            if r["indicator"] == "overall":
                overall[y] = float(r["score"])
            else:
                ind.setdefault(y, [None] * 10)[int(r["indicator"]) - 1] = float(r["score"])
    s = ind[year]
    tools = {t: sum(s[i] for i in ix) / len(ix) for t, ix in TOOLS.items()}
    overall[year] = round(sum(W[t] * v for t, v in tools.items()), 2)
    flagged = sorted((i for i in range(10) if s[i] < 85), key=lambda i: -s[i])
    with open(measures_csv, newline="", encoding="utf-8-sig") as f:
        measures = list(csv.DictReader(f))
    years = sorted(overall)
    charts = [
        figure(lambda ax: (ax.plot(years, [overall[y] for y in years], marker="o"),
                           ax.axhline(85, ls="--"), ax.set_title("คะแนนภาพรวม"))),
        figure(lambda ax: (ax.bar(list(tools), list(tools.values())), ax.axhline(85, ls="--"),
                           ax.set_title("คะแนนรายเครื่องมือ"))),
        figure(lambda ax: (ax.barh(NAMES, s), ax.axvline(85, ls="--"),
                           ax.set_title("คะแนนรายตัวชี้วัด"))),
    ]
    rows = "".join("<tr><td>%d</td><td>%s</td><td>%.2f</td></tr>" % (i + 1, NAMES[i], s[i])
                   for i in range(10))
    below = " ".join("%s (%.2f คะแนน)" % (NAMES[i], s[i]) for i in flagged)
    mrows = "".join("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % tuple(
        html.escape(m[k]).replace("\n", "<br>") for k in ("issue", "approach", "responsible", "steps"))
        for m in measures)
    background = ("การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                  "เป็นเครื่องมือที่ช่วยให้หน่วยงานรู้จุดแข็งและจุดที่ต้องพัฒนา ") * 12
    doc = f"""<html><head><meta charset="utf-8"><style>
    @page {{ size: A4; margin: 2.5cm 2cm 2cm 3cm; @bottom-center {{ content: counter(page); }} }}
    body {{ font-family: Laksaman; font-size: 16pt; text-align: justify; }}
    table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #000; padding: 2pt; }}
    thead {{ display: table-header-group; }} img {{ width: 100%; }}</style></head><body>
    <h1>มาตรการส่งเสริมคุณธรรมและความโปร่งใสของ{html.escape(unit)}</h1>
    <h2>๑. ความเป็นมา</h2><p>{background}</p><p>{background}</p>
    <h2>๒. ผลการประเมิน ประจำปีงบประมาณ พ.ศ. {year}</h2>
    <p>คะแนนภาพรวม {overall[year]:.2f} คะแนน</p>{"".join(charts)}
    <table><thead><tr><th>ตัวชี้วัดที่</th><th>รายละเอียดตัวชี้วัด</th><th>คะแนน</th></tr></thead>{rows}</table>
    <p>ตัวชี้วัดที่ต่ำกว่า ๘๕ คะแนน ได้แก่ {below}</p>
    <h2>๓. มาตรการ</h2><table><thead><tr><th>ประเด็น</th><th>วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ</th>
    <th>ผู้รับผิดชอบ</th><th>ขั้นตอนหรือวิธีปฏิบัติ</th></tr></thead>{mrows}</table></body></html>"""
    HTML(string=doc).write_pdf(out)


if __name__ == "__main__":
    main(*sys.argv[1:6])
