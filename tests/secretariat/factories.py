import datetime
from decimal import Decimal

import factory

from alliance.roles import Role
from secretariat.models import Activity, ApprovalRole, Department, Document, StaffProfile
from tests.factories import UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"Department {n}")


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, roles=[Role.SECRETARIAT], is_staff=True)
    department = factory.SubFactory(DepartmentFactory)
    title = "Officer"
    approval_role = ApprovalRole.NONE


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = "notice"
    title = factory.Sequence(lambda n: f"Notice about topic {n}")
    body = "The secretariat informs members of the following arrangements."
    audience = "public"
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(UserFactory, roles=[Role.SECRETARIAT], is_staff=True)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    theme = factory.Sequence(lambda n: f"Workshop {n}")
    starts_on = datetime.date(2026, 5, 10)
    ends_on = factory.LazyAttribute(lambda a: a.starts_on)
    place = "Kunming"
    content = "Exchanges between member units."
    budget = Decimal("1000.00")
    created_by = factory.SubFactory(UserFactory, roles=[Role.SECRETARIAT], is_staff=True)
