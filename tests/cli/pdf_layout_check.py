#!/usr/bin/env python3
"""Measures two things a reviewing officer sees at a glance in itakit's PDFs,
from the PDF alone (pdftotext -bbox-layout), independently of the layout
engine that made them:

  underfull   pages other than a document's last whose text ends above
              MIN_FILL of the text area (the area between the top and bottom
              margins of an A4 page as the document layer sets them);
  split       line ends that cut a keep-together word (the word list),
              a unit name, or separate a number from its unit ("๘๒.๘๘ |
              คะแนน", "ตัวชี้วัดที่ | ๘", "พ.ศ. | ๒๕๖๖", "ร้อยละ | ๙๕"),
              and English words cut inside ("Communicatio-|n"); a table
              header repeated on several pages is not joined to the row
              under it.

usage: pdf_layout_check.py [--words FILE] [--units FILE] [--min-fill F]
                           [--verbose] FILE.pdf...
Prints one line per problem and a summary "underfull N split M"; exits 1
when either count is not zero."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PT_PER_CM = 72.0 / 2.54
PAGE_H = 841.89
TOP = 2.5 * PT_PER_CM           # the document layer's top margin
BOTTOM = PAGE_H - 2.0 * PT_PER_CM  # and its bottom one

DIGIT = "[0-9๐-๙]"
NUMBER = DIGIT + "+(?:[.,]" + DIGIT + "+)*"
# a whole number that is not a year (a year is followed by what it dates)
COUNT = "(?<![0-9๐-๙.,])(?<!พ.ศ. )(?<!ค.ศ. )" + NUMBER
# A number and what it counts, as the reports write them (the space is the
# place a line must not end).
UNIT_WORDS = ["คะแนน", "หน่วยงาน", "ตัวชี้วัด", "ประเด็น", "ชุด", "รอบ", "เดือน", "แห่ง",
              "อันดับแรก", "อันดับสุดท้าย", "ขั้นตอน", "ปี", "ข้อ", "ครั้ง"]
PATTERNS = [
    re.compile(COUNT + " (?:" + "|".join(UNIT_WORDS) + ")"),
    re.compile("(?:ตัวชี้วัดที่|ลำดับที่|ตารางที่|แผนภูมิที่|ข้อ|ร้อยละ|พ.ศ.|ค.ศ.|วันที่|รอบ) " + NUMBER),
    re.compile(COUNT + " (?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|"
               "สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม)"),
    re.compile("(?:indicators?|Table|Figure|item) " + NUMBER),
]
LATIN = re.compile("^[A-Za-z]+$")
NS = "{http://www.w3.org/1999/xhtml}"


def read_list(path):
    words = []
    if not path:
        return words
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                words.append(line)
    return words


def pages_of(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    root = ET.fromstring(xml)
    for page in root.iter(NS + "page"):
        # pdftotext makes each Thai line a block of its own (their boxes
        # overlap): a text flow is the unit, and in it a line follows
        # another when it starts one line lower and overlaps it across.
        blocks = []
        for flow in page.iter(NS + "flow"):
            lines = []
            for line in flow.iter(NS + "line"):
                words = [w.text or "" for w in line.iter(NS + "word")]
                lines.append((float(line.get("yMin")), float(line.get("yMax")),
                              float(line.get("xMin")), float(line.get("xMax")), words))
            blocks.append(lines)
        yield blocks


def crosses(pattern_or_word, joined, cut):
    """Whether an occurrence in joined spans position cut."""
    if isinstance(pattern_or_word, str):
        start = joined.find(pattern_or_word)
        while start >= 0:
            if start < cut < start + len(pattern_or_word):
                return pattern_or_word
            start = joined.find(pattern_or_word, start + 1)
        return None
    for m in pattern_or_word.finditer(joined):
        if m.start() < cut < m.end():
            return m.group(0)
    return None


def main(argv):
    words, units, min_fill, verbose, pdfs = [], [], 0.55, False, []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--words":
            words += read_list(argv[i + 1]); i += 2
        elif a == "--units":
            units += read_list(argv[i + 1]); i += 2
        elif a == "--min-fill":
            min_fill = float(argv[i + 1]); i += 2
        elif a == "--verbose":
            verbose = True; i += 1
        else:
            pdfs.append(a); i += 1
    terms = sorted(set(words + units), key=len, reverse=True)
    docs = {pdf: list(pages_of(pdf)) for pdf in pdfs}
    # English words seen whole (not at a line's edge) anywhere: the
    # vocabulary that tells "Communicatio|n" from "the|assessment".
    vocab = set()
    for pages in docs.values():
        for blocks in pages:
            for lines in blocks:
                for _, _, _, _, ws in lines:
                    for w in ws[1:-1]:
                        w = w.strip(".,;:()")
                        if LATIN.match(w):
                            vocab.add(w.lower())
    underfull = split = 0
    for pdf, pages in docs.items():
        # A table's header repeats on every page the table runs over: a
        # line seen at the same place on two pages or more is such a
        # header (its last line is not continued by the row under it).
        seen = {}
        for n, blocks in enumerate(pages, 1):
            for lines in blocks:
                for _, _, x0, _, ws in lines:
                    seen.setdefault((round(x0), " ".join(ws)), set()).add(n)
        repeated = {k for k, v in seen.items() if len(v) > 1}
        for n, blocks in enumerate(pages, 1):
            bottom = max((y1 for lines in blocks for y0, y1, _, _, _ in lines
                          if y0 >= TOP - 4 and y0 < BOTTOM), default=TOP)
            fill = (bottom - TOP) / (BOTTOM - TOP)
            if verbose:
                print(f"{pdf} p{n}: {fill:.0%} full")
            if n < len(pages) and fill < min_fill:
                underfull += 1
                print(f"{pdf}: page {n} of {len(pages)} is {fill:.0%} full")
            for lines in blocks:
                for (ay0, ay1, ax0, ax1, a), (by0, by1, bx0, bx1, b) in zip(lines, lines[1:]):
                    h = ay1 - ay0
                    if not a or not b or not (0.4 * h < by0 - ay0 < 1.6 * h) or \
                            bx0 > ax1 or bx1 < ax0 or (round(ax0), " ".join(a)) in repeated:
                        continue
                    left, right = " ".join(a), " ".join(b)
                    hit = None
                    for glue in ("", " "):
                        joined = left[-60:] + glue + right[:60]
                        cut = len(left[-60:])
                        for t in terms:
                            if glue == "" and " " in t:
                                continue
                            hit = crosses(t, joined, cut) or hit
                            if hit:
                                break
                        if not hit and glue == " ":
                            for p in PATTERNS:
                                hit = crosses(p, joined, cut)
                                if hit:
                                    break
                        if hit:
                            break
                    x, y = a[-1].rstrip("-"), b[0].rstrip(".,;:)")
                    if not hit and LATIN.match(x) and LATIN.match(y) and \
                            (x + y).lower() in vocab and \
                            (x.lower() not in vocab or y.lower() not in vocab or a[-1].endswith("-")):
                        hit = x + y
                    if hit:
                        split += 1
                        print(f"{pdf}: page {n}: \"{left[-20:]} | {right[:20]}\" splits \"{hit}\"")
    print(f"underfull {underfull} split {split}")
    return 1 if underfull or split else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
