"""The one view shape for a refused change: alliance.views.refusal_reported."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from alliance.errors import DomainError
from alliance.views import form_errors_reported, refusal_reported

REFUSED = "Nobody may do that."


class NameForm(forms.Form):
    name = forms.CharField(label="Name")


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_a_refusal_becomes_an_error_message_and_skips_the_rest_of_the_block():
    request, reached = _request(), []
    with refusal_reported(request):
        raise DomainError(REFUSED)
        reached.append(True)
    assert _messages(request) == [REFUSED] and not reached


def test_a_refusal_becomes_the_forms_error_above_its_fields_or_on_one():
    form = NameForm({"name": "Ada"})
    assert form.is_valid()
    with refusal_reported(_request(), form):
        raise DomainError(REFUSED)
    assert form.non_field_errors() == [REFUSED]
    with refusal_reported(_request(), form, field="name"):
        raise DomainError(REFUSED)
    assert form.errors["name"] == [REFUSED]


def test_a_block_that_succeeds_runs_to_its_end():
    request = _request()
    with refusal_reported(request):
        result = 42
    assert result == 42 and _messages(request) == []


def test_other_exceptions_are_not_swallowed():
    with pytest.raises(ValueError), refusal_reported(_request()):
        raise ValueError("a bug, not a refusal")


def test_an_invalid_forms_errors_become_messages_after_their_labels():
    request, form = _request(), NameForm({})
    assert not form.is_valid()
    response = form_errors_reported(request, form, "/back/")
    assert response.status_code == 302 and response.url == "/back/"
    assert _messages(request) == ["Name: This field is required."]
    request = _request()
    form_errors_reported(request, form, "/back/", labels=False)
    assert _messages(request) == ["This field is required."]
