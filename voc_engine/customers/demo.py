"""The demo's customer profile: a CRM export of the sample's customers is imported, and one customer
with a case is shown as an agent would see them.

The sample comments come without CRM data, so the demo writes a CRM file for their customers
(revenue, tenure, contract state, and churn drawn more often for customers who answer low, so the
churn model has something to find). Importing it again on a second run changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from voc_engine.alerting.cases import CaseService
from voc_engine.auth.policy import Principal
from voc_engine.customers.service import CustomerMap, CustomerService, import_customers

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

DEMO_ACTOR = "system:demo"


def write_demo_crm(comment_files: list[Path], path: Path, seed: int = 7) -> Path:
    """A CRM export for the customers of these comment files (customer_id, segment, nps columns)."""
    frames = [pd.read_csv(f, dtype={"customer_id": str}) for f in comment_files]
    comments = pd.concat([f[["customer_id", "segment", "nps"]] for f in frames]).dropna(subset=["customer_id"])
    customers = comments.groupby("customer_id").agg(segment=("segment", "first"), ltr=("nps", "mean"))
    rng = np.random.default_rng(seed)
    ltr = customers["ltr"].fillna(7.0).to_numpy()
    churned = rng.random(len(customers)) < 1 / (1 + np.exp(-(1.0 - 0.35 * ltr)))
    crm = pd.DataFrame({
        "account": customers.index,
        "plan": customers["segment"].to_numpy(),
        "annual_revenue": np.round(rng.lognormal(6.5, 0.6, len(customers)), 2),
        "months": rng.integers(1, 121, len(customers)),
        "left": churned.astype(int),
        "status": np.where(churned, "cancelled", "active"),
    })
    crm.to_csv(path, index=False)
    return path


def run_customer_demo(store: "FeedbackStore", comment_files: list[Path], out_dir: Path) -> str:
    crm = write_demo_crm(comment_files, out_dir / "crm_customers.csv")
    mapping = CustomerMap.parse(
        "customer_id=account,segment=plan,revenue=annual_revenue,tenure_months=months,churned=left,contract_state=status"
    )
    result = import_customers(store, crm, mapping, actor=DEMO_ACTOR)
    lines = [f"voc customers import {crm.name} --map …:", result.summary(), ""]
    with_case = {c["customer_id"] for c in CaseService(store).list_cases(Principal.system(DEMO_ACTOR), limit=100).items}
    counts = store.read_frame()["customer_id"].value_counts()
    chosen = [c for c in counts.index if c in with_case] or list(counts.index)
    if not chosen:
        return "\n".join(lines + ["No stored comment names a customer."])
    profile = CustomerService(store).profile(Principal.system(DEMO_ACTOR), chosen[0], limit=5)
    lines.append("One customer's profile (GET /v1/customers/{id}; voc customers show ID --json):")
    lines.append(profile.summary())
    return "\n".join(lines)
