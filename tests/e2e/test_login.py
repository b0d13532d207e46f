import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_logs_in_and_sees_the_dashboard(page, login, live_server, secretariat_user):
    login(secretariat_user)
    assert page.locator("h1").first.inner_text() == "Dashboard"
    assert page.url.rstrip("/") == live_server.url


def test_wrong_password_keeps_the_visitor_on_the_login_form(page, login, secretariat_user):
    login(secretariat_user, password="not-the-password")
    assert page.locator("input[name=username]").count() == 1
    assert "correct username and password" in page.content()
