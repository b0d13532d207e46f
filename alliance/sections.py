"""Sections of a composed page: the staff dashboard (composed in secretariat/dashboard.py,
the top layer, which imports every app's) and the member file (members', with the other
apps' parts through the ``members.member_file_sections`` extension point)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from alliance.versions import history_versions


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
    # Models whose history versions the context caches its figures on: the page reads the
    # versions of all its sections in one query (``alliance.versions.history_versions``).
    versions: tuple = ()


def render_sections(request, sections, **kwargs) -> list[dict]:
    """Return the sections the user may see, in the given order, each with its context computed."""
    shown = [s for s in sections if s.visible(request.user)]
    versioned = [model for s in shown for model in s.versions]
    if versioned:
        history_versions(versioned, request)
    return [
        {"section": s, "template": s.template, "title": s.title, **s.context(request, **kwargs)}
        for s in shown
    ]
