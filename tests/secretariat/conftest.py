"""Fixtures of the secretariat tests: a department with its head, the approvers, a drafting clerk."""

import pytest

from alliance.roles import Role
from secretariat import services
from secretariat.models import ApprovalRole
from tests.factories import UserFactory
from tests.secretariat.factories import DepartmentFactory, DocumentFactory, StaffProfileFactory


@pytest.fixture
def department(db):
    head = UserFactory(username="pr-head", roles=[Role.SECRETARIAT], is_staff=True)
    department = DepartmentFactory(code="public-relations", name="Public Relations")
    department.head = head
    department.save()
    StaffProfileFactory(user=head, department=department, title="Head")
    return department


@pytest.fixture
def head(department):
    return department.head


@pytest.fixture
def clerk(department):
    """A secretariat officer of the department: drafts documents."""
    user = UserFactory(username="clerk", roles=[Role.SECRETARIAT], is_staff=True)
    StaffProfileFactory(user=user, department=department)
    return user


@pytest.fixture
def deputy(department):
    """A Deputy Secretary-General: approves documents."""
    user = UserFactory(username="deputy-sg", roles=[Role.SECRETARIAT], is_staff=True)
    StaffProfileFactory(user=user, department=None, approval_role=ApprovalRole.DEPUTY_SECRETARY_GENERAL)
    return user


@pytest.fixture
def make_document(department, clerk, head, deputy):
    """make_document(stage, **fields) returns a document by the clerk moved to ``stage`` by the services."""

    def make(stage="draft", **fields):
        fields.setdefault("department", department)
        fields.setdefault("author", clerk)
        document = DocumentFactory(**fields)
        author = document.author
        steps = {
            "in_review": lambda d: services.document_submit(document=d, by=author),
            "reviewed": lambda d: services.document_review(document=d, by=head),
            "approved": lambda d: services.document_approve(document=d, by=deputy),
            "issued": lambda d: services.document_issue(document=d, by=clerk),
            "archived": lambda d: services.document_archive(document=d, by=clerk),
        }
        for name, step in steps.items():
            if stage == "draft":
                break
            document = step(document)
            if name == stage:
                break
        return document

    return make
