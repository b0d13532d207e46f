import pytest

from tests.members.factories import LiaisonOfficeFactory


@pytest.fixture
def thai_office(liaison_user):
    """The liaison office of Thailand, Laos and Cambodia, with the liaison user as officer."""
    return LiaisonOfficeFactory(
        name="Bangkok Liaison Office", countries=["TH", "LA", "KH"], officers=[liaison_user]
    )


@pytest.fixture
def other_officer(db):
    from alliance.roles import Role
    from tests.factories import UserFactory

    officer = UserFactory(username="vn-officer", roles=[Role.LIAISON_OFFICER])
    LiaisonOfficeFactory(name="Hanoi Liaison Office", countries=["VN"], officers=[officer])
    return officer
