"""The dues domain exceptions and every user-facing message of the app (tests import them).

A message with placeholders is a constant to format with ``%``, as its caller does.
"""

from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError
from alliance.money import MONEY_NOT_NUMBER, MONEY_NOT_POSITIVE, MONEY_TOO_PRECISE

# An issued receipt refuses any edit in Receipt.save(), below this module in the app's layers
# (models <- errors), so its exception and message live beside the model; imported from here.
from dues.models import RECEIPT_IMMUTABLE, ReceiptImmutableError  # noqa: F401


class DuesError(DomainError):
    """A change the dues rules refuse; the message is for the user."""


class StatementError(DuesError):
    """The file is not a statement of the chosen format; the message says where and why."""


# Invoices, payments, receipts and fee schedules.
AMOUNT_NOT_NUMBER = MONEY_NOT_NUMBER
AMOUNT_NOT_POSITIVE = MONEY_NOT_POSITIVE
AMOUNT_TOO_PRECISE = MONEY_TOO_PRECISE
AMOUNT_TOO_LARGE = _("The amount is too large.")
PAYMENT_IN_FUTURE = _("The payment date cannot be in the future.")
PAYMENT_ABOVE_OUTSTANDING = _(
    "The payment of %(amount)s is larger than the outstanding balance of %(outstanding)s."
)
PAYMENT_RECORDED_BEFORE_RECEIVED = _(
    "A payment is recorded on or after the day it was received, and not in the future."
)
PAYMENT_ON_VOID = _("This invoice is void: no payment can be recorded on it.")
INVOICE_PAID_IN_FULL = _("This invoice is already paid in full.")
MEMBER_NOT_ACTIVE = _("%(member)s is not an active member: no invoice can be issued.")
INVOICE_EXISTS = _("%(member)s already has invoice %(number)s for %(year)s.")
NO_FEE_SCHEDULE = _("There is no fee schedule for %(year)s: create it first.")
SCHEDULE_IN_USE = _("The fee schedule for %(year)s is used by invoices and cannot be edited.")
SCHEDULE_EXISTS = _("A fee schedule for %(year)s already exists.")
WAIVER_NEEDS_RESOLUTION = _("A waiver or reduction must cite a General Assembly resolution.")
WAIVER_RESOLUTION_NOT_GA = _(
    "Resolution %(number)s is not a passed General Assembly resolution on a waiver or reduction."
)
WAIVER_NEEDS_REASON = _("Give the reason for the waiver or reduction.")
WAIVER_ABOVE_BALANCE = _(
    "The reduction of %(amount)s is larger than the outstanding balance of %(outstanding)s."
)
REASON_REQUIRED = _("Give a reason.")
INVOICE_IS_VOID = _("This invoice is void.")
INVOICE_HAS_PAYMENTS = _("This invoice has payments: reverse them before voiding it.")
INVOICE_ILLEGAL_MOVE = _("An invoice cannot go from %(from)s to %(to)s.")
NOTHING_TO_SETTLE = _("The member's tier is not higher than the tier invoiced: nothing to settle.")
PAYMENT_ALREADY_REVERSED = _("This payment has already been reversed.")

# Bank statements (the parsers say where in the file and why).
STATEMENT_COLUMNS_MISSING = _(
    "Line 1: the column(s) %(columns)s of this account's mapping are missing (the file has %(header)s)."
)
NO_HEADER = _("no header")
STATEMENT_EXTRA_FIELDS = _("Line %(line)s: more fields than the header has.")
STATEMENT_BAD_DATE = _(
    "Line %(line)s, column “%(column)s”: “%(value)s” is not a date in the format %(format)s."
)
STATEMENT_BAD_AMOUNT = _("Line %(line)s, column “%(column)s”: “%(value)s” is not an amount.")
STATEMENT_EMPTY = _("The file holds no transaction.")
NOT_MT940 = _("Line 1: this is not an MT940 statement (no :20: or :61: field).")
AT_LINE = _("Line %(line)s")
IN_THE_FILE = _("The file")
MT940_UNREADABLE = _("%(where)s: the MT940 field “%(value)s” cannot be read.")
MT940_INCOMPLETE = _("The file: a :61: field has no amount or date.")
MT940_EMPTY = _("The file holds no :61: transaction.")
XML_MALFORMED = _("Line %(line)s, column %(column)s: the XML is malformed.")
XML_ENTITIES = _("The file declares entities or external references, which are refused.")
NOT_CAMT053 = _("Element <Document>: this is not a camt.053 statement (no <BkToCstmrStmt>).")
CAMT053_NO_STATEMENT = _("Element <BkToCstmrStmt>: no <Stmt>.")
CAMT053_BAD_AMOUNT = _("Element %(where)s/Amt: “%(value)s” is not an amount.")
CAMT053_BAD_DIRECTION = _("Element %(where)s/CdtDbtInd: “%(value)s” is neither CRDT nor DBIT.")
CAMT053_BAD_DATE = _("Element %(where)s/BookgDt: “%(value)s” is not a date.")
CAMT053_EMPTY = _("Element <Stmt>: no booked <Ntry>.")
UNKNOWN_FORMAT = _("Unknown statement format.")
NOT_UTF8 = _("Byte %(position)s: the file is not UTF-8 text.")
DATE_FORMAT_SYNTAX = _("Write the format as Python does, e.g. %Y-%m-%d or %d/%m/%Y.")
STATEMENT_TOO_LARGE = _("The file is larger than %(mb)s MB.")
NO_INVOICE_NUMBERED = _("No issued invoice has the number %(number)s.")
CREDIT_INVOICE_VOID = _("Invoice %(number)s is void.")
CREDIT_INVOICE_SETTLED = _("Invoice %(number)s has nothing outstanding.")
CREDIT_DECIDED = _("This credit was already decided.")
CREDIT_NEEDS_INVOICE = _("Choose the invoice this credit pays.")
CHOOSE_CANDIDATE = _("Choose one of the candidate invoices.")
SET_ASIDE_REASON = _("Say why the credit is set aside.")

# Budget.
BUDGET_APPROVED = _("The budget of %(year)s is approved: it can no longer change.")
LINE_NEEDS_LABEL = _("Name the budget line.")
LINE_NEGATIVE = _("The budgeted amount cannot be negative.")
LINE_EXISTS = _("The budget already has a line “%(label)s”.")
LINE_OF_OTHER_BUDGET = _("This line belongs to another budget.")
FEES_ARE_PAYMENTS = _("Membership fees received are counted from the payments; record them as payments.")
EXPENSE_NOT_POSITIVE = _("The amount must be more than zero.")
EXPENSE_NEEDS_DESCRIPTION = _("Describe the expense.")
CHOOSE_GA_RESOLUTION = _("Choose a resolution the General Assembly passed.")

# Forms of the invoice and arrears pages.
REVERSAL_REASON = _("Give a reason for the reversal.")
NOT_IN_ARREARS = _("%(member)s is not in arrears.")
