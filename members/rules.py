"""Pure membership rules: no database access."""

from alliance.status import Moves
from members import errors
from members.errors import ILLEGAL_APPLICATION_MOVE, ILLEGAL_STATUS_MOVE, MembershipError
from members.models import ApplicationStatus as AS
from members.models import (
    Decision,
    DocumentKind,
    DocumentReview,
    MemberKind,
    MemberStatus,
    Region,
    ReviewStage,
    Tier,
)

# Allowed changes of a member's status (DESIGN.md, Membership). Withdrawn and
# expelled are final: coming back is a new application.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED}),
    MemberStatus.WITHDRAWN: frozenset(),
    MemberStatus.EXPELLED: frozenset(),
}
MEMBER_MOVES = Moves(STATUS_TRANSITIONS, error=MembershipError, refused=ILLEGAL_STATUS_MOVE)

# "Higher rather than lower" (001 §IV.3) needs an order of the tiers.
TIER_RANK: dict[str, int] = {
    Tier.INDIVIDUAL_MEMBER: 1,
    Tier.GROUP_MEMBER: 2,
    Tier.VICE_CHAIRMAN_UNIT: 3,
    Tier.CHAIRMAN_UNIT: 4,
}


def status_change_problem(
    from_status: str, to_status: str, *, reason: str, resolution_reference: str, passed_resolutions=()
) -> str:
    """Return why a change of status is refused, or '' when it is allowed.

    An expulsion cites one of ``passed_resolutions``, the register numbers of the passed
    resolutions that decided it (001 §IV.7): a reference to anything else is refused.
    """
    refusal = MEMBER_MOVES.refusal(from_status, to_status, dict(MemberStatus.choices))
    if refusal:
        return refusal
    if not reason.strip():
        return str(errors.STATUS_REASON_REQUIRED)
    if to_status == MemberStatus.EXPELLED and resolution_reference.strip() not in passed_resolutions:
        return str(errors.EXPULSION_NEEDS_RESOLUTION)
    return ""


def highest_tier(tiers) -> str:
    """Return the highest of ``tiers`` (001 §IV.3: pay once, at the highest tier)."""
    return max(tiers, key=TIER_RANK.__getitem__)


SOUTH_ASIA = {"AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"}
SOUTHEAST_ASIA = {"BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"}
EAST_ASIA = {"CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"}


# Where Chinese is written in traditional characters; elsewhere the alliance, seated in
# Kunming, writes simplified ones.
TRADITIONAL_CHINESE_COUNTRIES = {"HK", "MO", "TW"}
CHINESE_COUNTRIES = {"CN", "HK", "MO", "SG", "TW"}


def chinese_script(*, language: str | None, country_code: str) -> str:
    """Return the Chinese the member reads (``zh-hans`` or ``zh-hant``) for bilingual papers.

    The member's own language when it is Chinese, else the script of its country.
    """
    if language in ("zh-hans", "zh-hant"):
        return language
    return "zh-hant" if (country_code or "").upper() in TRADITIONAL_CHINESE_COUNTRIES else "zh-hans"


def language_of_country(country_code: str) -> str:
    """Return the language to write to a member of that country in, when nobody chose one."""
    code = (country_code or "").upper()
    if code not in CHINESE_COUNTRIES:
        return "en"
    return chinese_script(language=None, country_code=code)


def region_of(country_code: str) -> str:
    """Return the alliance's region for an ISO country code."""
    code = (country_code or "").upper()
    if code in SOUTH_ASIA:
        return Region.SOUTH_ASIA
    if code in SOUTHEAST_ASIA:
        return Region.SOUTHEAST_ASIA
    if code in EAST_ASIA:
        return Region.EAST_ASIA
    return Region.OTHER


# --- Applications (001 §II): two-stage review as an explicit state machine. ---

APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    AS.DRAFT: frozenset({AS.SUBMITTED, AS.WITHDRAWN}),
    AS.SUBMITTED: frozenset(
        {AS.PRELIMINARY_REVIEW, AS.PRELIMINARILY_APPROVED, AS.RETURNED, AS.REJECTED, AS.WITHDRAWN}
    ),
    AS.PRELIMINARY_REVIEW: frozenset({AS.PRELIMINARILY_APPROVED, AS.RETURNED, AS.REJECTED, AS.WITHDRAWN}),
    AS.PRELIMINARILY_APPROVED: frozenset(
        {AS.FINAL_REVIEW, AS.APPROVED, AS.RETURNED, AS.REJECTED, AS.WITHDRAWN}
    ),
    AS.FINAL_REVIEW: frozenset({AS.APPROVED, AS.RETURNED, AS.REJECTED, AS.WITHDRAWN}),
    # A returned application is edited and resubmitted, to the stage that returned it.
    AS.RETURNED: frozenset({AS.SUBMITTED, AS.PRELIMINARILY_APPROVED, AS.WITHDRAWN}),
    AS.APPROVED: frozenset(),
    AS.REJECTED: frozenset(),
    AS.WITHDRAWN: frozenset(),
}
APPLICATION_MOVES = Moves(APPLICATION_TRANSITIONS, error=MembershipError, refused=ILLEGAL_APPLICATION_MOVE)

# The statuses in which each stage's reviewers may decide.
STAGE_STATUSES: dict[str, frozenset[str]] = {
    ReviewStage.PRELIMINARY: frozenset({AS.SUBMITTED, AS.PRELIMINARY_REVIEW}),
    ReviewStage.FINAL: frozenset({AS.PRELIMINARILY_APPROVED, AS.FINAL_REVIEW}),
}
# Waiting for a stage → being reviewed at that stage.
START_REVIEW: dict[str, str] = {
    AS.SUBMITTED: AS.PRELIMINARY_REVIEW,
    AS.PRELIMINARILY_APPROVED: AS.FINAL_REVIEW,
}
# The status a decision leads to, per stage.
DECISION_OUTCOME: dict[tuple[str, str], str] = {
    (ReviewStage.PRELIMINARY, Decision.APPROVE): AS.PRELIMINARILY_APPROVED,
    (ReviewStage.PRELIMINARY, Decision.RETURN): AS.RETURNED,
    (ReviewStage.PRELIMINARY, Decision.REJECT): AS.REJECTED,
    (ReviewStage.FINAL, Decision.APPROVE): AS.APPROVED,
    (ReviewStage.FINAL, Decision.RETURN): AS.RETURNED,
    (ReviewStage.FINAL, Decision.REJECT): AS.REJECTED,
}
EDITABLE_STATUSES = frozenset({AS.DRAFT, AS.RETURNED})
OPEN_STATUSES = frozenset(s for s, moves in APPLICATION_TRANSITIONS.items() if moves)


def stage_of(status: str) -> str:
    """Return the review stage an application in ``status`` waits for, or ''."""
    for stage, statuses in STAGE_STATUSES.items():
        if status in statuses:
            return stage
    return ""


def resubmission_status(returned_stage: str) -> str:
    """A resubmitted application goes back to the stage that returned it."""
    return AS.PRELIMINARILY_APPROVED if returned_stage == ReviewStage.FINAL else AS.SUBMITTED


def tier_fits_kind(kind: str, tier: str) -> bool:
    """An individual is an individual member; a unit holds one of the unit tiers (001 §IV)."""
    return (kind == MemberKind.INDIVIDUAL) == (tier == Tier.INDIVIDUAL_MEMBER)


def required_document_kind(kind: str) -> str:
    """001 §II.2: a unit submits its legal-person qualification certificate; an individual
    the materials the alliance asks for (an identity document)."""
    if kind == MemberKind.UNIT:
        return DocumentKind.LEGAL_PERSON_CERTIFICATE
    return DocumentKind.IDENTITY_DOCUMENT


def required_documents_not_accepted(*, kind: str, documents) -> list[str]:
    """Return the required document kinds a final approval still waits for (001 §II.2, §II.4).

    ``documents`` are (kind, review) pairs. A required kind is satisfied when it has a
    document and every one of its documents still in play (not rejected, not to be
    replaced) is accepted: "not reviewed yet" is not accepted.
    """
    required = required_document_kind(kind)
    reviews = [
        review
        for document_kind, review in documents
        if document_kind == required and review not in (DocumentReview.REJECTED, DocumentReview.REPLACE)
    ]
    if reviews and all(review == DocumentReview.ACCEPTED for review in reviews):
        return []
    return [required]


def submission_problems(
    *, kind: str, tier: str, document_kinds: set[str], declaration_accepted: bool, has_primary: bool
) -> list[str]:
    """Return what keeps an application from being submitted (001 §I–II); [] when complete."""
    problems = []
    if not tier_fits_kind(kind, tier):
        problems.append(str(errors.TIER_KIND_MISMATCH))
    if required_document_kind(kind) not in document_kinds:
        missing = (
            errors.DOCUMENT_MISSING_UNIT if kind == MemberKind.UNIT else errors.DOCUMENT_MISSING_INDIVIDUAL
        )
        problems.append(str(missing))
    if kind == MemberKind.UNIT and not has_primary:
        problems.append(str(errors.REPRESENTATIVE_MISSING))
    if not declaration_accepted:
        problems.append(str(errors.DECLARATION_MISSING))
    return problems


def upload_problem(*, size: int, content_type: str | None, max_mb: int, accepted) -> str:
    """Return why an upload is refused (type checked by content, size), or ''."""
    if size > max_mb * 1024 * 1024:
        return str(errors.FILE_TOO_LARGE % {"size": size / 1024 / 1024, "max": max_mb})
    if content_type not in accepted:
        if set(accepted) == {"image/jpeg", "image/png"}:
            return str(errors.NOT_AN_IMAGE)
        return str(errors.NOT_A_DOCUMENT)
    return ""


def waiting_days(since, now) -> int:
    """Whole days an application has waited in its status."""
    if since is None:
        return 0
    return max(0, (now - since).days)
