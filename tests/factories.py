"""factory_boy factories shared by every app's tests. Apps add theirs in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

TEST_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=["Treasurer"]) puts the user in those groups."""
        if create and extracted:
            for name in extracted:
                # get_or_create: transactional tests flush the groups the data migration made.
                self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()

    @factory.post_generation
    def language(self, create, extracted, **kwargs):
        """UserFactory(language="zh-hant") records the person's preferred language."""
        if create and extracted:
            from alliance.languages import language_set

            language_set(user=self, language=extracted)
