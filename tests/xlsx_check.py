#!/usr/bin/env python3
"""Reads a portal workbook back with openpyxl (a reader no one here wrote) and checks it against
the CSV of the same rows: cell types, values, leading zeros, the frozen bold header, the
autofilter, the sheet name and the document properties.

  xlsx_check.py WORKBOOK CSV --sheet NAME --code CUSTOMER_CODE --as-of YYYY-MM-DD
  xlsx_check.py --same A.xlsx B.xlsx     (two workbooks hold the same cells)
  xlsx_check.py --samples DIR            (the engine's sample files, see engine/csv_sample.cpp)
Exits 1 with the first differences printed."""
import csv
import re
import datetime
import io
import sys
import zipfile

import openpyxl

# Headers whose cells are numbers, dates or durations; every other column must be text.
NUMBER_HEADERS = {"No", "チャンネル", "通話回数", "通話料金(円)"}
DATE_HEADERS = {"サービス開始日", "サービス終了日"}
DATETIME_HEADERS = {"通話開始日時"}
DURATION_HEADERS = {"通話時間"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


def csv_rows(data):
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_text(cell):
    # The CSV's formula neutralising (a leading apostrophe) is not part of the value.
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def xstring(value):
    # ECMA-376 ST_Xstring: a control character is stored as _xHHHH_, which Excel decodes; openpyxl
    # 3.0 decodes it in shared strings only, not in the inline strings of a streamed sheet.
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def duration_text(value):
    if isinstance(value, datetime.timedelta):
        seconds = round(value.total_seconds())
    elif isinstance(value, datetime.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    elif isinstance(value, datetime.datetime):
        seconds = round((value - EXCEL_EPOCH).total_seconds())
    else:
        seconds = round(float(value) * 86400)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def check_cell(header, cell, expected, where, errors):
    value = cell.value
    if expected == "":
        if value not in (None, ""):
            errors.append(f"{where}: expected no value, found {value!r}")
        return
    if header in NUMBER_HEADERS:
        ok = cell.data_type == "n" and isinstance(value, (int, float)) and value == int(expected)
        if header in ("通話料金(円)", "通話回数") and cell.number_format != "#,##0":
            errors.append(f"{where}: number format {cell.number_format!r}, expected #,##0")
    elif header in DATE_HEADERS:
        ok = cell.is_date and cell.number_format == "yyyy/mm/dd" and value.strftime("%Y/%m/%d") == expected
    elif header in DATETIME_HEADERS:
        ok = cell.is_date and value.strftime("%Y/%m/%d %H:%M:%S") == expected
    elif header in DURATION_HEADERS:
        ok = cell.number_format == "[h]:mm:ss" and duration_text(value) == expected
    else:
        ok = cell.data_type == "s" and isinstance(value, str) and xstring(value) == csv_text(expected)
        if ok and expected[:1] == "0" and not value.startswith("0"):
            ok = False
    if not ok:
        errors.append(f"{where} ({header}): {value!r} [{cell.data_type}, {cell.number_format}] "
                      f"does not match the CSV's {expected!r}")


def check_workbook(xlsx_bytes, csv_data, sheet, code, as_of):
    errors = []
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    if book.sheetnames != [sheet]:
        errors.append(f"sheets {book.sheetnames}, expected [{sheet!r}]")
    ws = book.worksheets[0]
    rows = csv_rows(csv_data)
    headers = rows[0]
    if ws.max_row != len(rows) and not (len(rows) == 1 and ws.max_row == 1):
        errors.append(f"{ws.max_row} rows, the CSV has {len(rows)}")
    if ws.freeze_panes != "A2":
        errors.append(f"frozen at {ws.freeze_panes!r}, expected A2 (the header row)")
    last_column = openpyxl.utils.get_column_letter(len(headers))
    if ws.auto_filter.ref != f"A1:{last_column}{len(rows)}":
        errors.append(f"autofilter {ws.auto_filter.ref!r}, expected A1:{last_column}{len(rows)}")
    for c, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=c)
        if cell.value != header or not cell.font.b:
            errors.append(f"header {c}: {cell.value!r} bold={cell.font.b}, expected bold {header!r}")
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        if not width or width < len(header):
            errors.append(f"column {header}: width {width} narrower than its header")
    for r, expected_row in enumerate(rows[1:], start=2):
        for c, header in enumerate(headers, start=1):
            check_cell(header, ws.cell(row=r, column=c), expected_row[c - 1], f"row {r} column {c}", errors)
            if len(errors) > 20:
                return errors
    props = book.properties
    as_of_text = as_of.replace("-", "/")
    if props.title != sheet.split(" ")[0] and props.title != sheet:
        errors.append(f"title {props.title!r}")
    if code not in (props.subject or "") or as_of_text not in (props.subject or "") or props.keywords != code:
        errors.append(f"properties subject={props.subject!r} keywords={props.keywords!r}, "
                      f"expected the customer code {code} and {as_of_text}")
    custom = zipfile.ZipFile(io.BytesIO(xlsx_bytes)).read("docProps/custom.xml").decode("utf-8")
    if code not in custom or as_of + "T00:00:00Z" not in custom:
        errors.append("custom properties lack the customer code or the as-of date")
    return errors


def cells(xlsx_bytes):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    return [(ws.title, [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()])
            for ws in book.worksheets]


def same_cells(a, b):
    return [] if cells(a) == cells(b) else ["the two workbooks hold different cells"]


SAMPLES = [("lines_standard.xlsx", "lines_standard_utf8.csv", "回線一覧"),
           ("lines_basic.xlsx", "lines_basic_utf8.csv", "回線一覧"),
           ("usage.xlsx", "usage.csv", "ご利用状況 2026-10"),
           ("calls.xlsx", "calls.csv", "明細 05058202003")]


def main(argv):
    def read(path):
        with open(path, "rb") as f:
            return f.read()
    if argv[:1] == ["--same"]:
        errors = same_cells(read(argv[1]), read(argv[2]))
    elif argv[:1] == ["--samples"]:
        errors = []
        for xlsx, csv_name, sheet in SAMPLES:
            found = check_workbook(read(f"{argv[1]}/{xlsx}"), read(f"{argv[1]}/{csv_name}"), sheet,
                                   "C0012345", "2026-10-03")
            errors += [f"{xlsx}: {e}" for e in found]
            print(f"{xlsx}: {'ok' if not found else 'FAILED'}")
    else:
        args = dict(zip(argv[2::2], argv[3::2]))
        errors = check_workbook(read(argv[0]), read(argv[1]), args["--sheet"], args["--code"], args["--as-of"])
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
