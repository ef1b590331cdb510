"""`voc customers import`: mapping, idempotent upsert, per-row errors, PII, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import func, select

from voc_engine.customers.models import CustomerProfile
from voc_engine.customers.service import CustomerMap, customer_table, import_customers
from voc_engine.errors import InvalidArgumentError
from voc_engine.store.models import AuditEntry, Customer

MAP = "customer_id=acct,segment=plan,revenue=rev,tenure_months=months,churned=gone,contract_state=state"


def write_csv(path, lines: list[str]):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def profiles(store) -> dict[str, dict]:
    return customer_table(store).set_index("customer_id").to_dict("index")


def test_importing_the_same_file_twice_changes_nothing_and_a_change_is_an_update(store, tmp_path):
    lines = ["acct,plan,rev,months,gone,state", "A1,gold,1200.50,24,no,active", "A2,silver,80,3,yes,cancelled",
             "A3,,0,0,0,"]
    path = write_csv(tmp_path / "crm.csv", lines)
    first = import_customers(store, path, CustomerMap.parse(MAP), actor="test")
    assert (first.rows, first.created, first.updated, first.unchanged, first.rejected) == (3, 3, 0, 0, 0)
    again = import_customers(store, path, CustomerMap.parse(MAP), actor="test")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(CustomerProfile)) == 3
        assert session.scalar(select(func.count()).select_from(Customer)) == 3

    lines[2] = "A2,silver,95,4,yes,cancelled"
    changed = import_customers(store, write_csv(path, lines), CustomerMap.parse(MAP), actor="test")
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    table = profiles(store)
    a1, a2, a3 = (table[store.pii.customer_id(c)] for c in ("A1", "A2", "A3"))
    assert (a1["segment"], a1["revenue"], a1["tenure_months"], a1["churned"], a1["contract_state"]) == (
        "gold", 1200.5, 24.0, False, "active")
    assert (a2["revenue"], a2["tenure_months"], a2["churned"]) == (95.0, 4.0, True)
    assert pd.isna(a3["segment"]) and pd.isna(a3["contract_state"]) and a3["revenue"] == 0.0
    audit = [e for e in store.audit_log() if e["action"] == "import_customers"]
    assert [(e["details"]["created"], e["details"]["updated"]) for e in audit] == [(0, 1), (0, 0), (3, 0)]


def test_bad_rows_are_named_by_index_and_the_good_ones_kept(store, tmp_path):
    path = write_csv(tmp_path / "crm.csv", [
        "acct,plan,rev,months,gone,state",
        "A1,gold,10,1,0,active",      # 0 good
        ",gold,10,1,0,active",        # 1 no id
        "A3,gold,ten,1,0,active",     # 2 revenue not a number
        "A4,gold,10,-2,0,active",     # 3 negative tenure
        "A5,gold,10,1,maybe,active",  # 4 churned not a flag
        "A1,gold,11,1,0,active",      # 5 A1 again, other values
        "A1,gold,10,1,0,active",      # 6 A1 again, the same values
        "A8,gold,inf,1,0,active",     # 7 not finite
        "A9,bronze,5,2,1,active",     # 8 good
    ])
    result = import_customers(store, path, CustomerMap.parse(MAP), actor="test")
    assert [(e["index"], e["error"]) for e in result.errors] == [
        (1, "customer_id: missing"),
        (2, "revenue: must be a number"),
        (3, "tenure_months: must be 0 or more"),
        (4, "churned: must be 0/1, true/false or yes/no"),
        (5, "customer_id already used by row 0 of this file, with other values"),
        (7, "revenue: must be a finite number"),
    ]
    assert (result.rows, result.created, result.rejected) == (9, 2, 6)
    assert sorted(profiles(store)) == sorted(store.pii.customer_id(c) for c in ("A1", "A9"))
    assert profiles(store)[store.pii.customer_id("A1")]["revenue"] == 10.0


def test_an_unreadable_row_is_a_rejected_row(store, tmp_path):
    path = tmp_path / "crm.jsonl"
    path.write_text('{"customer_id": "J1", "revenue": 5}\n{not json\n{"customer_id": "J2", "churned": true}\n')
    result = import_customers(store, path, CustomerMap.parse(None), actor="test")
    assert result.created == 2 and [e["index"] for e in result.errors] == [1]
    table = profiles(store)
    assert table[store.pii.customer_id("J1")]["revenue"] == 5.0
    assert table[store.pii.customer_id("J2")]["churned"] == True  # noqa: E712 (pandas' nullable boolean)


def test_the_mapping(store, tmp_path):
    with pytest.raises(InvalidArgumentError, match="unknown field 'value'"):
        CustomerMap.parse("customer_id=acct,value=rev")
    with pytest.raises(InvalidArgumentError, match="FIELD=VALUE"):
        CustomerMap.parse("customer_id")
    path = write_csv(tmp_path / "crm.csv", ["acct,revenue", "A1,3"])
    with pytest.raises(InvalidArgumentError, match="no customer id column"):
        import_customers(store, path, CustomerMap.parse(None), actor="test")
    with pytest.raises(InvalidArgumentError, match="column 'rev' is not in the file"):
        import_customers(store, path, CustomerMap.parse("customer_id=acct,revenue=rev"), actor="test")
    # Same-name columns need no mapping; a field the file does not map keeps its stored value.
    assert import_customers(store, path, CustomerMap.parse("customer_id=acct"), actor="test").created == 1
    pd.DataFrame({"customer_id": ["A1"], "segment": ["gold"]}).to_parquet(tmp_path / "crm.parquet")
    assert import_customers(store, tmp_path / "crm.parquet", CustomerMap.parse(None), actor="test").updated == 1
    a1 = profiles(store)[store.pii.customer_id("A1")]
    assert (a1["revenue"], a1["segment"]) == (3.0, "gold")


def test_ids_are_pseudonymised_and_labels_redacted(store, tmp_path):
    path = write_csv(tmp_path / "crm.csv", ["customer_id,segment", "jane.doe@example.com,call jane@example.com"])
    import_customers(store, path, CustomerMap.parse(None), actor="test")
    with store.read_session() as session:
        stored = session.execute(select(Customer.external_id, CustomerProfile.segment).join(
            CustomerProfile, CustomerProfile.customer_pk == Customer.id)).one()
        audit = session.scalars(select(AuditEntry.details)).all()
    assert stored[0] == store.pii.customer_id("jane.doe@example.com") and stored[0].startswith("cu_")
    assert "example.com" not in stored[1] and "[EMAIL]" in stored[1]
    assert "example.com" not in json.dumps(audit)
