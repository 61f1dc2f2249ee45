#!/usr/bin/python3
"""Checks that two JSON files hold the same content (keys in the same order,
the same strings, booleans and nulls, numbers equal to 1e-6): the peer's
analysis against itakit's, so that the two are timed on the same work.
Prints the differences by field, at most 20, and exits 1 if there are any.
usage: same_content.py A.json B.json"""
import collections
import json
import sys


def main(a_path, b_path):
    with open(a_path, encoding="utf-8") as f:
        a = json.load(f)
    with open(b_path, encoding="utf-8") as f:
        b = json.load(f)
    diffs, example = collections.Counter(), {}

    def differ(path, x, y):
        diffs[path] += 1
        example.setdefault(path, (x, y))

    def walk(x, y, path):
        if isinstance(x, dict) and isinstance(y, dict):
            if list(x) != list(y):
                differ(path + " (keys)", list(x), list(y))
            for k in x.keys() & y.keys():
                walk(x[k], y[k], path + "." + k)
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                differ(path + " (length)", len(x), len(y))
            for p, q in zip(x, y):
                walk(p, q, path + "[]")
        elif isinstance(x, (int, float)) and isinstance(y, (int, float)) \
                and not isinstance(x, bool) and not isinstance(y, bool):
            if abs(x - y) > 1e-6:
                differ(path, x, y)
        elif x != y:
            differ(path, x, y)

    walk(a, b, "")
    for path, count in diffs.most_common(20):
        print(f"{count} differ at {path}, e.g. {example[path][0]!r} and {example[path][1]!r}")
    print("same content" if not diffs else f"{sum(diffs.values())} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
