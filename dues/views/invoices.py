"""Treasurer pages: invoices, payments and their actions (secretariat reads them)."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response, person_name
from alliance.outbox import emails_about
from alliance.outbox_views import OUTBOX_ROLES
from alliance.pagination import filter_shape, paginate
from alliance.pdf import render_pdf
from alliance.prepared import rows_for_ids
from alliance.roles import has_role, role_required
from alliance.submissions import one_submission, submission_claim
from alliance.views import form_errors_reported, refusal_reported
from dues import conf, errors, selectors, services
from dues.filters import InvoiceFilter, PaymentFilter, ReminderFilter
from dues.forms import AnnualInvoicingForm, InvoiceIssueForm, PaymentForm, ReasonForm, ReductionForm
from dues.models import Invoice, Payment, Receipt, ReminderSent
from dues.rules import PAYMENT_STATE_LABELS
from dues.services.payments import receipt_pdf
from dues.views.common import ANY_ROLE, FINANCE_READ, FINANCE_WRITE


def _invoice_filter(request, invoices) -> InvoiceFilter:
    return InvoiceFilter(request.GET, queryset=invoices.select_related("member").order_by("-year", "-number"))


def _invoice_rows(keys, *, today) -> list[Invoice]:
    """The invoices of a page: the columns shown, each row's state from them in Python
    (``selectors.label_states``), by a query compiled once (``alliance.prepared``)."""
    return selectors.label_states(rows_for_ids("dues.invoice_rows", _shown_invoices, keys), today=today)


def _shown_invoices(keys) -> QuerySet[Invoice]:
    shown = Invoice.objects.only("number", "year", "tier", "total", "status", "due_on", "member__name")
    return selectors.with_state_columns(shown).select_related("member").filter(pk__in=keys)


@role_required(*FINANCE_READ)
def invoice_list(request):
    """Invoices in their true state (issue 14 §2), filtered, with the filtered set's totals:
    the state filter is a condition of the query (``selectors.state_condition``), so the page
    costs the same queries at any size; paid, outstanding and state are computed for the
    page's rows only."""
    filterset = _invoice_filter(request, Invoice.objects.all())
    today = timezone.localdate()
    page = paginate(
        request,
        lambda: filterset.qs,
        rows=lambda keys: _invoice_rows(keys, today=today),
        # The state filter's condition depends on the day (InvoiceFilter.in_state).
        shape=filter_shape("dues.invoice_list", filterset, today),
    )
    if page.paginator.estimated:  # past the exact count: cached until the ledger changes
        filters = sorted((k, str(v)) for k, v in filterset.form.cleaned_data.items() if v not in (None, ""))
        totals = selectors.invoice_totals_cached(lambda: filterset.qs, filters, today)
    else:
        totals = selectors.invoice_totals(filterset.qs)
    return render(
        request,
        "dues/invoice_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "totals": totals,
            "annual_form": AnnualInvoicingForm(initial={"year": timezone.localdate().year}),
            "can_write": has_role(request.user, *FINANCE_WRITE),
            "currency": conf.currency(),
        },
    )


@role_required(*FINANCE_READ)
def invoice_detail(request, pk):
    invoice = selectors.invoice_for(request.user, pk)
    return render(request, "dues/invoice_detail.html", _detail_context(request, invoice))


def _detail_context(request, invoice, **bound_forms):
    """The invoice page's context; ``bound_forms`` replace the empty forms after a refused POST."""
    return {
        "invoice": invoice,
        "lines": selectors.invoice_lines(invoice),
        "payments": invoice.payments.select_related("receipt", "recorded_by", "reversed_by"),
        "reminders": invoice.reminders.all(),
        "history": invoice.history.select_related("history_user")[:20],
        "payment_form": PaymentForm(initial={"received_on": timezone.localdate()}),
        "reduction_form": ReductionForm(),
        "void_form": ReasonForm(),
        "reverse_form": ReasonForm(),
        "can_write": has_role(request.user, *FINANCE_WRITE),
        "currency": invoice.currency,
        # Mail about a member is for the staff who handle it, not for members (issue 10 §2).
        "outgoing_emails": emails_about(invoice) if has_role(request.user, *OUTBOX_ROLES) else None,
        **bound_forms,
    }


def _detail_url(invoice) -> str:
    return reverse("dues:invoice_detail", args=[invoice.pk])


def _invoice_form_view(form_class, service, success, form_name):
    """A POST of one of the invoice page's forms: validate, call the service once (the form's
    submission key), report. A refusal re-renders the page with the form as typed, its errors
    next to its fields (the service's above them): nothing typed is lost to a redirect."""

    @require_POST
    @role_required(*FINANCE_WRITE)
    @one_submission
    def view(request, pk):
        invoice = selectors.invoice_for(request.user, pk)
        form = form_class(request.POST)
        if form.is_valid():
            with refusal_reported(request, form):
                with submission_claim(request, _detail_url(invoice)):
                    service(invoice=invoice, by=request.user, **form.cleaned_data)
                messages.success(request, success)
                return redirect(_detail_url(invoice))
        context = _detail_context(request, invoice, **{form_name: form})
        return render(request, "dues/invoice_detail.html", context)

    return view


payment_create = _invoice_form_view(
    PaymentForm,
    services.payment_record,
    gettext_lazy("Payment recorded and receipt issued; the receipt email is queued."),
    "payment_form",
)
invoice_reduce = _invoice_form_view(
    ReductionForm, services.invoice_reduce, gettext_lazy("Waiver or reduction recorded."), "reduction_form"
)
invoice_void = _invoice_form_view(
    ReasonForm, services.invoice_void, gettext_lazy("Invoice voided."), "void_form"
)


@require_POST
@role_required(*FINANCE_WRITE)
def invoice_apply_tier(request, pk):
    invoice = selectors.invoice_for(request.user, pk)
    with refusal_reported(request):
        services.invoice_apply_tier(invoice=invoice, by=request.user)
        messages.success(request, _("The upgrade is settled on this invoice."))
    return redirect("dues:invoice_detail", pk=invoice.pk)


@role_required(*FINANCE_WRITE)
def invoice_issue(request):
    form = InvoiceIssueForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            invoice = services.invoice_issue(by=request.user, **form.cleaned_data)
            messages.success(request, _("Invoice %(number)s issued.") % {"number": invoice.number})
            return redirect("dues:invoice_detail", pk=invoice.pk)
    return render(request, "dues/form.html", {"form": form, "title": _("Issue an invoice")})


@require_POST
@role_required(*FINANCE_WRITE)
def invoices_issue_annual(request):
    form = AnnualInvoicingForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            count = services.invoices_issue_annual(year=form.cleaned_data["year"], by=request.user)
            messages.success(request, _("%(count)s invoice(s) issued.") % {"count": count})
    if form.errors:
        return form_errors_reported(request, form, "dues:invoice_list")
    return redirect("dues:invoice_list")


@role_required(*ANY_ROLE)
def invoice_pdf(request, pk):
    invoice = selectors.invoice_for(request.user, pk)
    pdf = render_pdf(
        "dues/pdf/invoice.html",
        {
            "invoice": invoice,
            "member": invoice.member,
            "lines": selectors.invoice_lines(invoice),
            "bank": conf.bank_lines(),
            "currency": conf.currency(),
        },
    )
    return _pdf_response(pdf, f"{invoice.number}.pdf")


@role_required(*ANY_ROLE)
def receipt_download(request, pk):
    receipt = selectors.receipt_for(request.user, pk)
    return _pdf_response(receipt_pdf(receipt), f"{receipt.number}.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    import io

    return FileResponse(
        io.BytesIO(pdf), as_attachment=True, filename=filename, content_type="application/pdf"
    )


def _payment_filter(request, *columns) -> PaymentFilter:
    """The payments the filters ask for; ``columns`` only when given (the list's)."""
    payments = Payment.objects.select_related("invoice__member", "receipt", "recorded_by").order_by(
        "-recorded_at", "-id"
    )
    return PaymentFilter(request.GET, queryset=payments.only(*columns) if columns else payments)


# The payment list's columns (and its order's): the rows read no other.
PAYMENT_LIST_COLUMNS = (
    *("amount", "received_on", "method", "bank_reference", "recorded_at", "reversed_at"),
    *("invoice__number", "invoice__member__name", "receipt__number"),
    *("recorded_by__username", "recorded_by__first_name", "recorded_by__last_name"),
)


@role_required(*FINANCE_READ)
def payment_list(request):
    filterset = _payment_filter(request, *PAYMENT_LIST_COLUMNS)
    return render(
        request,
        "dues/payment_list.html",
        {
            "filter": filterset,
            "page_obj": paginate(request, filterset.qs, shape=filter_shape("dues.payment_list", filterset)),
            "can_write": has_role(request.user, *FINANCE_WRITE),
            "reverse_form": ReasonForm(),
            "currency": conf.currency(),
        },
    )


@require_POST
@role_required(*FINANCE_WRITE)
def payment_reverse(request, pk):
    payment = selectors.payment_for(request.user, pk)
    form = ReasonForm(request.POST, reason_required=errors.REVERSAL_REASON)
    target = reverse("dues:invoice_detail", args=[payment.invoice_id])
    if form.is_valid():
        with refusal_reported(request, form):
            services.payment_reverse(payment=payment, by=request.user, **form.cleaned_data)
            messages.success(request, _("Payment reversed."))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)


def _reminder_filter(request) -> ReminderFilter:
    reminders = ReminderSent.objects.select_related("invoice__member").order_by("-claimed_at", "-id")
    return ReminderFilter(request.GET, queryset=reminders)


@role_required(*FINANCE_READ)
def reminder_list(request):
    filterset = _reminder_filter(request)
    return render(
        request,
        "dues/reminder_list.html",
        {"filter": filterset, "page_obj": paginate(request, filterset.qs)},
    )


INVOICE_EXPORT = [
    Column(gettext_lazy("Number"), "number"),
    Column(gettext_lazy("Member number"), "member.number"),
    Column(gettext_lazy("Member"), "member.name"),
    Column(gettext_lazy("Country"), "member.country.code"),
    Column(gettext_lazy("Year"), "year"),
    Column(gettext_lazy("Tier"), "get_tier_display"),
    Column(gettext_lazy("Total"), "total"),
    Column(gettext_lazy("Paid"), "paid"),
    Column(gettext_lazy("Outstanding"), "outstanding"),
    Column(gettext_lazy("currency"), "currency"),
    Column(gettext_lazy("Issued on"), "issued_on"),
    Column(gettext_lazy("Due on"), "due_on"),
    Column(gettext_lazy("State"), lambda invoice: PAYMENT_STATE_LABELS[invoice.state]),
]
PAYMENT_EXPORT = [
    Column(gettext_lazy("Receipt"), lambda p: p.receipt.number if hasattr(p, "receipt") else ""),
    Column(gettext_lazy("Invoice"), "invoice.number"),
    Column(gettext_lazy("Member"), "invoice.member.name"),
    Column(gettext_lazy("Received on"), "received_on"),
    Column(gettext_lazy("Method"), "get_method_display"),
    Column(gettext_lazy("Bank reference"), "bank_reference"),
    Column(gettext_lazy("Amount"), "amount"),
    Column(gettext_lazy("currency"), "currency"),
    Column(gettext_lazy("Recorded by"), lambda p: person_name(p.recorded_by)),
    Column(gettext_lazy("Recorded at"), "recorded_at"),
    Column(gettext_lazy("Reversed at"), "reversed_at"),
    Column(gettext_lazy("Reason for the reversal"), "reversal_reason"),
]
RECEIPT_EXPORT = [
    Column(gettext_lazy("Receipt"), "number"),
    Column(gettext_lazy("Issued at"), "issued_at"),
    Column(gettext_lazy("Invoice"), "payment.invoice.number"),
    Column(gettext_lazy("Member"), "payment.invoice.member.name"),
    Column(gettext_lazy("Amount"), "payment.amount"),
    Column(gettext_lazy("currency"), "payment.currency"),
    Column(gettext_lazy("Received on"), "payment.received_on"),
    Column(gettext_lazy("Reversed at"), "payment.reversed_at"),
]
REMINDER_EXPORT = [
    Column(gettext_lazy("Stage"), "stage"),
    Column(gettext_lazy("Invoice"), "invoice.number"),
    Column(gettext_lazy("Member"), "invoice.member.name"),
    Column(gettext_lazy("Run on"), "run_on"),
    Column(gettext_lazy("Sent at"), "sent_at"),
    Column(gettext_lazy("To"), "recipients"),
]


@role_required(*FINANCE_READ)
def invoice_export(request, fmt):
    """The invoices the list's filter matches, every one of them, as CSV or XLSX."""
    invoices = selectors.with_state(Invoice.objects.all(), today=timezone.localdate())
    return export_response(fmt, _invoice_filter(request, invoices).qs, INVOICE_EXPORT, "invoices")


@role_required(*FINANCE_READ)
def payment_export(request, fmt):
    return export_response(fmt, _payment_filter(request).qs, PAYMENT_EXPORT, "payments")


@role_required(*FINANCE_READ)
def receipt_export(request, fmt):
    """The receipts of the payments the payment list's filter matches (receipts have no list
    of their own: each is the receipt of one payment)."""
    receipts = (
        Receipt.objects.filter(payment__in=_payment_filter(request).qs.values("pk"))
        .select_related("payment__invoice__member")
        .order_by("number")
    )
    return export_response(fmt, receipts, RECEIPT_EXPORT, "receipts")


@role_required(*FINANCE_READ)
def reminder_export(request, fmt):
    return export_response(fmt, _reminder_filter(request).qs, REMINDER_EXPORT, "reminders")
