"""The one export path of every list: CSV (streamed) and XLSX, with formulas neutralised.

A cell that a spreadsheet program would read as a formula (text beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
single quote, as OWASP's "CSV injection" guidance recommends, so an applicant's
unit name ``=HYPERLINK(...)`` reaches the treasurer's spreadsheet as text. Real
numbers (``Decimal``, ``int``) and dates are written as numbers and dates: only
text can carry a formula. Every export of the project goes through
:func:`export_response`, so there is one place that neutralises.

CSV is streamed row by row from ``QuerySet.iterator()`` (a list of 100,000
invoices never sits in memory); XLSX is written by openpyxl's write-only
workbook, which keeps rows in a temporary file rather than a tree of cells.
"""

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
# OWASP: the characters that make a spreadsheet cell a formula or a DDE call.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FormatConverter:
    """URL converter of an export's format, so ``/members/export.pdf`` is a plain 404."""

    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and how to read its value from a row.

    ``value`` is a dotted attribute path ("member.name"; a dict key works too) or a
    function of the row. A method found on the path (``get_tier_display``) is called.
    """

    header: Any
    value: str | Callable[[Any], Any]

    def read(self, row):
        if callable(self.value):
            return self.value(row)
        current = row
        for part in self.value.split("."):
            if current is None:
                return None
            current = current[part] if isinstance(current, dict) else getattr(current, part)
            if callable(current):
                current = current()
        return current


def person_name(user) -> str:
    """A user as a person's name in an export (the username only when no name is recorded)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def neutralise(value):
    """Return ``value`` as an export cell: text that could run as a formula gets a leading
    quote; numbers, dates and booleans are kept as they are; None becomes empty text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | Decimal | float):
        return value
    if isinstance(value, datetime.datetime):
        # Spreadsheets have no time zones: show the secretariat's local time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _rows(rows: Iterable) -> Iterable:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return rows


def table(rows: Iterable, columns: list[Column]) -> Iterable[list]:
    """Yield the header and then each row, every cell neutralised."""
    yield [neutralise(c.header) for c in columns]
    for row in _rows(rows):
        yield [neutralise(c.read(row)) for c in columns]


class _Echo:
    """A file-like object whose write returns the line, so csv.writer feeds a generator."""

    def write(self, value):
        return value


def _csv_text(value) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def csv_response(rows: Iterable, columns: list[Column], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so spreadsheet programs read UTF-8 native names
        for cells in table(rows, columns):
            yield writer.writerow([_csv_text(v) for v in cells])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_workbook(rows: Iterable, columns: list[Column], title: str = "Export"):
    """Return a write-only openpyxl workbook holding the table (saved by the caller)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for cells in table(rows, columns):
        # XML cannot hold most control characters; openpyxl would refuse the whole file.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in cells])
    return workbook


def xlsx_response(rows: Iterable, columns: list[Column], filename: str) -> FileResponse:
    # Handed to FileResponse, which closes it when the download ends.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    xlsx_workbook(rows, columns, title=filename).save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def export_response(fmt: str, rows: Iterable, columns: list[Column], filename: str):
    """Answer ``rows`` as a CSV or XLSX download; an unknown format is a 404."""
    if fmt == "csv":
        return csv_response(rows, columns, filename)
    if fmt == "xlsx":
        return xlsx_response(rows, columns, filename)
    raise Http404
