"""The Chinese catalogues are complete, compiled, and keep every placeholder.

`test_makemessages_adds_nothing_to_translate` re-extracts the messages into a
temporary copy of the project, as a translator would run it:

    manage.py makemessages -l zh_Hans -l zh_Hant --ignore=.venv --no-obsolete

and fails when that would leave an untranslated or fuzzy entry in either
language. A new `gettext` / `{% translate %}` string therefore fails CI until
its translation (docs/glossary.md gives the alliance's terms) is in both
catalogues and compiled.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh_Hans", "zh_Hant")
# What the copy leaves out: the virtualenv, git, run-time files and collected static files.
NOT_SOURCES = shutil.ignore_patterns(
    ".venv", ".git", "var", "staticfiles", "node_modules", "__pycache__", "*.pyc"
)
# %(name)s, %(count)d, %s (but not %%) and {name}: what the code fills in at run time.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdrfi]|(?<!%)%[sdrfi]|\{[A-Za-z_]\w*\}")


def catalogue(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def label(entry) -> str:
    return f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid


def need_gettext():
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    message = "GNU gettext (xgettext, msgmerge) is missing: run bin/system-deps (apt-get install gettext)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def to_translate(po: polib.POFile) -> list[str]:
    return [
        ("fuzzy: " if "fuzzy" in entry.flags else "untranslated: ") + label(entry)
        for entry in po
        if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


def test_makemessages_adds_nothing_to_translate(tmp_path):
    need_gettext()
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES)
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=[".venv"],
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(cwd)
    missing = {language: to_translate(polib.pofile(str(catalogue(copy, language)))) for language in LANGUAGES}
    assert missing == {language: [] for language in LANGUAGES}, (
        "Re-extracting the messages leaves entries to translate: run makemessages (see this file's "
        "docstring), translate them in both catalogues and compilemessages."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_message(language):
    wrong = []
    for entry in polib.pofile(str(catalogue(ROOT, language))):
        if entry.obsolete or not entry.translated():
            continue
        if entry.msgid_plural:
            # One plural form in Chinese: it stands for the singular too, so it has the plural's placeholders.
            wanted = sorted(set(PLACEHOLDER.findall(entry.msgid_plural)))
            translations = list(entry.msgstr_plural.values())
            found = [sorted(set(PLACEHOLDER.findall(text))) for text in translations]
        else:
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            found = [sorted(PLACEHOLDER.findall(entry.msgstr))]
        wrong += [f"{label(entry)}: {have} instead of {wanted}" for have in found if have != wanted]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po_path = catalogue(ROOT, language)
    compiled = {
        (entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    stale = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or not entry.translated() or "fuzzy" in entry.flags:
            continue
        mo = compiled.get((entry.msgctxt, entry.msgid))
        po_text = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        mo_text = (
            None if mo is None else (list(mo.msgstr_plural.values()) if mo.msgid_plural else [mo.msgstr])
        )
        if mo_text != po_text:
            stale.append(label(entry))
    assert stale == [], (
        "The .mo file is older than the .po file: run manage.py compilemessages --ignore=.venv"
    )
