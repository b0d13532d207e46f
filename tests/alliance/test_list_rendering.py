"""What keeps list pages cheap (issue 15) renders what the templates rendered: the empty filter
form kept once per language and list, and rows written by tags."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from alliance.templatetags import alliance_tags
from alliance.templatetags.alliance_tags import filter_fields
from dues.filters import InvoiceFilter
from dues.models import Invoice
from members.filters import MemberFilter
from members.models import Member
from members.templatetags.members_tags import directory_row
from secretariat.filters import DocumentFilter
from secretariat.models import Document
from secretariat.templatetags.secretariat_tags import status_badge
from tests.members.factories import MemberFactory


@pytest.fixture(autouse=True)
def _no_kept_forms(monkeypatch):
    monkeypatch.setattr(alliance_tags, "_FILTER_FORMS", {})


def member_filter(query=None):
    return MemberFilter(RequestFactory().get("/", query or {}).GET, queryset=Member.objects.all())


@pytest.mark.django_db
def test_an_empty_filter_form_is_kept_per_language_and_renders_as_a_fresh_one():
    first = filter_fields(member_filter(), "col-md-2")
    assert len(alliance_tags._FILTER_FORMS) == 1
    assert filter_fields(member_filter(), "col-md-2") == first
    with translation.override("zh-hans"):
        chinese = filter_fields(member_filter(), "col-md-2")
    assert chinese != first and len(alliance_tags._FILTER_FORMS) == 2
    alliance_tags._FILTER_FORMS.clear()
    assert filter_fields(member_filter(), "col-md-2") == first


@pytest.mark.django_db
def test_a_filter_form_is_kept_per_choice_made_and_renders_as_a_fresh_one():
    chosen = filter_fields(member_filter({"country": "TH"}), "col-md-2")
    assert '<option value="TH" selected>' in chosen
    assert filter_fields(member_filter({"country": "TH"}), "col-md-2") == chosen
    other = filter_fields(member_filter({"country": "JP"}), "col-md-2")
    assert '<option value="JP" selected>' in other and 'value="TH" selected' not in other
    # An empty submitted field marks its empty choice: not the form of a first visit.
    empty_query = filter_fields(member_filter({"q": ""}), "col-md-2")
    assert 'value="TH" selected' not in empty_query
    assert len(alliance_tags._FILTER_FORMS) == 3
    # Other parameters (the page, its size) are no field: the form is still the same one.
    filter_fields(member_filter({"country": "TH", "page": "2"}), "col-md-2")
    assert len(alliance_tags._FILTER_FORMS) == 3
    alliance_tags._FILTER_FORMS.clear()
    assert filter_fields(member_filter({"country": "TH"}), "col-md-2") == chosen


@pytest.mark.django_db
def test_a_refused_choice_is_kept_with_its_error_escaped():
    hostile = {"country": '"><script>x</script>'}
    refused = filter_fields(member_filter(hostile), "col-md-2")
    assert "<script>" not in refused and "invalid-feedback" in refused
    assert filter_fields(member_filter(hostile), "col-md-2") == refused


@pytest.mark.django_db
def test_the_kept_filter_forms_are_forgotten_past_their_bound(monkeypatch):
    monkeypatch.setattr(alliance_tags, "FILTER_FORMS_KEPT", 2)
    for country in ("TH", "JP", "FR"):
        filter_fields(member_filter({"country": country}), "col-md-2")
    assert len(alliance_tags._FILTER_FORMS) == 1


@pytest.mark.django_db
def test_a_filter_form_choosing_among_database_rows_or_without_its_filter_set_is_never_kept():
    documents = DocumentFilter(RequestFactory().get("/").GET, queryset=Document.objects.all())
    filter_fields(documents, "col-12")
    assert alliance_tags._FILTER_FORMS == {}
    invoices = InvoiceFilter(RequestFactory().get("/").GET, queryset=Invoice.objects.all())
    # django-filter makes a form class per filter set: given the form alone, it is not kept.
    filter_fields(invoices.form)
    assert alliance_tags._FILTER_FORMS == {}
    filter_fields(invoices)
    filter_fields(InvoiceFilter(RequestFactory().get("/").GET, queryset=Invoice.objects.all()))
    assert len(alliance_tags._FILTER_FORMS) == 1


ROW_TEMPLATE = (
    "{% load i18n %}"
    "<tr><td>{{ m.number }}</td><td><a href=\"{% url 'members:member_detail' m.pk %}\">{{ m.name }}</a>"
    '{% if m.native_name %}<div class="small text-muted">{{ m.native_name }}</div>{% endif %}</td>\n'
    "      <td>{{ m.get_kind_display }}</td><td>{{ m.get_tier_display }}</td><td>{{ m.country.code }}</td>"
    '<td>{{ m.get_status_display }}</td><td>{{ m.joined_on|date:"SHORT_DATE_FORMAT" }}</td></tr>'
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_directory_row_is_the_row_its_template_wrote(language):
    member = MemberFactory(name="A <b>& Co</b>", native_name="甲 & 乙", joined_on=datetime.date(2024, 3, 9))
    with translation.override(language):
        expected = engines["django"].from_string(ROW_TEMPLATE).render({"m": member})
        assert directory_row(member) == expected


def test_a_status_badge_names_its_colour_by_status():
    assert status_badge("issued", "Issued") == '<span class="badge text-bg-success">Issued</span>'
    assert status_badge("draft", "<x>") == '<span class="badge text-bg-secondary">&lt;x&gt;</span>'
    assert "text-bg-light border" in status_badge("archived", "Archived")
    assert "text-bg-warning" in status_badge("in_review", "Waiting")


def test_money_in_rows_is_written_as_the_money_filter_writes_it():
    from dues.templatetags.dues_tags import money_text

    assert money_text(Decimal("57500")) == engines["django"].from_string(
        "{% load alliance_tags %}{{ a|money }}"
    ).render({"a": Decimal("57500")})


@pytest.mark.django_db
def test_an_object_url_is_the_one_reverse_gives():
    from django.urls import reverse

    from alliance.rows import object_url

    for pk in (1, 42, 10**12):
        assert object_url("members:member_detail", pk) == reverse("members:member_detail", args=[pk])
        assert object_url("dues:receipt_pdf", pk) == reverse("dues:receipt_pdf", args=[pk])


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_a_date_text_is_the_date_filter(language, settings):
    from django.utils import timezone

    from alliance.rows import date_text

    settings.TIME_ZONE = "Asia/Shanghai"
    when = timezone.make_aware(datetime.datetime(2026, 12, 31, 20, 0), datetime.UTC)  # 1 January there
    template = engines["django"].from_string('{{ d|date:"DATE_FORMAT" }}|{{ w|date:"SHORT_DATE_FORMAT" }}')
    with translation.override(language), timezone.override("Asia/Shanghai"):
        day = datetime.date(2026, 3, 9)
        expected = template.render({"d": day, "w": when})
        assert f"{date_text(day)}|{date_text(when, 'SHORT_DATE_FORMAT')}" == expected
    assert date_text(None) == ""


def test_a_row_escapes_its_values_as_format_html_does():
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from alliance.rows import row_html

    values = ['<script>"x"</script>', "a & b's", mark_safe("<b>kept</b>"), gettext_lazy("Name"), None, 7]
    template = "<td>{}</td>" * len(values)
    assert row_html(template, *values) == format_html(template, *values)
    assert "&lt;script&gt;&quot;x&quot;" in row_html(template, *values)
    assert hasattr(row_html("<td>{}</td>", "x"), "__html__")


@pytest.mark.django_db
def test_a_rows_labels_follow_the_language_it_passes():
    from alliance.choices import label_of

    member = MemberFactory(status="active")
    with translation.override("zh-hans"):
        assert label_of(member, "status", language="zh-hans") == member.get_status_display()
    assert label_of(member, "status", language="en") == member.get_status_display()
