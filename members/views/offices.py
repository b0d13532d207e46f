"""Liaison offices: the secretariat manages them; an officer sees their own."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from alliance.pagination import paginate
from alliance.roles import Role, has_role, role_required
from members.forms import LiaisonOfficeForm
from members.models import LiaisonOffice
from members.services import MembershipError, liaison_office_save
from members.views.common import error_text


def offices_visible_to(user):
    offices = LiaisonOffice.objects.select_related("director").prefetch_related("officers")
    if has_role(user, Role.SECRETARIAT):
        return offices
    return offices.filter(Q(officers=user) | Q(director=user)).distinct()


@role_required(Role.SECRETARIAT, Role.LIAISON_OFFICER)
def office_list(request):
    page = paginate(request, offices_visible_to(request.user).order_by("name"))
    return render(
        request,
        "members/office_list.html",
        {
            "page_obj": page,
            "offices": page.object_list,
            "can_manage": has_role(request.user, Role.SECRETARIAT),
        },
    )


@role_required(Role.SECRETARIAT)
def office_edit(request, pk=None):
    office = get_object_or_404(LiaisonOffice, pk=pk) if pk else None
    form = LiaisonOfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            liaison_office_save(
                office=office,
                name=data["name"],
                countries=list(data["countries"]),
                officers=data["officers"],
                director=data["director"],
                email=data["email"],
                address=data["address"],
                is_active=data["is_active"],
                by=request.user,
            )
        except MembershipError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The liaison office was saved."))
            return redirect("members:office_list")
    return render(request, "members/office_form.html", {"form": form, "office": office})
