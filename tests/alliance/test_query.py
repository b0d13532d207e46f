"""Years and counts from the query string are read within bounds (issue 9 item 3)."""

import pytest
from django.urls import reverse

from alliance.query import MAX_YEAR, MIN_YEAR, YearField, bounded_int

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["0", "-1", "10000", "99999999999", "9" * 40, "1e309", "NaN", "１００", "", "2024.5"]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_a_value_that_is_no_year_gives_the_default(value):
    assert bounded_int(value, minimum=MIN_YEAR, maximum=MAX_YEAR, default=7) == 7


def test_a_year_within_bounds_is_read():
    assert bounded_int(" 2026 ", minimum=MIN_YEAR, maximum=MAX_YEAR) == 2026


@pytest.mark.parametrize("value", ["0", "-1", "10000", "99999999999", "1e309"])
def test_the_year_field_says_what_is_wrong(value):
    field = YearField()
    with pytest.raises(Exception) as caught:
        field.clean(value)
    assert caught.type.__name__ == "ValidationError"


@pytest.mark.parametrize(
    "name, fixture",
    [
        ("secretariat:activity_list", "secretariat_user"),
        ("secretariat:briefing_list", "secretariat_user"),
        ("secretariat:notice_list", "secretariat_user"),
        ("dues:report", "treasurer_user"),
        ("dues:invoice_list", "treasurer_user"),
        ("dues:payment_list", "treasurer_user"),
        ("dues:reminder_list", "treasurer_user"),
        ("dues:arrears", "treasurer_user"),
    ],
)
@pytest.mark.parametrize("year", ["10000", "0", "-1", "99999999999"])
def test_lists_answer_a_bad_year_without_an_error(request, client, name, fixture, year):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse(name), {"year": year}).status_code == 200


def test_a_report_of_a_year_we_cannot_hold_is_not_found(client, treasurer_user):
    client.force_login(treasurer_user)
    assert client.get(reverse("dues:report_export", args=[10000, "csv"])).status_code == 404
    assert client.get("/dues/reports/0.pdf").status_code == 404


@pytest.mark.parametrize("query", ["year=" + "9" * 40, "q=a%00b", "page=-" + "1" * 25])
def test_a_value_no_database_can_hold_is_a_bad_request(client, query):
    assert client.get(f"/notices/?{query}").status_code == 400
