"""Loads the demo world of DESIGN.md section 5, written in small data modules, idempotently.

`seed()` is what `manage.py seed_demo` runs; every step may run any number of times.
"""

from __future__ import annotations

from django.db import transaction

from demo.dictionary_loader import load_dictionary
from demo.peta import enact_demo_standards, load_peta_jabatan
from demo.submissions import load_demo_submissions
from demo.world_loader import load_world
from workflow.reference import load_reference_data


def seed() -> int:
    """Load everything; return how many demo documents were created by this run."""
    with transaction.atomic():
        load_reference_data()
        load_world()
        load_dictionary()
    # Outside the block above: each workflow service runs its own durable transaction.
    created = load_demo_submissions()
    with transaction.atomic():
        load_peta_jabatan()
    enact_demo_standards()  # through the decree service, in its own durable transaction
    return created
