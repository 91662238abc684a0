"""The board head reads the demo committee's quota dashboard in the browser, opens the print
layout and downloads the workbook; a full-page screenshot is kept in test-artifacts/."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

# The live server reads the database from its own thread: the demo must be committed.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_board_head_reads_prints_and_downloads_the_demo_dashboard(page, live_server, log_in):
    call_command("seed_demo", stdout=io.StringIO())
    log_in("truongban", "PhuLy@2024")
    url = f"{live_server.url}{reverse('recruitment:dashboard')}?year=2024&as_of=26/03/2024"
    page.goto(url)

    # The published figures: 484 of the term's 500, the 2024 quota of 205.
    assert page.inner_text("#kpi-term .kpi-value") == "484"
    assert page.inner_text("#kpi-term .kpi-target") == "500"
    assert page.inner_text("#kpi-admitted .kpi-target") == "205"
    assert page.inner_text("#kpi-trained .kpi-target") == "150"
    # The chart draws this year, last year and the quota's even pace.
    lines = page.locator("svg.chart polyline")
    assert lines.count() == 3
    for n in range(3):
        assert len(lines.nth(n).get_attribute("points").split()) >= 2
    assert page.locator("#organisations tbody tr").count() == 68
    # Nothing sticks out sideways at 1400 px (the wide table scrolls inside its box).
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "dashboard.png"
    screenshot.unlink(missing_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes()[:8] == PNG_SIGNATURE
    assert screenshot.stat().st_size > 20_000

    # The Excel button downloads the same day's figures.
    with page.expect_download() as download_info:
        page.click("#xlsx-link")
    download = download_info.value
    assert download.suggested_filename == "bao-cao-phat-trien-dang-vien-2024.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    summary = workbook.worksheets[0]
    values = [value for _item, value in summary.iter_rows(min_row=2, values_only=True)]
    assert {484, 500, 205, 200, 150} <= set(values)

    # The print layout hides the navigation bar and the buttons, and keeps the figures.
    page.goto(f"{url}&print=1")
    assert page.locator("body.print-layout").count() == 1
    assert page.locator("nav.navbar").is_hidden()
    assert page.locator("#xlsx-link").is_hidden()
    assert page.inner_text("#kpi-term .kpi-value") == "484"
