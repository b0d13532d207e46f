"""Configurable figures of the meetings app, read through ``alliance.conf``, where each
``ALLIANCE_MEETINGS_<NAME>`` is declared with the reference organisation's value (000 §II)."""

from alliance import conf


def term_years() -> int:
    """Length of an elected term (000 §II: five years)."""
    return conf.MEETINGS_TERM_YEARS.value()


def max_consecutive_terms() -> int:
    """Terms in a row a person may serve (000 §II: one consecutive re-election, so two)."""
    return conf.MEETINGS_MAX_CONSECUTIVE_TERMS.value()


def consecutive_gap_days() -> int:
    """A term starting within this many days of the previous one's end follows it without a break."""
    return conf.MEETINGS_CONSECUTIVE_GAP_DAYS.value()
