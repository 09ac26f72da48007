"""Reading and checking spreadsheets of organisations, people, opportunities, agreements and
event registrations.

No database access: ``read_table`` turns an .xlsx or .csv file into a header and rows, and
``validate`` checks every row against the column specification of a kind, returning clean
records and a list of errors that name the row and the column (in the active language). What
exists already in the database (sectors, organisations to refer to) comes in through
``ImportContext``. Writing the records is ``services.import_records``' job.

Row numbers are the spreadsheet's: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

MAX_ERRORS = 1000  # a report of more errors than this helps nobody; it says how many more


class ImportFileError(Exception):
    """The file cannot be read at all (not a spreadsheet, empty, wrong encoding)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportContext:
    """What the rows may refer to: sector slugs, and organisations by external id or slug."""

    sectors: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    # Registrations: events by slug or id → event id; people by external id or e-mail (lower
    # case) → person id; e-mail addresses that more than one person shares.
    events: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    ambiguous_people: frozenset[str] = frozenset()


@dataclass
class ImportReport:
    kind: str
    records: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    errors_left_off: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))
        else:
            self.errors_left_off += 1


# --- reading -----------------------------------------------------------------------------


def _clean_header(value) -> str:
    return re.sub(r"\s+", "_", str(value or "").strip().lower())


def read_table(source, filename: str | None = None) -> tuple[list[str], Iterator[list]]:
    """Header (normalised: lower case, spaces to underscores) and an iterator over the rows.

    ``source`` is a path or a binary file object; ``filename`` decides the format when
    ``source`` has no name."""
    name = str(filename or getattr(source, "name", "") or source)
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(source)
    if suffix == ".csv":
        return _read_csv(source)
    raise ImportFileError(_("Upload an .xlsx or a .csv file."))


def _read_xlsx(source) -> tuple[list[str], Iterator[list]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(_("This is not a readable .xlsx workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration as exc:
        workbook.close()
        raise ImportFileError(_("The file is empty.")) from exc

    def body():
        try:
            for row in rows:
                yield list(row)
        finally:
            workbook.close()

    return [_clean_header(h) for h in header], body()


def _read_csv(source) -> tuple[list[str], Iterator[list]]:
    if isinstance(source, str | Path):
        raw = Path(source).read_bytes()
    else:
        raw = source.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    if "\x00" in text:
        raise ImportFileError(_("The file contains NUL characters: save it as a plain UTF-8 CSV."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the csv module see line breaks itself (CR-only files, breaks in quotes).
    reader = csv.reader(io.StringIO(text, newline=""), dialect)

    def rows() -> Iterator[list]:
        line = 1
        try:
            for line, row in enumerate(reader, start=1):  # noqa: B007 - kept for the message
                yield list(row)
        except csv.Error as exc:
            raise ImportFileError(
                _("Row %(row)s cannot be read as CSV: %(error)s") % {"row": line + 1, "error": exc}
            ) from exc

    body = rows()
    try:
        header = next(body)
    except StopIteration as exc:
        raise ImportFileError(_("The file is empty.")) from exc
    return [_clean_header(h) for h in header], body


# --- parsing single values ---------------------------------------------------------------


class CellError(ValueError):
    pass


def _text(max_length: int) -> Callable[[Any], str]:
    def parse(value) -> str:
        text = "" if value is None else str(value).strip()
        if "\x00" in text:
            raise CellError(_("Contains a NUL character."))
        if len(text) > max_length:
            raise CellError(
                _("Too long: at most %(limit)s characters, not %(length)s.")
                % {"limit": max_length, "length": len(text)}
            )
        return text

    return parse


def _choice(choices: Iterable[str], default: str = "") -> Callable[[Any], str]:
    allowed = list(choices)

    def parse(value) -> str:
        text = "" if value is None else str(value).strip().lower().replace(" ", "_")
        if not text:
            return default
        if text not in allowed:
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(allowed)}
            )
        return text

    return parse


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


@functools.cache
def _country_names() -> dict[str, str]:
    from django_countries.data import COUNTRIES

    names = {str(name).lower(): code for code, name in COUNTRIES.items()}
    names.update({"china": "CN", "uk": "GB", "united kingdom": "GB"})
    return names


def parse_country(value) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if text.upper() in _country_codes():
        return text.upper()
    code = _country_names().get(text.lower())
    if code is None:
        raise CellError(
            _("Unknown country “%(value)s”; use a two-letter code such as CN or ES.")
            % {"value": text}
        )
    return code


def _countries(value) -> list[str]:
    return [parse_country(part) for part in _split(value)]


def _split(value) -> list[str]:
    text = "" if value is None else str(value)
    return [part.strip() for part in re.split(r"[;,|]", text) if part.strip()]


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date; write it as 2025-03-04.") % {"value": text})


def parse_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if isinstance(value, str) and "," in text and "." not in text:
        text = text.replace(",", ".")  # 1250,50 as written in Spain and Catalonia
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise CellError(_("“%(value)s” is not a number.") % {"value": value}) from exc
    if not number.is_finite() or number < 0:
        raise CellError(_("Enter a number of zero or more."))
    if number >= Decimal("1e14"):
        raise CellError(_("The number is too large."))
    return number.quantize(Decimal("0.01"))


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in ("", "0", "no", "false", "n", "否", "non"):
        return False
    if text in ("1", "yes", "true", "y", "sí", "si", "是", "oui"):
        return True
    raise CellError(_("Write yes or no."))


def _email(value) -> str:
    text = _text(254)(value)
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise CellError(_("“%(value)s” is not an e-mail address.") % {"value": text})
    return text


def _url(value) -> str:
    text = _text(200)(value)
    if text and not re.match(r"https?://[^\s/]+\.[^\s]+", text):
        raise CellError(_("“%(value)s” is not a web address (https://…).") % {"value": text})
    return text


# --- column specifications ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[Any], Any]
    required: bool = False


ORGANISATION_TYPES = (
    "enterprise",
    "government",
    "association",
    "city",
    "research",
    "service_provider",
)
SIZES = ("micro", "small", "medium", "large")
CURRENCIES = ("EUR", "CNY", "USD", "GBP")


def _currency(value) -> str:
    text = "" if value is None else str(value).strip().upper()
    if not text:
        return "EUR"
    if text not in CURRENCIES:
        raise CellError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(CURRENCIES)}
        )
    return text


PARTICIPANT_TYPES = (
    "enterprise_executive",
    "government_official",
    "association",
    "service_provider",
    "media",
)
REGISTRATION_STATUSES = ("pending", "approved", "declined")


def _yes_by_default(value) -> bool:
    return True if value is None or str(value).strip() == "" else parse_bool(value)


COLUMNS: dict[str, list[Column]] = {
    "organisations": [
        Column("external_id", _text(100), required=True),
        Column("name", _text(200), required=True),
        Column("country", parse_country, required=True),
        Column("type", _choice(ORGANISATION_TYPES, "enterprise")),
        Column("city", _text(100)),
        Column("website", _url),
        Column("description", _text(10000)),
        Column("sectors", _split),
        Column("size", _choice(SIZES)),
        Column("name_zh", _text(200)),
        Column("verified", parse_bool),
    ],
    "people": [
        Column("external_id", _text(100), required=True),
        Column("organisation", _text(220), required=True),
        Column("first_name", _text(100), required=True),
        Column("last_name", _text(100), required=True),
        Column("title", _text(150)),
        Column("email", _email),
        Column("phone", _text(40)),
        Column("is_executive", parse_bool),
    ],
    "opportunities": [
        Column("external_id", _text(100), required=True),
        Column("owner", _text(220), required=True),
        Column("kind", _choice(("offer", "request")), required=True),
        Column(
            "category",
            _choice(("technology", "commercial", "investment", "partnership", "procurement")),
            required=True,
        ),
        Column("title", _text(200), required=True),
        Column("description", _text(10000), required=True),
        Column("sectors", _split),
        Column("target_countries", _countries),
        Column("budget_min", parse_decimal),
        Column("budget_max", parse_decimal),
        Column("currency", _currency),
        Column("deadline", parse_date),
        Column("status", _choice(("draft", "published"), "published")),
    ],
    "agreements": [
        Column("external_id", _text(100), required=True),
        Column(
            "kind",
            _choice(("mou", "strategic", "framework", "contract_order", "investment_jv")),
            required=True,
        ),
        Column("title", _text(200), required=True),
        Column("parties", _split, required=True),
        Column(
            "status",
            _choice(
                ("proposed", "negotiating", "signed", "in_execution", "completed", "withdrawn"),
                "proposed",
            ),
        ),
        Column("value", parse_decimal),
        Column("currency", _currency),
        Column("signed_on", parse_date),
        Column("signing_place", _text(200)),
        Column("signing_event", _text(200)),
    ],
    "registrations": [
        Column("external_id", _text(100), required=True),
        Column("event", _text(120), required=True),
        Column("person", _text(254), required=True),
        Column("organisation", _text(220)),
        Column("participant_type", _choice(PARTICIPANT_TYPES), required=True),
        Column("takes_meetings", _yes_by_default),
        Column("status", _choice(REGISTRATION_STATUSES, "approved")),
        Column("consent_listed", parse_bool),
    ],
}
KINDS = tuple(COLUMNS)


def template_headers(kind: str) -> list[str]:
    return [c.name for c in COLUMNS[kind]]


# --- validation --------------------------------------------------------------------------


def _check_header(report: ImportReport, header: list[str]) -> dict[str, int] | None:
    columns = COLUMNS[report.kind]
    known = {c.name for c in columns}
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        if name in positions:
            report.add_error(1, name, _("This column appears twice."))
        elif name not in known:
            report.add_error(
                1,
                name,
                _("Unknown column; the columns are: %(columns)s.")
                % {"columns": ", ".join(c.name for c in columns)},
            )
        positions.setdefault(name, index)
    for column in columns:
        if column.required and column.name not in positions:
            report.add_error(1, column.name, _("This required column is missing."))
    return None if report.errors else positions


def _cross_checks(report: ImportReport, row: int, record: dict, context: ImportContext) -> None:
    kind = report.kind
    if kind in ("organisations", "opportunities"):
        for slug in record.get("sectors") or []:
            if context.sectors and slug not in context.sectors:
                report.add_error(row, "sectors", _("Unknown sector “%(value)s”.") % {"value": slug})
    if kind == "people" and record.get("organisation"):
        if record["organisation"] not in context.organisations:
            report.add_error(
                row,
                "organisation",
                _("Unknown organisation “%(value)s”; import the organisations first.")
                % {"value": record["organisation"]},
            )
    if kind == "opportunities":
        if record.get("owner") and record["owner"] not in context.organisations:
            report.add_error(
                row,
                "owner",
                _("Unknown organisation “%(value)s”; import the organisations first.")
                % {"value": record["owner"]},
            )
        low, high = record.get("budget_min"), record.get("budget_max")
        if low is not None and high is not None and low > high:
            report.add_error(row, "budget_max", _("The upper end is below the lower end."))
    if kind == "agreements":
        _check_parties(report, row, record, context)
    if kind == "registrations":
        _check_registration(report, row, record, context)


def _check_registration(
    report: ImportReport, row: int, record: dict, context: ImportContext
) -> None:
    """Resolve the event and the person (``event_id``, ``person_id`` on the record)."""
    event = record.get("event")
    if event:
        record["event_id"] = context.events.get(event)
        if record["event_id"] is None:
            report.add_error(
                row, "event", _("Unknown event “%(value)s”; use its slug.") % {"value": event}
            )
    person = record.get("person")
    if person:
        key = person.lower() if "@" in person else person
        record["person_id"] = context.people.get(key)
        if key in context.ambiguous_people:
            report.add_error(
                row,
                "person",
                _("Several people share the e-mail address “%(value)s”; use an external id.")
                % {"value": person},
            )
        elif record["person_id"] is None:
            report.add_error(
                row,
                "person",
                _("Unknown person “%(value)s”; import the people first.") % {"value": person},
            )
    organisation = record.get("organisation")
    if organisation and organisation not in context.organisations:
        report.add_error(
            row,
            "organisation",
            _("Unknown organisation “%(value)s”; import the organisations first.")
            % {"value": organisation},
        )


def _check_parties(report: ImportReport, row: int, record: dict, context: ImportContext) -> None:
    """``parties`` cells look like ``org-1:signatory; org-2:signatory; chamber:witness``."""
    parties = []
    for item in record.get("parties") or []:
        ref, _sep, role = item.partition(":")
        ref, role = ref.strip(), (role.strip().lower() or "signatory")
        if role not in ("signatory", "witness", "facilitator"):
            report.add_error(row, "parties", _("Unknown party role “%(value)s”.") % {"value": role})
            continue
        if ref not in context.organisations:
            report.add_error(
                row,
                "parties",
                _("Unknown organisation “%(value)s”; import the organisations first.")
                % {"value": ref},
            )
            continue
        parties.append((ref, role))
    record["parties"] = parties
    if record.get("parties") is not None and len({ref for ref, _r in parties}) < 2:
        report.add_error(row, "parties", _("An agreement needs at least two parties."))
    signatories = sum(1 for _ref, role in parties if role == "signatory")
    if record.get("status") in ("signed", "in_execution", "completed"):
        if signatories < 2:
            report.add_error(
                row, "parties", _("A signed agreement needs at least two signatories.")
            )
        if record.get("signed_on") is None:
            report.add_error(row, "signed_on", _("A signed agreement needs its signing date."))


def validate(
    kind: str,
    header: list[str],
    rows: Iterable[list],
    *,
    context: ImportContext | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row; the report holds the clean records and every error found.

    Records carry their spreadsheet row number under ``"_row"``."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    context = context or ImportContext()
    report = ImportReport(kind=kind)
    positions = _check_header(report, header)
    if positions is None:
        return report
    columns = [c for c in COLUMNS[kind] if c.name in positions]
    seen: dict[str, int] = {}
    seen_registrations: dict[tuple[int, int], int] = {}
    for offset, values in enumerate(rows):
        row = offset + 2
        if not any(v not in (None, "") and str(v).strip() for v in values):
            continue  # blank lines between blocks are common in hand-made sheets
        report.rows_read += 1
        record: dict[str, Any] = {"_row": row}
        for column in columns:
            index = positions[column.name]
            raw = values[index] if index < len(values) else None
            try:
                value = column.parse(raw)
            except CellError as exc:
                report.add_error(row, column.name, str(exc))
                continue
            if column.required and value in ("", None, []):
                report.add_error(row, column.name, _("This value is required."))
                continue
            record[column.name] = value
        external_id = record.get("external_id")
        if external_id:
            if external_id in seen:
                report.add_error(
                    row,
                    "external_id",
                    _("Duplicate id “%(value)s”, already used on row %(first)s.")
                    % {"value": external_id, "first": seen[external_id]},
                )
            else:
                seen[external_id] = row
        _cross_checks(report, row, record, context)
        if record.get("event_id") and record.get("person_id"):
            pair = (record["event_id"], record["person_id"])
            if pair in seen_registrations:
                report.add_error(
                    row,
                    "person",
                    _("This person is registered for the event on row %(first)s already.")
                    % {"first": seen_registrations[pair]},
                )
            else:
                seen_registrations[pair] = row
        report.records.append(record)
        if progress is not None and report.rows_read % 1000 == 0:
            progress(report.rows_read)
    if report.rows_read == 0:
        report.add_error(2, "", _("The file has a header but no rows."))
    return report
