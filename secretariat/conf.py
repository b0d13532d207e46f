"""Configurable figures of the secretariat, read from settings with the reference organisation's defaults.

Each reads ``ALLIANCE_SECRETARIAT_<NAME>`` (the project settings are not this app's to edit).
"""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"ALLIANCE_SECRETARIAT_{name}", default)


def document_number_pattern() -> str:
    """Pattern of an issued document's number; placeholders {year}, {seq}, {kind}, {kind_code}.

    Numbers run per year *and kind* (004 三.1: each kind has its own register), so the
    default carries the kind's letter (N notice, A announcement, C circular, R report,
    L letter): "ISA-{year}-{seq:03d}" alone would give a notice and a circular the same
    number. A pattern without the kind stays possible (uniqueness is per kind).
    """
    return _get("DOCUMENT_NUMBER_PATTERN", "ISA-{kind_code}-{year}-{seq:03d}")


def briefing_period_months() -> int:
    """Length of a liaison briefing period in months (quarterly by default, 000 §I.2(1))."""
    months = int(_get("BRIEFING_PERIOD_MONTHS", 3))
    if months not in (1, 2, 3, 4, 6, 12):
        raise ValueError("ALLIANCE_SECRETARIAT_BRIEFING_PERIOD_MONTHS must divide 12")
    return months


def briefing_grace_days() -> int:
    """Days after a period ends before its missing briefing counts as late."""
    return int(_get("BRIEFING_GRACE_DAYS", 15))


# Participation rule (003 第九条).
def unit_absences_for_suspension() -> int:
    """Consecutive activities with nobody from the unit that warn and suspend its rights."""
    return int(_get("UNIT_ABSENCES_FOR_SUSPENSION", 3))


def representative_absences_for_suspension() -> int:
    """Consecutive activities the representative personally missed that warn and suspend."""
    return int(_get("REPRESENTATIVE_ABSENCES_FOR_SUSPENSION", 6))


def absences_for_withdrawal() -> int:
    """Consecutive absences treated as withdrawal: "more than 6 times" means 7 by default."""
    return int(_get("ABSENCES_FOR_WITHDRAWAL", 7))


def absence_days_for_withdrawal() -> int:
    """Days of continuous absence (at least one activity missed) treated as withdrawal: a year."""
    return int(_get("ABSENCE_DAYS_FOR_WITHDRAWAL", 365))


def upcoming_days() -> int:
    """How far ahead the dashboard lists upcoming activities."""
    return int(_get("UPCOMING_DAYS", 60))
