"""The alliance's date, time and number formats, one module per language (FORMAT_MODULE_PATH).

One policy for every page, email and PDF: templates print dates with ``|date``
(``DATE_FORMAT``, ``SHORT_DATE_FORMAT``, ``DATETIME_FORMAT``…) and amounts with
``|money``, never with a format string of their own. Each language's module is
a few lines over :mod:`alliance.formats.common`:

- dates written out in the reader's language (``1 Dec 2026``, ``2026年12月1日``),
  short dates and times as ISO 8601 and the 24-hour clock in every language, so
  a page never mixes ``12/01/2026 11:37 p.m.`` with ``1 Dec 2026 23:30``;
- amounts grouped by thousands with a comma and a decimal point in every
  language (Chinese financial writing groups by thousands too), which is also
  what ``alliance.forms.MoneyField`` reads back;
- date inputs parse ISO first. The widgets (``alliance.forms.DateInput``) always
  render ISO, which is what ``<input type="date">`` requires whatever the language.

Exports (CSV, XLSX) use none of this: they write plain numbers and ISO dates.
"""
