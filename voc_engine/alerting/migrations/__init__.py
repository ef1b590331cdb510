"""Alembic revisions of the alerting tables (collected by the store's migration environment)."""
