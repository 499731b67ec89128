"""Benchmarks of the scaffold generator: whole commands timed as separate processes.

Run them with ``scripts/benchmark`` (see ``benchmarks/run.py``); ``benchmarks/synthetic.py``
writes the specs of any number of models they use.
"""
