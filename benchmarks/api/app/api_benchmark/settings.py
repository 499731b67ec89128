"""The generated project's production settings, with what a one-user load test needs changed.

- DEBUG stays off (base reads DJANGO_DEBUG, which the harness never sets).
- The harness sets DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS=127.0.0.1 and sends
  `X-Forwarded-Proto: https`, so SECURE_SSL_REDIRECT and the secure cookies stay as in production.
- Throttling is off: a load test from one user would measure nothing but the throttle's history
  of that user (one list entry per request in the window), and both sides pay it alike.
- BENCH_VARIANT picks the URLconf: "generated" (the project's own), "baseline" (hand-written
  ModelViewSets) or "fast" (the prototype read path); all answer on the same paths, so response
  bodies, pagination links included, can be compared byte for byte.
- BENCH_COUNT_QUERIES=1 adds a middleware that reports the queries of each request in a header;
  it is on only for the verification pass, never while requests are timed.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS
from config.settings.base import MIDDLEWARE
from config.settings.base import REST_FRAMEWORK

URLCONFS = {
    "generated": "config.urls",
    "baseline": "api_benchmark.baseline.urls",
    "fast": "api_benchmark.fast.urls",
}

INSTALLED_APPS = [*INSTALLED_APPS, "api_benchmark"]
ROOT_URLCONF = URLCONFS[os.environ.get("BENCH_VARIANT", "generated")]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "auth": None},
}
if os.environ.get("BENCH_COUNT_QUERIES") == "1":
    MIDDLEWARE = ["api_benchmark.middleware.QueryCountMiddleware", *MIDDLEWARE]
