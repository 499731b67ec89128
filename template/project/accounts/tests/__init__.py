"""Tests of the user model and its admin."""
