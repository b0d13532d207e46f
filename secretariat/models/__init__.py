"""Models of the secretariat: organisation, documents, activities, briefings, participation flags."""

from secretariat.models.activities import (
    Activity,
    ActivityAttendance,
    ActivityStatus,
    ActivityStatusChange,
    ApprovalBody,
)
from secretariat.models.briefings import LiaisonBriefing
from secretariat.models.documents import (
    Audience,
    Document,
    DocumentAttachment,
    DocumentKind,
    DocumentRecipient,
    DocumentStatus,
    DocumentStatusChange,
)
from secretariat.models.organisation import ApprovalRole, Department, StaffProfile
from secretariat.models.participation import FlagKind, FlagStatus, ParticipationFlag

__all__ = [
    "Activity",
    "ActivityAttendance",
    "ActivityStatus",
    "ActivityStatusChange",
    "ApprovalBody",
    "ApprovalRole",
    "Audience",
    "Department",
    "Document",
    "DocumentAttachment",
    "DocumentKind",
    "DocumentRecipient",
    "DocumentStatus",
    "DocumentStatusChange",
    "FlagKind",
    "FlagStatus",
    "LiaisonBriefing",
    "ParticipationFlag",
    "StaffProfile",
]
