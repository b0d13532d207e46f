"""Who made a change: the one place a service names the acting person to django-simple-history.

simple_history takes the user of a history row from the current request (its middleware), so only
inside a request. Services are also run by Celery workers, management commands and tests, where
there is no request; so every service takes the acting person as ``by`` and saves through
``save_by``, which hands it to simple_history as ``_history_user``, the attribute
``HistoricalRecords.get_history_user`` reads before it looks for a request. Its ``get_user`` hook is
no help here: it is called only when ``_history_user`` is not set, with the instance and the
request, never with the service's ``by``.
"""


def save_by(instance, by, **save_kwargs) -> None:
    """Save ``instance`` (``save_kwargs`` as to ``Model.save``), its history row recording ``by``."""
    instance._history_user = by
    instance.save(**save_kwargs)


__all__ = ["save_by"]
