"""The base layout's navigation bar, kept per language (alliance_tags.site_navbar): what each
request puts in it stays its own."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from alliance.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _nav(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="navbar') : html.index("</nav>")]


def test_each_reader_sees_their_own_name_and_menu(client):
    staff = UserFactory(
        username="clerk.one", first_name="Ada", last_name="<O'Quill>", is_staff=True, roles=[Role.SECRETARIAT]
    )
    treasurer = UserFactory(username="purse.two", first_name="Bo", last_name="Tran", roles=[Role.TREASURER])

    client.force_login(staff)
    first = _nav(client.get(reverse("profile")))
    client.force_login(treasurer)
    second = _nav(client.get(reverse("profile")))

    assert "Ada &lt;O&#x27;Quill&gt;" in first and "Bo Tran" not in first
    assert "Bo Tran" in second and "Ada" not in second
    assert reverse("admin:index") in first  # the menu of staff
    assert reverse("admin:index") not in second


def test_the_language_form_returns_to_the_page_asked_for_escaped(client):
    client.force_login(UserFactory(username="clerk", is_staff=True, roles=[Role.SECRETARIAT]))

    nav = _nav(client.get(reverse("profile") + "?a=1&b='x'"))

    assert 'name="next" type="hidden" value="/accounts/profile/?a=1&amp;b=&#x27;x&#x27;"' in nav


def test_the_language_form_posts_with_a_token_the_csrf_check_accepts():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="clerk", is_staff=True, roles=[Role.SECRETARIAT]))
    nav = _nav(client.get(reverse("profile")))
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', nav)

    answer = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    )

    assert len(tokens) == 2  # the language form and the log-out form
    assert answer.status_code == 302
    assert client.cookies["django_language"].value == "zh-hans"


def test_a_second_request_gets_a_fresh_token():
    client = Client()
    client.force_login(UserFactory(username="clerk", is_staff=True, roles=[Role.SECRETARIAT]))
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    first = token.search(_nav(client.get(reverse("profile"))))[1]
    second = token.search(_nav(client.get(reverse("profile"))))[1]

    assert first != second  # masked afresh, as {% csrf_token %} does


def test_each_language_marks_itself_and_is_translated(client):
    client.force_login(UserFactory(username="clerk", is_staff=True, roles=[Role.SECRETARIAT]))

    client.cookies["django_language"] = "zh-hans"
    chinese = _nav(client.get(reverse("profile")))
    client.cookies["django_language"] = "en"
    english = _nav(client.get(reverse("profile")))

    assert '<option value="zh-hans" selected>' in chinese
    assert '<option value="en" selected>' in english
    assert "退出登录" in chinese
    assert "Log out" in english and "Log out" not in chinese


def test_a_visitor_gets_the_log_in_link_and_a_member_of_staff_the_log_out_form(client):
    visitor = _nav(client.get(reverse("login")))
    client.force_login(
        UserFactory(
            username="clerk", first_name="Cy", last_name="Lam", is_staff=True, roles=[Role.SECRETARIAT]
        )
    )
    signed_in = _nav(client.get(reverse("profile")))

    assert reverse("login") in visitor and reverse("logout") not in visitor
    assert reverse("logout") in signed_in and "Cy Lam" in signed_in
