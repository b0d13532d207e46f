"""Every secretariat model has a Django admin page, and an issued document is read-only there."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from secretariat import services
from secretariat.models import DocumentStatusChange
from tests.admin_checks import assert_editable_in_admin, assert_immutable_in_admin
from tests.members.helpers import pdf_upload

pytestmark = pytest.mark.django_db

MODELS = [
    m for m in apps.get_app_config("secretariat").get_models() if not m.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_an_admin_changelist(model, client_for, admin_user):
    assert admin.site.is_registered(model)
    url = reverse(f"admin:secretariat_{model._meta.model_name}_changelist")
    assert client_for(admin_user).get(url).status_code == 200


@pytest.mark.parametrize("stage", ["issued", "archived"])
def test_an_issued_document_is_read_only_in_the_admin(stage, make_document, client_for, admin_user):
    document = make_document(stage)
    assert_immutable_in_admin(client_for(admin_user), document, "title", "Changed")


def test_the_attachments_and_transitions_of_an_issued_document_are_read_only(
    make_document, client_for, admin_user, clerk, head, deputy
):
    document = make_document("draft")
    attachment = services.attachment_add(document=document, file=pdf_upload(), name="Annex", by=clerk)
    services.document_submit(document=document, by=clerk)
    services.document_review(document=document, by=head)
    services.document_approve(document=document, by=deputy)
    services.document_issue(document=document, by=clerk)
    client = client_for(admin_user)
    assert_immutable_in_admin(client, attachment, "name", "Swapped annex")
    transition = DocumentStatusChange.objects.filter(document=document).last()
    assert_immutable_in_admin(client, transition, "comment", "Forged")


def test_a_draft_document_stays_editable_in_the_admin(make_document, client_for, admin_user):
    document = make_document("draft")
    assert_editable_in_admin(client_for(admin_user), document, "title", "A better title")
