import datetime

import factory

from members.models import (
    LiaisonOffice,
    Member,
    MemberKind,
    MemberStatus,
    Representative,
    RepresentativeRole,
    Tier,
)
from tests.factories import UserFactory


class LiaisonOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonOffice
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Liaison Office {n}")
    countries = ["TH"]

    @factory.post_generation
    def officers(self, create, extracted, **kwargs):
        if create and extracted:
            self.officers.add(*extracted)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    number = factory.Sequence(lambda n: f"M{n:06d}")
    kind = MemberKind.UNIT
    tier = Tier.GROUP_MEMBER
    name = factory.Sequence(lambda n: f"Example Security Co. {n}")
    native_name = ""
    country = "TH"
    joined_on = datetime.date(2025, 3, 1)
    status = MemberStatus.ACTIVE


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    member = factory.SubFactory(MemberFactory)
    user = factory.SubFactory(UserFactory, roles=["Member"])
    role = RepresentativeRole.PRIMARY
    name = factory.Faker("name")
    email = factory.LazyAttribute(lambda r: r.user.email if r.user else "rep@example.org")
    started_on = datetime.date(2025, 3, 1)
