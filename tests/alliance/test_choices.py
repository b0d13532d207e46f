"""Choice labels from a dictionary per field and language (alliance.choices, issue 15)."""

from django.utils import translation

from members.models import Member, MemberStatus, Tier


def test_a_label_answers_in_the_active_language_each_time():
    member = Member(status=MemberStatus.ACTIVE, tier=Tier.GROUP_MEMBER)
    for language in ("en", "zh-hans", "zh-hant", "en"):
        with translation.override(language):
            assert member.get_status_display() == str(MemberStatus.ACTIVE.label)
            assert member.get_tier_display() == str(Tier.GROUP_MEMBER.label)
    with translation.override("en"):
        english = member.get_status_display()
    with translation.override("zh-hans"):
        assert member.get_status_display() != english


def test_a_value_that_is_no_choice_is_shown_as_itself():
    assert Member(status="unheard-of").get_status_display() == "unheard-of"


def test_changed_languages_or_catalogues_translate_the_labels_again(settings):
    member = Member(status=MemberStatus.ACTIVE)
    with translation.override("zh-hans"):
        chinese = member.get_status_display()
    settings.LOCALE_PATHS = []  # without the project's catalogue "Active" is not 正常
    with translation.override("zh-hans"):
        assert member.get_status_display() != chinese
