"""Where members calls what a higher app provides (alliance/extensions.py).

``members`` must not import ``meetings``, ``dues`` or ``secretariat`` (DESIGN.md,
Architecture), yet admitting a member issues its first invoice (dues), a departing
representative's alliance positions end with them (meetings), an expulsion cites a
meeting's resolution, and the member file shows every app's part of it. Each point runs
inside the caller's transaction, so a failing implementation undoes the change.
"""

from alliance.extensions import extension_point
from alliance.outbox_views import MEMBER_FILE_SECTION

member_admitted = extension_point(
    "members.member_admitted",
    doc="fn(*, member, by): a member was just admitted; dues issues its first invoice (001 §IV.4)",
    required=True,
)
representative_left = extension_point(
    "members.representative_left",
    doc="fn(*, representative, ended_on, by): the positions they held end with them (003 第六–八条)",
    required=True,
)
expulsion_resolutions = extension_point(
    "members.expulsion_resolutions",
    doc="fn(member_id) -> [(register number, label)]: passed resolutions deciding the member's expulsion",
    required=True,
    single=True,
)
# The directory's "alliance position" filter: positions are recorded by meetings.
position_choices = extension_point(
    "members.position_choices",
    doc="fn() -> [(value, label)]: the alliance positions the directory filters by",
    required=True,
    single=True,
)
members_holding_position = extension_point(
    "members.members_holding_position",
    doc="fn(queryset, value) -> queryset: the members holding that position now",
    required=True,
    single=True,
)
member_file_sections = extension_point(
    "members.member_file_sections",
    doc="alliance.sections.Section: a part of the member file (dues history, meetings, activities)",
)


def member_file() -> list:
    """The member file's sections in order: the emails sent about the member (alliance's
    outbox, a lower layer members imports) and those the higher apps connect."""
    sections = [MEMBER_FILE_SECTION, *member_file_sections.implementations()]
    return sorted(sections, key=lambda s: (s.order, s.key))
