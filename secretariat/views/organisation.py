"""The organisation page: departments with heads and staff, liaison offices, office holders."""

from django.db.models import Prefetch
from django.shortcuts import render

from alliance.roles import Role, role_required
from members.models import LiaisonOffice
from secretariat import selectors
from secretariat.models import Department, StaffProfile


@role_required(Role.SECRETARIAT, Role.LIAISON_OFFICER, Role.TREASURER)
def organisation(request):
    departments = Department.objects.select_related("head").prefetch_related(
        Prefetch(
            "staff",
            queryset=StaffProfile.objects.filter(is_active=True).select_related("user"),
            to_attr="active_staff",
        )
    )
    offices = (
        LiaisonOffice.objects.filter(is_active=True).select_related("director").prefetch_related("officers")
    )
    leaders = StaffProfile.objects.filter(is_active=True).exclude(approval_role="").select_related("user")
    return render(
        request,
        "secretariat/organisation.html",
        {
            "departments": departments,
            "offices": offices,
            "leaders": leaders.order_by("approval_role"),
            "office_holders": selectors.office_holders(),
        },
    )
