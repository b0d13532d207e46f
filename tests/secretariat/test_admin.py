"""Every secretariat model has a Django admin page, and an issued document is read-only there."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = [
    m for m in apps.get_app_config("secretariat").get_models() if not m.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_an_admin_changelist(model, client_for, admin_user):
    assert admin.site.is_registered(model)
    url = reverse(f"admin:secretariat_{model._meta.model_name}_changelist")
    assert client_for(admin_user).get(url).status_code == 200


def test_an_issued_document_is_read_only_in_the_admin(make_document, client_for, admin_user):
    document = make_document("issued")
    url = reverse("admin:secretariat_document_change", args=[document.pk])
    client = client_for(admin_user)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    client.post(url, {"title": "Changed"})
    document.refresh_from_db()
    assert document.title != "Changed"
