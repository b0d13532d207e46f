"""Rows the migrations seed (departments, bodies) and stored labels, in the reader's language.

Their names are the alliance's terms, so they are translated where every term is:
in the catalogues, reviewed against the glossary (locale/), rather than in
per-language columns. A row keeps its translation while it still bears the name it
was seeded with; one the secretariat renamed or added is shown as typed.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

# key (the row's stable code) -> (the English name the migration stored, its translation)
Seeds = dict[str, tuple[str, Promise]]


def seeded_name(seeds: Seeds, key: str, stored: str) -> str:
    """Return ``stored`` in the active language if it is the name ``key`` was seeded with."""
    english, translated = seeds.get(key, (None, None))
    return str(translated) if stored == english else stored


def stored_label(stored: str, labels: Iterable[Promise]) -> str:
    """Return the label ``stored`` as text in the active language, whichever language it was stored in.

    For a translated label copied into a row (an approver's capacity), written in the
    language of whoever acted; a text that is no known label is returned as it is.
    """
    labels = list(labels)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            match = next((label for label in labels if str(label) == stored), None)
        if match is not None:
            return str(match)
    return stored
