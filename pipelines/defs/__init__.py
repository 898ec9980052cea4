"""Dagster objects only (assets, checks, schedules, sensors, resources), one module per stage.

Loaded by `pipelines.definitions` with `dg.load_from_defs_folder`; the logic they call lives in
plain modules of `pipelines` that know nothing of Dagster.
"""
