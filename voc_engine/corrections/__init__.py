"""Analysts' corrections of the enrichment: a tag marked wrong (with the right one, or none), a
missing tag added, a sentiment marked wrong with the right label.

`models` holds the table (an extension's, with its own Alembic revisions), `service` the policy
(who may correct, which labels are allowed, the audit entry) and the corrected labels that
`voc train … --with-corrections` learns from. A correction never changes the stored enrichment:
the figures stay those the models gave, and the corrections are training data.
"""
