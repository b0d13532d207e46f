"""Where meetings calls what a higher app provides (alliance/extensions.py)."""

from alliance.extensions import extension_point

members_in_arrears = extension_point(
    "meetings.members_in_arrears",
    doc="fn(member_ids, *, on) -> set of ids in arrears (dues): they lose their vote at bodies "
    'whose option "members in arrears lose their vote" is on',
    required=True,
    single=True,
)
