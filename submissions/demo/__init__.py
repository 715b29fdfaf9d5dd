"""The demo world of DESIGN.md section 5, written in small data modules and loaded idempotently.

`seed()` is what `manage.py seed_demo` runs; every step may run any number of times.
"""

from __future__ import annotations

from django.db import transaction

from submissions.demo.dictionary_loader import load_dictionary
from submissions.demo.reference import load_reference_data
from submissions.demo.submissions import load_demo_submissions
from submissions.demo.world_loader import load_world


def seed() -> int:
    """Load everything; return how many demo documents were created by this run."""
    with transaction.atomic():
        load_reference_data()
        load_world()
        load_dictionary()
    # Outside the block above: each workflow service runs its own durable transaction.
    return load_demo_submissions()
