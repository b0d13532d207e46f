"""What the per-recipient language tests share: who speaks what, and what each was sent."""

import re

from alliance.models import OutgoingEmail
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory

HAN = re.compile(r"[\u4e00-\u9fff]")


def bilingual_member(**fields):
    """A member whose primary representative reads Traditional Chinese and whose deputy reads English."""
    member = MemberFactory(**fields)
    RepresentativeFactory(member=member, role="primary", user=UserFactory(language="zh-hant"))
    RepresentativeFactory(member=member, role="deputy", user=UserFactory(language="en"))
    return member


def languages_sent(kind: str, mailoutbox) -> dict[str, str]:
    """Return {address: language} of the queued mail of ``kind``, checking each delivered
    message reads in its language (Chinese characters in the subject, or none)."""
    sent = {}
    for row in OutgoingEmail.objects.filter(kind=kind).select_related("email"):
        for address in row.email.to.split(", ") if isinstance(row.email.to, str) else row.email.to:
            sent[address] = row.language
    for message in mailoutbox:
        language = sent.get(message.to[0])
        if language is not None:
            assert bool(HAN.search(message.subject)) == language.startswith("zh"), (language, message.subject)
    return sent


def expected(member) -> dict[str, str]:
    return {r.email: r.user.profile.language for r in member.representatives.select_related("user__profile")}
