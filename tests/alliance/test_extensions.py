"""Extension points: declared by the lower layer, connected by the higher app, checked at start-up."""

from alliance.extensions import POINTS, ExtensionPoint, check_extension_points


def test_every_required_point_is_connected_at_start_up():
    assert check_extension_points() == []


def test_the_three_inversions_are_extension_points():
    assert {"members.member_admitted", "members.representative_left", "meetings.members_in_arrears"} <= set(
        POINTS
    )


def test_a_required_point_without_implementation_fails_the_check():
    point = POINTS["meetings.members_in_arrears"]
    with point.replaced():
        errors = check_extension_points()
    assert [error.id for error in errors] == ["alliance.E003"]
    assert "meetings.members_in_arrears" in errors[0].msg


def test_a_single_point_with_two_implementations_fails_the_check():
    point = POINTS["members.expulsion_resolutions"]
    with point.replaced(lambda member_id: [], lambda member_id: []):
        assert [error.id for error in check_extension_points()] == ["alliance.E004"]


def test_connecting_twice_connects_once():
    point = ExtensionPoint("tests.twice", doc="")

    def implementation(**kwargs):
        return kwargs

    point.connect(implementation)
    point.connect(implementation)
    assert point.call(x=1) == [{"x": 1}]
    point.disconnect(implementation)
    assert point.call(x=1) == []


def test_the_dashboard_is_composed_in_secretariat_from_every_app():
    from secretariat.dashboard import DASHBOARD

    keys = [section.key for section in DASHBOARD]
    assert keys[:5] == [
        "members-applications-waiting",
        "my-dues",
        "meetings",
        "my-meetings",
        "dues-collection",
    ]


def test_the_member_file_shows_every_apps_section_in_order():
    from members.extensions import member_file

    keys = [section.key for section in member_file()]
    assert keys == [
        "dues-history",
        "meetings-attended",
        "positions-held",
        "secretariat-participation",
        "outgoing-email",
    ]
