"""Seed a generated project for fuzzing: three users in organization "acme", rows of every model.

Run with `python manage.py shell < seed.py`. Rows get the ids 1-3 in every table (a fresh
database), which schemathesis.toml names, so that detail operations reach real rows.
"""

from billing.tests.factories import CustomerFactory, InvoiceFactory, InvoiceLineFactory
from library.tests.factories import BookFactory, BookmarkFactory, ChapterFactory, GenreFactory
from tenancy.models import Organization

acme = Organization.objects.get(slug="acme")
users = [membership.user for membership in acme.memberships.order_by("pk")]
for n in range(3):
    customer = CustomerFactory(organization=acme)
    status = ["draft", "sent", "paid"][n]
    invoice = InvoiceFactory(organization=acme, customer=customer, status=status)
    InvoiceLineFactory(invoice=invoice)
    genre = GenreFactory()
    book = BookFactory(organization=acme, genre=genre)
    ChapterFactory(book=book, number=n + 1)
    BookmarkFactory(owner=users[n])
