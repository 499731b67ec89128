#!/usr/bin/env python
"""Run Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main() -> None:
    """Run the management command named on the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    # Development values from .env (git-ignored; `scaffold new-project` writes one); variables
    # set in the environment win. Servers (config/wsgi.py) and the tests read only the
    # environment, so production never runs on a developer's file.
    load_dotenv(Path(__file__).resolve().parent / ".env")
    # Imported here so that the settings module is chosen before Django loads.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
