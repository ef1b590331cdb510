"""Driver analysis and the churn/value model read the imported customer table."""

from __future__ import annotations

import pytest
from alerting_helpers import comment, ingest

from voc_engine.customers.service import CustomerMap, customer_table, fit_customer_churn_model, import_customers
from voc_engine.drivers.store import analyse_stored_drivers
from voc_engine.errors import VocError

OLD = "2026-01-05T10:00:00Z"  # older than the alert rules look at: no cases


def _import(store, tmp_path, lines):
    path = tmp_path / "crm.csv"
    path.write_text("\n".join(lines) + "\n")
    return import_customers(store, path, CustomerMap.parse(None), actor="test")


def test_the_customer_table_carries_each_customers_mean_answer(store, tmp_path):
    ingest(store, comment("a", customer="c1", nps=2, created_at=OLD), comment("b", customer="c1", nps=9, created_at=OLD),
           comment("c", customer="c1", created_at=OLD), comment("d", customer="c3", nps=7, created_at=OLD))
    _import(store, tmp_path, ["customer_id,segment,revenue", "c1,gold,10", "c2,silver,20"])
    table = customer_table(store).set_index("customer_id")
    c1, c2 = table.loc[store.pii.customer_id("c1")], table.loc[store.pii.customer_id("c2")]
    assert (c1["ltr"], c1["answers"], c1["segment"]) == (5.5, 2, "gold")
    assert c2["answers"] == 0 and c2["ltr"] != c2["ltr"]  # NaN: no answer
    assert store.pii.customer_id("c3") not in table.index   # answers alone make no imported customer


def test_driver_analysis_controls_for_the_crm_contract_state(store, tmp_path):
    # Within each contract state the tag changes nothing (equal mean answers with and without it),
    # but it is far more common among cancelled customers, who answer low:
    # active:    tag (9, 10, 9, 10) mean 9.5;  no tag 8x9 + 8x10 mean 9.5
    # cancelled: tag 8x2 + 8x3 mean 2.5;       no tag (2, 3, 2, 3) mean 2.5
    # Without the control the tag's effect is 3.9 - 8.1 = -4.2; with it, 0.
    groups = [("active", True, [9, 10] * 2), ("active", False, [9, 10] * 8),
              ("cancelled", True, [2, 3] * 8), ("cancelled", False, [2, 3] * 2)]
    rows, crm, n = [], ["customer_id,contract_state"], 0
    for state, tagged, answers in groups:
        for nps in answers:
            text = "slow [tag wait_time negative]" if tagged else "ok"
            rows.append(comment(text, customer=f"k{n}", nps=nps, created_at=OLD))
            crm.append(f"k{n},{state}")
            n += 1
    ingest(store, *rows)
    _import(store, tmp_path, crm)
    comments = store.read_frame()
    plain = analyse_stored_drivers(comments, "ltr", min_mentions=5, bootstrap=0)
    assert plain.to_dict()["drivers"][0]["coef"] == pytest.approx(-4.2, abs=1e-9)
    with pytest.raises(VocError, match="contract_state"):
        analyse_stored_drivers(comments, "ltr", min_mentions=5, controls=["contract_state"], bootstrap=0)
    controlled = analyse_stored_drivers(comments, "ltr", min_mentions=5, controls=["contract_state"], bootstrap=0,
                                        customers=customer_table(store))
    assert controlled.to_dict()["drivers"][0]["coef"] == pytest.approx(0.0, abs=1e-9)


def test_the_churn_value_model_reads_the_imported_customers(store, tmp_path):
    with pytest.raises(VocError, match="no customers imported"):
        fit_customer_churn_model(store)
    answers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 8, 2, 9]
    churned = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0]
    ingest(store, *(comment("fine", customer=f"k{i}", nps=a, created_at=OLD) for i, a in enumerate(answers)))
    _import(store, tmp_path, ["customer_id,revenue,churned"] + [f"k{i},100,{c}" for i, c in enumerate(churned)]
            + ["no-answer,100,1"])
    model = fit_customer_churn_model(store)
    assert model.n == len(answers) and "1 customers without" not in " ".join(model.warnings)
    assert any("missing values" in w for w in model.warnings)  # the customer with no answer is left out
    # Raising everyone by one point: customers saved is the sum of the fall in churn probability,
    # and with revenue 100 each the value kept is 100 times that.
    point = model.value_of_nps_point()
    assert point["value"] == pytest.approx(100 * point["customers_saved"], rel=1e-9)
    assert set(model.frame["customer_id"]) == {store.pii.customer_id(f"k{i}") for i in range(len(answers))}
