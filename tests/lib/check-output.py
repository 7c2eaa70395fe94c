#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check every byte of an osshealth output for its sink (tests only).

Usage: check-output.py KIND FILE...   KIND: term json csv html xml
  term  UTF-8; no C0 control but newline and TAB, no DEL, no C1
        control, no bidirectional override
  json  UTF-8 (strict) and valid JSON
  csv   UTF-8 and RFC 4180; no cell but a number starts with = + - @
        TAB or CR, no control character but newline and TAB in a cell
  html  UTF-8; no C0 control but newline, TAB and CR
  xml   well-formed XML (which implies UTF-8 here)
Prints one line per problem and exits 1 if there was any.
"""
import csv
import io
import json
import re
import sys
import xml.dom.minidom

BAD_TERM = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BAD_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BAD_CELL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def check(kind, path):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        return ["%s: not UTF-8: %s" % (path, e)]
    if kind == "term":
        m = BAD_TERM.search(text)
        return ["%s: control character %r at %d" % (path, m.group(), m.start())] if m else []
    if kind == "json":
        try:
            json.loads(text)
        except ValueError as e:
            return ["%s: not JSON: %s" % (path, e)]
        return []
    if kind == "html":
        m = BAD_HTML.search(text)
        return ["%s: control character %r at %d" % (path, m.group(), m.start())] if m else []
    if kind == "xml":
        try:
            xml.dom.minidom.parseString(data)
        except Exception as e:  # expat's errors have no common base
            return ["%s: not XML: %s" % (path, e)]
        return []
    if kind == "csv":
        out = []
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                if (cell[:1] in ("=", "+", "-", "@", "\t", "\r")
                        and not NUMBER.fullmatch(cell)):
                    out.append("%s: cell starts a formula: %r" % (path, cell[:40]))
                if BAD_CELL.search(cell):
                    out.append("%s: control character in cell %r" % (path, cell[:40]))
        return out
    return ["unknown kind " + kind]


def main():
    problems = []
    for path in sys.argv[2:]:
        problems += check(sys.argv[1], path)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
