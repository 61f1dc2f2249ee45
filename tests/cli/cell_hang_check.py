#!/usr/bin/env python3
"""Hanging list markers in the table cells of a PDF, read back with
pdftotext -bbox-layout: below each line that starts with a marker ("๑." and
its text), the next line of the same column (within two lines' height)
starts either with a marker again or where the text after the marker
started, not under the marker.

usage: cell_hang_check.py FILE.pdf
Prints "hanging N flat M": the wrapped lines that align with the text after
their marker and those that do not."""
import re
import subprocess
import sys

html = subprocess.run(["pdftotext", "-bbox-layout", sys.argv[1], "-"], capture_output=True, text=True).stdout
marker = re.compile(r"^[๐-๙0-9]{1,3}\.$")
hang = flat = 0
for page in re.findall(r"<page .*?</page>", html, re.S):
    lines = []
    for y, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
        words = [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', body)]
        if words:
            lines.append((float(y), words))
    # numbered headings and paragraphs start at the left margin: not cells
    margin = min((l[1][0][0] for l in lines), default=0)
    for y, words in lines:
        if not (marker.match(words[0][1]) and len(words) > 1 and words[0][0] > margin + 1):
            continue
        mx, tx = words[0][0], words[1][0]
        below = [(y2, w2) for y2, w2 in lines
                 if y + 1 < y2 < y + 30 and mx - 1 <= w2[0][0] <= tx + 1]
        if not below:
            continue
        y2, w2 = min(below)
        if marker.match(w2[0][1]):
            continue
        if abs(w2[0][0] - tx) <= 1:
            hang += 1
        else:
            flat += 1
print("hanging %d flat %d" % (hang, flat))
