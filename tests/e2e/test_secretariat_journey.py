"""A document's whole life in a real browser: drafted, reviewed, approved, issued, published on the
public notice page, circulated, and a reader's confirmation recorded as a read receipt."""

import pytest

from alliance.roles import Role
from secretariat.models import ApprovalRole, Document, DocumentRecipient
from tests.factories import UserFactory
from tests.members.factories import RepresentativeFactory
from tests.secretariat.factories import DepartmentFactory, StaffProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    department = DepartmentFactory(code="public-relations", name="Public Relations")
    clerk = UserFactory(username="clerk", roles=[Role.SECRETARIAT], is_staff=True)
    head = UserFactory(username="pr-head", roles=[Role.SECRETARIAT], is_staff=True)
    deputy = UserFactory(username="deputy-sg", roles=[Role.SECRETARIAT], is_staff=True)
    department.head = head
    department.save()
    StaffProfileFactory(user=clerk, department=department)
    StaffProfileFactory(user=head, department=department, title="Head")
    StaffProfileFactory(user=deputy, department=None, approval_role=ApprovalRole.DEPUTY_SECRETARY_GENERAL)
    reader = RepresentativeFactory(member__number="M-7001")
    return {"department": department, "clerk": clerk, "head": head, "deputy": deputy, "reader": reader}


def sign_in_as(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_a_document_from_draft_to_public_page_and_read_receipt(page, login, live_server, people):
    url = live_server.url
    # The clerk drafts an announcement and sends it for review.
    sign_in_as(page, login, people["clerk"])
    page.goto(f"{url}/documents/new/")
    page.select_option("select[name=kind]", "announcement")
    page.fill("input[name=title]", "New liaison office in Hanoi")
    page.fill("textarea[name=body]", "The alliance opens a liaison office in Hanoi on 1 March.")
    page.select_option("select[name=audience]", "public")
    page.select_option("select[name=department]", str(people["department"].pk))
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Send for review").click()
    assert "Waiting for the department head" in page.locator("#document-status").inner_text()
    document = Document.objects.get(title="New liaison office in Hanoi")
    detail = f"{url}/documents/{document.pk}/"

    # The department head passes it; the author could not.
    sign_in_as(page, login, people["head"])
    page.goto(detail)
    page.get_by_role("button", name="Pass review").click()
    assert "Waiting for approval" in page.locator("#document-status").inner_text()

    # The Deputy Secretary-General approves it.
    sign_in_as(page, login, people["deputy"])
    page.goto(detail)
    page.get_by_role("button", name="Approve").click()
    assert "Approved" in page.locator("#document-status").inner_text()

    # The clerk issues it with its number, then circulates it to a member.
    sign_in_as(page, login, people["clerk"])
    page.goto(detail)
    page.get_by_role("button", name="Issue with a number").click()
    number = page.locator("#document-number").inner_text()
    document.refresh_from_db()
    assert number == document.number and number.startswith("ISA-")
    page.get_by_role("link", name="Circulate").click()
    page.fill("input[name=member_numbers]", "M-7001")
    page.locator("main").get_by_role("button", name="Circulate").click()
    assert "Read by 0 of 1" in page.locator("#recipients").inner_text()

    # The public sees it on the notice page, signed out.
    page.context.clear_cookies()
    page.goto(f"{url}/notices/")
    assert "New liaison office in Hanoi" in page.locator("main").inner_text()
    page.goto(f"{url}/")
    assert "New liaison office in Hanoi" in page.locator("main").inner_text()

    # The member's representative reads it and confirms.
    sign_in_as(page, login, people["reader"].user)
    page.goto(detail)
    page.get_by_role("button", name="I have read this document").click()
    assert "Read on" in page.locator("#read-receipt").inner_text()
    assert DocumentRecipient.objects.get(document=document).read_at is not None

    # The clerk sees the read receipt.
    sign_in_as(page, login, people["clerk"])
    page.goto(detail)
    assert "Read by 1 of 1" in page.locator("#recipients").inner_text()
