"""Writes of the dues app: each service is one transaction and records who and when."""

from dues.services.arrears import arrears_publish
from dues.services.budget import actual_record, budget_approve, budget_line_save, budget_open
from dues.services.invoices import (
    admission_invoice_issue,
    invoice_apply_tier,
    invoice_issue,
    invoice_reduce,
    invoice_void,
    invoices_issue_annual,
)
from dues.services.payments import payment_record, payment_reverse
from dues.services.reminders import reminders_send
from dues.services.schedules import fee_schedule_create, fee_schedule_update
from dues.services.statements import (
    bank_account_save,
    bank_transaction_confirm,
    bank_transaction_set_aside,
    statement_confirm_exact,
    statement_import,
    statement_upload,
    statements_import_pending,
)

__all__ = [
    "actual_record",
    "budget_approve",
    "budget_line_save",
    "budget_open",
    "bank_account_save",
    "bank_transaction_confirm",
    "bank_transaction_set_aside",
    "statement_confirm_exact",
    "statement_import",
    "statements_import_pending",
    "statement_upload",
    "admission_invoice_issue",
    "arrears_publish",
    "fee_schedule_create",
    "fee_schedule_update",
    "invoice_apply_tier",
    "invoice_issue",
    "invoice_reduce",
    "invoice_void",
    "invoices_issue_annual",
    "payment_record",
    "payment_reverse",
    "reminders_send",
]
