import re, subprocess, sys
# The longest level word must end at least two paddings clear of the rule:
# pdftotext's boxes of Thai words understate the ink of their last marks.
# The level column's right padding, from the PDF alone: the score column is
# right-aligned (its text ends one padding before the level column's left
# edge, the level text starts one padding after it) and the header "ระดับ"
# is centred in the level column, which gives its right edge.
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
words = [(float(a), float(b), float(c), w) for a, b, c, w in
         re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', xml)]
head = [w for w in words if w[3] in ("ระดับ", "Level")][0]
centre = (head[0] + head[2]) / 2
worst = None
for i, w in enumerate(words):
    if w[3] in ("ต้องปรับปรุง", "Needs"):
        score = words[i - 1]
        pad = (w[0] - score[2]) / 2
        left = score[2] + pad
        gap = 2 * centre - left - max(x[2] for x in words if x[1] == w[1] and x[0] >= w[0] and x[0] < 2 * centre - left)
        worst = gap - 2 * pad if worst is None else min(worst, gap - 2 * pad)
print("%.2f" % worst)
sys.exit(0 if worst is not None and worst >= 0 else 1)
