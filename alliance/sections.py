"""Sections of a composed page: the staff dashboard (composed in secretariat/dashboard.py,
the top layer, which imports every app's) and the member file (members', with the other
apps' parts through the ``members.member_file_sections`` extension point)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    # Receives the request and the page's keyword arguments (e.g. member=...);
    # returns the template context. Must keep its query count constant.
    context: Callable[..., dict]
    # Receives the user; the section is shown only when it returns True.
    visible: Callable[..., bool] = field(default=lambda user: True)
    # Place on the member file, whose sections come from several apps.
    order: int = 100


def render_sections(request, sections, **kwargs) -> list[dict]:
    """Return the sections the user may see, in the given order, each with its context computed."""
    return [
        {"section": s, "template": s.template, "title": s.title, **s.context(request, **kwargs)}
        for s in sections
        if s.visible(request.user)
    ]
