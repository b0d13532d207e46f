"""Reads of the members app, scoped to who asks (DESIGN.md: scoping lives in querysets)."""

import functools
import itertools
from operator import itemgetter

from django.conf import settings
from django.db import connection
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from alliance.models import Profile
from alliance.prepared import rows_for
from alliance.roles import Role, has_role
from members.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    Certificate,
    LiaisonOffice,
    Member,
    Representative,
    RepresentativeRole,
    ReviewStage,
)
from members.rules import STAGE_STATUSES, chinese_script, language_of_country


def liaison_countries(user) -> set[str]:
    """Return the country codes of the liaison offices the user is an officer or director of."""
    if not user.is_authenticated:
        return set()
    offices = LiaisonOffice.objects.filter(Q(officers=user) | Q(director=user)).distinct()
    return {country.code for office in offices for country in office.countries}


def office_for_country(code: str) -> LiaisonOffice | None:
    """Return the active liaison office covering the country (001 §II.3), if any."""
    for office in LiaisonOffice.objects.filter(is_active=True):
        if code in {c.code for c in office.countries}:
            return office
    return None


def may_review(user, application: Application, stage: str) -> bool:
    """Liaison officers of the applicant's country review first; where no office covers
    the country, the secretariat does. The secretariat alone decides the final review."""
    if stage == ReviewStage.FINAL:
        return has_role(user, Role.SECRETARIAT)
    if stage == ReviewStage.PRELIMINARY:
        if application.liaison_office_id is None:
            return has_role(user, Role.SECRETARIAT)
        return has_role(user, Role.LIAISON_OFFICER) and application.country.code in liaison_countries(user)
    return False


def represented_members(user) -> QuerySet[Member]:
    """Return the members the user acts for: as a current representative or as the individual member."""
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.filter(
        Q(user=user) | Q(representatives__user=user, representatives__ended_on__isnull=True)
    ).distinct()


# The readers who may open every member's file.
EVERY_MEMBER_ROLES = (Role.SECRETARIAT, Role.TREASURER)


def members_visible_to(user) -> QuerySet[Member]:
    """Return the members whose file the user may open.

    Secretariat and treasurer see every member; a liaison officer those of their
    office's countries; a member only itself.
    """
    if has_role(user, *EVERY_MEMBER_ROLES):
        return Member.objects.all()
    if has_role(user, Role.LIAISON_OFFICER):
        return Member.objects.filter(country__in=liaison_countries(user))
    if has_role(user, Role.MEMBER):
        return represented_members(user)
    return Member.objects.none()


def member_for(user, pk, *, with_application: bool = False) -> Member:
    """Return the member if the user may open its file, else 404 (outside their scope);
    ``with_application`` reads its application in the same query (the member file)."""
    if with_application and has_role(user, *EVERY_MEMBER_ROLES):
        # No scope to apply: the staff's member file reads it by a query compiled once
        # (alliance.prepared, ~0.4 ms less).
        rows = rows_for("members.member_with_application", _member_with_application, pk)
        if not rows:
            raise Http404
        return rows[0]
    members = members_visible_to(user)
    if with_application:
        members = members.select_related("application")
    return get_object_or_404(members, pk=pk)


def _member_with_application(pk: int) -> QuerySet[Member]:
    return Member.objects.select_related("application").filter(pk=pk)


def member_language(member: Member) -> str:
    """Return the language the member reads: the one its primary representative (or, for an
    individual, the member) chose on their profile, else the one it applied in, else its
    country's (alliance.languages: each person's preferred language comes first).
    """
    chosen = (
        Representative.objects.current()
        .filter(member=member, role=RepresentativeRole.PRIMARY, user__profile__isnull=False)
        .values_list("user__profile__language", flat=True)
        .first()
    )
    if chosen is None and member.user_id:
        chosen = Profile.objects.filter(user_id=member.user_id).values_list("language", flat=True).first()
    if chosen:
        return chosen
    applied_in = Application.objects.filter(member=member).values_list("language", flat=True).first()
    return applied_in or language_of_country(member.country.code)


def member_chinese(member: Member) -> str:
    """Return the Chinese script (``zh-hans`` or ``zh-hant``) of the member's bilingual papers."""
    return chinese_script(language=member_language(member), country_code=member.country.code)


def notification_emails(member: Member) -> list[str]:
    """Return the addresses that receive the member's mail: its current representatives
    (or, for an individual, the member's own address), without duplicates."""
    return notification_emails_for([member])[member.pk]


def notification_emails_for(members) -> dict[int, list[str]]:
    """Return {member id: addresses} for many members in one query (bulk reminders, notices)."""
    return {
        member_id: [address for address, _language in recipients]
        for member_id, recipients in notification_recipients_for(members).items()
    }


def notification_recipients_for(members) -> dict[int, list[tuple[str, str]]]:
    """Return {member id: [(address, language)]}: each address of notification_emails_for
    with its holder's preferred language, else the language the member applied in
    (the mail of many members in one query whatever their number: receipts, notices)."""
    ids = list(dict.fromkeys(member.pk for member in members))
    if not ids:
        return {}
    sql = _recipients_sql(connection.vendor, len(ids)) if len(ids) <= CACHED_UP_TO else None
    if sql is not None:
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            rows = cursor.fetchall()
    else:
        rows = _recipients_query(ids)
    found = {
        member_id: recipients_from_rows([row[1:] for row in group])
        for member_id, group in itertools.groupby(rows, key=itemgetter(0))
    }
    return {member_id: found.get(member_id, []) for member_id in ids}


def _recipients_query(ids) -> QuerySet:
    return (
        with_recipient_columns(Member.objects.filter(pk__in=ids), member="")
        .order_by("pk", "_to_role")
        .values_list("pk", *RECIPIENT_COLUMNS)
    )


# A request that emails a member (a receipt, a decision) spent 0.9 ms having the ORM
# compile this query and 0.03 ms running it: its SQL for a few ids is compiled once.
CACHED_UP_TO = 8


@functools.lru_cache(maxsize=2 * CACHED_UP_TO)
def _recipients_sql(vendor: str, count: int) -> str | None:
    """The SQL of ``_recipients_query`` for ``count`` ids, its only parameters the ids in
    order (None, so the ORM runs it, if the compiled query ever had other parameters)."""
    sentinels = list(range(-count, 0))
    sql, params = _recipients_query(sentinels).query.sql_with_params()
    return sql if list(params) == sentinels else None


# The columns with_recipient_columns adds, in the order recipients_from_rows reads them.
RECIPIENT_COLUMNS = ("_to_email", "_to_language", "_member_email", "_own_language", "_applied_in")


def with_recipient_columns(queryset: QuerySet, *, member: str = "member") -> QuerySet:
    """Annotate each row of ``queryset`` with what a member's mail goes to: ``member`` is
    the path to the member (a foreign key's name; "" for a queryset of members), so a
    bulk job resolves every member's addresses and languages in its own query, not in
    one more query per batch.

    The join makes one row per current representative of the row's member (one row,
    with nulls, for a member without), ordered by role: order the queryset by its own
    key first, then by ``_to_role``, and hand each key's ``RECIPIENT_COLUMNS`` to
    :func:`recipients_from_rows`.
    """

    def path(rest: str) -> str:
        return f"{member}__{rest}" if member else rest

    return queryset.annotate(
        _to=FilteredRelation(
            path("representatives"), condition=Q(**{path("representatives__ended_on__isnull"): True})
        ),
        _to_role=F("_to__role"),
        _to_email=F("_to__email"),
        _to_language=F("_to__user__profile__language"),
        _member_email=F(path("email")),
        _own_language=F(path("user__profile__language")),
        _applied_in=F(path("application__language")),  # one application per member
    )


def recipients_from_rows(rows) -> list[tuple[str, str]]:
    """Return one member's [(address, language)] from its ``RECIPIENT_COLUMNS`` rows: the
    current representatives (by role), else the member's own address; each in its
    holder's language, else the individual member's, else the one the member applied
    in, else the site's."""
    first = rows[0]
    fallback = first[3] or first[4] or settings.LANGUAGE_CODE
    if first[0] is None:  # no current representative
        return [(first[2], fallback)] if first[2] else []
    found: dict[str, str] = {}
    for email, language, _member_email, _own, _applied in rows:
        if email and email not in found:
            found[email] = language or fallback
    return list(found.items())


def notification_recipients(member: Member) -> list[tuple[str, str]]:
    return notification_recipients_for([member])[member.pk]


# --- Applications ---------------------------------------------------------------


def applications_visible_to(user) -> QuerySet:
    """Return the applications the user may open: their own; a liaison officer's
    countries'; every one for the secretariat."""
    if not user.is_authenticated:
        return Application.objects.none()
    if has_role(user, Role.SECRETARIAT):
        return Application.objects.all()
    scope = Q(applicant=user)
    if has_role(user, Role.LIAISON_OFFICER):
        countries = liaison_countries(user)
        if countries:
            scope |= Q(country__in=countries) & ~Q(status=ApplicationStatus.DRAFT)
    return Application.objects.filter(scope)


def application_for(user, pk) -> Application:
    """Return the application if the user may see it (as reviewer or applicant), else 404."""
    return get_object_or_404(applications_visible_to(user).select_related("liaison_office", "member"), pk=pk)


def own_application_for(user, pk) -> Application:
    """Return the application if the user is its applicant (who alone may change it), else 404."""
    return get_object_or_404(Application, pk=pk, applicant=user)


def review_queue_condition(user, stage: str) -> Q:
    """The applications waiting for ``stage`` that the user may decide (``review_queue``), as a
    condition: the dashboard counts every stage in one query with it."""
    waiting = Q(status__in=STAGE_STATUSES[stage])
    if stage == ReviewStage.FINAL:
        return waiting if has_role(user, Role.SECRETARIAT) else Q(pk__in=[])
    scope = Q(pk__in=[])
    if has_role(user, Role.SECRETARIAT):
        scope |= Q(liaison_office__isnull=True)
    if has_role(user, Role.LIAISON_OFFICER):
        scope |= Q(country__in=liaison_countries(user), liaison_office__isnull=False)
    return waiting & scope


def review_queue(user, stage: str) -> QuerySet:
    """Return the applications waiting for ``stage`` that the user may decide, oldest first."""
    return (
        Application.objects.filter(review_queue_condition(user, stage))
        .select_related("liaison_office", "applicant")
        .order_by("status_changed_at")
    )


def documents_visible_to(user) -> QuerySet:
    """Return the application documents the user may download: those of applications they
    may open, and a member's own documents (through its application)."""
    if not user.is_authenticated:
        return ApplicationDocument.objects.none()
    own_members = represented_members(user).values("pk")
    return ApplicationDocument.objects.filter(
        Q(application__in=applications_visible_to(user).values("pk")) | Q(application__member__in=own_members)
    )


def application_document_for(user, pk) -> ApplicationDocument:
    """Return the uploaded document if the user may see its application, else 404."""
    return get_object_or_404(documents_visible_to(user), pk=pk)


def certificates_visible_to(user) -> QuerySet:
    return Certificate.objects.filter(member__in=members_visible_to(user).values("pk"))
