"""Arrears, the public arrears list and the treasurer's collection report (001 §IV.7, §V.3)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.pdf import render_pdf
from alliance.query import is_year, query_year
from alliance.roles import Role, has_role, role_required
from alliance.submissions import one_submission, submission_claim
from alliance.views import form_errors_reported, refusal_reported
from dues import conf, errors, selectors, services
from dues.charts import bar_chart
from dues.filters import ArrearsFilter
from dues.forms import ArrearsPublishForm, ExpulsionProposalForm
from dues.models import ArrearsPublication, Invoice
from dues.views.common import FINANCE_READ
from meetings.services import expulsion_propose
from members.models import Member, Tier


def _arrears(request):
    filterset = ArrearsFilter(request.GET, queryset=Invoice.objects.none())
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    rows = selectors.arrears_rows(
        on=timezone.localdate(),
        country=data.get("country") or "",
        tier=data.get("tier") or "",
        year=data.get("year"),
    )
    return filterset, rows


@role_required(*FINANCE_READ)
def arrears(request):
    filterset, rows = _arrears(request)
    return render(
        request,
        "dues/arrears.html",
        {
            "filter": filterset,
            "page_obj": paginate(request, rows),
            "count": len(rows),
            "publish_form": ArrearsPublishForm(initial={"show_amounts": conf.public_arrears_show_amounts()}),
            "published": ArrearsPublication.objects.filter(withdrawn_at__isnull=True).first(),
            "expulsion_form": ExpulsionProposalForm() if has_role(request.user, Role.SECRETARIAT) else None,
            "currency": conf.currency(),
        },
    )


ARREARS_EXPORT = [
    Column(gettext_lazy("Member number"), "member.number"),
    Column(gettext_lazy("Member"), "member.name"),
    Column(gettext_lazy("Country"), "member.country.code"),
    Column(gettext_lazy("Tier"), "member.get_tier_display"),
    Column(gettext_lazy("Years owed"), lambda row: " ".join(str(y) for y in row["years"])),
    Column(gettext_lazy("Outstanding"), "outstanding"),
]


@role_required(*FINANCE_READ)
def arrears_export(request, fmt):
    _filterset, rows = _arrears(request)
    return export_response(fmt, rows, ARREARS_EXPORT, f"arrears-{timezone.localdate().isoformat()}")


@require_POST
@role_required(*FINANCE_READ)
@one_submission
def arrears_publish(request):
    form = ArrearsPublishForm(request.POST)
    form.is_valid()
    with submission_claim(request, reverse("dues:arrears")):
        publication = services.arrears_publish(
            on=timezone.localdate(),
            by=request.user,
            show_amounts=form.cleaned_data.get("show_amounts", False),
        )
    messages.success(
        request,
        _("The arrears list was published with %(count)s member(s).") % {"count": len(publication.entries)},
    )
    return redirect("dues:arrears")


@require_POST
@role_required(Role.SECRETARIAT)
def arrears_propose_expulsion(request, member_pk):
    """Put the expulsion of a member in arrears on a meeting's agenda, through the meetings service."""
    member = get_object_or_404(Member, pk=member_pk)
    if member.pk not in selectors.members_in_arrears([member.pk], on=timezone.localdate()):
        messages.error(request, errors.NOT_IN_ARREARS % {"member": member.name})
        return redirect("dues:arrears")
    form = ExpulsionProposalForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            resolution = expulsion_propose(member=member, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The expulsion of %(member)s is proposed to %(meeting)s.")
                % {"member": member.name, "meeting": resolution.meeting},
            )
    if form.errors:
        return form_errors_reported(request, form, "dues:arrears")
    return redirect("dues:arrears")


def arrears_public(request):
    """The published arrears list (DESIGN.md: the public sees what is published)."""
    publication = ArrearsPublication.objects.filter(withdrawn_at__isnull=True).first()
    # A list published while amounts were allowed shows none once the setting forbids them.
    show_amounts = bool(publication and publication.show_amounts and conf.public_arrears_show_amounts())
    return render(
        request,
        "dues/arrears_public.html",
        {"publication": publication, "show_amounts": show_amounts, "currency": conf.currency()},
    )


def _report_year(request) -> int:
    return query_year(request, default=timezone.localdate().year)


def _reported_year(year: int) -> int:
    """The year of a report's URL: one the records can hold, else there is no such report."""
    if not is_year(year):
        raise Http404
    return year


def _report_context(year: int) -> dict:
    tier_labels = dict(Tier.choices)
    by_tier = selectors.collection(year, by="tier")
    for row in by_tier:
        row["label"] = tier_labels.get(row["key"], row["key"])
    by_country = selectors.collection(year, by="country")
    for row in by_country:
        row["label"] = countries.name(row["key"]) or row["key"]
    return {
        "year": year,
        "by_tier": by_tier,
        "by_country": by_country,
        "totals": selectors.collection_totals(by_tier),
        "tier_chart": bar_chart(by_tier, title=_("Collection by tier")),
        "country_chart": bar_chart(by_country, title=_("Collection by country")),
        "currency": conf.currency(),
        "years": selectors.years_with_invoices(),
    }


@role_required(*FINANCE_READ)
def report(request):
    return render(request, "dues/report.html", _report_context(_report_year(request)))


REPORT_EXPORT = [
    Column(gettext_lazy("Group"), "group"),
    Column(gettext_lazy("Key"), "label"),
    Column(gettext_lazy("Invoices"), "invoices"),
    Column(gettext_lazy("Expected"), "expected"),
    Column(gettext_lazy("Received"), "received"),
    Column(gettext_lazy("Outstanding"), "outstanding"),
    Column(gettext_lazy("Rate %"), "rate"),
]


@role_required(*FINANCE_READ)
def report_export(request, year, fmt):
    context = _report_context(_reported_year(year))
    rows = [
        {**row, "group": group}
        for group, group_rows in ((_("Tier"), context["by_tier"]), (_("Country"), context["by_country"]))
        for row in group_rows
    ]
    rows.append({**context["totals"], "group": _("Total"), "label": ""})
    return export_response(fmt, rows, REPORT_EXPORT, f"membership-fees-{year}")


@role_required(*FINANCE_READ)
def report_pdf(request, year):
    context = {
        **_report_context(_reported_year(year)),
        "generated_on": timezone.localdate(),
        "by": request.user,
    }
    pdf = render_pdf("dues/pdf/report.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="membership-fees-{year}.pdf"'
    return response
