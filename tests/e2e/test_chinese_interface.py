"""The interface in 简体中文 and 繁體中文 (issue 12 item 7): a
checker tells an interface string left in English from data.

The checker allows a run of Latin letters only where it is data: a value stored in the database
(names, titles, addresses, usernames) or the installation's configuration, an email address or
URL, a code or number (INV-2026-0001, M-7001), or one of the few technical names below.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from dues import conf as dues_conf
from tests.e2e.site_pages import ROLES, load_demo, main_pages, open_page, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHINESE = ("zh-hans", "zh-hant")
# Names of formats, currencies and standards, written the same in every language.
TECHNICAL = {
    "USD", "PDF", "CSV", "XLSX", "JPEG", "PNG", "XML", "ISO", "IBAN", "SWIFT", "MT940", "camt",
    "QR", "ID", "UTF", "BIC", "MB", "KB", "UTC", "ICS", "iCalendar", "URL", "English", "RSS", "Atom",
    "Python",
}  # fmt: skip
EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+")
# A run of Latin words, with what joins them inside a name (spaces, dots, hyphens, apostrophes).
# A run never starts or ends inside a word of other letters (Vietnamese "Công", Thai): those are data.
LATIN_RUN = re.compile(r"(?<![^\W\d_])(?:[A-Za-z][A-Za-z0-9'’&.\-/ ]*[A-Za-z0-9.]|[A-Za-z])(?![^\W\d_])")
# A code or number (INV-2026-0001, M-7001, camt.053, v2), wherever it stands.
CODE = re.compile(r"(?<![\w.-])(?=[\w.\-/]*\d)[A-Za-z0-9][\w.\-/]*")


def english_in(text: str, data: str) -> list[str]:
    """Return the runs of Latin letters in ``text`` that are neither data nor technical names."""
    found = []
    text = " ".join(EMAIL_OR_URL.sub(" ", text).split())
    for part in CODE.split(text):
        found += [run for run in LATIN_RUN.findall(part) if _english(run.strip(" .-/"), data)]
    return [run.strip(" .-/") for run in found]


def _english(run: str, data: str) -> bool:
    words = re.findall(r"[A-Za-z]+", run)
    if not any(len(word) > 1 for word in words) or run in data:
        return False
    return not all(word in TECHNICAL or word.isupper() and len(word) <= 1 for word in words)


def test_the_checker_tells_interface_english_from_data():
    data = "Mekong Secure Logistics Co., Ltd.\nNadia Rahman"
    assert english_in("会员 Mekong Secure Logistics Co., Ltd.（M-7001）", data) == []
    assert english_in("nadia@alliance.example · 2026-12-01 · 5,000.00 USD · INV-2026-0001", data) == []
    assert english_in("Nadia Rahman · Head", data) == ["Head"]
    assert english_in("照片 Photo or logo", data) == ["Photo or logo"]
    assert english_in("To status", data) == ["To status"]
    vietnamese = "Hue Heritage Security JSC\nCông ty Cổ phần Bảo vệ Di sản Huế"
    assert english_in("Hue Heritage Security JSC / Công ty Cổ phần Bảo vệ Di sản Huế", vietnamese) == []


READ_TEXTS = """() => {
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (text && !node.parentElement.closest("script, style, noscript, template, #language-form")) {
      texts.push(text);
    }
  }
  for (const el of document.body.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
    // The admin labels each row's checkbox with the object's own name: data, as the row is.
    // Django's admin writes a boolean's icon with the Python value as its alt text ("True").
    const data = "input.action-select, img[src*='/admin/img/icon-']";
    if (el.closest("#language-form") || el.matches(data)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = (el.getAttribute(name) || "").trim();
      if (value) texts.push(value);
    }
  }
  for (const el of document.body.querySelectorAll("input[type=submit], input[type=button]")) {
    if (el.value.trim()) texts.push(el.value.trim());
  }
  return texts;
}"""


def stored_text() -> str:
    """Every free-text value in the database (not codes of choices), one per line."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            values.update(str(value) for value in row if value)
    for user in get_user_model().objects.all():
        values.add(user.get_full_name())
    # The installation's own configuration: the account members pay into.
    values.update(str(value) for value in dues_conf.bank_details().values())
    return "\n".join(" ".join(value.split()) for value in values)


def test_no_interface_string_is_left_in_english_in_either_chinese(browser, live_server):
    load_demo()
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    origin = live_server.url
    found: dict[str, set[str]] = {}
    for role, (username, starts) in ROLES.items():
        sign_in(page, origin, username)
        pages = main_pages(page, origin, starts)
        data = stored_text()  # signing in and walking wrote log rows (user agents) the admin lists
        for language in CHINESE:
            switch_language(page, origin, language)
            for url in pages:
                if not open_page(page, url):
                    continue
                for text in page.evaluate(READ_TEXTS):
                    for run in english_in(text, data):
                        if run not in found:
                            print(
                                f"English: {run!r} ({role} {language} {url.removeprefix(origin)})", flush=True
                            )
                        found.setdefault(run, set()).add(f"{role} {language} {url.removeprefix(origin)}")
    context.close()
    assert {run: sorted(where)[:3] for run, where in found.items()} == {}


def _invoice_with_outstanding():
    from dues.models import Invoice
    from dues.selectors import with_balance

    invoice = (
        with_balance(Invoice.objects.filter(status="issued"))
        .filter(outstanding__gte=100)
        .order_by("pk")
        .first()
    )
    assert invoice is not None, "the demo has no issued invoice with 100.00 outstanding"
    return invoice


def test_payment_and_activity_forms_submitted_in_chinese_store_what_was_typed(browser, live_server):
    """In each Chinese script: the treasurer records a payment on the day the form proposes, and
    the secretariat edits an activity, changing its theme, budget and end and keeping its start."""
    from dues.models import Payment
    from secretariat.models import Activity

    load_demo()
    origin = live_server.url
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    activity = Activity.objects.filter(status="planned").order_by("pk").first()
    assert activity is not None, "the demo has no planned activity"
    for number, language in enumerate(CHINESE, start=1):
        invoice = _invoice_with_outstanding()
        sign_in(page, origin, "treasurer")
        switch_language(page, origin, language)
        page.goto(f"{origin}/dues/invoices/{invoice.pk}/")
        form = page.locator("#payment-form")
        # The day is the one the form proposes (today): the date input must hold it.
        assert form.locator("input[name=received_on]").input_value() == timezone.localdate().isoformat()
        form.locator("input[name=amount]").fill("100.50")
        form.locator("input[name=bank_reference]").fill(f"银行流水 {number}")
        before = set(Payment.objects.values_list("pk", flat=True))
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        payment = Payment.objects.exclude(pk__in=before).get()
        assert (payment.invoice_id, payment.amount, payment.received_on, payment.bank_reference) == (
            invoice.pk,
            Decimal("100.50"),
            timezone.localdate(),
            f"银行流水 {number}",
        )

        activity.refresh_from_db()
        starts_on, ends_on = activity.starts_on, activity.ends_on
        sign_in(page, origin, "secretariat")
        switch_language(page, origin, language)
        page.goto(f"{origin}/activities/{activity.pk}/edit/")
        assert page.locator("input[name=starts_on]").input_value() == starts_on.isoformat()
        theme = f"湄公河安保论坛 {number}"
        page.fill("input[name=theme]", theme)
        page.fill("input[name=budget]", "12000.50")
        new_end = ends_on + datetime.timedelta(days=1)
        page.fill("input[name=ends_on]", new_end.isoformat())
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/activities/{activity.pk}/"), page.locator(
            "main, body"
        ).first.inner_text()[:1000]
        activity.refresh_from_db()
        assert (activity.theme, activity.budget, activity.starts_on, activity.ends_on) == (
            theme,
            Decimal("12000.50"),
            starts_on,
            new_end,
        )
    context.close()
