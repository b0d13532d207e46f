"""The one status mechanism: a model's status moves along its app's table, each move recorded.

In the style of django-oscar's ``Order.set_status`` / ``available_statuses`` with
``OrderStatusChange``, and healthchecks' ``Check.create_flip`` / ``Flip``:

- each app keeps its table of allowed moves in its ``rules.py``, as a ``Moves`` (the table, the
  app's ``DomainError`` subclass and the message that refuses a move);
- a model with a status mixes in ``StatusMixin`` and names that ``Moves`` by dotted path, because an
  app's rules import its models (for the status choices), not the other way round;
- its history model subclasses ``StatusChange`` (one schema: from, to, comment, changed_by,
  changed_at) with ``related_name="status_changes"`` on the key to the model.

A service then writes ``document.move(DocumentStatus.ISSUED, by=user, number=number)``, and a
template asks ``"issued" in document.available_moves``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from alliance.errors import DomainError
from alliance.history import save_by


@dataclass(frozen=True)
class Moves:
    """An app's state machine: allowed moves per status, and how a refused move is told.

    ``refused`` is a message with ``%(from)s`` and ``%(to)s`` (the statuses' labels), raised as
    ``error``. ``who``, if given, is a pure ``who(user, obj, to_status) -> bool`` that narrows
    ``available_moves(user)`` to what that user may do; ``move`` does not consult it (services
    check permissions, with the scoping they need).
    """

    table: Mapping[str, frozenset[str]]
    error: type[DomainError]
    refused: str
    who: Callable | None = None

    def allowed(self, from_status: str, to_status: str) -> bool:
        return to_status in self.table.get(from_status, frozenset())

    def refusal(self, from_status: str, to_status: str, labels: Mapping[str, str]) -> str:
        """Return why the move is refused, or '' if the table allows it."""
        if self.allowed(from_status, to_status):
            return ""
        names = {"from": labels.get(from_status, from_status), "to": labels.get(to_status, to_status)}
        return str(self.refused % names)


class StatusChange(models.Model):
    """One move of a status: from, to, why, who and when.

    A concrete history model adds the key to its model (``related_name="status_changes"``) and
    redeclares ``from_status`` / ``to_status`` with its status choices, and ``changed_by`` with
    ``null=True`` where moves are also made by the system.
    """

    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    comment = models.TextField(_("comment"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class StatusMixin:
    """A model whose ``status`` moves only through ``move``, along the table ``moves`` names.

    ``moves`` is the dotted path of the app's ``Moves`` in its ``rules.py``. A model that keeps the
    time of its last move in ``status_changed_at`` has it set by ``move``.
    """

    moves: str = ""

    @classmethod
    def status_moves(cls) -> Moves:
        resolved = cls.__dict__.get("_resolved_moves")
        if resolved is None:
            resolved = import_string(cls.moves)
            cls._resolved_moves = resolved
        return resolved

    def available_moves(self, user=None) -> frozenset[str]:
        """Return the statuses this object may move to now (for ``user``, if the table says who)."""
        machine = self.status_moves()
        moves = machine.table.get(self.status, frozenset())
        if user is not None and machine.who is not None:
            moves = frozenset(to for to in moves if machine.who(user, self, to))
        return moves

    def move_refusal(self, to_status: str) -> str:
        """Return why a move to ``to_status`` is refused now, or ''."""
        labels = dict(self._meta.get_field("status").flatchoices)
        return self.status_moves().refusal(self.status, to_status, labels)

    def move(self, to_status: str, *, by, comment: str = "", details=None, **changes) -> StatusChange:
        """Move to ``to_status`` with the other ``changes`` of that step, and save, recording who
        and when in the history row (returned) and in django-simple-history, if the model has it.
        ``details`` are further fields of the history row.

        An illegal move raises the app's error and changes nothing. Call it inside the service's
        transaction, on a row locked with ``select_for_update``.
        """
        refusal = self.move_refusal(to_status)
        if refusal:
            raise self.status_moves().error(refusal)
        change = self.status_changes.create(
            from_status=self.status,
            to_status=to_status,
            comment=comment.strip(),
            changed_by=by,
            **(details or {}),
        )
        self.status = to_status
        if hasattr(self, "status_changed_at"):
            self.status_changed_at = change.changed_at
        for name, value in changes.items():
            setattr(self, name, value)
        save_by(self, by)
        return change

    @cached_property
    def status_history(self):
        """The moves so far, oldest first, with who made them (for ``partials/history.html``)."""
        return list(self.status_changes.select_related("changed_by").order_by("changed_at", "id"))


__all__ = ["Moves", "StatusChange", "StatusMixin"]
