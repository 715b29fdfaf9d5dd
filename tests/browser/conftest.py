"""Browser tier: Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services import need

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
# The README's pictures change only when asked (UPDATE_SCREENSHOTS=1); a plain run keeps its own.
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
RUN_SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}  # a small laptop screen


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    need(CHROMIUM.exists(), f"{CHROMIUM} is missing: browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    folder = README_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else RUN_SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder
