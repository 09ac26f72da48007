"""The pure reading and checking of spreadsheets (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from digibridge.reports import importing
from tests.reports.factories import ORG_HEADER, org_rows, write_csv, write_xlsx


def check(path, kind="organisations", context=None):
    header, rows = importing.read_table(path)
    return importing.validate(kind, header, rows, context=context)


@pytest.mark.parametrize("writer", [write_xlsx, write_csv])
def test_valid_file_gives_clean_records(tmp_path, writer):
    path = writer(
        tmp_path / ("orgs.xlsx" if writer is write_xlsx else "orgs.csv"),
        ["External ID", "Name", "Country", "Sectors"],
        [
            ["A1", " Hangyun Robotics ", "China", "smart-logistics; ai"],
            ["A2", "Almacenes Llobregat", "es", ""],
        ],
    )
    report = check(path)
    assert report.ok, [str(e) for e in report.errors]
    assert report.records[0]["name"] == "Hangyun Robotics"
    assert report.records[0]["country"] == "CN"
    assert report.records[0]["sectors"] == ["smart-logistics", "ai"]
    assert report.records[1]["country"] == "ES"
    assert report.records[1]["_row"] == 3


def test_wrong_columns_reported_on_header_row(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", ["id", "name", "pais"], [["1", "A", "ES"]])
    report = check(path)
    messages = [str(e) for e in report.errors]
    assert not report.records
    assert any("Row 1" in m and "“id”" in m and "Unknown column" in m for m in messages)
    assert any("“external_id”" in m and "missing" in m for m in messages)
    assert any("“country”" in m and "missing" in m for m in messages)


def test_bad_row_in_the_middle_every_error_reported(tmp_path):
    rows = org_rows(5)
    rows[2] = ["ORG-2", "", "Atlantis", "spaceship", "Barcelona", "", ""]
    rows[4][0] = "ORG-1"  # duplicate id
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, rows)
    report = check(path, context=importing.ImportContext(sectors=frozenset({"ai"})))
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(4, "name"), (4, "country"), (4, "type"), (6, "external_id")}
    text = " | ".join(str(e) for e in report.errors)
    assert "Unknown country “Atlantis”" in text
    assert "already used on row 3" in text


def test_unknown_sector_reported(tmp_path):
    rows = org_rows(1)
    rows[0][5] = "warp-drives"
    report = check(
        write_csv(tmp_path / "o.csv", ORG_HEADER, rows),
        context=importing.ImportContext(sectors=frozenset({"ai"})),
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "sectors")]


def test_dates_numbers_and_references_in_opportunities(tmp_path):
    header = [
        "external_id",
        "owner",
        "kind",
        "category",
        "title",
        "description",
        "deadline",
        "budget_min",
        "budget_max",
        "target_countries",
    ]
    rows = [
        [
            "O1",
            "ORG-1",
            "offer",
            "technology",
            "Forklifts",
            "AGVs",
            dt.date(2025, 6, 30),
            1000,
            2000,
            "ES, DE",
        ],
        [
            "O2",
            "ORG-1",
            "request",
            "commercial",
            "Cold chain",
            "Reefers",
            "31/12/2025",
            "1250,50",
            "",
            "",
        ],
        ["O3", "NOPE", "offer", "technology", "T", "D", "next week", "-5", "abc", "XX"],
        ["O4", "ORG-1", "offer", "technology", "T", "D", "", "500", "100", ""],
    ]
    path = write_xlsx(tmp_path / "opps.xlsx", header, rows)
    context = importing.ImportContext(organisations=frozenset({"ORG-1"}))
    report = check(path, "opportunities", context)
    assert report.records[0]["deadline"] == dt.date(2025, 6, 30)
    assert report.records[0]["target_countries"] == ["ES", "DE"]
    assert report.records[1]["deadline"] == dt.date(2025, 12, 31)
    assert report.records[1]["budget_min"] == Decimal("1250.50")
    errors = {(e.row, e.column) for e in report.errors}
    assert errors == {
        (4, "owner"),
        (4, "deadline"),
        (4, "budget_min"),
        (4, "budget_max"),
        (4, "target_countries"),
        (5, "budget_max"),
    }


def test_agreement_parties_and_signing_checked(tmp_path):
    header = ["external_id", "kind", "title", "parties", "status", "signed_on", "value"]
    rows = [
        [
            "AG1",
            "mou",
            "Port MoU",
            "ORG-1:signatory; ORG-2:signatory",
            "signed",
            "2025-03-04",
            "100000",
        ],
        ["AG2", "mou", "Lonely", "ORG-1", "proposed", "", ""],
        ["AG3", "mou", "Unsigned", "ORG-1; ORG-2:witness", "signed", "", ""],
        ["AG4", "mou", "Role", "ORG-1:boss; ORG-2", "proposed", "", ""],
    ]
    context = importing.ImportContext(organisations=frozenset({"ORG-1", "ORG-2"}))
    report = check(write_csv(tmp_path / "a.csv", header, rows), "agreements", context)
    assert report.records[0]["parties"] == [("ORG-1", "signatory"), ("ORG-2", "signatory")]
    errors = {(e.row, e.column) for e in report.errors}
    assert errors == {(3, "parties"), (4, "parties"), (4, "signed_on"), (5, "parties")}


def test_semicolon_csv_and_bom_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffexternal_id;name;country\nX1;Café Núria;ES\n".encode())
    report = check(path)
    assert report.ok and report.records[0]["name"] == "Café Núria"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.xlsx", b"not a zip"),
        ("x.csv", b""),
        ("x.csv", "a,b\n".encode("utf-16")),
        ("x.txt", b"a,b"),
    ],
)
def test_unreadable_files_raise_a_clear_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(importing.ImportFileError):
        header, rows = importing.read_table(path)
        list(rows)


def test_header_without_rows_is_an_error(tmp_path):
    report = check(write_csv(tmp_path / "o.csv", ORG_HEADER, []))
    assert not report.ok


def test_blank_lines_skipped(tmp_path):
    rows = [*org_rows(1), ["", "", "", "", "", "", ""], *org_rows(1, start=1)]
    report = check(write_xlsx(tmp_path / "o.xlsx", ORG_HEADER, rows))
    assert report.ok and report.rows_read == 2


def test_messages_are_translated(tmp_path):
    from django.utils import translation

    rows = org_rows(1)
    rows[0][2] = "Atlantis"
    with translation.override("es"):
        report = check(write_csv(tmp_path / "o.csv", ORG_HEADER, rows))
        text = str(report.errors[0])
    assert "Atlantis" in text and "2" in text
