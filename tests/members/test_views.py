"""Who reaches each page of the members app (200), who is refused (403), what is out of scope (404)."""

import pytest
from django.urls import reverse

from alliance.roles import Role
from members.models import ApplicationDecision, ApplicationStatus, MemberStatus
from members.services import application_approve
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.members.helpers import preliminarily_approved, submitted_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(thai_office):
    return submitted_unit()


@pytest.fixture
def own_member(member_user):
    """The member the member user represents."""
    return RepresentativeFactory(user=member_user, member=MemberFactory(country="TH")).member


def _status(client, user, url, method="get", data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


def test_anonymous_is_sent_to_login(client, application, own_member):
    for url in [
        reverse("members:application_list"),
        reverse("members:application_detail", args=[application.pk]),
        reverse("members:review_queue", args=["preliminary"]),
        reverse("members:member_list"),
        reverse("members:member_export", args=["csv"]),
        reverse("members:member_detail", args=[own_member.pk]),
        reverse("members:office_list"),
        reverse("members:document_download", args=[application.documents.get().pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_public_pages_are_open(client):
    assert client.get(reverse("members:apply")).status_code == 200
    assert client.get(reverse("members:verify_form")).status_code == 200
    assert client.get(reverse("members:verify", args=["NOPE"])).status_code == 404


def test_public_landing_page_links_apply_and_verify(client):
    body = client.get(reverse("home")).content.decode()
    assert "Apply for membership" in body and "Verify a certificate" in body


def test_application_detail_scope(
    client, application, secretariat_user, liaison_user, other_officer, member_user, plain_user
):
    url = reverse("members:application_detail", args=[application.pk])
    assert _status(client, application.applicant, url) == 200
    assert _status(client, liaison_user, url) == 200
    assert _status(client, secretariat_user, url) == 200
    assert _status(client, other_officer, url) == 404
    assert _status(client, member_user, url) == 404
    assert _status(client, plain_user, url) == 404


@pytest.mark.parametrize(
    ("fixture", "preliminary", "final"),
    [
        ("secretariat_user", 200, 200),
        ("liaison_user", 200, 403),
        ("treasurer_user", 403, 403),
        ("member_user", 403, 403),
        ("plain_user", 403, 403),
        ("admin_user", 200, 200),
    ],
)
def test_review_queues(request, client, fixture, preliminary, final):
    user = request.getfixturevalue(fixture)
    assert _status(client, user, reverse("members:review_queue", args=["preliminary"])) == preliminary
    assert _status(client, user, reverse("members:review_queue", args=["final"])) == final


def test_liaison_queue_shows_only_their_countries(client, thai_office, liaison_user, other_officer):
    thai = submitted_unit(name="Thai Applicant Co.")
    vietnamese = submitted_unit(name="Vietnamese Applicant JSC", country="VN")
    client.force_login(liaison_user)
    body = client.get(reverse("members:review_queue", args=["preliminary"])).content.decode()
    assert thai.name in body and vietnamese.name not in body


def test_decision_is_a_post_by_a_reviewer_in_scope(
    client, application, liaison_user, other_officer, treasurer_user
):
    url = reverse("members:application_decide", args=[application.pk])
    data = {"stage": "preliminary", "decision": "approve", "comment": ""}
    assert _status(client, liaison_user, url, "get") == 405
    assert _status(client, treasurer_user, url, "post", data) == 403
    assert _status(client, other_officer, url, "post", data) == 404
    assert not ApplicationDecision.objects.exists()
    assert _status(client, liaison_user, url, "post", data) == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED


def test_second_decision_via_the_page_gets_a_clear_message(client, application, liaison_user):
    url = reverse("members:application_decide", args=[application.pk])
    client.force_login(liaison_user)
    client.post(url, {"stage": "preliminary", "decision": "approve"})
    response = client.post(url, {"stage": "preliminary", "decision": "reject", "comment": "no"}, follow=True)
    assert "already been decided" in response.content.decode()
    assert ApplicationDecision.objects.count() == 1


def test_document_review_records_reason(client, application, liaison_user):
    document = application.documents.get()
    client.force_login(liaison_user)
    url = reverse("members:document_review", args=[application.pk, document.pk])
    response = client.post(url, {"review": "replace", "reason": ""}, follow=True)
    assert "reason" in response.content.decode()
    client.post(url, {"review": "replace", "reason": "The scan is unreadable"})
    document.refresh_from_db()
    assert (document.review, document.review_reason, document.reviewed_by) == (
        "replace",
        "The scan is unreadable",
        liaison_user,
    )
    # The applicant sees the reason.
    client.force_login(application.applicant)
    assert (
        "The scan is unreadable"
        in client.get(reverse("members:application_detail", args=[application.pk])).content.decode()
    )


@pytest.mark.parametrize(
    "who,expected",
    [
        ("applicant", 200),
        ("liaison_user", 200),
        ("secretariat_user", 200),
        ("other_officer", 404),
        ("member_user", 404),
        ("plain_user", 404),
    ],
)
def test_document_download_scope(who, expected, request, client, application):
    user = application.applicant if who == "applicant" else request.getfixturevalue(who)
    url = reverse("members:document_download", args=[application.documents.get().pk])
    assert _status(client, user, url) == expected


def test_member_downloads_own_documents_but_not_another_members(
    client, thai_office, liaison_user, secretariat_user
):
    mine = preliminarily_approved(liaison_user)
    theirs = preliminarily_approved(liaison_user, name="Other Co.")
    member = application_approve(application=mine, reviewer=secretariat_user)
    application_approve(application=theirs, reviewer=secretariat_user)
    rep_user = member.representatives.get().user
    # Both applications name the same representative in the helper; give "theirs" another one.
    other_member = theirs.__class__.objects.get(pk=theirs.pk).member
    other_member.representatives.update(user=UserFactory(roles=[Role.MEMBER]))
    own_doc = mine.documents.get()
    their_doc = theirs.documents.get()
    client.force_login(rep_user)
    assert client.get(reverse("members:document_download", args=[own_doc.pk])).status_code == 200
    assert client.get(reverse("members:document_download", args=[their_doc.pk])).status_code == 404
    own_cert = member.certificates.get()
    their_cert = other_member.certificates.get()
    assert (
        client.get(reverse("members:certificate_download", args=[member.pk, own_cert.pk])).status_code == 200
    )
    assert (
        client.get(reverse("members:certificate_download", args=[other_member.pk, their_cert.pk])).status_code
        == 404
    )
    assert client.get(reverse("members:member_detail", args=[other_member.pk])).status_code == 404


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("secretariat_user", 200),
        ("liaison_user", 200),
        ("treasurer_user", 200),
        ("member_user", 403),
        ("plain_user", 403),
    ],
)
def test_directory_and_csv(request, client, fixture, expected):
    user = request.getfixturevalue(fixture)
    assert _status(client, user, reverse("members:member_list")) == expected
    assert _status(client, user, reverse("members:member_export", args=["csv"])) == expected


def test_member_file_scope(
    client, thai_office, own_member, secretariat_user, liaison_user, other_officer, member_user, plain_user
):
    url = reverse("members:member_detail", args=[own_member.pk])
    assert _status(client, secretariat_user, url) == 200
    assert _status(client, liaison_user, url) == 200
    assert _status(client, other_officer, url) == 404
    assert _status(client, member_user, url) == 200
    assert _status(client, plain_user, url) == 403
    vietnamese = MemberFactory(country="VN")
    assert _status(client, liaison_user, reverse("members:member_detail", args=[vietnamese.pk])) == 404
    assert _status(client, member_user, reverse("members:member_detail", args=[vietnamese.pk])) == 404


def test_my_membership_redirects_to_own_file(client, own_member, member_user):
    client.force_login(member_user)
    response = client.get(reverse("members:my_membership"))
    assert response.url == reverse("members:member_detail", args=[own_member.pk])


def test_status_change_only_by_secretariat_as_post(client, own_member, secretariat_user, liaison_user):
    url = reverse("members:member_status", args=[own_member.pk])
    data = {"to_status": "suspended", "reason": "Absent three times"}
    assert _status(client, secretariat_user, url, "get") == 405
    assert _status(client, liaison_user, url, "post", data) == 403
    own_member.refresh_from_db()
    assert own_member.status == MemberStatus.ACTIVE
    assert _status(client, secretariat_user, url, "post", data) == 302
    own_member.refresh_from_db()
    assert own_member.status == MemberStatus.SUSPENDED
    assert own_member.status_changes.get().changed_by == secretariat_user


def test_expulsion_without_resolution_via_page_changes_nothing(client, own_member, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("members:member_status", args=[own_member.pk]),
        {"to_status": "expelled", "reason": "Arrears"},
        follow=True,
    )
    assert "resolution" in response.content.decode()
    own_member.refresh_from_db()
    assert own_member.status == MemberStatus.ACTIVE


def test_representative_pages_only_for_secretariat(
    client, own_member, secretariat_user, liaison_user, member_user
):
    rep = own_member.representatives.get()
    url = reverse("members:representative_replace", args=[own_member.pk, rep.pk])
    add_url = reverse("members:representative_add", args=[own_member.pk, "deputy"])
    assert _status(client, secretariat_user, url) == 200
    assert _status(client, secretariat_user, add_url) == 200
    assert _status(client, liaison_user, url) == 403
    assert _status(client, member_user, url) == 403
    end_url = reverse("members:representative_end", args=[own_member.pk, rep.pk])
    assert _status(client, secretariat_user, end_url, "get") == 405


@pytest.mark.parametrize(
    ("fixture", "listing", "create"),
    [
        ("secretariat_user", 200, 200),
        ("liaison_user", 200, 403),
        ("treasurer_user", 403, 403),
        ("member_user", 403, 403),
    ],
)
def test_liaison_office_pages(request, client, fixture, listing, create):
    user = request.getfixturevalue(fixture)
    assert _status(client, user, reverse("members:office_list")) == listing
    assert _status(client, user, reverse("members:office_create")) == create


def test_secretariat_creates_an_office_and_a_country_has_one_office(client, thai_office, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("members:office_create"),
        {"name": "Second Bangkok Office", "countries": ["TH"], "is_active": "on"},
    )
    assert "already covered" in response.content.decode()
    response = client.post(
        reverse("members:office_create"), {"name": "Manila Office", "countries": ["PH"], "is_active": "on"}
    )
    assert response.status_code == 302
    assert thai_office.__class__.objects.filter(name="Manila Office").exists()


def test_dashboard_shows_applications_waiting_to_reviewers_only(
    client, thai_office, liaison_user, other_officer, treasurer_user, secretariat_user
):
    submitted_unit()
    client.force_login(liaison_user)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Applications waiting" in body
    section = client.get(reverse("dashboard")).context["sections"]
    rows = next(s for s in section if s["section"].key == "members-applications-waiting")["rows"]
    assert [row["stage"] for row in rows] == ["preliminary"] and rows[0]["count"] == 1
    client.force_login(other_officer)
    rows = next(
        s
        for s in client.get(reverse("dashboard")).context["sections"]
        if s["section"].key == "members-applications-waiting"
    )["rows"]
    assert rows[0]["count"] == 0
    client.force_login(treasurer_user)
    assert "Applications waiting" not in client.get(reverse("dashboard")).content.decode()
    client.force_login(secretariat_user)
    response = client.get(reverse("dashboard"))
    assert "Applications waiting" in response.content.decode()
    rows = next(
        s for s in response.context["sections"] if s["section"].key == "members-applications-waiting"
    )["rows"]
    assert [row["stage"] for row in rows] == ["preliminary", "final"]


def test_queue_filters_by_country_and_shows_waiting_days(client, thai_office, liaison_user):
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 3, 1, 3, tzinfo=datetime.UTC), tick=False):
        submitted_unit(name="Thai One", country="TH")
        submitted_unit(name="Lao One", country="LA")
    client.force_login(liaison_user)
    with time_machine.travel(datetime.datetime(2026, 3, 11, 3, tzinfo=datetime.UTC)):
        response = client.get(reverse("members:review_queue", args=["preliminary"]), {"country": "LA"})
    assert [(a.name, days) for a, days in response.context["rows"]] == [("Lao One", 10)]


def test_member_edits_own_contacts_but_not_anothers(
    client, own_member, member_user, liaison_user, thai_office
):
    url = reverse("members:contact_add", args=[own_member.pk])
    client.force_login(member_user)
    response = client.post(url, {"name": "Duty Desk", "phone": "+66 2 111 1111", "email": "desk@example.org"})
    assert response.status_code == 302
    contact = own_member.contacts.get()
    assert contact.name == "Duty Desk"
    edit = reverse("members:contact_edit", args=[own_member.pk, contact.pk])
    client.post(edit, {"name": "Night Desk", "fax": "+66 2 111 1112"})
    contact.refresh_from_db()
    assert (contact.name, contact.fax) == ("Night Desk", "+66 2 111 1112")
    other = MemberFactory(country="TH")
    assert client.get(reverse("members:contact_add", args=[other.pk])).status_code == 404
    assert _status(client, liaison_user, url) == 403


def test_application_list_scope(
    client, thai_office, liaison_user, other_officer, secretariat_user, plain_user
):
    from members.services import application_save
    from tests.members.helpers import unit_data

    thai = submitted_unit(name="Thai Listed Co.")
    vietnamese = submitted_unit(name="Vietnam Listed JSC", country="VN")
    draft = application_save(applicant=plain_user, data=unit_data(name="Private Draft Co."))
    url = reverse("members:application_list")

    def names(user):
        client.force_login(user)
        return {a.name for a in client.get(url).context["applications"]}

    assert names(liaison_user) == {thai.name}
    assert names(other_officer) == {vietnamese.name}
    assert names(secretariat_user) == {thai.name, vietnamese.name}
    assert names(plain_user) == {draft.name}
    client.force_login(secretariat_user)
    assert {a.name for a in client.get(url, {"country": "VN"}).context["applications"]} == {vietnamese.name}


def test_a_filtered_empty_application_list_says_no_application_matches(client, application, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("members:application_list")
    assert application.name in client.get(url).content.decode()
    page = client.get(url, {"status": ApplicationStatus.REJECTED}).content.decode()
    assert "No application matches these filters." in page
    assert "You have no application yet." not in page


def test_an_applicant_without_application_is_told_so(client, plain_user):
    client.force_login(plain_user)
    assert "You have no application yet." in client.get(reverse("members:application_list")).content.decode()


@pytest.mark.parametrize("role,shown", [("secretariat_user", True), ("treasurer_user", False)])
def test_the_member_file_lists_only_documents_the_reader_may_download(
    role, shown, request, client, thai_office, liaison_user, secretariat_user
):
    member = application_approve(application=preliminarily_approved(liaison_user), reviewer=secretariat_user)
    document = member.application.documents.first()
    url = reverse("members:member_detail", args=[member.pk])
    link = reverse("members:document_download", args=[document.pk])
    client.force_login(request.getfixturevalue(role))
    assert (link in client.get(url).content.decode()) is shown
    assert client.get(link).status_code == (200 if shown else 404)


def test_my_membership_is_offered_only_to_who_represents_a_member(
    client, own_member, member_user, admin_user
):
    link = reverse("members:my_membership")
    client.force_login(member_user)
    assert link in client.get(reverse("dashboard")).content.decode()
    client.force_login(admin_user)
    assert link not in client.get(reverse("dashboard")).content.decode()


def test_a_refused_status_change_is_shown_by_its_field_with_what_was_typed(
    client, own_member, secretariat_user
):
    """Issue 12 §6: the error stood in a flash message after a redirect and the reason was lost."""
    client.force_login(secretariat_user)
    response = client.post(
        reverse("members:member_status", args=[own_member.pk]),
        {"to_status": "expelled", "reason": "Arrears since 2024"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    form = html[html.index('action="' + reverse("members:member_status", args=[own_member.pk])) :]
    assert "Arrears since 2024" in form.split("</form>")[0]
    assert "invalid-feedback" in form.split("</form>")[0] or "alert" in form.split("</form>")[0]
    own_member.refresh_from_db()
    assert own_member.status == MemberStatus.ACTIVE


def test_a_refused_decision_shows_its_error_beside_the_field_and_keeps_the_comment(
    client, application, liaison_user
):
    """Issue 12 item 6: the decision form comes back with what was typed and the error in place."""
    client.force_login(liaison_user)
    url = reverse("members:application_decide", args=[application.pk])
    comment = "Les statuts manquent — 缺少章程"
    response = client.post(url, {"stage": "preliminary", "decision": "", "comment": comment}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("members:application_detail", args=[application.pk])
    form = html.split(url, 1)[1].split("</form>")[0]
    assert comment in form and "is-invalid" in form
    assert not ApplicationDecision.objects.exists()


def test_the_dashboards_applications_waiting_follow_a_new_application(client, thai_office, liaison_user):
    """The figures are cached on the applications' history: one submitted shows at once."""
    client.force_login(liaison_user)

    def count():
        sections = client.get(reverse("dashboard")).context["sections"]
        return next(s for s in sections if s["section"].key == "members-applications-waiting")["rows"][0][
            "count"
        ]

    assert count() == 0
    submitted_unit()
    assert count() == 1
