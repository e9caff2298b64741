"""The clinic's rules in plain Python: recovery phases, outcome measures, triage, stage
advance, the balance between disciplines and scheduling.

Not a Django app: nothing here touches the database, so every rule is tested without one,
and every app may use it. The public API is in ``docs/domain-api.md``.
"""
