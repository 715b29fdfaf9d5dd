"""Settings of the benchmark server: the project's own, with the bench URLs added on top."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
