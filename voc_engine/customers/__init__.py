"""Customers: the CRM data imported next to their feedback, and the profile that brings both together.

`models` holds the tables (one CRM profile per customer, the fitted churn models), `service` the
import (idempotent upsert, per-row errors), the profile and who may read it, and the customer
table that driver analysis and the churn/value model read.
"""
