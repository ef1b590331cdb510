"""Alembic revisions of the customer-profile tables (collected by the store's migration environment)."""
