"""What a web process does once it has loaded the project, before it serves its first request.

Python's full (generation 2) collection walks every object the process keeps. A web process keeps
the whole of Django, DRF and the project once its URLconf is imported (about 190,000 objects);
on the 2-core machine one full collection of those took 120-250 ms, and it fell on about one
request in ten of the 1M page benchmarks (bench/RESULTS.md, "Full collections"). Those objects
live as long as the process, so they are moved out of the collector's sight once (`gc.freeze`);
a full collection then walks only what requests created, 23-59 ms measured.
"""

from __future__ import annotations

import gc
from importlib import import_module

from django.conf import settings


def freeze_loaded_objects() -> int:
    """Load every view through the URLconf, then keep the loaded objects out of full collections.

    Returns how many objects are frozen. Safe to call again: what was loaded since is frozen too.
    """
    import_module(settings.ROOT_URLCONF)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
