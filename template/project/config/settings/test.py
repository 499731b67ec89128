"""Settings for the test suite: production settings made fast and deterministic."""

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK
from config.settings.base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789abcdef"
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
# Hashing passwords properly is slow on purpose; tests need no protection.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No throttling, so tests do not depend on each other's request counts; a rate of None turns off
# the throttles views name themselves (such as the token endpoint's "auth" scope) too.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "auth": None},
}
# The suite runs without `collectstatic`: plain names instead of the manifest's hashed ones.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Nor is there a STATIC_ROOT to scan when the middleware starts (WhiteNoise would warn).
WHITENOISE_AUTOREFRESH = True
