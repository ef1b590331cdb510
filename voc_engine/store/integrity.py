"""`voc db check [--fix]`: find what a store holds that its readers cannot serve, and repair it.

Two kinds of problem are found:

- **unreadable comments**: a stored row whose API/export form cannot be encoded as UTF-8 JSON
  (a lone surrogate in metadata, written before the door checked for them). Every page, export
  or webhook that includes such a row fails. `--fix` moves each to `quarantined_comments`
  (kept as ASCII-only JSON, audited) and deletes it from the live tables.
- **customer ids stored as sent**, before ids were pseudonymised at the door. `--fix` replaces
  them by their pseudonyms (merging with a customer already stored under the pseudonym).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from voc_engine.store.repository import FeedbackStore


@dataclass
class IntegrityReport:
    """What `check_store` found and, after `repair_store`, what was done about it."""

    comments_checked: int
    unreadable: dict[str, str] = field(default_factory=dict)  # comment id -> which field, and why
    legacy_customer_ids: int = 0
    quarantined: int = 0
    pseudonymised: int = 0
    repaired: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing is (left) wrong."""
        if self.repaired:
            return self.quarantined == len(self.unreadable) and self.pseudonymised == self.legacy_customer_ids
        return not self.unreadable and not self.legacy_customer_ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "comments_checked": self.comments_checked,
            "unreadable_comments": [{"id": cid, "problem": why} for cid, why in self.unreadable.items()],
            "legacy_customer_ids": self.legacy_customer_ids,
            "repaired": self.repaired,
            "quarantined": self.quarantined,
            "pseudonymised": self.pseudonymised,
        }

    def summary(self) -> str:
        lines = [f"{self.comments_checked} comments checked"]
        if self.unreadable:
            verb = "quarantined" if self.repaired else "cannot be read back (run with --fix to quarantine)"
            lines.append(f"{len(self.unreadable)} {verb}:")
            lines += [f"  {cid}: {why}" for cid, why in list(self.unreadable.items())[:20]]
            if len(self.unreadable) > 20:
                lines.append(f"  … and {len(self.unreadable) - 20} more")
        if self.legacy_customer_ids:
            verb = "pseudonymised" if self.repaired else "stored as sent (run with --fix to pseudonymise)"
            lines.append(f"{self.legacy_customer_ids} customer ids {verb}")
        if self.ok and not self.repaired:
            lines.append("no problems found")
        return "\n".join(lines)


def unreadable_reason(item: dict[str, Any]) -> str | None:
    """Which field of a comment's API form cannot be encoded, or None when all can."""
    for name, value in item.items():
        try:
            json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except UnicodeEncodeError:
            return f"{name}: not well-formed Unicode (a lone surrogate)"
        except (TypeError, ValueError) as exc:
            return f"{name}: not serialisable ({type(exc).__name__})"
    return None


def check_store(store: FeedbackStore) -> IntegrityReport:
    report = IntegrityReport(comments_checked=0)
    for item in store.iter_comments():
        report.comments_checked += 1
        reason = unreadable_reason(item)
        if reason:
            report.unreadable[item["id"]] = reason
    report.legacy_customer_ids = store.legacy_customer_ids()
    return report


def repair_store(store: FeedbackStore, actor: str) -> IntegrityReport:
    report = check_store(store)
    report.quarantined = store.quarantine(report.unreadable, actor)
    report.pseudonymised = store.pseudonymise_legacy_customers(actor)
    report.repaired = True
    return report
