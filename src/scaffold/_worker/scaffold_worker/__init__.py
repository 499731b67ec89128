"""scaffold's Django worker: runs with the project's interpreter, imports nothing from scaffold.

One process per scaffold command, one Django start: the migration autodetector (with the
spec's renames and backfills as the questioner's answers), the safe/destructive plan, the
read-only data pre-flight and the text of the migrations to write, as one JSON reply.
"""
