"""Input validation: typed errors naming the column, safe column names."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from voc_engine.drivers.design import (
    DriverDataError,
    build_design,
    validate_driver_data,
)
from voc_engine.errors import InputFileError, VocError


def _frame(n: int = 200, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "nps": rng.integers(0, 11, n),
            "wait": (rng.random(n) < 0.3).astype(int),
            "price": (rng.random(n) < 0.4).astype(int),
            "channel": rng.choice(["web", "app", "phone"], n),
        }
    )
    return df


def test_missing_column_names_it():
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(_frame(), "nps", ["wait", "billing"])
    assert err.value.column == "billing"
    assert isinstance(err.value, InputFileError) and isinstance(err.value, VocError)
    assert "billing" in str(err.value)


def test_non_binary_driver_names_column_and_row():
    df = _frame()
    df.loc[17, "price"] = 2
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(df, "nps", ["wait", "price"])
    assert err.value.column == "price" and err.value.row == 17


def test_text_driver_is_rejected():
    df = _frame()
    df["wait"] = df["wait"].map({0: "no", 1: "yes"})
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(df, "nps", ["wait"])
    assert err.value.column == "wait"


def test_constant_driver_is_rejected():
    df = _frame()
    df["price"] = 0
    with pytest.raises(DriverDataError, match="constant") as err:
        validate_driver_data(df, "nps", ["wait", "price"])
    assert err.value.column == "price"


def test_constant_kpi_is_rejected():
    df = _frame()
    df["nps"] = 9
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(df, "nps", ["wait"])
    assert err.value.column == "nps"


def test_collinear_driver_is_named():
    df = _frame()
    df["no_wait"] = 1 - df["wait"]
    with pytest.raises(DriverDataError, match="collinear") as err:
        build_design(validate_driver_data(df, "nps", ["wait", "price", "no_wait"]))
    assert err.value.column == "no_wait"


def test_logit_needs_binary_kpi():
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(_frame(), "nps", ["wait"], kind="logit")
    assert err.value.column == "nps"


def test_kind_is_picked_from_the_kpi_and_yes_no_is_read():
    df = _frame()
    df["recommend"] = np.where(df["nps"] >= 9, "Yes", "no")
    data = validate_driver_data(df, "recommend", ["wait"])
    assert data.kind == "logit"
    assert set(data.frame["recommend"]) == {0.0, 1.0}
    assert validate_driver_data(df, "nps", ["wait"]).kind == "ols"
    # a 0/1 KPI can still be modelled linearly when asked (linear probability model)
    assert validate_driver_data(df, "recommend", ["wait"], kind="ols").kind == "ols"


def test_csv_strings_are_numbers():
    df = _frame().astype(str)
    data = validate_driver_data(df, "nps", ["wait", "price"], ["channel"])
    assert data.frame["nps"].dtype == float and data.frame["wait"].dtype == float


def test_missing_rows_are_dropped_and_reported():
    df = _frame()
    df.loc[[3, 4], "nps"] = np.nan
    df.loc[[4, 9], "wait"] = np.nan
    data = validate_driver_data(df, "nps", ["wait", "price"])
    assert data.n == len(df) - 3 and data.n_dropped == 3
    assert data.missing_by_column == {"nps": 2, "wait": 2, "price": 0}
    assert any("3 of 200 rows dropped" in w for w in data.warnings)


def test_constant_control_is_dropped_with_a_warning():
    df = _frame()
    df["region"] = "north"
    data = validate_driver_data(df, "nps", ["wait"], ["region", "channel"])
    assert data.controls == ("channel",)
    assert any("region" in w for w in data.warnings)


def test_column_used_twice_is_rejected():
    with pytest.raises(DriverDataError) as err:
        validate_driver_data(_frame(), "nps", ["wait"], ["wait"])
    assert err.value.column == "wait"


@pytest.mark.parametrize("odd", ["a + b", "np.log(x)", "__import__('os').getcwd()", "C(x)", "x:y"])
def test_formula_syntax_in_names_is_just_a_name(odd):
    df = _frame()
    renamed = df.rename(columns={"wait": odd})
    plain = build_design(validate_driver_data(df, "nps", ["wait", "price"], ["channel"]))
    weird = build_design(validate_driver_data(renamed, "nps", [odd, "price"], ["channel"]))
    assert odd in weird.exog.columns
    np.testing.assert_array_equal(weird.exog[odd].to_numpy(), plain.exog["wait"].to_numpy())
    np.testing.assert_array_equal(weird.exog.drop(columns=odd).to_numpy(), plain.exog.drop(columns="wait").to_numpy())


def test_controls_become_treatment_dummies():
    design = build_design(validate_driver_data(_frame(), "nps", ["wait"], ["channel"]))
    assert design.control_columns == ["channel[T.phone]", "channel[T.web]"]
    assert list(design.exog.columns[:2]) == ["Intercept", "wait"]
