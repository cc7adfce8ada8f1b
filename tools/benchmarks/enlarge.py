#!/usr/bin/python3
"""Writes a synthetic enlargement of a JSON Lines corpus to standard output:
the same articles K times, copy k with the id suffixed "~k" and ISO dates
shifted by k weeks, so that every copy is a new article with the same text.

    enlarge.py CORPUS K        CORPUS: a directory (its *.jsonl) or one file
"""
import datetime
import pathlib
import re
import sys

ID = re.compile(r'("id"\s*:\s*")((?:[^"\\]|\\.)*)(")')
DATE = re.compile(r'("(?:published|date)"\s*:\s*")(\d{4}-\d{2}-\d{2})')


def main():
    corpus, k = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    files = sorted(corpus.rglob("*.jsonl")) if corpus.is_dir() else [corpus]
    lines = []
    for f in files:
        with open(f, encoding="utf-8", errors="surrogateescape") as fh:
            lines.extend(line.rstrip("\n") for line in fh if line.strip())
    out = sys.stdout
    for copy in range(k):
        def shift(m):
            try:
                d = datetime.date.fromisoformat(m.group(2)) + datetime.timedelta(weeks=copy)
            except ValueError:
                return m.group(0)
            return m.group(1) + d.isoformat()
        for line in lines:
            if copy:
                line = ID.sub(lambda m: m.group(1) + m.group(2) + f"~{copy}" + m.group(3), line, 1)
                line = DATE.sub(shift, line)
            out.write(line)
            out.write("\n")


if __name__ == "__main__":
    main()
