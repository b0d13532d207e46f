"""Registries that higher apps fill in at start-up, so lower ones never import them.

DESIGN.md, Architecture: ``members`` shows the dues history on a member file
without importing ``dues``; the staff dashboard shows sections of every app.
A higher app registers a section in its ``AppConfig.ready()``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    # Receives the request and the registry's keyword arguments (e.g. member=...);
    # returns the template context. Must keep its query count constant.
    context: Callable[..., dict]
    # Receives the user; the section is shown only when it returns True.
    visible: Callable[..., bool] = field(default=lambda user: True)
    order: int = 100


class SectionRegistry:
    def __init__(self):
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> None:
        """Add a section, replacing one with the same key (``ready()`` may run twice)."""
        self._sections[section.key] = section

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda s: (s.order, s.key))

    def render_for(self, request, **kwargs) -> list[dict]:
        """Return the sections the user may see, each with its context computed."""
        return [
            {"section": s, "template": s.template, "title": s.title, **s.context(request, **kwargs)}
            for s in self.sections()
            if s.visible(request.user)
        ]


# Sections of the staff dashboard (the home page of signed-in staff).
dashboard = SectionRegistry()
# Sections of a member file (members.views.member_file renders them).
member_file = SectionRegistry()


# What an outgoing email is about, as a link on the outbox page: "app_label.model" ->
# the name of the view that shows one such object by its pk. Apps register theirs.
email_subject_views: dict[str, str] = {}
# Who besides the secretariat may open that view (role names): the link is shown only to them.
email_subject_readers: dict[str, tuple[str, ...]] = {}
