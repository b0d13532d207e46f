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
    MemberKind,
    MemberStatus,
    MemberStatusChange,
    Representative,
    RepresentativeRole,
    ReviewStage,
    Tier,
)
from members.rules import region_of

DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

OFFICES = [
    ("Bangkok Liaison Office", ["TH", "LA", "KH"], "liaison"),
    ("Hanoi Liaison Office", ["VN"], "liaison-vn"),
    ("Kuala Lumpur Liaison Office", ["MY"], "liaison-my"),
    ("Jakarta Liaison Office", ["ID"], "liaison-id"),
    ("New Delhi Liaison Office", ["IN"], "liaison-in"),
    ("Kathmandu–Dhaka Liaison Office", ["NP", "BD"], "liaison-np"),
    ("Kunming Liaison Office", ["CN"], "liaison-cn"),
]

U, P = MemberKind.UNIT, MemberKind.INDIVIDUAL
CH, VC, GR, IND = Tier.CHAIRMAN_UNIT, Tier.VICE_CHAIRMAN_UNIT, Tier.GROUP_MEMBER, Tier.INDIVIDUAL_MEMBER
A, S, W, X = MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED

# (kind, tier, name, native name, country, industry, status, representative)
MEMBERS = [
    (
        U,
        CH,
        "Dianchi Shield Security Group Co., Ltd.",
        "滇池盾安保集团有限公司",
        "CN",
        "security_services",
        A,
        "Zhao Minghui",
    ),
    (
        U,
        VC,
        "Chao Phraya Guard Services Co., Ltd.",
        "บริษัท เจ้าพระยา การ์ด เซอร์วิส จำกัด",
        "TH",
        "security_services",
        A,
        "Nadia Rahman",
    ),
    (
        U,
        VC,
        "Red River Secure Technology JSC",
        "Công ty Cổ phần Công nghệ An ninh Sông Hồng",
        "VN",
        "technology",
        A,
        "Tran Van Khoa",
    ),
    (
        U,
        VC,
        "Cloud Ridge Cyber Defence Co., Ltd.",
        "云岭网络防御有限公司",
        "CN",
        "cybersecurity",
        A,
        "Li Wenjing",
    ),
    (
        U,
        GR,
        "Mekong Escort Logistics Co., Ltd.",
        "บริษัท แม่โขง เอสคอร์ต โลจิสติกส์ จำกัด",
        "TH",
        "logistics",
        A,
        "Somsak Wongchai",
    ),
    (
        U,
        GR,
        "Lanna Risk Advisory Co., Ltd.",
        "บริษัท ล้านนา ริสก์ แอดไวซอรี่ จำกัด",
        "TH",
        "consulting",
        A,
        "Pimchanok Srisuk",
    ),
    (U, GR, "Vientiane Safe Transit Co., Ltd.", "", "LA", "logistics", A, "Khamla Phommachanh"),
    (U, GR, "Angkor Protective Services Co., Ltd.", "", "KH", "security_services", S, "Sokha Chan"),
    (
        U,
        GR,
        "Saigon Watch Training Centre",
        "Trung tâm Đào tạo Bảo vệ Sài Gòn",
        "VN",
        "training",
        A,
        "Nguyen Thi Hoa",
    ),
    (
        U,
        GR,
        "Ha Long Maritime Security Co., Ltd.",
        "Công ty TNHH An ninh Hàng hải Hạ Long",
        "VN",
        "security_services",
        A,
        "Pham Quoc Bao",
    ),
    (U, GR, "Straits Sentinel Sdn. Bhd.", "", "MY", "security_services", A, "Aziz Hamdan"),
    (U, GR, "Penang Digital Guard Sdn. Bhd.", "", "MY", "cybersecurity", W, "Lim Wei Ling"),
    (U, GR, "Nusantara Patrol Services PT", "", "ID", "security_services", A, "Budi Santoso"),
    (U, GR, "Java Risk Intelligence PT", "", "ID", "consulting", A, "Dewi Lestari"),
    (U, GR, "Deccan Secure Systems Pvt. Ltd.", "", "IN", "technology", A, "Arjun Mehta"),
    (U, GR, "Ganges Protective Force Pvt. Ltd.", "", "IN", "security_services", X, "Ravi Iyer"),
    (U, GR, "Himalayan Guard Nepal Pvt. Ltd.", "", "NP", "security_services", A, "Bikash Thapa"),
    (U, GR, "Bengal Safe Cargo Ltd.", "", "BD", "logistics", A, "Farhana Akter"),
    (U, GR, "Erhai Security Training Institute", "洱海安全培训学院", "CN", "training", A, "Wang Lixin"),
    (
        U,
        GR,
        "Spring City Alarm Technology Co., Ltd.",
        "春城报警技术有限公司",
        "CN",
        "technology",
        S,
        "Chen Yutong",
    ),
    (U, GR, "Yangon Secure Services Co., Ltd.", "", "MM", "security_services", A, "Aung Kyaw"),
    (U, GR, "Lion City Risk Partners Pte. Ltd.", "", "SG", "consulting", A, "Tan Mei Xin"),
    (U, GR, "Colombo Coastal Guard (Pvt) Ltd.", "", "LK", "security_services", A, "Nuwan Perera"),
    (U, GR, "Manila Bay Security Corp.", "", "PH", "security_services", W, "Jose Ramos"),
    (
        U,
        GR,
        "Khorat Cyber Lab Co., Ltd.",
        "บริษัท โคราช ไซเบอร์ แล็บ จำกัด",
        "TH",
        "cybersecurity",
        A,
        "Kittipong Chaiyo",
    ),
    (P, IND, "Prasert Kanjana", "ประเสริฐ กาญจนา", "TH", "consulting", A, ""),
    (P, IND, "Le Minh Chau", "Lê Minh Châu", "VN", "training", A, ""),
    (P, IND, "Zhou Yanping", "周燕平", "CN", "consulting", A, ""),
    (P, IND, "Meera Nair", "", "IN", "training", A, ""),
    (P, IND, "Rizal Hakim", "", "ID", "consulting", S, ""),
    (P, IND, "Dorji Sherpa", "", "NP", "logistics", A, ""),
    (P, IND, "Vu Thanh Tam", "Vũ Thanh Tâm", "VN", "cybersecurity", A, ""),
    (P, IND, "Huang Zixuan", "黄子轩", "CN", "technology", W, ""),
    (P, IND, "Siriporn Boonma", "ศิริพร บุญมา", "TH", "training", A, ""),
]


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
        reason=reasons[status],
        resolution_reference="GA-2025-07" if status == X else "",
        changed_by=by,
    )
    member.status = status
    member.save(update_fields=["status"])
    if status in (W, X):
        Certificate.objects.filter(member=member).update(
            revoked_at=timezone.now(), revoked_reason=reasons[status]
        )


# (username, status, name, native, country, tier, kind)
APPLICATIONS = [
    (
        "applicant-draft",
        ApplicationStatus.DRAFT,
        "Isan Alarm Services Co., Ltd.",
        "บริษัท อีสาน อลาร์ม เซอร์วิส จำกัด",
        "TH",
        GR,
        U,
    ),
    (
        "applicant-th",
        ApplicationStatus.SUBMITTED,
        "Andaman Secure Marine Co., Ltd.",
        "บริษัท อันดามัน ซีเคียว มารีน จำกัด",
        "TH",
        GR,
        U,
    ),
    ("applicant-kh", ApplicationStatus.PRELIMINARY_REVIEW, "Tonle Sap Guarding Co., Ltd.", "", "KH", GR, U),
    (
        "applicant-vn",
        ApplicationStatus.PRELIMINARILY_APPROVED,
        "Hue Heritage Security JSC",
        "Công ty Cổ phần Bảo vệ Di sản Huế",
        "VN",
        VC,
        U,
    ),
    (
        "applicant-cn",
        ApplicationStatus.FINAL_REVIEW,
        "Lijiang Smart Patrol Co., Ltd.",
        "丽江智能巡逻有限公司",
        "CN",
        GR,
        U,
    ),
    ("applicant-my", ApplicationStatus.RETURNED, "Borneo Guard Services Sdn. Bhd.", "", "MY", GR, U),
    ("applicant-in", ApplicationStatus.REJECTED, "Coromandel Risk Desk", "", "IN", IND, P),
    ("applicant-id", ApplicationStatus.WITHDRAWN, "Sumatra Safe Route PT", "", "ID", GR, U),
    ("applicant-ph", ApplicationStatus.SUBMITTED, "Visayas Protective Agency Inc.", "", "PH", GR, U),
]

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
