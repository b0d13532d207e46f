"""What an outgoing email is about, as a link on the outbox page (alliance.outbox_views).

Each app connects an ``EmailSubject`` for its models to the ``alliance.email_subjects``
extension point in its ``AppConfig.ready()``.
"""

from dataclasses import dataclass

from alliance.extensions import extension_point


@dataclass(frozen=True)
class EmailSubject:
    # "app_label.model" of the object the email is about.
    model: str
    # The URL name of the view that shows one such object by its pk.
    view: str
    # Who besides the secretariat may open that view (role names): the link is shown only to them.
    readers: tuple[str, ...] = ()


email_subjects = extension_point(
    "alliance.email_subjects",
    doc="EmailSubject(model, view, readers): the page the outbox links an email's subject to",
)


def subject_for(model: str) -> EmailSubject | None:
    return next((s for s in email_subjects.implementations() if s.model == model), None)
