"""A web process keeps what it loaded at start out of Python's full collections."""

from __future__ import annotations

import gc
import importlib
import sys

from config.startup import freeze_loaded_objects


def test_the_loaded_project_is_frozen_out_of_full_collections() -> None:
    frozen = freeze_loaded_objects()
    try:
        assert frozen == gc.get_freeze_count()
        assert frozen > 10_000  # Django, DRF and every view the URLconf imports
        assert "web.views.positions" in sys.modules
    finally:
        gc.unfreeze()  # the rest of the suite collects as usual


def test_the_wsgi_module_freezes_when_it_is_imported() -> None:
    gc.unfreeze()
    try:
        importlib.reload(importlib.import_module("config.wsgi"))
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
