"""Participation rule (003 第九条): raise flags for the secretariat, and apply its decisions.

Nothing changes a member's status here except a secretariat user confirming a
flag, through ``members.services.member_change_status``.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from alliance.db import analyze
from alliance.history import save_by
from members.errors import MembershipError
from members.models import Member, MemberStatus, Representative, RepresentativeRole
from members.services import member_change_status
from secretariat import conf, errors
from secretariat.errors import SecretariatError
from secretariat.models import FlagKind, FlagStatus, ParticipationFlag
from secretariat.rules import Occasion, participation_findings
from secretariat.selectors import recent_participation_events

ELIGIBLE = {
    FlagKind.UNIT_ABSENT: {MemberStatus.ACTIVE},
    FlagKind.REPRESENTATIVE_ABSENT: {MemberStatus.ACTIVE},
    FlagKind.WITHDRAWAL: {MemberStatus.ACTIVE, MemberStatus.SUSPENDED},
}


def _window() -> int:
    # Only the last runs of absences matter: a longer run is already a withdrawal.
    return max(
        conf.unit_absences_for_suspension(),
        conf.representative_absences_for_suspension(),
        conf.absences_for_withdrawal(),
    )


@transaction.atomic
def participation_recompute(*, today: datetime.date | None = None) -> int:
    """Compute the participation flags from attendance; return how many were raised or updated.

    Harmless when run twice: a run of absences raises one flag, which grows as the
    run grows; a dismissed run is not raised again until the member misses another.
    """
    today = today or timezone.localdate()
    window = _window()
    events = recent_participation_events(limit=window, until=today)
    if not events:
        return 0
    members = Member.objects.filter(
        status__in=[MemberStatus.ACTIVE, MemberStatus.SUSPENDED], joined_on__lte=events[-1].date
    ).only("pk", "kind", "status", "joined_on")
    open_flags = {(f.member_id, f.kind): f for f in ParticipationFlag.objects.filter(status=FlagStatus.OPEN)}
    known = set(ParticipationFlag.objects.values_list("member_id", "kind", "evidence_key"))
    primaries = dict(
        Representative.objects.current()
        .filter(role=RepresentativeRole.PRIMARY)
        .values_list("member_id", "pk")
    )
    represented = set(Representative.objects.current().values_list("member_id", flat=True))
    new_flags = []
    changed = 0
    for member in members.iterator(chunk_size=2000):
        occasions = _occasions(member, events)[-window:]
        findings = participation_findings(
            occasions,
            today=today,
            is_unit=member.kind == "unit",
            # A unit without a current representative has nobody to be absent in person.
            count_representative=member.kind != "unit" or member.pk in represented,
            unit_absences=conf.unit_absences_for_suspension(),
            representative_absences=conf.representative_absences_for_suspension(),
            withdrawal_absences=conf.absences_for_withdrawal(),
            withdrawal_days=conf.absence_days_for_withdrawal(),
        )
        for finding in findings:
            if member.status not in ELIGIBLE[finding.kind]:
                continue
            if (member.pk, finding.kind, finding.evidence_key) in known:
                continue
            evidence = [{"key": o.key, "date": o.date.isoformat(), "label": o.label} for o in finding.missed]
            values = {
                "proposed_status": finding.proposed_status,
                "consecutive_absences": len(finding.missed),
                "last_attended_on": finding.last_attended_on,
                "evidence": evidence,
                "evidence_key": finding.evidence_key,
                "representative_id": primaries.get(member.pk)
                if finding.kind == FlagKind.REPRESENTATIVE_ABSENT
                else None,
            }
            flag = open_flags.get((member.pk, finding.kind))
            if flag:
                for name, value in values.items():
                    setattr(flag, name, value)
                flag.save()
            else:
                new_flags.append(ParticipationFlag(member_id=member.pk, kind=finding.kind, **values))
            changed += 1
    # In bulk, with their history rows: a first run over a large registry may raise thousands.
    bulk_create_with_history(new_flags, ParticipationFlag, batch_size=2000)
    if new_flags:
        analyze(ParticipationFlag, ParticipationFlag.history.model)
    return changed


def _occasions(member, events) -> list[Occasion]:
    """The occasions a member was expected at: activities since it joined, meetings it was invited to."""
    occasions = []
    for event in events:
        if event.date < member.joined_on:
            continue
        if event.invited_only:
            if member.pk not in event.rows:
                continue
            present = event.rows[member.pk]
            occasions.append(Occasion(event.key, event.date, event.label, present, present))
        else:
            unit_present = member.pk in event.rows
            # An individual member is the person: being there is being there in person.
            in_person = unit_present if member.kind != "unit" else event.rows.get(member.pk, False)
            occasions.append(Occasion(event.key, event.date, event.label, unit_present, in_person))
    return occasions


def _locked_open(flag: ParticipationFlag) -> ParticipationFlag:
    flag = ParticipationFlag.objects.select_for_update().select_related("member").get(pk=flag.pk)
    if flag.status != FlagStatus.OPEN:
        raise SecretariatError(errors.FLAG_DECIDED)
    return flag


@transaction.atomic
def flag_confirm(*, flag: ParticipationFlag, by, comment: str) -> ParticipationFlag:
    """Confirm a flag: warn and suspend, or treat as withdrawn (003 第九条), via the members' service."""
    flag = _locked_open(flag)
    if not comment.strip():
        raise SecretariatError(errors.DECISION_REASON)
    reason = _("Participation rule (003 art. 9): %(kind)s, %(count)d consecutive absences. %(comment)s") % {
        "kind": flag.get_kind_display(),
        "count": flag.consecutive_absences,
        "comment": comment.strip(),
    }
    if flag.member.status != flag.proposed_status:
        try:
            member_change_status(member=flag.member, to_status=flag.proposed_status, reason=reason, by=by)
        except MembershipError as exc:
            raise SecretariatError(str(exc)) from exc
    flag.status = FlagStatus.CONFIRMED
    flag.decided_by, flag.decided_at, flag.decision_comment = by, timezone.now(), comment.strip()
    save_by(flag, by)
    return flag


@transaction.atomic
def flag_dismiss(*, flag: ParticipationFlag, by, comment: str) -> ParticipationFlag:
    """Dismiss a flag (e.g. absences excused); the member's status is untouched."""
    flag = _locked_open(flag)
    if not comment.strip():
        raise SecretariatError(errors.DECISION_REASON)
    flag.status = FlagStatus.DISMISSED
    flag.decided_by, flag.decided_at, flag.decision_comment = by, timezone.now(), comment.strip()
    save_by(flag, by)
    return flag
