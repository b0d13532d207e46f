"""Configurable figures of the secretariat, read from settings with the reference organisation's defaults.

Each reads ``ALLIANCE_SECRETARIAT_<NAME>`` through ``alliance.conf``, where it is declared.
"""

from alliance import conf


def document_number_pattern() -> str:
    """Pattern of an issued document's number; placeholders {year}, {seq}, {kind}, {kind_code}.

    Numbers run per year *and kind* (004 三.1: each kind has its own register), so the
    default carries the kind's letter (N notice, A announcement, C circular, R report,
    L letter): "ISA-{year}-{seq:03d}" alone would give a notice and a circular the same
    number. A pattern without the kind stays possible (uniqueness is per kind).
    """
    return conf.SECRETARIAT_DOCUMENT_NUMBER_PATTERN.value()


def briefing_period_months() -> int:
    """Length of a liaison briefing period in months (quarterly by default, 000 §I.2(1))."""
    return conf.SECRETARIAT_BRIEFING_PERIOD_MONTHS.value()


def briefing_grace_days() -> int:
    """Days after a period ends before its missing briefing counts as late."""
    return conf.SECRETARIAT_BRIEFING_GRACE_DAYS.value()


# Participation rule (003 第九条).
def unit_absences_for_suspension() -> int:
    """Consecutive activities with nobody from the unit that warn and suspend its rights."""
    return conf.SECRETARIAT_UNIT_ABSENCES_FOR_SUSPENSION.value()


def representative_absences_for_suspension() -> int:
    """Consecutive activities the representative personally missed that warn and suspend."""
    return conf.SECRETARIAT_REPRESENTATIVE_ABSENCES_FOR_SUSPENSION.value()


def absences_for_withdrawal() -> int:
    """Consecutive absences treated as withdrawal: "more than 6 times" means 7 by default."""
    return conf.SECRETARIAT_ABSENCES_FOR_WITHDRAWAL.value()


def absence_days_for_withdrawal() -> int:
    """Days of continuous absence (at least one activity missed) treated as withdrawal: a year."""
    return conf.SECRETARIAT_ABSENCE_DAYS_FOR_WITHDRAWAL.value()


def upcoming_days() -> int:
    """How far ahead the dashboard lists upcoming activities."""
    return conf.SECRETARIAT_UPCOMING_DAYS.value()
