"""Alembic revisions of the action-plan tables (collected by the store's migration environment)."""
