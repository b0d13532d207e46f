"""Bank statements read and matched, as pure functions with no database access (issue 14 §1).

Each parser turns a file into :class:`Entry` rows, or raises :class:`StatementError`
naming the line (CSV, MT940) or the element (camt.053) that is wrong, so nothing of a
malformed file is stored. Each entry carries a ``key``: the bank's own transaction id
when the format has one, otherwise a stable hash of the entry's fields (and of its rank
among identical entries of the file), so the same credit in an overlapping statement
gets the same key and the database's unique constraint keeps it out.

:func:`classify` matches one credit to open invoices by the invoice or member numbers
its reference quotes and by amount (exact, partial, over, ambiguous, unmatched).
"""

import csv
import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from dues import errors
from dues.errors import StatementError

MAX_AMOUNT = Decimal("9999999999.99")


@dataclass(frozen=True)
class Entry:
    key: str
    booked_on: datetime.date
    amount: Decimal  # positive for a credit, negative for a debit
    currency: str
    reference: str
    counterparty: str = ""

    @property
    def is_credit(self) -> bool:
        return self.amount > 0


@dataclass(frozen=True)
class _Raw:
    bank_id: str
    booked_on: datetime.date
    amount: Decimal
    currency: str
    reference: str
    counterparty: str


def _keyed(raws: list[_Raw]) -> list[Entry]:
    """Give each entry its key: the bank's id, or a hash of its fields and its rank among
    identical entries (two equal transfers on one day are two credits, and stay two)."""
    seen: Counter = Counter()
    entries = []
    for raw in raws:
        if raw.bank_id:
            key = f"id:{raw.bank_id}"[:100]
        else:
            fields = (
                raw.booked_on.isoformat(),
                str(raw.amount),
                raw.currency,
                raw.reference,
                raw.counterparty,
            )
            seen[fields] += 1
            digest = hashlib.sha256("\x1f".join((*fields, str(seen[fields]))).encode()).hexdigest()
            key = f"h:{digest}"
        entries.append(Entry(key, raw.booked_on, raw.amount, raw.currency, raw.reference, raw.counterparty))
    return entries


_PLAIN_AMOUNT = re.compile(r"^[+-]?\d+(\.\d{1,2})?$")


def parse_amount(text: str, *, decimal_comma: bool = False, strict: bool = False) -> Decimal:
    """Read a statement amount: digits with at most two decimals, with the bank's separators
    (``strict``: none at all, as XML decimals in camt.053)."""
    value = text.strip()
    if not strict:
        value = value.replace(" ", "").replace("\u00a0", "")
        value = value.replace(".", "").replace(",", ".") if decimal_comma else value.replace(",", "")
    if not _PLAIN_AMOUNT.match(value):
        raise ValueError(text)
    amount = Decimal(value)
    if abs(amount) > MAX_AMOUNT:
        raise ValueError(text)
    return amount


@dataclass(frozen=True)
class CsvMapping:
    date_column: str
    date_format: str
    amount_column: str
    reference_column: str
    counterparty_column: str = ""
    id_column: str = ""
    delimiter: str = ","
    decimal_comma: bool = False
    currency: str = "USD"


def parse_csv(text: str, mapping: CsvMapping) -> list[Entry]:
    """One entry per line; a signed amount column (credits positive, debits negative)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=mapping.delimiter)
    needed = [mapping.date_column, mapping.amount_column, mapping.reference_column]
    needed += [c for c in (mapping.counterparty_column, mapping.id_column) if c]
    header = reader.fieldnames or []
    missing = [c for c in needed if c not in header]
    if missing:
        raise StatementError(
            errors.STATEMENT_COLUMNS_MISSING
            % {"columns": ", ".join(missing), "header": ", ".join(header) or errors.NO_HEADER}
        )
    raws = []
    for row in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in row.values()):
            continue
        if None in row:
            raise StatementError(errors.STATEMENT_EXTRA_FIELDS % {"line": line})
        date_text, amount_text = row[mapping.date_column] or "", row[mapping.amount_column] or ""
        try:
            booked_on = datetime.datetime.strptime(date_text.strip(), mapping.date_format).date()
        except ValueError:
            raise StatementError(
                errors.STATEMENT_BAD_DATE
                % {
                    "line": line,
                    "column": mapping.date_column,
                    "value": date_text,
                    "format": mapping.date_format,
                }
            ) from None
        try:
            amount = parse_amount(amount_text, decimal_comma=mapping.decimal_comma)
        except ValueError:
            raise StatementError(
                errors.STATEMENT_BAD_AMOUNT
                % {"line": line, "column": mapping.amount_column, "value": amount_text}
            ) from None
        raws.append(
            _Raw(
                bank_id=(row.get(mapping.id_column) or "").strip() if mapping.id_column else "",
                booked_on=booked_on,
                amount=amount,
                currency=mapping.currency,
                reference=(row[mapping.reference_column] or "").strip(),
                counterparty=(row.get(mapping.counterparty_column) or "").strip()
                if mapping.counterparty_column
                else "",
            )
        )
    if not raws:
        raise StatementError(errors.STATEMENT_EMPTY)
    return _keyed(raws)


def _line_of(text: str, fragment: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment and fragment.strip() and fragment.strip().splitlines()[0] in line:
            return number
    return None


def parse_mt940(text: str) -> list[Entry]:
    """SWIFT MT940 through the mt-940 library: one entry per :61: line, its :86: as reference."""
    import mt940

    if ":61:" not in text and ":20:" not in text:
        raise StatementError(errors.NOT_MT940)
    transactions = mt940.models.Transactions()
    try:
        transactions.parse(text)
    except (RuntimeError, ValueError, KeyError, InvalidOperation) as error:
        fragment = error.args[2] if len(error.args) > 2 and isinstance(error.args[2], str) else ""
        line = _line_of(text, fragment)
        where = errors.AT_LINE % {"line": line} if line else errors.IN_THE_FILE
        raise StatementError(errors.MT940_UNREADABLE % {"where": where, "value": fragment[:60]}) from None
    raws = []
    for transaction in transactions:
        data = transaction.data
        amount = data.get("amount")
        if amount is None or data.get("date") is None:
            raise StatementError(errors.MT940_INCOMPLETE)
        bank_reference = (data.get("bank_reference") or "").strip()
        customer_reference = (data.get("customer_reference") or "").strip()
        if customer_reference.upper() == "NONREF":
            customer_reference = ""
        details = " ".join((data.get("transaction_details") or "").split())
        date = data["date"]
        raws.append(
            _Raw(
                bank_id=bank_reference if bank_reference.upper() not in ("", "NONREF") else "",
                booked_on=datetime.date(date.year, date.month, date.day),
                amount=Decimal(amount.amount),
                currency=amount.currency or "",
                reference=" ".join(p for p in (customer_reference, details) if p),
                counterparty="",
            )
        )
    if not raws:
        raise StatementError(errors.MT940_EMPTY)
    return _keyed(raws)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element, *path):
    """The first descendant along ``path`` of local names (namespaces of any camt version)."""
    current = element
    for name in path:
        if current is None:
            return None
        current = next((c for c in current if _local(c.tag) == name), None)
    return current


def _text(element, *path) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def parse_camt053(data: bytes | str) -> list[Entry]:
    """ISO 20022 camt.053 (BkToCstmrStmt/Stmt/Ntry), read with defusedxml (no entities, no
    external references). One entry per booked Ntry; the reference is the remittance
    information (RmtInf/Ustrd or the structured creditor reference) and the end-to-end id."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    raw = data.encode() if isinstance(data, str) else data
    try:
        root = fromstring(raw)
    except ParseError as error:
        line, column = error.position
        raise StatementError(errors.XML_MALFORMED % {"line": line, "column": column}) from None
    except DefusedXmlException:
        raise StatementError(errors.XML_ENTITIES) from None
    statement_root = _child(root, "BkToCstmrStmt")
    if _local(root.tag) != "Document" or statement_root is None:
        raise StatementError(errors.NOT_CAMT053)
    statements = [s for s in statement_root if _local(s.tag) == "Stmt"]
    if not statements:
        raise StatementError(errors.CAMT053_NO_STATEMENT)
    raws = []
    for s_index, statement in enumerate(statements, start=1):
        account_currency = _text(statement, "Acct", "Ccy")
        entries = [e for e in statement if _local(e.tag) == "Ntry"]
        for n_index, entry in enumerate(entries, start=1):
            where = f"Stmt[{s_index}]/Ntry[{n_index}]"
            status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
            if status and status != "BOOK":
                continue  # pending or information only: not money received yet
            amount_element = _child(entry, "Amt")
            try:
                amount = (
                    parse_amount(amount_element.text or "", strict=True)
                    if amount_element is not None
                    else None
                )
            except ValueError:
                amount = None
            if amount is None or amount <= 0:
                raise StatementError(
                    errors.CAMT053_BAD_AMOUNT
                    % {"where": where, "value": "" if amount_element is None else (amount_element.text or "")}
                )
            indicator = _text(entry, "CdtDbtInd")
            if indicator not in ("CRDT", "DBIT"):
                raise StatementError(errors.CAMT053_BAD_DIRECTION % {"where": where, "value": indicator})
            date_text = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
            try:
                booked_on = datetime.date.fromisoformat(date_text)
            except ValueError:
                raise StatementError(errors.CAMT053_BAD_DATE % {"where": where, "value": date_text}) from None
            details = _child(entry, "NtryDtls", "TxDtls")
            remittance = details if details is not None else entry
            information = _child(remittance, "RmtInf")
            parts = [
                " ".join(u.text.split())
                for u in (list(information) if information is not None else [])
                if _local(u.tag) == "Ustrd" and u.text
            ]
            structured = _text(remittance, "RmtInf", "Strd", "CdtrRefInf", "Ref")
            end_to_end = _text(details, "Refs", "EndToEndId") if details is not None else ""
            reference = " ".join(
                p for p in (*parts, structured, end_to_end if end_to_end != "NOTPROVIDED" else "") if p
            )
            counterparty = ""
            if details is not None:
                counterparty = _text(details, "RltdPties", "Dbtr", "Nm") or _text(
                    details, "RltdPties", "Dbtr", "Pty", "Nm"
                )
            bank_id = (
                _text(entry, "AcctSvcrRef")
                or _text(entry, "NtryRef")
                or (_text(details, "Refs", "AcctSvcrRef") if details is not None else "")
            )
            raws.append(
                _Raw(
                    bank_id=bank_id,
                    booked_on=booked_on,
                    amount=amount if indicator == "CRDT" else -amount,
                    currency=amount_element.get("Ccy") or account_currency,
                    reference=reference[:500],
                    counterparty=counterparty[:200],
                )
            )
    if not raws:
        raise StatementError(errors.CAMT053_EMPTY)
    return _keyed(raws)


# -- matching ----------------------------------------------------------------------------

_INVOICE_NUMBER = re.compile(r"INV[\s\-_/.]*(\d{4})[\s\-_/.]*(\d{5})")
_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-/]*[A-Z0-9]|[A-Z0-9]")


def quoted_numbers(reference: str) -> set[str]:
    """The words of a reference that may be invoice or member numbers, upper-cased; an
    invoice number written without its hyphens ("INV 2026 00012") is put back in shape."""
    text = reference.upper()
    tokens = set(_TOKEN.findall(text))
    tokens |= {f"INV-{year}-{n}" for year, n in _INVOICE_NUMBER.findall(text)}
    return tokens


@dataclass
class OpenInvoice:
    pk: int
    number: str
    member_number: str
    outstanding: Decimal


@dataclass
class Match:
    match: str
    invoice: int | None = None
    candidates: list[int] = field(default_factory=list)


def classify(amount: Decimal, by_invoice: list[OpenInvoice], by_member: list[OpenInvoice]) -> Match:
    """Class one credit against the open invoices its reference names (issue 14 §1).

    Invoice numbers quoted win over member numbers. One candidate: exact when the
    amount is its outstanding, partial when less, over when more. Several: if exactly
    one has that outstanding it is exact, otherwise ambiguous. None: unmatched.
    """
    candidates = by_invoice or by_member
    if not candidates:
        return Match("unmatched")
    if len(candidates) > 1:
        same = [c for c in candidates if c.outstanding == amount]
        if len(same) == 1:
            return Match("exact", same[0].pk)
        return Match("ambiguous", None, sorted(c.pk for c in candidates))
    (only,) = candidates
    if amount == only.outstanding:
        return Match("exact", only.pk)
    return Match("partial" if amount < only.outstanding else "over", only.pk)
