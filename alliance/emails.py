"""The one email path: every message is queued in the outbox and rendered by the worker.

An app calls :func:`queue` (or :func:`queue_messages` for many at once) inside the
transaction that causes the email. That writes a django-post-office ``Email`` row
and its :class:`~alliance.models.OutgoingEmail` companion, nothing more: a rolled
back change leaves no email, a committed one always has its email, whatever the
broker or the mail server do next. After commit a Celery task is asked to deliver
(alliance.outbox); when the broker is down the beat sweep delivers instead.

Rendering waits for the worker so that a bulk send (circulation, notices,
reminders) costs the request one row per message, and so each message renders in
its recipient's language (alliance.languages): a recipient may be an account, an
``(address, language)`` pair, or an address, whose language is that of the account
holding it; one message is made per language group, never in the sender's language.
The context is stored as JSON with model instances kept as references, reloaded (in
bulk) when the message is rendered.

Each message is a subject, a plain-text and an HTML template
(``<template>_subject.txt``, ``<template>.txt``, ``<template>.html``) extending
``emails/base.txt`` / ``emails/base.html``, which carry the sign-off. Subjects and
plain-text parts are rendered by the ``text`` template engine, which does not
HTML-escape; HTML parts by the default engine, which does.
"""

import datetime
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from email.utils import make_msgid

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from alliance import db, languages
from alliance.models import EmailKind, OutgoingEmail

logger = logging.getLogger(__name__)

PRIORITIES = {"low": 0, "medium": 1, "high": 2}


def absolute_url(viewname: str, *args, **kwargs) -> str:
    """Return the absolute address of a view (links in emails: the URLconf and SITE_URL)."""
    return settings.SITE_URL + reverse(viewname, args=args or None, kwargs=kwargs or None)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(template: str, context: dict, *, language: str | None = None) -> Rendered:
    """Render ``template``'s subject, text and HTML parts in ``language``."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        text_engine = engines["text"]
        subject = text_engine.get_template(f"{template}_subject.txt").render(context)
        return Rendered(
            subject=" ".join(subject.split()),
            text=text_engine.get_template(f"{template}.txt").render(context),
            html=engines["django"].get_template(f"{template}.html").render(context),
        )


# Attachments the worker builds when it renders (a receipt PDF, a meeting's .ics):
# name -> fn(**arguments) -> (file name, content bytes, mimetype). Apps register theirs
# in AppConfig.ready(), so this layer never imports them.
attachment_builders: dict[str, Callable[..., tuple[str, bytes, str]]] = {}


def attachment_builder(name: str):
    def register(fn):
        attachment_builders[name] = fn
        return fn

    return register


@dataclass(frozen=True)
class Ref:
    """A model instance known by its id alone, for a context or ``about`` built in bulk.

    A bulk job (the reminder run over 100,000 invoices) reads ids and values, not
    instances: it stores the same reference an instance would, without loading one.
    """

    model: type[models.Model]
    pk: int


def _model_of(obj) -> type[models.Model]:
    return obj.model if isinstance(obj, Ref) else type(obj)


@dataclass
class Message:
    template: str
    to: list[str]
    kind: str
    context: dict = field(default_factory=dict)
    about: models.Model | Ref | None = None
    member_id: int | None = None
    language: str = ""
    attachments: list[tuple[str, dict]] = field(default_factory=list)
    priority: str = "medium"


def messages_for(
    template: str,
    recipients: Iterable,
    *,
    kind: str,
    about: models.Model | Ref | None = None,
    member: models.Model | Ref | None = None,
    language: str | None = None,
    attachments: Iterable[tuple[str, dict]] = (),
    priority: str = "medium",
    **context,
) -> list[Message]:
    """Return the messages to queue: one per language of the recipients.

    Each recipient is written to in their own language: an account's preferred
    language, a pair's language, or, for a bare address, the preferred language of
    the account holding it (one query for all of them); ``language`` only stands in
    for an address no account holds (e.g. the applicant's language for a contact).
    ``about`` is the object the message concerns (linked from the outbox page);
    ``member`` the member it concerns (its file lists the message).
    """
    pairs = []
    for recipient in recipients:
        if isinstance(recipient, str):
            pairs.append((recipient, None))
        elif isinstance(recipient, models.Model):
            pairs.append((recipient.email, languages.language_of(recipient)))
        else:
            pairs.append(tuple(recipient))
    unknown = [address for address, own in pairs if address and not own]
    held = languages.languages_by_address(unknown) if unknown else {}
    by_language: dict[str, list[str]] = defaultdict(list)
    for address, own in pairs:
        if not address:
            continue
        key = own or held.get(address.strip().lower()) or language or settings.LANGUAGE_CODE
        if address not in by_language[key]:
            by_language[key].append(address)
    member_id = member.pk if member is not None else None
    if member is not None:
        # The member concerned is also the templates' ``member``.
        context.setdefault("member", member)
    if member_id is None and about is not None and _model_of(about)._meta.label_lower == "members.member":
        member_id = about.pk
    return [
        Message(
            template=template,
            to=addresses,
            kind=kind,
            context=context,
            about=about,
            member_id=member_id,
            language=lang,
            attachments=list(attachments),
            priority=priority,
        )
        for lang, addresses in by_language.items()
        if addresses
    ]


def queue(template: str, recipients: Iterable, **kwargs) -> list[OutgoingEmail]:
    """Queue an email to ``recipients`` in the current transaction; see :func:`messages_for`."""
    email_ids = _insert(messages_for(template, recipients, **kwargs))
    transaction.on_commit(request_delivery)
    return list(OutgoingEmail.objects.filter(email_id__in=email_ids).select_related("email").order_by("pk"))


def queue_messages(messages: Iterable[Message]) -> int:
    """Write the messages to the outbox in bulk and ask for delivery once the transaction commits."""
    count = len(_insert(messages))
    if count:
        transaction.on_commit(request_delivery)
    return count


KINDS = frozenset(EmailKind.values)
EMAIL_COLUMNS = ("to", "priority", "message_id")
OUTGOING_COLUMNS = (
    "email_id", "kind", "template", "language", "context", "deferred_attachments",
    "about_type_id", "about_id", "member_id", "priority",
)  # fmt: skip


def _insert(messages: Iterable[Message]) -> list[int]:
    """Insert the post_office rows and their companions in batches (alliance.db.insert_rows);
    return the post_office ids, in the order of ``messages``.

    What every message shares (sender, status, times) is given once; every other column
    takes its model default. Each message gets its Message-ID here, which also pairs
    the inserted rows with their ids.
    """
    from post_office.models import STATUS, Email
    from post_office.settings import get_message_id_fqdn

    messages = list(messages)
    if not messages:
        return []
    now = timezone.now()
    domain = str(get_message_id_fqdn())
    # A stable Message-ID: a retry after a lost acknowledgement is one message to the recipient.
    message_ids = [make_msgid(domain=domain) for _ in messages]
    returned = dict(
        db.insert_rows(
            Email,
            [
                (", ".join(m.to), PRIORITIES[m.priority], mid)
                for m, mid in zip(messages, message_ids, strict=True)
            ],
            columns=EMAIL_COLUMNS,
            same={
                "from_email": settings.DEFAULT_FROM_EMAIL,
                "status": STATUS.queued,
                "created": now,
                "last_updated": now,
            },
            returning=("message_id", "id"),
        )
    )
    email_ids = [returned[mid] for mid in message_ids]
    types: dict[type, int] = {}
    rows = []
    for message, email_id in zip(messages, email_ids, strict=True):
        about_type = about_id = None
        if message.about is not None:
            model = _model_of(message.about)
            if model not in types:
                types[model] = ContentType.objects.get_for_model(model).pk
            about_type, about_id = types[model], message.about.pk
        rows.append(
            (
                email_id,
                message.kind if message.kind in KINDS else EmailKind.OTHER,
                message.template,
                message.language,
                json.dumps(dump_context(message.context)),
                json.dumps([[name, dump_context(args)] for name, args in message.attachments]),
                about_type,
                about_id,
                message.member_id,
                PRIORITIES[message.priority],
            )
        )
    db.insert_rows(
        OutgoingEmail, rows, columns=OUTGOING_COLUMNS, same={"queued_at": now, "next_attempt_at": now}
    )
    return email_ids


def request_delivery() -> None:
    """Ask a worker to deliver now; harmless to fail: the beat sweep delivers what is left.

    The change is committed and its email is in the outbox: a broker outage must not
    turn the user's successful request into an error page (alliance.queue logs it).
    """
    from alliance.queue import _send
    from alliance.tasks import deliver_outbox

    _send(deliver_outbox, (), {})


# The context as JSON: model instances become references, reloaded when rendering.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def dump_context(value):
    kind = type(value)
    if kind in _PLAIN_TYPES:  # the common case first: most values are plain
        return value
    if isinstance(value, models.Model | Ref):
        return {"$model": _model_of(value)._meta.label_lower, "pk": value.pk}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(key): dump_context(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [dump_context(item) for item in value]
    if isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"An email context cannot hold {type(value).__name__}: pass a model, id or value.")


def _references(value, found: dict[str, set]) -> None:
    if isinstance(value, dict):
        if "$model" in value:
            found[value["$model"]].add(value["pk"])
        else:
            for item in value.values():
                _references(item, found)
    elif isinstance(value, list):
        for item in value:
            _references(item, found)


def load_objects(contexts: Iterable) -> dict[tuple[str, object], models.Model]:
    """Load every model referenced by ``contexts`` with one query per model."""
    found: dict[str, set] = defaultdict(set)
    for context in contexts:
        _references(context, found)
    loaded = {}
    for label, pks in found.items():
        for pk, obj in apps.get_model(label).objects.in_bulk(list(pks)).items():
            loaded[(label, pk)] = obj
    return loaded


def load_context(value, objects: dict):
    if isinstance(value, dict):
        if "$model" in value:
            try:
                return objects[(value["$model"], value["pk"])]
            except KeyError:
                raise LookupError(f"{value['$model']} {value['pk']} no longer exists.") from None
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$datetime" in value:
            return datetime.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return datetime.date.fromisoformat(value["$date"])
        return {key: load_context(item, objects) for key, item in value.items()}
    if isinstance(value, list):
        return [load_context(item, objects) for item in value]
    return value
