"""The event report for the bureau as a PDF (fpdf2), from ``selectors.event_report``'s data.

No database access: ``render_event_report`` takes the plain data and writes it in the active
language. Text is set in Noto Sans CJK (the Simplified Chinese face of the TrueType collection
Debian's ``fonts-noto-cjk`` installs), which covers Chinese, Spanish, Catalan and English, so
one font serves every UI language; fpdf2 embeds only the glyphs used and a ToUnicode map, so
the text stays searchable and copyable. When the font is missing the report still renders with
a built-in Latin font, says so on its first page, and shows characters it cannot draw as “?”.

Charts are horizontal bars drawn with fpdf2's rectangles: they need no charting library and
print sharply at any zoom.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

logger = logging.getLogger(__name__)
# fontTools logs every glyph of the subset it embeds at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)

DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_FONT_INDEX = 2  # Noto Sans CJK SC in the collection (0 JP, 1 KR, 2 SC, 3 TC, 4 HK)
FAMILY = "report"
INK = (33, 33, 33)
MUTED = (110, 110, 110)
ACCENT = (21, 101, 192)
PALETTE = [
    (21, 101, 192),
    (239, 108, 0),
    (46, 125, 50),
    (106, 27, 154),
    (198, 40, 40),
    (0, 131, 143),
    (93, 64, 55),
    (158, 157, 36),
]
_LATIN_STAND_INS = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "→": "->", "↔": "<->", "…": "..."}
)


def font_path() -> tuple[Path, int]:
    path = Path(getattr(settings, "DIGIBRIDGE_PDF_FONT", "") or DEFAULT_FONT)
    return path, int(getattr(settings, "DIGIBRIDGE_PDF_FONT_INDEX", DEFAULT_FONT_INDEX))


def font_available() -> bool:
    return font_path()[0].is_file()


class _Report(FPDF):
    def __init__(self, title: str, footer_text: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.footer_text = footer_text
        self.unicode = False
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        path, index = font_path()
        if path.is_file():
            try:
                self.add_font(FAMILY, fname=str(path), collection_font_number=index)
                self.unicode = True
            except Exception:  # a broken or unsupported font file: fall back, say so
                logger.exception("cannot load the PDF font %s", path)
        if not self.unicode:
            logger.warning("PDF font %s missing; the event report uses a Latin font", path)
        self.family = FAMILY if self.unicode else "helvetica"

    def clean(self, text) -> str:
        text = "" if text is None else str(text)
        if self.unicode:
            return text
        return text.translate(_LATIN_STAND_INS).encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, color=INK) -> None:
        self.set_font(self.family, size=size)
        self.set_text_color(*color)

    def footer(self) -> None:
        self.set_y(-12)
        self.font(8, MUTED)
        room = self.w - self.l_margin - self.r_margin - 30
        text = self.clean(self.footer_text)
        while text and self.get_string_width(text) > room:
            text = text[:-2] + "…" if self.unicode else text[:-4] + "..."
        self.cell(room, 5, text, align="L")
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, self.clean(page), align="R")

    # --- building blocks ---------------------------------------------------------------

    def line_of_text(self, text: str, size: float = 10, color=INK, height: float = 5.5) -> None:
        self.font(size, color)
        self.multi_cell(0, height, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(4)
        self.font(14, ACCENT)
        self.cell(0, 8, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def facts(self, rows: list[tuple[str, str]], label_width: float = 62) -> None:
        for label, value in rows:
            if self.get_y() + 11 > self.h - self.b_margin:
                self.add_page()
            top = self.get_y()
            self.font(10, MUTED)
            self.multi_cell(
                label_width - 2,
                5.5,
                self.clean(label),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            below_label = self.get_y()
            self.set_xy(self.l_margin + label_width, top)
            self.font(10)
            self.multi_cell(
                0, 5.5, self.clean(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.set_y(max(self.get_y(), below_label))

    def table(self, headers: list[str], rows: list[list[str]], widths: tuple) -> None:
        self.font(9)
        self.set_draw_color(200, 200, 200)
        self.set_fill_color(255, 255, 255)
        self.set_line_width(0.2)
        with super().table(
            cell_fill_mode="NONE",
            col_widths=widths,
            text_align="LEFT",
            line_height=5,
            headings_style=FontFace(emphasis="", color=ACCENT, fill_color=(236, 242, 250)),
            first_row_as_headings=True,
        ) as table:
            header = table.row()
            for text in headers:
                header.cell(self.clean(text))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.clean(value))
        self.ln(2)

    def bars(self, rows: list[dict], *, label_width: float = 62) -> None:
        """Horizontal bars, one per row (``label`` and ``count``), value at the bar's end."""
        if not rows:
            return
        most = max(row["count"] for row in rows) or 1
        room = self.w - self.l_margin - self.r_margin - label_width - 16
        bar = 5.0
        for index, row in enumerate(rows):
            if self.get_y() + bar + 2 > self.h - self.b_margin:
                self.add_page()
            y = self.get_y()
            self.font(9)
            self.set_xy(self.l_margin, y)
            self.cell(label_width - 2, bar, self.clean(row["label"])[:48], align="R")
            width = max(0.6, room * row["count"] / most)
            self.set_fill_color(*PALETTE[index % len(PALETTE)])
            self.rect(self.l_margin + label_width, y + 0.6, width, bar - 1.2, style="F")
            self.set_xy(self.l_margin + label_width + width + 1.5, y)
            self.cell(14, bar, number(row["count"]))
            self.set_xy(self.l_margin, y + bar + 1.5)
        self.ln(2)


def number(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def money(value, currency: str) -> str:
    return "" if value is None else f"{number(value, 2)} {currency}"


def render_event_report(data: dict) -> bytes:
    """The PDF's bytes; labels and numbers in the active language."""
    event = data["event"]
    title = _("Event report")
    generated = formats.date_format(data["generated_at"], "DATETIME_FORMAT")
    pdf = _Report(
        title,
        footer_text=_("DigiBridge · event report · %(date)s") % {"date": generated},
    )
    pdf.set_title(f"{title}: {event['name']}")
    pdf.set_author("DigiBridge")
    pdf.set_creator("DigiBridge")
    pdf.set_lang(get_language() or "en")
    pdf.add_page()

    pdf.line_of_text(title, size=11, color=MUTED)
    pdf.line_of_text(event["name"], size=18, height=8)
    pdf.ln(2)
    if not pdf.unicode:
        pdf.line_of_text(
            _(
                "The server lacks the font for Chinese text (Debian package fonts-noto-cjk): "
                "characters it cannot draw are shown as “?”."
            ),
            size=9,
            color=(198, 40, 40),
        )
    start = formats.date_format(event["start"], "DATETIME_FORMAT")
    end = formats.date_format(event["end"], "DATETIME_FORMAT")
    registrations = data["registrations"]
    pdf.facts(
        [
            (_("Dates"), f"{start} – {end} ({event['time_zone']})"),
            (_("Venue"), ", ".join(p for p in (event["venue"], event["city"]) if p) or "—"),
            (_("Host"), event["host"]),
            (_("Co-hosts"), ", ".join(event["co_hosts"]) or "—"),
            (_("Status"), event["status"]),
            (
                _("Capacity"),
                number(event["capacity"]) if event["capacity"] is not None else _("No limit"),
            ),
            (_("Report generated"), generated),
        ]
    )

    pdf.heading(_("Registrations"))
    pdf.facts(
        [
            (_("Registrations"), number(registrations["total"])),
            (_("Approved"), number(registrations["approved"])),
            (_("Awaiting approval"), number(registrations["pending"])),
            (_("Declined"), number(registrations["declined"])),
            (_("Checked in"), number(registrations["checked_in"])),
            (_("Executives attending"), number(registrations["executives"])),
            (_("Organisations attending"), number(registrations["organisations"])),
        ]
    )
    if data["by_type"]:
        pdf.line_of_text(_("Approved participants by type"), size=11)
        pdf.bars(data["by_type"])
    if data["by_country"]:
        pdf.line_of_text(_("Approved participants by country"), size=11)
        top = data["by_country"][:12]
        rest = sum(row["count"] for row in data["by_country"][12:])
        if rest:
            top = [*top, {"label": _("Other countries"), "count": rest}]
        pdf.bars(top)

    pdf.heading(_("Programme"))
    if data["sessions"]:
        pdf.table(
            [_("Kind of session"), _("Sessions")],
            [[row["label"], number(row["count"])] for row in data["sessions"]],
            (130, 44),
        )
    pdf.line_of_text(
        _("Government–enterprise connection activities held: %(held)s of %(planned)s.")
        % {"held": number(data["activities_held"]), "planned": number(len(data["activities"]))},
        size=10,
    )
    if data["activities"]:
        pdf.ln(1)
        pdf.table(
            [_("Activity"), _("Time"), _("Room"), _("Held")],
            [
                [
                    row["title"],
                    formats.date_format(row["start"], "SHORT_DATETIME_FORMAT"),
                    row["room"] or "—",
                    _("Yes") if row["held"] else _("Not yet"),
                ]
                for row in data["activities"]
            ],
            (80, 44, 32, 18),
        )

    pdf.heading(_("1:1 meetings"))
    requests, meetings = data["requests"], data["meetings"]
    rate = meetings["no_show_rate"]
    pdf.facts(
        [
            (_("Meeting requests"), number(requests["total"])),
            (_("Accepted"), number(requests["accepted"])),
            (_("Declined"), number(requests["declined"])),
            (_("Expired"), number(requests["expired"])),
            (_("Meetings scheduled"), number(meetings["scheduled"])),
            (_("Meetings held"), number(meetings["held"])),
            (_("No-shows"), number(meetings["no_show"])),
            (
                _("No-show rate"),
                f"{number(rate * 100, 1)} %" if rate is not None else _("No outcome recorded yet"),
            ),
            (_("Cancelled"), number(meetings["cancelled"])),
        ]
    )
    pdf.bars(
        [
            {"label": _("Scheduled, outcome pending"), "count": meetings["waiting"]},
            {"label": _("Held"), "count": meetings["held"]},
            {"label": _("No-show"), "count": meetings["no_show"]},
            {"label": _("Cancelled"), "count": meetings["cancelled"]},
        ]
    )

    pdf.heading(_("Follow-ups"))
    follow_ups = data["follow_ups"]
    pdf.facts(
        [
            (_("Follow-ups opened from the event's meetings"), number(follow_ups["total"])),
            (_("Done"), number(follow_ups["done"])),
            (_("Overdue"), number(follow_ups["overdue"])),
        ]
    )
    if follow_ups["by_stage"]:
        pdf.bars(follow_ups["by_stage"])

    pdf.heading(_("Agreements signed at the event"))
    valuation = data["valuation"]
    if data["agreements"]:
        pdf.table(
            [_("Agreement"), _("Kind"), _("Signatories"), _("Signed"), _("Value")],
            [
                [
                    row["title"],
                    row["kind"],
                    ", ".join(row["parties"]),
                    formats.date_format(row["signed_on"], "SHORT_DATE_FORMAT")
                    if row["signed_on"]
                    else "—",
                    money(row["value"], row["currency"]) or "—",
                ]
                for row in data["agreements"]
            ],
            (50, 30, 44, 22, 28),
        )
    else:
        pdf.line_of_text(_("No agreement is recorded as signed at this event."), color=MUTED)
    pdf.line_of_text(
        _("Agreements signed: %(count)s; total value %(value)s.")
        % {
            "count": number(len(data["agreements"])),
            "value": money(valuation["total"], valuation["currency"]),
        },
        size=11,
    )
    for gap in valuation["missing"]:
        pdf.line_of_text(
            ngettext(
                "Left out of the total: %(amount)s in %(count)s agreement, no exchange rate "
                "for %(currency)s.",
                "Left out of the total: %(amount)s in %(count)s agreements, no exchange rate "
                "for %(currency)s.",
                gap["agreements"],
            )
            % {
                "amount": money(gap["amount"], gap["currency"]),
                "count": number(gap["agreements"]),
                "currency": gap["currency"],
            },
            size=9,
            color=(198, 40, 40),
        )
    return bytes(pdf.output())
