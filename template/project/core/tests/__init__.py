"""Specifications of the shared building blocks."""
