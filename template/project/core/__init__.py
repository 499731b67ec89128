"""Shared building blocks every app uses: errors, base views, parsers, write helpers."""
