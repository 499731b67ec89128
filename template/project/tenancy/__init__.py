"""Organizations and memberships: who may see which tenant's data, with which role."""
