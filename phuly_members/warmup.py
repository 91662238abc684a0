"""What a server process would otherwise do on its first requests, done once at start-up.

Django imports the URLconf (every view, the admin and what it imports: the import-export
formats, openpyxl), reads the translation catalogues and compiles each template only when a
request first needs them: close to a second of processor time per process, paid by the
first users after each start, five times over with five workers. Under gunicorn's
``--preload`` (docs/deploy.md) the application is loaded once in the master before the
workers are forked; doing this work there too means the workers start with it done and share
its memory. Nothing here touches the database: a connection opened before the fork would be
shared by every worker.
"""

from __future__ import annotations

import gc
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation


def template_names() -> list[str]:
    """The project's own templates (``templates/``), by the names views load them by."""
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        root = Path(folder)
        names.extend(path.relative_to(root).as_posix() for path in sorted(root.rglob("*.html")))
    return names


def warm_up() -> None:
    # The URLconf and everything it imports; the resolver's lookup tables (for reverse).
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URLconf
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018 - built per language
    # Each template compiled into the cached loader (the pages, the forms' fields, e-mails).
    for name in template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # A fragment meant for another engine, or one only another template includes
            # with its own context: compiled when first used, as before.
            continue
    connections.close_all()
    # Made once, kept for the life of the process: out of the collector's rounds, and in
    # a forked worker shared with the master untouched.
    gc.freeze()
