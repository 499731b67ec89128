"""Tests and factories of organizations and memberships."""
