"""Circulation with read receipts, who may read what (audiences), search and attachments."""

import pytest
from django.urls import reverse

from secretariat import errors, selectors, services
from secretariat.errors import SecretariatError
from secretariat.models import DocumentRecipient
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.members.helpers import PDF_BYTES, pdf_upload

pytestmark = pytest.mark.django_db


def test_circulating_to_staff_and_members_records_recipients_and_emails_them(
    make_document, clerk, head, mailoutbox, django_capture_on_commit_callbacks
):
    document = make_document("issued", audience="members")
    representative = RepresentativeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        added = services.document_circulate(
            document=document, by=clerk, users=[head], members=[representative.member]
        )
    assert added == 2
    recipients = DocumentRecipient.objects.filter(document=document)
    assert {(r.user, r.member) for r in recipients} == {
        (head, None),
        (representative.user, representative.member),
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([head.email, representative.user.email])
    assert document.number in mailoutbox[0].subject


def test_circulating_twice_adds_nobody_twice(make_document, clerk, head):
    document = make_document("issued")
    services.document_circulate(document=document, by=clerk, users=[head])
    assert services.document_circulate(document=document, by=clerk, users=[head]) == 0
    assert DocumentRecipient.objects.filter(document=document).count() == 1


def test_only_an_issued_document_is_circulated(make_document, clerk, head):
    with pytest.raises(SecretariatError, match=str(errors.NOT_ISSUED_FOR_CIRCULATION)):
        services.document_circulate(document=make_document("approved"), by=clerk, users=[head])


def test_an_internal_document_is_never_circulated_to_members(make_document, clerk):
    document = make_document("issued", audience="internal")
    representative = RepresentativeFactory()
    with pytest.raises(SecretariatError, match=str(errors.INTERNAL_TO_MEMBERS)):
        services.document_circulate(document=document, by=clerk, members=[representative.member])
    assert not DocumentRecipient.objects.exists()


def test_a_recipient_marks_the_document_read_once(make_document, clerk, head):
    document = make_document("issued", audience="internal")
    services.document_circulate(document=document, by=clerk, users=[head])
    assert services.document_mark_read(document=document, user=head) is True
    first = DocumentRecipient.objects.get(document=document, user=head).read_at
    assert services.document_mark_read(document=document, user=head) is False
    assert DocumentRecipient.objects.get(document=document, user=head).read_at == first


def test_someone_not_circulated_to_cannot_mark_read(make_document, member_user):
    with pytest.raises(SecretariatError, match=str(errors.NOT_A_RECIPIENT)):
        services.document_mark_read(document=make_document("issued"), user=member_user)


def test_reading_an_internal_document_as_a_member_is_a_404(make_document, client_for, member_user):
    document = make_document("issued", audience="internal")
    response = client_for(member_user).get(reverse("secretariat:document_detail", args=[document.pk]))
    assert response.status_code == 404


def test_a_member_reads_members_only_and_public_documents_but_no_drafts(make_document, member_user):
    public = make_document("issued", audience="public")
    members_only = make_document("issued", audience="members")
    internal = make_document("issued", audience="internal")
    draft = make_document("draft", audience="public")
    visible = set(selectors.documents_visible_to(member_user))
    assert public in visible and members_only in visible
    assert internal not in visible and draft not in visible


def test_a_liaison_officer_does_not_see_members_only_documents(make_document, liaison_user):
    members_only = make_document("issued", audience="members")
    assert members_only not in selectors.documents_visible_to(liaison_user)


def test_a_staff_recipient_reads_an_internal_document_circulated_to_them(
    make_document, clerk, treasurer_user
):
    document = make_document("issued", audience="internal")
    assert document not in selectors.documents_visible_to(treasurer_user)
    services.document_circulate(document=document, by=clerk, users=[treasurer_user])
    assert document in selectors.documents_visible_to(treasurer_user)


def test_the_member_marks_a_circulated_document_read_through_the_page(make_document, clerk, client_for):
    document = make_document("issued", audience="members")
    representative = RepresentativeFactory()
    services.document_circulate(document=document, by=clerk, members=[representative.member])
    client = client_for(representative.user)
    page = client.get(reverse("secretariat:document_detail", args=[document.pk]))
    assert b"I have read this document" in page.content
    response = client.post(reverse("secretariat:document_mark_read", args=[document.pk]))
    assert response.status_code == 302
    assert DocumentRecipient.objects.get(document=document).read_at is not None


def test_marking_read_by_get_changes_nothing(make_document, clerk, client_for, head):
    document = make_document("issued")
    services.document_circulate(document=document, by=clerk, users=[head])
    response = client_for(head).get(reverse("secretariat:document_mark_read", args=[document.pk]))
    assert response.status_code == 405
    assert DocumentRecipient.objects.get(document=document).read_at is None


def test_search_finds_words_in_titles_and_bodies(make_document):
    flood = make_document("issued", title="Flood relief coordination", body="Teams gather in Yangon.")
    other = make_document("issued", title="Annual dues", body="Pay before the closing date in December.")
    from secretariat.models import Document

    assert list(selectors.search_documents(Document.objects.all(), "flood")) == [flood]
    assert list(selectors.search_documents(Document.objects.all(), "december")) == [other]
    assert set(selectors.search_documents(Document.objects.all(), "")) == {flood, other}


def test_attachments_only_on_drafts_and_served_to_readers_only(make_document, clerk, client_for, member_user):
    document = make_document("draft", audience="internal")
    attachment = services.attachment_add(
        document=document, by=clerk, file=pdf_upload("agenda.pdf"), name="Agenda"
    )
    url = reverse("secretariat:attachment_download", args=[document.pk, attachment.pk])
    response = client_for(clerk).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert client_for(member_user).get(url).status_code == 404


def test_an_issued_documents_attachments_are_frozen(make_document, clerk):
    document = make_document("issued")
    upload = pdf_upload("late.pdf")
    with pytest.raises(SecretariatError, match=str(errors.NOT_EDITABLE)):
        services.attachment_add(document=document, by=clerk, file=upload)


def test_a_public_documents_attachment_is_open_to_anyone_once_issued(
    make_document, clerk, head, deputy, client
):
    document = make_document("draft", audience="public", kind="announcement")
    upload = pdf_upload("programme.pdf")
    attachment = services.attachment_add(document=document, by=clerk, file=upload)
    url = reverse("secretariat:attachment_download", args=[document.pk, attachment.pk])
    assert client.get(url).status_code == 404  # a draft is nobody's business outside the secretariat
    services.document_submit(document=document, by=clerk)
    services.document_review(document=document, by=head)
    services.document_approve(document=document, by=deputy)
    services.document_issue(document=document, by=clerk)
    assert client.get(url).status_code == 200


def test_circulating_to_a_member_without_accounts_is_refused(make_document, clerk):
    document = make_document("issued", audience="members")
    member = MemberFactory()
    with pytest.raises(SecretariatError, match=str(errors.NO_RECIPIENTS)):
        services.document_circulate(document=document, by=clerk, members=[member])
