"""The treasurer's bank statement pages: accounts and their CSV mapping, upload, the
proposals of a statement and the decisions on them (issue 14 §1). Treasurer only."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.pagination import paginate
from alliance.roles import role_required
from alliance.views import form_errors_reported, refusal_reported
from dues import conf, errors, selectors, services
from dues.bank_forms import AssignForm, BankAccountForm, SetAsideForm, StatementUploadForm
from dues.models import (
    BankAccount,
    BankStatement,
    BankTransaction,
    Invoice,
    MatchClass,
    StatementStatus,
    TransactionState,
)
from dues.views.common import FINANCE_WRITE

treasurer_required = role_required(*FINANCE_WRITE)


@treasurer_required
def bank_home(request):
    accounts = list(BankAccount.objects.all())
    # Most secretariats have one account: choose it for them.
    initial = {"account": accounts[0].pk} if len(accounts) == 1 else {}
    form = StatementUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with refusal_reported(request, form, field="file"):
            statement = services.statement_upload(
                account=form.cleaned_data["account"],
                fmt=form.cleaned_data["format"],
                filename=upload.name,
                content=upload.read(),
                by=request.user,
            )
            return redirect("dues:statement_detail", pk=statement.pk)
    return render(
        request,
        "dues/bank_home.html",
        {
            "form": form,
            "accounts": accounts,
            "statements": paginate(request, BankStatement.objects.select_related("account", "uploaded_by")),
        },
    )


@treasurer_required
def bank_account_edit(request, pk=None):
    account = get_object_or_404(BankAccount, pk=pk) if pk else None
    form = BankAccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        services.bank_account_save(account=form.save(commit=False), by=request.user)
        messages.success(request, _("The bank account and its column mapping were saved."))
        return redirect("dues:bank_home")
    title = _("Edit the bank account") if account else _("Add a bank account")
    return render(request, "dues/form.html", {"form": form, "title": title})


FILTERS = {
    "to_review": {"state": TransactionState.PROPOSED},
    "confirmed": {"state": TransactionState.CONFIRMED},
    "set_aside": {"state": TransactionState.SET_ASIDE},
    **{m: {"state": TransactionState.PROPOSED, "match": m} for m in MatchClass.values},
}


@treasurer_required
def statement_detail(request, pk):
    """The proposals of one statement on one page: confirm every exact one in one POST, the
    others one by one (choose among candidates, assign by number, or set aside)."""
    statement = selectors.statement_for(request.user, pk)
    shown = request.GET.get("show", "to_review")
    transactions = (
        statement.transactions.filter(**FILTERS.get(shown, FILTERS["to_review"]))
        .select_related("invoice__member", "payment__receipt")
        .order_by("booked_on", "id")
    )
    page = paginate(request, transactions)
    # The candidates of the ambiguous credits of this page, in one query.
    ids = {pk for tx in page.object_list for pk in tx.candidates}
    candidates = {
        i.pk: i for i in selectors.with_balance(Invoice.objects.filter(pk__in=ids).select_related("member"))
    }
    for tx in page.object_list:
        tx.candidate_invoices = [candidates[c] for c in tx.candidates if c in candidates]
    return render(
        request,
        "dues/statement_detail.html",
        {
            "statement": statement,
            "page_obj": page,
            "shown": shown,
            "filters": [(key, _label(key)) for key in FILTERS],
            "summary": selectors.statement_summary(statement),
            "importing": statement.status != StatementStatus.READY,
            "currency": conf.currency(),
            "set_aside_form": SetAsideForm(),
            "assign_form": AssignForm(),
        },
    )


def _label(key: str) -> str:
    if key in MatchClass.values:
        return MatchClass(key).label
    return {"to_review": _("To review"), "confirmed": _("Confirmed"), "set_aside": _("Set aside")}[key]


@treasurer_required
def statement_progress(request, pk):
    statement = selectors.statement_for(request.user, pk)
    return JsonResponse(
        {
            "status": statement.status,
            "progress": statement.progress,
            "total": statement.credits_total,
            "percent": statement.percent,
        }
    )


@require_POST
@treasurer_required
def statement_confirm_exact(request, pk):
    statement = selectors.statement_for(request.user, pk)
    confirmed, refused = services.statement_confirm_exact(statement=statement, by=request.user)
    messages.success(
        request,
        _("%(count)s exact match(es) confirmed: payments and receipts recorded.") % {"count": confirmed},
    )
    for reason in refused[:20]:
        messages.error(request, reason)
    return redirect("dues:statement_detail", pk=pk)


def _transaction(pk) -> BankTransaction:
    return get_object_or_404(BankTransaction.objects.select_related("statement"), pk=pk)


@require_POST
@treasurer_required
def transaction_confirm(request, pk):
    tx = _transaction(pk)
    form = AssignForm(request.POST)
    target = reverse("dues:statement_detail", args=[tx.statement_id])
    if request.POST.get("candidate"):
        invoice = Invoice.objects.filter(pk__in=tx.candidates, pk=_int(request.POST["candidate"])).first()
        if invoice is None:
            messages.error(request, errors.CHOOSE_CANDIDATE)
            return redirect(target)
    elif form.is_valid():
        invoice = form.cleaned_data["invoice"]
    else:
        return form_errors_reported(request, form, target, labels=False)
    with refusal_reported(request, form):
        payment = services.bank_transaction_confirm(bank_transaction=tx, invoice=invoice, by=request.user)
        messages.success(
            request,
            _("Payment recorded on %(invoice)s, receipt %(receipt)s issued.")
            % {"invoice": payment.invoice.number, "receipt": payment.receipt.number},
        )
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@treasurer_required
def transaction_set_aside(request, pk):
    tx = _transaction(pk)
    form = SetAsideForm(request.POST)
    target = reverse("dues:statement_detail", args=[tx.statement_id])
    if form.is_valid():
        with refusal_reported(request, form):
            services.bank_transaction_set_aside(
                bank_transaction=tx, note=form.cleaned_data["note"], by=request.user
            )
            messages.success(request, _("The credit was set aside."))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)
