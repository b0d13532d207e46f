"""Models of the members app: members and liaison offices, applications, certificates.

Other apps import them from ``members.models``.
"""

from members.models.applications import (
    Application,
    ApplicationDecision,
    ApplicationDocument,
    ApplicationRepresentative,
    ApplicationStatus,
    ApplicationStatusChange,
    Decision,
    DocumentKind,
    DocumentReview,
    ReviewStage,
)
from members.models.certificates import Certificate
from members.models.core import (
    Contact,
    Industry,
    LiaisonOffice,
    Member,
    MemberKind,
    MemberQuerySet,
    MemberStatus,
    MemberStatusChange,
    Region,
    Representative,
    RepresentativeQuerySet,
    RepresentativeRole,
    Tier,
    UnitType,
)

__all__ = [
    "Application",
    "ApplicationDecision",
    "ApplicationDocument",
    "ApplicationRepresentative",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "Certificate",
    "Contact",
    "Decision",
    "DocumentKind",
    "DocumentReview",
    "Industry",
    "LiaisonOffice",
    "Member",
    "MemberKind",
    "MemberQuerySet",
    "MemberStatus",
    "MemberStatusChange",
    "Region",
    "Representative",
    "RepresentativeQuerySet",
    "RepresentativeRole",
    "ReviewStage",
    "Tier",
    "UnitType",
]
