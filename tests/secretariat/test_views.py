"""Who reaches each page of the secretariat: 200 for the roles allowed, 403 for other signed-in
users, the login page for anonymous visitors, 404 for an object outside the user's scope."""

import pytest
from django.urls import reverse

from secretariat import errors
from secretariat.models import Document, DocumentStatus
from tests.secretariat.factories import ActivityFactory

pytestmark = pytest.mark.django_db

STAFF_ONLY = [
    ("secretariat:document_create", None),
    ("secretariat:activity_list", None),
    ("secretariat:activity_create", None),
    ("secretariat:flag_list", None),
]


@pytest.mark.parametrize("name,args", STAFF_ONLY)
def test_staff_pages_send_anonymous_visitors_to_log_in(name, args, client):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("name,args", STAFF_ONLY)
@pytest.mark.parametrize(
    "role,status",
    [
        ("member_user", 403),
        ("liaison_user", 403),
        ("treasurer_user", 403),
        ("secretariat_user", 200),
        ("admin_user", 200),
    ],
)
def test_staff_pages_admit_only_the_secretariat(name, args, role, status, request, client_for):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse(name, args=args)).status_code == status


@pytest.mark.parametrize(
    "role,status",
    [
        ("secretariat_user", 200),
        ("member_user", 200),
        ("liaison_user", 200),
        ("treasurer_user", 200),
        ("plain_user", 403),
    ],
)
def test_the_document_list_admits_every_role_but_not_a_plain_user(role, status, request, client_for):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("secretariat:document_list")).status_code == status


def test_the_document_list_sends_anonymous_visitors_to_log_in(client):
    assert client.get(reverse("secretariat:document_list")).status_code == 302


def test_the_document_list_searches_and_filters(make_document, client_for, secretariat_user):
    make_document("issued", title="Flood relief coordination")
    make_document("issued", title="Annual dues")
    response = client_for(secretariat_user).get(reverse("secretariat:document_list"), {"q": "flood"})
    assert b"Flood relief" in response.content and b"Annual dues" not in response.content
    response = client_for(secretariat_user).get(reverse("secretariat:document_list"), {"status": "draft"})
    assert b"Flood relief" not in response.content


def test_the_document_list_query_count_does_not_grow(
    make_document, client_for, secretariat_user, django_assert_max_num_queries
):
    for _ in range(3):
        make_document("issued")
    client = client_for(secretariat_user)
    client.get(reverse("secretariat:document_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("secretariat:document_list"))
    for _ in range(10):
        make_document("issued")
    with django_assert_max_num_queries(12):
        client.get(reverse("secretariat:document_list"))


def test_the_whole_workflow_through_the_pages(department, clerk, head, deputy, client_for):
    client = client_for(clerk)
    response = client.post(
        reverse("secretariat:document_create"),
        {
            "kind": "announcement",
            "title": "Office move",
            "body": "We move.",
            "audience": "public",
            "department": department.pk,
        },
    )
    document = Document.objects.get(title="Office move")
    assert response.url == reverse("secretariat:document_detail", args=[document.pk])
    client.post(reverse("secretariat:document_action", args=[document.pk, "submit"]))
    client_for(head).post(
        reverse("secretariat:document_action", args=[document.pk, "review"]), {"comment": "Fine"}
    )
    client_for(deputy).post(reverse("secretariat:document_action", args=[document.pk, "approve"]))
    client_for(clerk).post(reverse("secretariat:document_action", args=[document.pk, "issue"]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED and document.number


def test_approving_ones_own_draft_through_the_page_shows_the_refusal(make_document, deputy, head, client_for):
    document = make_document("in_review", author=deputy)
    from secretariat import services

    services.document_review(document=document, by=head)
    response = client_for(deputy).post(
        reverse("secretariat:document_action", args=[document.pk, "approve"]), follow=True
    )
    assert str(errors.OWN_DRAFT) in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVIEWED


def test_issuing_an_unapproved_document_through_the_page_is_refused(make_document, clerk, client_for):
    document = make_document("in_review")
    response = client_for(clerk).post(
        reverse("secretariat:document_action", args=[document.pk, "issue"]), follow=True
    )
    assert str(errors.NOT_APPROVED) in response.content.decode()
    document.refresh_from_db()
    assert document.number is None


def test_revising_an_issued_document_opens_the_revision(make_document, clerk, client_for):
    document = make_document("issued")
    response = client_for(clerk).post(reverse("secretariat:document_revise", args=[document.pk]))
    revision = Document.objects.exclude(pk=document.pk).get(title=document.title)
    assert response.url == reverse("secretariat:document_edit", args=[revision.pk])
    assert revision.status == DocumentStatus.DRAFT


def test_revising_a_draft_through_the_page_shows_the_refusal(make_document, clerk, client_for):
    document = make_document("draft")
    response = client_for(clerk).post(reverse("secretariat:document_revise", args=[document.pk]), follow=True)
    assert str(errors.REVISE_ONLY_ISSUED) in response.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.parametrize("role", ["member_user", "liaison_user", "treasurer_user"])
def test_only_the_secretariat_revises_a_document(role, request, make_document, client_for):
    document = make_document("issued")
    response = client_for(request.getfixturevalue(role)).post(
        reverse("secretariat:document_revise", args=[document.pk])
    )
    assert response.status_code == 403
    assert Document.objects.count() == 1


def test_revising_refuses_get(make_document, clerk, client_for):
    document = make_document("issued")
    response = client_for(clerk).get(reverse("secretariat:document_revise", args=[document.pk]))
    assert response.status_code == 405


def test_workflow_actions_refuse_get(make_document, clerk, client_for):
    document = make_document("approved")
    response = client_for(clerk).get(reverse("secretariat:document_action", args=[document.pk, "issue"]))
    assert response.status_code == 405
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED


def test_a_member_cannot_move_a_document(make_document, member_user, client_for):
    document = make_document("approved", audience="public")
    response = client_for(member_user).post(
        reverse("secretariat:document_action", args=[document.pk, "issue"])
    )
    assert response.status_code == 403


def test_an_unknown_action_is_a_404(make_document, clerk, client_for):
    document = make_document("draft")
    assert (
        client_for(clerk)
        .post(reverse("secretariat:document_action", args=[document.pk, "delete"]))
        .status_code
        == 404
    )


def test_editing_an_issued_document_redirects_with_a_message(make_document, clerk, client_for):
    document = make_document("issued")
    response = client_for(clerk).get(reverse("secretariat:document_edit", args=[document.pk]), follow=True)
    assert "Only a draft can be edited" in response.content.decode()


def test_the_circulation_page_reports_unknown_member_numbers(make_document, clerk, client_for):
    document = make_document("issued", audience="members")
    response = client_for(clerk).post(
        reverse("secretariat:document_circulate", args=[document.pk]), {"member_numbers": "NOPE-1"}
    )
    assert response.status_code == 200
    assert "Unknown member numbers: NOPE-1" in response.content.decode()
    assert not document.recipients.exists()


def test_activity_detail_admits_only_the_secretariat(client, client_for, secretariat_user, member_user):
    activity = ActivityFactory()
    url = reverse("secretariat:activity_detail", args=[activity.pk])
    assert client.get(url).status_code == 302
    assert client_for(member_user).get(url).status_code == 403
    assert client_for(secretariat_user).get(url).status_code == 200
    assert (
        client_for(secretariat_user).get(reverse("secretariat:activity_detail", args=[99999])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["secretariat_user", "liaison_user", "treasurer_user"])
def test_the_organisation_page_is_for_staff_roles(role, request, client_for, department):
    response = client_for(request.getfixturevalue(role)).get(reverse("secretariat:organisation"))
    assert response.status_code == 200
    assert "Public Relations" in response.content.decode()
    assert department.head.get_full_name() in response.content.decode()


def test_the_organisation_page_refuses_members_and_anonymous_visitors(client, client_for, member_user):
    url = reverse("secretariat:organisation")
    assert client.get(url).status_code == 302
    assert client_for(member_user).get(url).status_code == 403


def test_the_organisation_page_shows_office_holders_from_meetings(client_for, secretariat_user):
    import datetime

    from meetings.models import OfficeHolding

    OfficeHolding.objects.create(
        office="chairman",
        holder=secretariat_user,
        how="elected",
        started_on=datetime.date(2025, 1, 1),
        recorded_by=secretariat_user,
    )
    response = client_for(secretariat_user).get(reverse("secretariat:organisation"))
    assert "Chairman" in response.content.decode()
