"""The member file's status form, written in Python (alliance_tags.stacked_fields), says what
crispy's Bootstrap 5 layout said: labels, required marks, ids, errors and their aria links."""

import pytest
from django.template import engines
from django.urls import reverse

from members.forms import StatusChangeForm
from tests.meetings.factories import passed_expulsion_resolution
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _html(form) -> str:
    template = engines["django"].from_string("{% load alliance_tags %}{% stacked_fields form %}")
    return template.render({"form": form})


def test_an_empty_form_has_its_labels_required_marks_and_resolutions(secretariat_user):
    member = MemberFactory()
    resolution = passed_expulsion_resolution(member, by=secretariat_user)
    html = _html(StatusChangeForm(member=member))
    assert (
        '<div id="div_id_to_status" class="mb-3"><label for="id_to_status" class="form-label requiredField">'
        'New status<span class="asteriskField">*</span></label><select class="form-select" id="id_to_status"'
        ' name="to_status"><option value="active">Active</option>'
    ) in html
    assert '<textarea name="reason" cols="40" rows="2" class="form-control" required id="id_reason">' in html
    assert (
        '<label for="id_resolution_reference" class="form-label">Passed resolution that decided it'
        " (required for an expulsion)</label>"
    ) in html
    assert f'<option value="" selected>—</option><option value="{resolution.number}">' in html
    assert "invalid" not in html and "alert" not in html


def test_a_refused_form_keeps_what_was_typed_escaped_with_its_errors_linked(secretariat_user):
    member = MemberFactory()
    form = StatusChangeForm(
        {"to_status": "expelled", "reason": "<b>x</b>\"'&", "resolution_reference": "GA-<x>"}, member=member
    )
    form.is_valid()
    form.add_error(None, "Refused <because>.")
    html = _html(form)
    assert html.startswith(
        '<div class="alert alert-block alert-danger"><ul class="m-0">'
        "<li>Refused &lt;because&gt;.</li></ul></div>"
    )
    assert '<option value="expelled" selected>' in html
    assert ">\n&lt;b&gt;x&lt;/b&gt;&quot;&#x27;&amp;</textarea>" in html
    assert (
        '<select aria-describedby="id_resolution_reference_error" aria-invalid="true"'
        ' class="form-select is-invalid" id="id_resolution_reference" name="resolution_reference">'
    ) in html
    assert (
        '<div id="id_resolution_reference_error" class="invalid-feedback">'
        '<p id="error_1_id_resolution_reference">'
        "<strong>Select a valid choice. GA-&lt;x&gt; is not one of the available choices.</strong></p></div>"
    ) in html
    assert "<b>" not in html


def test_the_member_file_shows_a_refused_change_again_with_the_error_by_its_field(client, secretariat_user):
    member = MemberFactory()
    client.force_login(secretariat_user)
    url = reverse("members:member_status", args=[member.pk])
    html = client.post(url, {"to_status": "suspended", "reason": ""}).content.decode()
    form = html.split(f'action="{url}"', 1)[1].split("</form>")[0]
    assert '<option value="suspended" selected>' in form
    assert (
        'class="form-control is-invalid" required aria-invalid="true" aria-describedby="id_reason_error"'
    ) in form
    assert '<div id="id_reason_error" class="invalid-feedback"><p id="error_1_id_reason"><strong>' in form
