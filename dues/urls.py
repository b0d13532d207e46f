from django.urls import path

from dues.views import bank, invoices, portal, reports, schedules

app_name = "dues"

urlpatterns = [
    path("", invoices.invoice_list, name="invoice_list"),
    path("invoices/export.<export:fmt>", invoices.invoice_export, name="invoice_export"),
    path("invoices/new/", invoices.invoice_issue, name="invoice_issue"),
    path("invoices/annual/", invoices.invoices_issue_annual, name="invoices_issue_annual"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/pay/", invoices.payment_create, name="payment_create"),
    path("invoices/<int:pk>/reduce/", invoices.invoice_reduce, name="invoice_reduce"),
    path("invoices/<int:pk>/void/", invoices.invoice_void, name="invoice_void"),
    path("invoices/<int:pk>/apply-tier/", invoices.invoice_apply_tier, name="invoice_apply_tier"),
    path("payments/", invoices.payment_list, name="payment_list"),
    path("payments/export.<export:fmt>", invoices.payment_export, name="payment_export"),
    path("receipts/export.<export:fmt>", invoices.receipt_export, name="receipt_export"),
    path("payments/<int:pk>/reverse/", invoices.payment_reverse, name="payment_reverse"),
    path("receipts/<int:pk>/pdf/", invoices.receipt_download, name="receipt_pdf"),
    path("reminders/", invoices.reminder_list, name="reminder_list"),
    path("reminders/export.<export:fmt>", invoices.reminder_export, name="reminder_export"),
    path("schedules/", schedules.schedule_list, name="schedule_list"),
    path("schedules/new/", schedules.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/edit/", schedules.schedule_edit, name="schedule_edit"),
    path("arrears/", reports.arrears, name="arrears"),
    path("arrears.<export:fmt>", reports.arrears_export, name="arrears_export"),
    path("arrears/publish/", reports.arrears_publish, name="arrears_publish"),
    path(
        "arrears/<int:member_pk>/propose-expulsion/",
        reports.arrears_propose_expulsion,
        name="arrears_propose_expulsion",
    ),
    path("arrears/public/", reports.arrears_public, name="arrears_public"),
    path("reports/", reports.report, name="report"),
    path("reports/<int:year>.<export:fmt>", reports.report_export, name="report_export"),
    path("reports/<int:year>.pdf", reports.report_pdf, name="report_pdf"),
    path("my/", portal.my_dues, name="my_dues"),
    path("bank/", bank.bank_home, name="bank_home"),
    path("bank/accounts/new/", bank.bank_account_edit, name="bank_account_create"),
    path("bank/accounts/<int:pk>/edit/", bank.bank_account_edit, name="bank_account_edit"),
    path("bank/statements/<int:pk>/", bank.statement_detail, name="statement_detail"),
    path("bank/statements/<int:pk>/progress/", bank.statement_progress, name="statement_progress"),
    path(
        "bank/statements/<int:pk>/confirm-exact/",
        bank.statement_confirm_exact,
        name="statement_confirm_exact",
    ),
    path("bank/transactions/<int:pk>/confirm/", bank.transaction_confirm, name="transaction_confirm"),
    path("bank/transactions/<int:pk>/set-aside/", bank.transaction_set_aside, name="transaction_set_aside"),
]
