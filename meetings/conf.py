"""Configurable figures of the meetings app (settings ``ALLIANCE_MEETINGS_*``), with the
reference organisation's values as defaults (DESIGN.md: rules that differ are configuration)."""

from django.conf import settings


def term_years() -> int:
    """Length of an elected term (000 §II: five years)."""
    return int(getattr(settings, "ALLIANCE_MEETINGS_TERM_YEARS", 5))


def max_consecutive_terms() -> int:
    """Terms in a row a person may serve (000 §II: one consecutive re-election, so two)."""
    return int(getattr(settings, "ALLIANCE_MEETINGS_MAX_CONSECUTIVE_TERMS", 2))


def consecutive_gap_days() -> int:
    """A term starting within this many days of the previous one's end follows it without a break."""
    return int(getattr(settings, "ALLIANCE_MEETINGS_CONSECUTIVE_GAP_DAYS", 366))


def arrears_check_path() -> str:
    """Dotted path of fn(member_ids, on=date) -> set of ids in arrears (provided by dues)."""
    return settings.ALLIANCE_ARREARS_CHECK
