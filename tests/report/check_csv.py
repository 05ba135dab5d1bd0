#!/usr/bin/env python3
"""The Excel-style CSV (--csv-style excel-fr) read back with Python's csv module, against the same
file in the standard style: a UTF-8 byte order mark, ';' between fields, CRLF line ends, the same
header and rows, numbers with a decimal comma, accents intact. Standard library only.

    check_csv.py EXCEL_FR.csv STANDARD.csv

Exit 1 at the first difference."""

import csv
import io
import re
import sys

excel_path, standard_path = sys.argv[1:3]
raw = open(excel_path, "rb").read()
if not raw.startswith(b"\xef\xbb\xbf"):
    sys.exit(f"not ok - {excel_path}: no UTF-8 byte order mark")
if raw.count(b"\n") != raw.count(b"\r\n"):
    sys.exit(f"not ok - {excel_path}: line ends are not all CRLF")
excel = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
standard = list(csv.reader(open(standard_path, encoding="utf-8", newline=""), delimiter=","))
if excel[0] != standard[0]:
    sys.exit(f"not ok - headers differ: {excel[0]} / {standard[0]}")
if len(excel) != len(standard):
    sys.exit(f"not ok - {len(excel)} rows in the Excel CSV, {len(standard)} in the standard one")
number = re.compile(r"^-?\d+\.\d+(e-?\d+)?$")
decimals = accents = 0
for i, (a, b) in enumerate(zip(excel, standard)):
    if len(a) != len(b):
        sys.exit(f"not ok - row {i}: {len(a)} fields, {len(b)} in the standard CSV")
    for col, x, y in zip(excel[0], a, b):
        want = y.replace(".", ",") if number.match(y) else y
        if x != want:
            sys.exit(f"not ok - row {i}, {col}: {x!r} in the Excel CSV, {y!r} in the standard one")
        decimals += 1 if number.match(y) else 0
        accents += 1 if re.search(r"[éèàçôâêîûÉ]", x) else 0
if decimals == 0:
    sys.exit("not ok - no decimal number to check")
print(f"ok - {excel_path}: BOM, ';', CRLF; {len(excel) - 1} rows as in the standard CSV, {decimals} decimal commas, {accents} fields with accents")
