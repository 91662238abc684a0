"""Uploaded rosters between the preview and the confirmation.

A file waits in ``RosterUploadStorage`` (also the admin import's temporary storage) under a
random name that only the session that uploaded it knows (``keep``). It is deleted after the
import or on cancel (``forget``), at log-out (``forget_all``, connected in ``apps``), or once
abandoned: older than ``ROSTER_UPLOAD_MAX_AGE`` seconds (``RosterUploadStorage.sweep``, run by
the import page, at every upload and by ``sweep_roster_uploads``).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid

from django.conf import settings
from django.utils.translation import gettext as _
from import_export.tmp_storages import BaseStorage

from ..models import Organisation
from .read import RosterFileError

#: Where a session lists its uploads: name -> {"file_name", "organisation" (its id)}.
SESSION_KEY = "roster_uploads"
_NAME = re.compile(r"^[0-9a-f]{32}$")


class RosterUploadStorage(BaseStorage):
    """Uploaded rosters kept on disk, under ``ROSTER_UPLOAD_DIR``, from the preview to the
    confirmation; deleted after the import, on cancel, or once older than
    ``ROSTER_UPLOAD_MAX_AGE`` seconds (an abandoned preview), swept at every upload."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.read_mode = "rb"
        self.encoding = None
        if self.name is not None and not _NAME.match(str(self.name)):
            raise ValueError("not an upload name")

    @staticmethod
    def directory() -> str:
        path = str(settings.ROSTER_UPLOAD_DIR)
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path

    @classmethod
    def sweep(cls) -> int:
        """Delete the uploads older than the limit; returns how many."""
        limit = time.time() - settings.ROSTER_UPLOAD_MAX_AGE
        removed = 0
        with os.scandir(cls.directory()) as entries:
            for entry in entries:
                if _NAME.match(entry.name) and entry.stat().st_mtime < limit:
                    try:
                        os.remove(entry.path)
                        removed += 1
                    except FileNotFoundError:
                        pass
        return removed

    def path(self) -> str:
        return os.path.join(self.directory(), self.name)

    def save(self, data: bytes) -> None:
        self.sweep()
        if not self.name:
            self.name = uuid.uuid4().hex
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data if isinstance(data, bytes) else data.encode())

    def read(self) -> bytes:
        try:
            with open(self.path(), "rb") as file:
                return file.read()
        except FileNotFoundError:
            raise RosterFileError(
                _(
                    "The uploaded file is no longer kept (the preview was too long ago); "
                    "upload it again."
                )
            ) from None

    def exists(self) -> bool:
        return os.path.exists(self.path())

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path())


def session_uploads(request) -> dict:
    """The session's uploads waiting for a confirmation, by name."""
    return request.session.setdefault(SESSION_KEY, {})


def keep(request, *, data: bytes, file_name: str, organisation: Organisation) -> str:
    """Store an upload for the session; returns its name."""
    storage = RosterUploadStorage()
    storage.save(data)
    session_uploads(request)[storage.name] = {
        "file_name": file_name,
        "organisation": organisation.pk,
    }
    request.session.modified = True
    return storage.name


def forget(request, name: str) -> None:
    """Delete an upload and take it off the session's list."""
    RosterUploadStorage(name=name).remove()
    session_uploads(request).pop(name, None)
    request.session.modified = True


def forget_all(sender, request=None, **kwargs) -> None:
    """At log-out (``user_logged_out``, before the session is flushed): the previews the
    session leaves behind are abandoned, their files deleted."""
    if request is None or not hasattr(request, "session"):
        return
    for name in list(request.session.get(SESSION_KEY, {})):
        forget(request, name)
