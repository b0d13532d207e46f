"""The yearly budget and settlement report to the General Assembly (001 §V.3): a page with
charts, a PDF and a CSV/XLSX; the treasurer records lines and actuals until it is approved."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pdf import render_pdf
from alliance.roles import has_role, role_required
from alliance.views import form_errors_reported, refusal_reported
from dues import conf, selectors, services
from dues.budget_forms import ActualForm, ApprovalForm, BudgetLineForm
from dues.charts import bar_chart
from dues.models import Budget, BudgetLine
from dues.views.common import FINANCE_READ, FINANCE_WRITE
from dues.views.reports import _report_context

MIN_YEAR, MAX_YEAR = 2000, 2999


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def _context(year: int) -> dict:
    """The report of ``year``: fee income by tier and country, budget against actual, settlement."""
    context = _report_context(year)
    budget = Budget.objects.select_related("resolution__meeting", "approved_by").filter(year=year).first()
    context["budget"] = budget
    if budget is not None:
        report = selectors.budget_report(budget)
        context.update(report)
        rows = [
            {"label": line.label, "expected": line.planned, "received": line.actual, "rate": line.rate}
            for line in [*report["income"], *report["expense"]]
        ]
        context["budget_chart"] = bar_chart(rows, title=_("Budget against actual"))
        context["sections"] = [(_("Income"), report["income"]), (_("Expenses"), report["expense"])]
    return context


@role_required(*FINANCE_READ)
def budget_page(request, year=None):
    if year is None:
        try:
            year = int(request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
    year = _year(year)
    context = _context(year)
    budget = context["budget"]
    editable = budget is not None and not budget.is_approved and has_role(request.user, *FINANCE_WRITE)
    context.update(
        {
            "can_write": has_role(request.user, *FINANCE_WRITE),
            "editable": editable,
            "line_form": BudgetLineForm() if editable else None,
            "actual_form": ActualForm(budget=budget, initial={"on": timezone.localdate()})
            if editable
            else None,
            "approval_form": ApprovalForm() if editable else None,
        }
    )
    return render(request, "dues/budget.html", context)


def _budget(year) -> Budget:
    return get_object_or_404(Budget, year=_year(year))


def _back(year):
    return reverse("dues:budget", kwargs={"year": year})


@require_POST
@role_required(*FINANCE_WRITE)
def budget_start(request, year):
    year = _year(year)
    with refusal_reported(request):
        services.budget_open(year=year, by=request.user)
        messages.success(request, _("The budget was started."))
    return redirect(_back(year))


@require_POST
@role_required(*FINANCE_WRITE)
def budget_line_add(request, year, line_pk=None):
    budget = _budget(year)
    line = get_object_or_404(BudgetLine, pk=line_pk, budget=budget) if line_pk else None
    form = BudgetLineForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.budget_line_save(budget=budget, line=line, by=request.user, **form.cleaned_data)
            messages.success(request, _("The budget line was saved."))
    if form.errors:
        return form_errors_reported(request, form, _back(year), labels=False)
    return redirect(_back(year))


@require_POST
@role_required(*FINANCE_WRITE)
def actual_add(request, year):
    budget = _budget(year)
    form = ActualForm(request.POST, budget=budget)
    if form.is_valid():
        with refusal_reported(request, form):
            services.actual_record(by=request.user, **form.cleaned_data)
            messages.success(request, _("The actual amount was recorded."))
    if form.errors:
        return form_errors_reported(request, form, _back(year), labels=False)
    return redirect(_back(year))


@require_POST
@role_required(*FINANCE_WRITE)
def budget_approve(request, year):
    budget = _budget(year)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.budget_approve(
                budget=budget, resolution=form.cleaned_data["resolution"], by=request.user
            )
            messages.success(
                request, _("The approval by the General Assembly was recorded; the budget is now read-only.")
            )
    if form.errors:
        return form_errors_reported(request, form, _back(year), labels=False)
    return redirect(_back(year))


@role_required(*FINANCE_READ)
def budget_pdf(request, year):
    context = {**_context(_year(year)), "generated_on": timezone.localdate(), "currency": conf.currency()}
    if context["budget"] is None:
        raise Http404
    response = HttpResponse(render_pdf("dues/pdf/budget.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="budget-settlement-{year}.pdf"'
    return response


BUDGET_EXPORT = [
    Column(gettext_lazy("Section"), "section"),
    Column(gettext_lazy("Line"), "label"),
    Column(gettext_lazy("Budgeted"), "planned"),
    Column(gettext_lazy("Actual"), "actual"),
    Column(gettext_lazy("Difference"), "difference"),
]


@role_required(*FINANCE_READ)
def budget_export(request, year, fmt):
    """The report as rows: fee income by tier and country, each budget line, the settlement."""
    context = _context(_year(year))
    if context["budget"] is None:
        raise Http404
    rows = []
    for group, section in (
        (context["by_tier"], _("Fee income by tier")),
        (context["by_country"], _("Fee income by country")),
    ):
        rows += [
            {
                "section": section,
                "label": r["label"],
                "planned": r["expected"],
                "actual": r["received"],
                "difference": r["received"] - r["expected"],
            }
            for r in group
        ]
    for lines, section in ((context["income"], _("Income")), (context["expense"], _("Expense"))):
        rows += [
            {
                "section": section,
                "label": line.label,
                "planned": line.planned,
                "actual": line.actual,
                "difference": line.difference,
            }
            for line in lines
        ]
    totals = context["budget_totals"]
    rows.append(
        {
            "section": _("Settlement"),
            "label": _("Income less expenses"),
            "planned": totals["balance_planned"],
            "actual": totals["settlement"],
            "difference": totals["settlement"] - totals["balance_planned"],
        }
    )
    return export_response(fmt, rows, BUDGET_EXPORT, f"budget-settlement-{year}")
