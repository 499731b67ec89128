"""Names and free text for generated specs: ordinary, risky (names the generated code also
uses), near the databases' identifier limits, and hostile text for help texts and labels."""

from __future__ import annotations

import random

# PostgreSQL keeps 63 characters of an identifier, MariaDB 64: a column is the field name (a
# foreign key's is the name + "_id"), so these are the longest names every database keeps.
MAX_COLUMN = 63
MAX_FK_FIELD = MAX_COLUMN - len("_id")

NOUNS = (
    "amount",
    "balance",
    "code",
    "colour",
    "comment",
    "count",
    "deadline",
    "email",
    "entry",
    "grade",
    "height",
    "label",
    "level",
    "note",
    "price",
    "rank",
    "reference",
    "score",
    "size",
    "title",
    "total",
    "weight",
    "width",
    "visits",
    "summary",
    "nickname",
    "budget",
    "quota",
)
# Names the generated code also uses (serializers, views, filters, query parameters, tests):
# legitimate field names a user may well pick.
RISKY_FIELDS = (
    "data",
    "status",
    "type",
    "name",
    "url",
    "user",
    "request",
    "format",
    "context",
    "fields",
    "errors",
    "instance",
    "partial",
    "model",
    "meta",
    "query",
    "page",
    "search",
    "ordering",
    "limit",
    "offset",
    "cursor",
    "slug",
    "order",
    "filter",
    "value",
    "kind",
    "state",
    "client",
    "response",
    "initial",
    "source",
    "label",
    "help",
    "queryset",
    "serializer",
    "organization_slug",
    "date",
    "time",
    "decimal",
    "json",
)
MODEL_WORDS = (
    "Patient",
    "Appointment",
    "Prescription",
    "Clinic",
    "Ward",
    "Invoice",
    "Ledger",
    "Parcel",
    "Shipment",
    "Course",
    "Lesson",
    "Ticket",
    "Asset",
    "Project",
    "Milestone",
    "Visit",
    "Room",
    "Booking",
    "Device",
    "Reading",
    "Batch",
    "Sample",
    "Vendor",
    "Contract",
    "Clause",
)
# Model names the generated code may also use (DRF, Django, test helpers, stdlib).
# Not drawn: names the generated modules import (/work/wt/fuzz-findings.md F2).
RISKY_MODELS = (
    "Serializer",
    "Filter",
    "Admin",
    "Form",
    "Manager",
    "Query",
    "Group",
    "Session",
    "Token",
    "View",
    "Test",
    "Factory",
    "Case",
    "Settings",
    "Schema",
    "Page",
    "Router",
    "Status",
    "Q",
    "F",
    "Item",
    "Entry",
    "Order",
    "Tag",
)
VERBS = (
    "approve",
    "archive",
    "publish",
    "reopen",
    "cancel",
    "confirm",
    "ship",
    "deliver",
    "close",
    "start",
    "finish",
    "hold",
    "release",
    "assign",
    "accept",
    "reject",
    "escalate",
    "refund",
    "checkout",
    "sign_off",
    "mark_done",
    "submit",
    "verify",
)
STATES = (
    "draft",
    "open",
    "active",
    "pending",
    "approved",
    "rejected",
    "done",
    "closed",
    "archived",
    "on_hold",
    "shipped",
    "delivered",
    "cancelled",
    "in_review",
    "paid",
)

# Free text that has broken generators before: quotes of both kinds, backslashes, format
# characters, template syntax, non-ASCII, shell syntax, newlines.
HOSTILE_TEXT = (
    'Say "hi"; it\'s fine',
    "C:\\path\\to\\file \\n not a newline",
    "100% sure, %s and %(name)s and %%",
    "{braces} {{ jinja }} {% block %} {#",
    "Ünïcødé — ünd 日本語 🎉",
    "$(echo pwned) `id` ${HOME} ; rm -rf /",
    "'''triple''' \"\"\"quotes\"\"\"",
    "line one\nline two",
    "tab\there",
    "</script><b>bold</b> & <i>",
    "ends with a backslash \\",
    "'",
    '"',
    "x",
)
TYPOGRAPHIC_TEXT = (
    "\u201cCurly\u201d \u2018quotes\u2019 \u2013 and \u2026 dashes",
    "\u00ab guillemets \u00bb \u201alow\u2018 \u201equotes\u201c",
)
LONG_TEXT = "A very long help text that goes on " * 6 + "and on."
# Issue 8 finding 2 (fa, not on main yet): typographic quotes (RUF001) and lines over 100
# characters (E501) in generated strings. Set to True once fixed.
DRAW_TYPOGRAPHIC_AND_LONG_TEXT = False


def hostile(rng: random.Random, longest: int | None = None) -> str:
    pool = list(HOSTILE_TEXT)
    if DRAW_TYPOGRAPHIC_AND_LONG_TEXT:
        pool += [*TYPOGRAPHIC_TEXT, LONG_TEXT]
    return rng.choice([t for t in pool if longest is None or len(t) <= longest])


def text(rng: random.Random, plain: str, longest: int | None = None) -> str:
    """Free text: mostly hostile, sometimes the plain words."""
    return hostile(rng, longest) if rng.random() < 0.7 else plain


def long_identifier(rng: random.Random, head: str, limit: int) -> str:
    """A snake_case name of ``limit`` characters or a few less, starting with ``head``."""
    length = limit - rng.choice((0, 0, 1, 2, 5))
    name = head
    while len(name) < length:
        name += "_" + rng.choice(NOUNS)
    name = name[:length].rstrip("_")
    return name if not name.endswith("_id") else name[:-3] + "xid"


def camel(words: str) -> str:
    return "".join(part.capitalize() for part in words.split("_"))
