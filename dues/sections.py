"""The dues sections of the member file (connected in apps.py) and of the staff dashboard
(composed in secretariat/dashboard.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.roles import Role, has_role
from alliance.sections import Section
from dues import conf
from dues.charts import bar_chart
from dues.selectors import LEDGER, member_invoices, year_totals_cached
from members.selectors import represented_members


def _member_file_context(request, *, member):
    return {"dues": member_invoices(member, today=timezone.localdate()), "currency": conf.currency()}


def _dashboard_context(request):
    year = timezone.localdate().year
    totals = year_totals_cached(year, request)
    chart = bar_chart([{"label": str(year), **totals}], title=str(_("Dues collected against expected")))
    return {"year": year, "totals": totals, "chart": chart, "currency": conf.currency()}


def _member_dashboard_context(request):
    """Good standing and what is owed, for each member the user represents."""
    today = timezone.localdate()
    accounts = [
        {"member": member, "dues": member_invoices(member, today=today)}
        for member in represented_members(request.user).order_by("name")[:3]
    ]
    return {"accounts": accounts, "currency": conf.currency()}


def _is_member_not_staff(user) -> bool:
    # Finance staff see the collection section; superusers hold every role but represent nobody.
    return (
        has_role(user, Role.MEMBER)
        and not user.is_superuser
        and not has_role(user, Role.SECRETARIAT, Role.TREASURER)
    )


# Members' own scoping (members_visible_to) decides whose file opens; the dues history
# is shown to every role that may open a file: secretariat, treasurer, liaison, the member.
MEMBER_FILE = Section(
    key="dues-history",
    title=_("Dues history"),
    template="dues/sections/member_file.html",
    context=_member_file_context,
    visible=lambda user: has_role(user, Role.SECRETARIAT, Role.TREASURER, Role.LIAISON_OFFICER, Role.MEMBER),
    order=40,
)

DASHBOARD = Section(
    key="dues-collection",
    title=_("Dues collected this year"),
    template="dues/sections/dashboard.html",
    context=_dashboard_context,
    visible=lambda user: has_role(user, Role.SECRETARIAT, Role.TREASURER),
    versions=LEDGER,
)

MEMBER_DASHBOARD = Section(
    key="my-dues",
    title=_("Your dues"),
    template="dues/sections/member_dashboard.html",
    context=_member_dashboard_context,
    visible=_is_member_not_staff,
)
