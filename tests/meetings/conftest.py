import pytest

from tests.meetings.factories import in_session, make_meeting


@pytest.fixture
def meeting9(secretariat_user):
    """A meeting of 9 entitled units, all signed in (quorum: more than 2/3 means 7)."""
    meeting, members = make_meeting(by=secretariat_user, units=9)
    in_session(meeting, members, by=secretariat_user)
    return meeting, members


def arrears_of_first_two(member_ids, on):
    """Stand-in for dues.selectors.members_in_arrears: the two lowest ids are in arrears."""
    return set(sorted(member_ids)[:2])
