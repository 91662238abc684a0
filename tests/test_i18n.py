"""The Vietnamese catalogue is complete, compiled and current with the source strings."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
SOURCES = ["manage.py", "phuly_members", "recruitment", "templates", "locale"]


def test_every_string_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue.translated_entries():
        if entry.msgctxt:
            compiled_text = compiled.pgettext(entry.msgctxt, entry.msgid)
        else:
            compiled_text = compiled.gettext(entry.msgid)
        if not entry.msgid_plural and compiled_text != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` to recompile locale/vi"


def test_catalogue_holds_every_source_string(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("gettext is not installed: .ci/run must install it")
        pytest.skip("gettext is not installed")
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "vi", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "phuly_members.settings"},
    )
    current = {entry.msgid for entry in polib.pofile(str(LOCALE / "django.po"))}
    extracted = polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    missing = sorted(entry.msgid for entry in extracted if entry.msgid not in current)
    assert missing == [], "run `make messages` and translate the new strings"


def test_model_labels_are_vietnamese(db):
    from recruitment.models import Member

    with translation.override("vi"):
        assert str(Member._meta.get_field("citizen_id").verbose_name) == "Số CCCD"
        assert str(Member.Status.PROBATIONARY.label) == "Dự bị"


def test_translation_functions_keep_names_makemessages_knows():
    """makemessages finds _(), gettext(), gettext_lazy(), ...: a string marked through any
    other alias (``gettext_lazy as _l``) would silently stay out of the catalogue."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    alias = re.compile(r"import (?:n?gettext(?:_lazy)?|pgettext(?:_lazy)?) as (?!_\b)(\w+)")
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for folder in ("recruitment", "phuly_members")
        for path in (root / folder).rglob("*.py")
        for match in alias.finditer(path.read_text())
    ]
    assert offenders == []
