"""Spec fuzzing: seeded random valid specs, generated into a project whose checks must all pass.

``generate`` draws a case (one domain spec, sometimes with a companion domain it points into)
from a seed; ``project`` generates batches of cases into one project and runs its checks;
``shrink`` cuts a failing case down; ``run`` is ``scripts/fuzz``.
"""
