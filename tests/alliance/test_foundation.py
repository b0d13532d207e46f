"""The foundation: roles, access, health check, login throttling, languages, PDFs."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from alliance import pdf
from alliance.roles import Role, has_role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_data_migration_creates_every_role_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.ALL)


def test_superuser_holds_every_role(admin_user):
    assert all(has_role(admin_user, role) for role in Role.ALL)


def test_user_holds_only_the_roles_of_their_groups(treasurer_user):
    assert has_role(treasurer_user, Role.TREASURER)
    assert not has_role(treasurer_user, Role.SECRETARIAT, Role.MEMBER, Role.LIAISON_OFFICER)


def test_anonymous_visitor_sees_public_landing_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("login") in response.content.decode()


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "fixture", ["admin_user", "secretariat_user", "liaison_user", "treasurer_user", "member_user"]
)
def test_every_role_reaches_its_dashboard(request, client_for, fixture):
    client = client_for(request.getfixturevalue(fixture))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Dashboard" in response.content.decode()


def test_login_with_right_password_reaches_dashboard(client, secretariat_user):
    response = client.post(
        reverse("login"), {"username": "secretariat", "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"].is_authenticated


def test_login_is_locked_after_repeated_failures(client, settings):
    UserFactory(username="target")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "target", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "target", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_logout_is_a_post(client_for, member_user):
    client = client_for(member_user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_password_reset_sends_an_email(client, mailoutbox, member_user, deliver_outbox):
    client.post(reverse("password_reset"), {"email": member_user.email})
    deliver_outbox()
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_change_page_requires_login(client):
    assert client.get(reverse("password_change")).status_code == 302


def test_healthz_is_ok_when_database_and_broker_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client):
    with mock.patch("alliance.views._broker_ok", return_value=False):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("alliance.views._database_ok", return_value=False):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize(("code", "word"), [("zh-hans", "忘记密码"), ("zh-hant", "忘記密碼")])
def test_language_switcher_translates_the_page(client, code, word):
    client.post(reverse("set_language"), {"language": code, "next": "/"})
    response = client.get(reverse("login"))
    assert word in response.content.decode()


def test_bootstrap_is_served_from_the_project_not_a_cdn(client):
    html = client.get(reverse("login")).content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


def test_pdf_environment_has_fonts_for_chinese_and_thai_and_harfbuzz():
    """Certificates carry Chinese and Thai names: without these, they would be blank boxes."""
    assert pdf.environment_problems() == ()


def test_pdf_renders_chinese_text():
    data = pdf.render_pdf("pdf/base.html", {})
    assert data.startswith(b"%PDF")


def test_render_refuses_with_the_fix_when_fonts_are_missing():
    missing = mock.patch.object(pdf, "environment_problems", return_value=("no font covers Chinese",))
    with missing, pytest.raises(pdf.PDFEnvironmentError, match="make system-deps"):
        pdf.render_pdf("pdf/base.html", {})


def test_demo_data_is_idempotent():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    count = get_user_model().objects.count()
    call_command("load_demo", verbosity=0)
    assert get_user_model().objects.count() == count
    assert get_user_model().objects.filter(username="treasurer", groups__name=Role.TREASURER).exists()


@override_settings(DEBUG=False)
def test_unknown_page_is_a_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
