"""Factories of users, organizations and memberships."""

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose password is PASSWORD."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class OrganizationFactory(factory.django.DjangoModelFactory):
    """An organization."""

    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A user's membership, as a plain member unless `role` says otherwise."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER
