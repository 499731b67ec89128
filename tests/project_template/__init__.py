"""Tests of the project template."""
