"""The dashboard and the member list book printed from Chromium to PDF at A4: every table fits
the printable width (no column cut off), the header row repeats, the badges print black on
white, the heading, the as-of date and the signature block are there."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from recruitment.models import Organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
#: A4 landscape less the "wide" page's margins (12 mm left, 10 mm right), in CSS pixels.
PRINTABLE_WIDTH_PX = (297 - 12 - 10) / 25.4 * 96
A4_LANDSCAPE_PT = (842, 595)

TABLES_WIDER_THAN_PAGE = """(limit) => Array.from(document.querySelectorAll('table'))
    .filter(t => t.offsetParent !== null)
    .filter(t => Math.max(t.scrollWidth, t.getBoundingClientRect().width) > limit + 0.5)
    .map(t => t.id || t.className)"""


def printed(page, name: str) -> bytes:
    """The page as the browser prints it (print media, the CSS page size), kept in
    test-artifacts/ with its first page as PNG when pdftoppm is there."""
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.pdf"
    target.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(target), str(target)[:-4]],
            check=True,
        )
    return pdf


def page_sizes(pdf: bytes, tmp_path) -> set[tuple[int, int]]:
    """The size of every page in points, read by pdfinfo (poppler-utils)."""
    if shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is not installed: .ci/run must install poppler-utils")
        pytest.skip("pdfinfo is not installed")
    source = tmp_path / "printed.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(source)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {
        (round(float(width)), round(float(height)))
        for width, height in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    }


def test_dashboard_and_member_book_print_on_a4_landscape_with_every_column(
    page, live_server, log_in, tmp_path
):
    call_command("seed_demo", stdout=io.StringIO())
    log_in("truongban", "PhuLy@2024")
    url = f"{live_server.url}{reverse('recruitment:dashboard')}?year=2024&as_of=26/03/2024&print=1"
    page.goto(url)
    page.emulate_media(media="print")
    # Under print media the page is as wide as the landscape page's printable width.
    page.set_viewport_size({"width": int(PRINTABLE_WIDTH_PX), "height": 800})
    assert page.evaluate(TABLES_WIDER_THAN_PAGE, PRINTABLE_WIDTH_PX) == []
    # Every column of the organisations' table is shown, the eight stage columns included.
    headers = page.locator("#organisations thead th")
    assert headers.count() == 17  # 9 columns and the 8 stages (2 to 9)
    for n in range(headers.count()):
        box = headers.nth(n).bounding_box()
        assert box["x"] + box["width"] <= PRINTABLE_WIDTH_PX + 0.5, headers.nth(n).inner_text()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#organisations thead')).display")
        == "table-header-group"
    )
    # Badges: black text on no background, in a frame.
    badge = page.locator("#organisations .badge").first
    assert badge.evaluate("b => getComputedStyle(b).color") == "rgb(0, 0, 0)"
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.inner_text("#paper-heading").count("ĐẢNG CỘNG SẢN VIỆT NAM") == 1
    assert "26/03/2024" in page.inner_text("#paper-as-of")
    assert page.locator("#paper-signature").is_visible()
    pdf = printed(page, "dashboard-print")
    assert page_sizes(pdf, tmp_path) == {A4_LANDSCAPE_PT}

    # After 01/07/2025 the demo's residential cells of the city stand in one organisation
    # under the ward committee of Phủ Lý.
    organisation = Organisation.objects.get(
        name="Đảng bộ các khu dân cư phường Phủ Lý", active_to__isnull=True
    )
    page.emulate_media(media="screen")
    page.goto(
        f"{live_server.url}{reverse('recruitment:member-book')}?organisation={organisation.pk}"
    )
    assert page.locator("#member-book tbody tr").count() > 30
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(PRINTABLE_WIDTH_PX), "height": 800})
    assert page.evaluate(TABLES_WIDER_THAN_PAGE, PRINTABLE_WIDTH_PX) == []
    assert page.locator("#member-book thead th").count() == 14
    assert page.locator("#paper-heading").is_visible()
    heading = page.inner_text("#paper-heading")
    assert "ĐẢNG BỘ PHƯỜNG PHỦ LÝ\nĐẢNG ỦY CÁC KHU DÂN CƯ PHƯỜNG PHỦ LÝ" in heading
    pdf = printed(page, "member-book-print")
    assert page_sizes(pdf, tmp_path) == {A4_LANDSCAPE_PT}
