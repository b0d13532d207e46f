"""The year's budget, its actual amounts and its approval by the General Assembly (001 §V.3).

Every change is refused once the budget is approved: the approved report is the one the
General Assembly voted on. The approval itself is recorded with who, when and the passed
General Assembly resolution.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.history import save_by
from dues import errors
from dues.errors import DuesError
from dues.models import ActualEntry, Budget, BudgetLine, BudgetLineKind, BudgetStatus
from meetings.models import Resolution
from meetings.selectors import passed_resolutions


def _draft(budget: Budget) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.status != BudgetStatus.DRAFT:
        raise DuesError(errors.BUDGET_APPROVED % {"year": budget.year})
    return budget


@transaction.atomic
def budget_open(*, year: int, by) -> Budget:
    """The year's budget, created on first use with its membership fee income line."""
    budget, created = Budget.objects.get_or_create(year=year, defaults={"created_by": by})
    if created:
        BudgetLine.objects.create(
            budget=budget,
            kind=BudgetLineKind.INCOME,
            label=_("Membership fees"),
            is_fee_income=True,
            created_by=by,
        )
    return budget


@transaction.atomic
def budget_line_save(
    *, budget: Budget, kind: str, label: str, planned: Decimal, by, line: BudgetLine | None = None
) -> BudgetLine:
    """Add a budget line, or change one's label and budgeted amount, while the budget is a draft."""
    budget = _draft(budget)
    label = label.strip()
    if not label:
        raise DuesError(errors.LINE_NEEDS_LABEL)
    if planned is None or planned < 0:
        raise DuesError(errors.LINE_NEGATIVE)
    if budget.lines.filter(label=label).exclude(pk=line.pk if line else None).exists():
        raise DuesError(errors.LINE_EXISTS % {"label": label})
    if line is None:
        line = BudgetLine(budget=budget, kind=kind, created_by=by)
    elif line.budget_id != budget.pk:
        raise DuesError(errors.LINE_OF_OTHER_BUDGET)
    line.label, line.planned = label, planned
    save_by(line, by)
    return line


@transaction.atomic
def actual_record(
    *, line: BudgetLine, on: datetime.date, amount: Decimal, description: str, by
) -> ActualEntry:
    """Record an amount actually spent or received on a line (not on the fee line: its actual
    comes from the payments recorded in dues)."""
    _draft(line.budget)
    if line.is_fee_income:
        raise DuesError(errors.FEES_ARE_PAYMENTS)
    if amount is None or amount <= 0:
        raise DuesError(errors.EXPENSE_NOT_POSITIVE)
    if not description.strip():
        raise DuesError(errors.EXPENSE_NEEDS_DESCRIPTION)
    entry = ActualEntry(line=line, on=on, amount=amount, description=description.strip(), recorded_by=by)
    save_by(entry, by)
    return entry


@transaction.atomic
def budget_approve(*, budget: Budget, resolution: Resolution, by) -> Budget:
    """Record the General Assembly's approval (001 §V.3): a passed GA resolution, who and when."""
    budget = _draft(budget)
    if not passed_resolutions(body_code="GA").filter(pk=resolution.pk).exists():
        raise DuesError(errors.CHOOSE_GA_RESOLUTION)
    budget.status, budget.resolution = BudgetStatus.APPROVED, resolution
    budget.approved_by, budget.approved_at = by, timezone.now()
    save_by(budget, by, update_fields=["status", "resolution", "approved_by", "approved_at"])
    return budget
