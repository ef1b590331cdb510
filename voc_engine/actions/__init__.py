"""Action plans, kept: the strategic level's commitments with owners, deadlines and what they returned.

`models` holds the tables, `service` the policy (who may read and change a plan, the status
workflow, reminders), `evaluation` reads the stored comments a plan concerns and evaluates it
with `voc_engine.drivers.actions`.
"""
