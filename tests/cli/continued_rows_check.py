#!/usr/bin/env python3
"""Rows split across pages, read back from a PDF with pdftotext: the first
cell of a row that continues on a page says so ("(ต่อ)", or "(cont.)" in
English), exactly on the pages after one that ends a row with "(มีต่อหน้า
ถัดไป)" ("(continued on the next page)"), as many times as rows were split,
and nowhere else (the table caption's "ตารางที่ ๓ (ต่อ)" is not a row's
mark). The words before its "…" are the start of a first cell on the page
before, where the row began.

usage: continued_rows_check.py FILE.pdf th|en
Prints the number of continued rows; exits 1 with the reason otherwise."""
import re
import subprocess
import sys

path, lang = sys.argv[1], sys.argv[2]
split_word = "(continued on the next page)" if lang == "en" else "(มีต่อหน้าถัดไป)"
word = "(cont.)" if lang == "en" else "(ต่อ)"
caption = re.compile(r"ตารางที่ [๐-๙0-9]+ \(ต่อ\)")
THAI = "\u0e01-\u0e4e"


def page_text(p, layout):
    args = ["pdftotext", "-f", str(p), "-l", str(p)] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def first_column(layout):
    """The text at the left edge of each line, up to a gap between columns."""
    return "\n".join(m.group(1) for m in re.finditer(r"^ {0,3}(\S.*?)(?:  |$)", layout, re.M))


def flat(text):
    """One line: a line break inside Thai text joins without a space."""
    text = re.sub(r"([%s])[ \n]*\n[ \n]*(?=[%s])" % (THAI, THAI), r"\1", text)
    return re.sub(r"\s+", " ", text)


info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
texts = [None] + [page_text(p, False) for p in range(1, pages + 1)]
layouts = [None] + [page_text(p, True) for p in range(1, pages + 1)]
total = 0
for p in range(1, pages + 1):
    want = texts[p - 1].count(split_word) if p > 1 else 0
    got = texts[p].count(word) - len(caption.findall(texts[p]))
    if got != want:
        sys.exit("page %d: %d continued-row marks, but %d rows split at the foot of page %d" % (p, got, want, p - 1))
    # a mark's head: from the start of a line to its "…", then the word or
    # the end of the first column
    heads = re.findall(r"^ *([^\s\u2026][^\n\u2026]*?)\u2026(?= %s|  |$)" % re.escape(word), layouts[p], re.M)
    if len(heads) > want:
        sys.exit("page %d: %d '…' marks for %d continued rows" % (p, len(heads), want))
    for head in heads:
        if flat(head) not in flat(first_column(layouts[p - 1])):
            sys.exit("page %d: mark '%s…' is not the start of a row on page %d" % (p, head, p - 1))
    total += got
print(total)
