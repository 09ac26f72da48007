"""Spreadsheet writers for import tests: real .xlsx (openpyxl) and .csv files."""

import csv

from openpyxl import Workbook


def write_xlsx(path, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path, header, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ORG_HEADER = ["external_id", "name", "country", "type", "city", "sectors", "name_zh"]


def org_rows(n, start=0):
    return [
        [
            f"ORG-{i}",
            f"Imported Enterprise {i}",
            "ES" if i % 2 else "CN",
            "enterprise",
            "Barcelona",
            "",
            "",
        ]
        for i in range(start, start + n)
    ]
