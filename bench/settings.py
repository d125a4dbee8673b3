"""Settings of `make bench`: Trama's, plus a bare view at /bench/bare/ (only here, never in production)."""

from trama.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
