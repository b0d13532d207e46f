"""Demo data of the members app: liaison offices, members, representatives, applications.

Every person and company here is fictional. Idempotent: natural keys (office
name, member number, applicant and application name) are looked up first.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from alliance.demo import demo_user, loader
from alliance.models import NumberSequence
from alliance.roles import Role
from members.demo_data import APPLICATIONS, MEMBERS, OFFICES, A, S, U, W, X
from members.models import (
    Application,
    ApplicationDecision,
    ApplicationDocument,
    ApplicationRepresentative,
    ApplicationStatus,
    ApplicationStatusChange,
    Certificate,
    Contact,
    Decision,
    DocumentKind,
    LiaisonOffice,
    Member,
    MemberStatusChange,
    Representative,
    RepresentativeRole,
    ReviewStage,
)
from members.rules import region_of

DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _offices():
    offices = {}
    for name, countries, officer in OFFICES:
        user = (
            demo_user(officer, role=Role.LIAISON_OFFICER, first_name=officer.title(), last_name="Officer")
            if officer != "liaison"
            else demo_user("liaison", role=Role.LIAISON_OFFICER)
        )
        office, _ = LiaisonOffice.objects.get_or_create(
            name=name, defaults={"countries": countries, "email": f"{officer}@alliance.example"}
        )
        office.officers.add(user)
        if office.director_id is None:
            office.director = user
            office.save(update_fields=["director"])
        for code in countries:
            offices[code] = office
    return offices


def _members(secretariat):
    member_user = demo_user("member", role=Role.MEMBER)
    members = []
    for index, (kind, tier, name, native, country, industry, status, rep) in enumerate(MEMBERS, start=1):
        year = 2024 if index <= 18 else 2025
        joined = datetime.date(year, 1 + index % 11, 1 + index % 27)
        member, created = Member.objects.get_or_create(
            number=f"M-{year}-{index:04d}",
            defaults={
                "kind": kind,
                "tier": tier,
                "name": name,
                "native_name": native,
                "country": country,
                "region": region_of(country),
                "industry": industry,
                "unit_type": "enterprise" if kind == U else "",
                "registration_number": f"REG-{country}-{1000 + index}" if kind == U else "",
                "address": f"{index} Demo Avenue, {country}",
                "email": f"office{index}@members.example",
                "phone": f"+00 {index:03d} 0000",
                "joined_on": joined,
            },
        )
        members.append(member)
        if not created:
            continue
        if kind == U:
            Representative.objects.create(
                member=member,
                user=member_user if rep == "Nadia Rahman" else None,
                role=RepresentativeRole.PRIMARY,
                name=rep,
                position="Managing Director",
                email=member_user.email if rep == "Nadia Rahman" else f"rep{index}@members.example",
                started_on=joined,
            )
            Contact.objects.create(
                member=member, name=rep, position="Managing Director", email=f"contact{index}@members.example"
            )
        Certificate.objects.create(
            member=member,
            number=f"C-{year}-{index:04d}",
            code=f"DEMO{index:04d}CERT{year}",
            tier=tier,
            issued_on=joined,
            issued_by=secretariat,
        )
        if status != A:
            _set_status(member, status, secretariat)
    for key in ("member", "certificate"):
        for year in (2024, 2025):
            used = max(
                (
                    int(n.rsplit("-", 1)[1])
                    for n in Member.objects.filter(number__startswith=f"M-{year}-").values_list(
                        "number", flat=True
                    )
                ),
                default=0,
            )
            sequence, _ = NumberSequence.objects.get_or_create(key=key, year=year)
            if sequence.last_value < used:
                sequence.last_value = used
                sequence.save(update_fields=["last_value"])
    return members


def _set_status(member, status, by):
    reasons = {
        S: "Absent from three consecutive activities (demo).",
        W: "Withdrew by letter to the secretariat (demo).",
        X: "Arrears and breach of the Charter (demo).",
    }
    MemberStatusChange.objects.create(
        member=member,
        from_status=A,
        to_status=status,
        comment=reasons[status],
        resolution_reference="GA-2025-07" if status == X else "",
        changed_by=by,
    )
    member.status = status
    member.save(update_fields=["status"])
    if status in (W, X):
        Certificate.objects.filter(member=member).update(
            revoked_at=timezone.now(), revoked_reason=reasons[status]
        )


# The path each demo application took to reach its status: (from, to, stage decided, decision).
PATHS = {
    ApplicationStatus.SUBMITTED: [],
    ApplicationStatus.PRELIMINARY_REVIEW: [("submitted", "preliminary_review", None, None)],
    ApplicationStatus.PRELIMINARILY_APPROVED: [
        ("submitted", "preliminary_review", None, None),
        ("preliminary_review", "preliminarily_approved", ReviewStage.PRELIMINARY, Decision.APPROVE),
    ],
    ApplicationStatus.FINAL_REVIEW: [
        ("submitted", "preliminarily_approved", ReviewStage.PRELIMINARY, Decision.APPROVE),
        ("preliminarily_approved", "final_review", None, None),
    ],
    ApplicationStatus.RETURNED: [("submitted", "returned", ReviewStage.PRELIMINARY, Decision.RETURN)],
    ApplicationStatus.REJECTED: [("submitted", "rejected", ReviewStage.PRELIMINARY, Decision.REJECT)],
    ApplicationStatus.WITHDRAWN: [("submitted", "withdrawn", None, None)],
}


def _applications(offices, secretariat):
    now = timezone.now()
    for age, (username, status, name, native, country, tier, kind) in enumerate(APPLICATIONS, start=2):
        applicant = demo_user(username, role=None, first_name=name.split()[0], last_name="Applicant")
        office = offices.get(country)
        application, created = Application.objects.get_or_create(
            applicant=applicant,
            name=name,
            defaults={
                "kind": kind,
                "tier": tier,
                "native_name": native,
                "country": country,
                "industry": "security_services",
                "unit_type": "enterprise" if kind == U else "",
                "registration_number": f"APP-REG-{age}" if kind == U else "",
                "address": f"{age} Applicant Street",
                "email": applicant.email,
                "contact_name": applicant.get_full_name(),
                "contact_email": applicant.email,
                "declaration_accepted_at": now - datetime.timedelta(days=age * 3),
                "status": ApplicationStatus.DRAFT,
                "liaison_office": office,
                "no_liaison_office": office is None,
            },
        )
        if not created:
            continue
        if kind == U:
            ApplicationRepresentative.objects.create(
                application=application,
                role=RepresentativeRole.PRIMARY,
                name=f"{name.split()[0]} Representative",
                email=f"rep-{username}@applicants.example",
            )
        document = ApplicationDocument(
            application=application,
            kind=DocumentKind.LEGAL_PERSON_CERTIFICATE if kind == U else DocumentKind.IDENTITY_DOCUMENT,
            original_name="qualification.pdf" if kind == U else "passport.pdf",
            content_type="application/pdf",
            extension=".pdf",
            size=len(DEMO_PDF),
            uploaded_by=applicant,
        )
        document.file.save("demo.pdf", ContentFile(DEMO_PDF), save=False)
        document.save()
        if status == ApplicationStatus.DRAFT:
            continue
        reviewer_for = {ReviewStage.PRELIMINARY: (office.officers.first() if office else secretariat)}
        reviewer_for[ReviewStage.FINAL] = secretariat
        ApplicationStatusChange.objects.create(
            application=application, from_status="draft", to_status="submitted", changed_by=applicant
        )
        for from_status, to_status, stage, decision in PATHS[status]:
            by = (
                applicant
                if to_status == "withdrawn"
                else (reviewer_for[stage] if stage else reviewer_for[ReviewStage.PRELIMINARY])
            )
            comment = {
                Decision.RETURN: "Please upload a legible copy of the business licence.",
                Decision.REJECT: "The applicant does not meet the influence requirement (001 §I.2).",
            }.get(decision, "")
            if stage:
                ApplicationDecision.objects.create(
                    application=application,
                    stage=stage,
                    round=1,
                    decision=decision,
                    comment=comment,
                    decided_by=by,
                )
            ApplicationStatusChange.objects.create(
                application=application,
                from_status=from_status,
                to_status=to_status,
                comment=comment,
                changed_by=by,
            )
        application.status = status
        application.round = 1
        application.returned_stage = ReviewStage.PRELIMINARY if status == ApplicationStatus.RETURNED else ""
        application.submitted_at = now - datetime.timedelta(days=age * 2)
        application.status_changed_at = now - datetime.timedelta(days=age)
        application.save()


@loader(order=10)
@transaction.atomic
def load_members():
    secretariat = demo_user("secretariat", role=Role.SECRETARIAT)
    offices = _offices()
    _members(secretariat)
    _applications(offices, secretariat)
