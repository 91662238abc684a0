"""Containers refused before anything is parsed (``roster.limits``): an .ods that says it is
something else or carries macros, an .xls with a VBA project."""

import io
import zipfile

import pytest

from recruitment.roster.limits import ODS_MIMETYPE, check_xls, check_xlsx_container
from recruitment.roster.read import RosterFileError

pytestmark = pytest.mark.usefixtures("vietnamese")


def ods(mimetype: bytes, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<document-content/>")
        for name in extra:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_an_ods_whose_mimetype_is_another_is_refused():
    with pytest.raises(RosterFileError, match=r"không phải là bảng tính OpenDocument \(\.ods\)"):
        check_xlsx_container(ods(b"application/zip"), ods=True)


def test_an_ods_with_macros_is_refused():
    with pytest.raises(RosterFileError, match="macro"):
        check_xlsx_container(ods(ODS_MIMETYPE, "Basic/Standard/Module1.xml"), ods=True)


def test_a_plain_ods_passes():
    check_xlsx_container(ods(ODS_MIMETYPE), ods=True)


def test_an_xls_with_a_vba_project_is_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "_VBA_PROJECT".encode("utf-16-le")
    with pytest.raises(RosterFileError, match="macro"):
        check_xls(data)
    check_xls(data[:72])  # the same without it
