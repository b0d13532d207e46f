"""Liaison briefings: offices submit theirs; the secretariat sees which are late."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.pagination import paginate
from alliance.roles import Role, has_role, role_required
from secretariat import selectors, services
from secretariat.errors import SecretariatError
from secretariat.filters import BriefingFilter
from secretariat.forms import BriefingForm


@role_required(Role.SECRETARIAT, Role.LIAISON_OFFICER)
def briefing_list(request):
    filterset = BriefingFilter(
        request.GET, queryset=selectors.briefings_visible_to(request.user), request=request
    )
    page = paginate(request, filterset.qs)
    late = selectors.late_offices() if has_role(request.user, Role.SECRETARIAT) else []
    return render(
        request,
        "secretariat/briefing_list.html",
        {"filter": filterset, "page_obj": page, "briefings": page.object_list, "late": late},
    )


@role_required(Role.LIAISON_OFFICER)
def briefing_create(request):
    offices = selectors.offices_for_user(request.user)
    form = BriefingForm(request.POST or None, offices=offices, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            briefing = services.briefing_submit(
                office=data["office"],
                by=request.user,
                period_start=data["period"],
                work_done=data["work_done"],
                contacts_made=data["contacts_made"],
                issues=data["issues"],
            )
        except SecretariatError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Briefing submitted."))
            return redirect("secretariat:briefing_detail", pk=briefing.pk)
    return render(request, "secretariat/briefing_form.html", {"form": form, "offices": offices})


@role_required(Role.SECRETARIAT, Role.LIAISON_OFFICER)
def briefing_detail(request, pk):
    briefing = get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)
    return render(request, "secretariat/briefing_detail.html", {"briefing": briefing})
