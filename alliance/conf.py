"""Every ``ALLIANCE_*`` setting, declared once with its default, type and check.

Names: ``ALLIANCE_<NAME>`` for the project package's own settings (logins, uploads, the
outbox), ``ALLIANCE_<APP>_<NAME>`` for an app's (DESIGN.md: the rules that differ
between organisations are configuration, with the reference organisation's values as
defaults). Each app's ``conf.py`` reads its settings through here, so a value is
checked the same way wherever it is read; ``check_settings`` (a system check) checks
them all at start-up and reports ``ALLIANCE_*`` names nobody declared, so a typo fails
loudly instead of being silently ignored (STYLE.md, One of each).
"""

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

PREFIX = "ALLIANCE_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    # Turns the raw value into what the code uses; raises TypeError or ValueError when it cannot.
    parse: Callable[[object], object]
    # Given the parsed value, returns what is wrong with it, or "".
    problem: Callable[[object], str]
    # alliance/settings.py reads it from the environment variable of the same name.
    environ: bool = False

    def value(self):
        """Return the setting's parsed value; raise ImproperlyConfigured when it is unusable."""
        raw = getattr(settings, self.name, self.default)
        try:
            parsed = self.parse(raw)
        except (TypeError, ValueError, InvalidOperation) as error:
            raise ImproperlyConfigured(f"{self.name}: {raw!r} is not usable ({error})") from error
        if problem := self.problem(parsed):
            raise ImproperlyConfigured(f"{self.name} {problem} (got {raw!r})")
        return parsed


SETTINGS: dict[str, Setting] = {}
# Names read from the environment only, before Django's settings exist (alliance/settings.py).
ENVIRONMENT_ONLY = frozenset({"ALLIANCE_VAR_DIR"})
# Old names, so a settings file or environment still using one learns the new name.
RENAMED = {
    "ALLIANCE_ACCOUNT_ACTIVATION_DAYS": "ALLIANCE_MEMBERS_ACCOUNT_ACTIVATION_DAYS",
    "ALLIANCE_APPLY_RATE": "ALLIANCE_MEMBERS_APPLY_RATE",
    # Functions named by dotted path became extension points (alliance/extensions.py).
    "ALLIANCE_ARREARS_CHECK": "the extension point meetings.members_in_arrears",
    "ALLIANCE_EXPULSION_RESOLUTIONS": "the extension point members.expulsion_resolutions",
}


def declare(name, default, *, parse, problem=lambda value: "", environ=False) -> Setting:
    setting = Setting(PREFIX + name, default, parse, problem, environ)
    SETTINGS[setting.name] = setting
    return setting


# --- parsers and checks ---------------------------------------------------------------------


def at_least(minimum: int) -> Callable[[int], str]:
    return lambda value: "" if value >= minimum else f"must be at least {minimum}"


def _decimal(raw) -> Decimal:
    return Decimal(str(raw))


def _month_day(raw) -> tuple[int, int]:
    month, day = (int(part) for part in raw)
    datetime.date(2000, month, day)  # 2000 is a leap year: 29 February is a valid day
    return month, day


def _tier_amounts(raw) -> dict[str, Decimal]:
    return {str(tier): Decimal(str(amount)) for tier, amount in dict(raw).items()}


def _stages(raw) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(((str(code), int(offset)) for code, offset in raw), key=lambda stage: stage[1]))


def _distinct_codes(stages) -> str:
    return "" if len({code for code, _ in stages}) == len(stages) else "has duplicate codes"


def _str_dict(raw) -> dict[str, str]:
    return {str(key): str(value) for key, value in dict(raw).items()}


def _fraction(value: Decimal) -> str:
    return "" if Decimal("0") <= value <= Decimal("1") else "must be between 0 and 1"


def _rate(value: str) -> str:
    return "" if re.fullmatch(r"[1-9]\d*/\d*[smhd]", value) else 'must look like "5/h" or "20/d"'


def _number_pattern(value: str) -> str:
    try:
        value.format(year=2026, seq=1, kind="notice", kind_code="N")
    except (KeyError, IndexError, ValueError) as error:
        return f"is not a valid pattern ({error})"
    return ""


# --- the project's own -----------------------------------------------------------------------

LOGIN_FAILURE_LIMIT_PER_USERNAME = declare(
    "LOGIN_FAILURE_LIMIT_PER_USERNAME", 20, parse=int, problem=at_least(1), environ=True
)
# Largest accepted upload in megabytes, for every app's uploads (0 refuses every file).
MAX_UPLOAD_MB = declare("MAX_UPLOAD_MB", 10, parse=int, problem=at_least(0), environ=True)
OUTBOX_BATCH_SIZE = declare("OUTBOX_BATCH_SIZE", 200, parse=int, problem=at_least(1), environ=True)
# Attempts before a message is marked failed for good (staff can still resend it),
# and the first retry delay, doubled at each attempt.
OUTBOX_MAX_ATTEMPTS = declare("OUTBOX_MAX_ATTEMPTS", 6, parse=int, problem=at_least(1), environ=True)
OUTBOX_RETRY_SECONDS = declare("OUTBOX_RETRY_SECONDS", 60, parse=int, problem=at_least(1), environ=True)
# How long a worker holds a claimed batch before another may take it over (a dead worker).
OUTBOX_LEASE_SECONDS = declare("OUTBOX_LEASE_SECONDS", 600, parse=int, problem=at_least(1), environ=True)
# Safe retries (alliance.submissions): a form's one-time key is kept this many days, then
# pruned by beat; a form resubmitted later than that would be taken as a new one.
SUBMISSION_KEY_RETENTION_DAYS = declare(
    "SUBMISSION_KEY_RETENTION_DAYS", 30, parse=int, problem=at_least(1), environ=True
)

# --- members ---------------------------------------------------------------------------------

# Days a new representative's link to set their password stays valid (it works once; issue 9).
MEMBERS_ACCOUNT_ACTIVATION_DAYS = declare(
    "MEMBERS_ACCOUNT_ACTIVATION_DAYS", 7, parse=int, problem=at_least(1), environ=True
)
# Anonymous applications (each creates an account) accepted per client address,
# as django-ratelimit's "count/period" (s, m, h, d).
MEMBERS_APPLY_RATE = declare("MEMBERS_APPLY_RATE", "5/h", parse=str, problem=_rate, environ=True)
MEMBERS_PAGE_SIZE = declare("MEMBERS_PAGE_SIZE", 25, parse=int, problem=at_least(1))

# --- meetings (000 §II) ----------------------------------------------------------------------

MEETINGS_TERM_YEARS = declare("MEETINGS_TERM_YEARS", 5, parse=int, problem=at_least(1))
# One consecutive re-election, so two terms in a row.
MEETINGS_MAX_CONSECUTIVE_TERMS = declare("MEETINGS_MAX_CONSECUTIVE_TERMS", 2, parse=int, problem=at_least(1))
# A term starting within this many days of the previous one's end follows it without a break.
MEETINGS_CONSECUTIVE_GAP_DAYS = declare("MEETINGS_CONSECUTIVE_GAP_DAYS", 366, parse=int, problem=at_least(0))

# --- dues (001 §IV) --------------------------------------------------------------------------

DUES_CURRENCY = declare(
    "DUES_CURRENCY",
    "USD",
    parse=str,
    problem=lambda value: "" if re.fullmatch(r"[A-Z]{3}", value) else "must be an ISO 4217 code",
)
DUES_TIER_AMOUNTS = declare(
    "DUES_TIER_AMOUNTS",
    {
        "chairman_unit": "20000.00",
        "vice_chairman_unit": "10000.00",
        "group_member": "1000.00",
        "individual_member": "500.00",
    },
    parse=_tier_amounts,
    problem=lambda amounts: "" if all(a >= 0 for a in amounts.values()) else "has a negative amount",
)
DUES_CLOSING_DATE = declare("DUES_CLOSING_DATE", (12, 20), parse=_month_day)
DUES_JOINING_FULL_UNTIL = declare("DUES_JOINING_FULL_UNTIL", (6, 30), parse=_month_day)
DUES_JOINING_LATE_FRACTION = declare("DUES_JOINING_LATE_FRACTION", "0.5", parse=_decimal, problem=_fraction)
DUES_REMINDER_STAGES = declare(
    "DUES_REMINDER_STAGES",
    (("before-30", -30), ("before-7", -7), ("closing", 0), ("after-30", 30)),
    parse=_stages,
    problem=_distinct_codes,
)
DUES_BANK_DETAILS = declare(
    "DUES_BANK_DETAILS",
    {
        "account_name": "Alliance Secretariat",
        "bank": "Example Bank, Kunming Branch",
        "account_number": "0000 0000 0000 0000",
        "swift": "EXAMPLECN",
        "note": gettext_noop("Please quote the invoice number with your payment."),
    },
    parse=_str_dict,
)
DUES_PUBLIC_ARREARS_SHOW_AMOUNTS = declare("DUES_PUBLIC_ARREARS_SHOW_AMOUNTS", False, parse=bool)
DUES_REMINDER_BATCH_SIZE = declare("DUES_REMINDER_BATCH_SIZE", 1000, parse=int, problem=at_least(1))
DUES_LATE_ISSUE_GRACE_DAYS = declare("DUES_LATE_ISSUE_GRACE_DAYS", 30, parse=int, problem=at_least(0))
DUES_STATEMENT_MAX_MB = declare("DUES_STATEMENT_MAX_MB", 20, parse=int, problem=at_least(1))

# --- secretariat (004, 003 第九条) -----------------------------------------------------------

SECRETARIAT_DOCUMENT_NUMBER_PATTERN = declare(
    "SECRETARIAT_DOCUMENT_NUMBER_PATTERN",
    "ISA-{kind_code}-{year}-{seq:03d}",
    parse=str,
    problem=_number_pattern,
)
SECRETARIAT_BRIEFING_PERIOD_MONTHS = declare(
    "SECRETARIAT_BRIEFING_PERIOD_MONTHS",
    3,
    parse=int,
    problem=lambda months: "" if months in (1, 2, 3, 4, 6, 12) else "must divide 12",
)
SECRETARIAT_BRIEFING_GRACE_DAYS = declare(
    "SECRETARIAT_BRIEFING_GRACE_DAYS", 15, parse=int, problem=at_least(0)
)
SECRETARIAT_UNIT_ABSENCES_FOR_SUSPENSION = declare(
    "SECRETARIAT_UNIT_ABSENCES_FOR_SUSPENSION", 3, parse=int, problem=at_least(1)
)
SECRETARIAT_REPRESENTATIVE_ABSENCES_FOR_SUSPENSION = declare(
    "SECRETARIAT_REPRESENTATIVE_ABSENCES_FOR_SUSPENSION", 6, parse=int, problem=at_least(1)
)
# "More than 6 times" means 7 by default.
SECRETARIAT_ABSENCES_FOR_WITHDRAWAL = declare(
    "SECRETARIAT_ABSENCES_FOR_WITHDRAWAL", 7, parse=int, problem=at_least(1)
)
SECRETARIAT_ABSENCE_DAYS_FOR_WITHDRAWAL = declare(
    "SECRETARIAT_ABSENCE_DAYS_FOR_WITHDRAWAL", 365, parse=int, problem=at_least(1)
)
SECRETARIAT_UPCOMING_DAYS = declare("SECRETARIAT_UPCOMING_DAYS", 60, parse=int, problem=at_least(1))


# --- read by alliance/settings.py and the system check ---------------------------------------


def from_environment(env) -> dict[str, object]:
    """The settings read from the environment (django-environ's ``env``), each at its default
    when its variable is unset; a value of the wrong type fails here, at start-up."""
    readers = {int: env.int, str: env.str, bool: env.bool}
    values = {}
    for setting in SETTINGS.values():
        if setting.environ:
            values[setting.name] = readers[type(setting.default)](setting.name, default=setting.default)
    return values


def _unknown(name: str, where: str) -> checks.CheckMessage:
    hint = (
        f"It was replaced by {RENAMED[name]}."
        if name in RENAMED
        else "The settings are declared in alliance/conf.py."
    )
    return checks.Error(f"{where} {name} is not an Alliance setting.", hint=hint, id="alliance.E002")


def check_settings(app_configs=None, **kwargs) -> list:
    """System check: every declared setting is usable, and no ALLIANCE_* name is unknown."""
    errors = []
    for setting in SETTINGS.values():
        try:
            setting.value()
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="alliance.E001"))
    known = SETTINGS.keys() | ENVIRONMENT_ONLY
    for name in sorted(dir(settings)):
        if name.startswith(PREFIX) and name not in known:
            errors.append(_unknown(name, "The setting"))
    for name in sorted(os.environ):
        if name.startswith(PREFIX) and name not in known:
            errors.append(_unknown(name, "The environment variable"))
    return errors
