"""`voc ingest` internals: CSV/JSONL/Parquet, column mapping, malformed rows, resume without duplicates."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from voc_engine.errors import InputFileError
from voc_engine.ingest import FieldMap, ingest_file
from voc_engine.ingest.mapping import MappingError
from voc_engine.store.repository import CommentFilter

MAP = "text=comment,created_at=date,nps=score,external_id=response_id,customer_id=cust,touchpoint=tp,meta.store=shop"


def survey_frame(n: int = 10) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"R{i:03d}" for i in range(n)],
            "comment": [("bad wait " if i % 3 == 0 else "great visit ") + str(i) for i in range(n)],
            "date": [f"2026-11-{1 + i % 28:02d} 12:00:00 -0500" for i in range(n)],
            "score": [i % 11 for i in range(n)],
            "cust": [f"c{i % 4}" for i in range(n)],
            "tp": ["checkout"] * n,
            "shop": ["north"] * n,
        }
    )


@pytest.mark.parametrize("suffix", ["csv", "semicolon csv", "jsonl", "parquet"])
def test_every_format_with_a_column_map(store, enrich, tmp_path, suffix):
    # "semicolon csv": what spreadsheets write in decimal-comma locales, read as `voc score` reads it.
    frame = survey_frame()
    path = tmp_path / f"survey.{suffix.split()[-1]}"
    if suffix == "csv":
        frame.to_csv(path, index=False)
    elif suffix == "semicolon csv":
        frame.to_csv(path, index=False, sep=";")
    elif suffix == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_parquet(path)
    report = ingest_file(
        path, "qualtrics", FieldMap.parse(MAP, "channel=survey"), store, enrich, chunk_rows=4, progress=False
    )
    assert (report.rows_read, report.created, report.rejected, report.completed) == (10, 10, 0, True)
    stored = store.list_comments(CommentFilter(source=["qualtrics"]), limit=100).items
    first = next(c for c in stored if c["external_id"] == "R000")
    assert first["channel"] == "survey" and first["touchpoint"] == "checkout"
    assert first["customer_id"] == store.pii.customer_id("c0") and first["scores"] == {"nps": 0}
    assert first["metadata"] == {"store": "north"}
    assert first["created_at"] == "2026-11-01T17:00:00+00:00"  # 12:00 at UTC-5
    again = ingest_file(
        path,
        "qualtrics",
        FieldMap.parse(MAP, "channel=survey"),
        store,
        enrich,
        chunk_rows=4,
        progress=False,
        resume=False,
    )
    assert (again.created, again.already_stored) == (0, 10)


def test_malformed_rows_are_reported_by_index_and_skipped(store, enrich, tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(
        "response_id,comment,score\n"
        "a,fine,9\n"  # row 0: good
        "b,,9\n"  # row 1: empty text
        "c,ok,eleven\n"  # row 2: score not a number
        "d,too,many,fields\n"  # row 3: wrong field count
        'e,"great, really",10\n'  # row 4: good (quoted comma)
        "f,bad,11\n"
    )  # row 5: nps out of range
    errors = tmp_path / "errors.jsonl"
    report = ingest_file(
        path,
        "web",
        FieldMap.parse("text=comment,nps=score,external_id=response_id"),
        store,
        enrich,
        progress=False,
        errors_path=errors,
    )
    assert (report.created, report.rejected) == (2, 4)
    assert [e["index"] for e in report.errors] == [1, 2, 3, 5]
    assert "line 5 has 4 fields where the header has 3" in report.errors[2]["error"]
    assert [json.loads(line)["index"] for line in errors.read_text().splitlines()] == [1, 2, 3, 5]
    assert "row 1:" in report.summary()


def test_malformed_jsonl_lines(store, enrich, tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"text": "fine", "external_id": "1"}\n{not json}\n\n[1, 2]\n{"text": "great", "external_id": "2"}\n'
    )
    report = ingest_file(path, "app", FieldMap.parse("text=text"), store, enrich, progress=False)
    assert report.created == 2
    assert [(e["index"], e["error"].split(":")[0]) for e in report.errors] == [
        (1, "not valid JSON"),
        (3, "each line must be a JSON object"),
    ]


def test_interrupted_ingest_resumes_without_duplicates(store, enrich, tmp_path):
    path = tmp_path / "big.csv"
    survey_frame(50).to_csv(path, index=False)
    field_map = FieldMap.parse(MAP)
    first = ingest_file(path, "s", field_map, store, enrich, chunk_rows=8, progress=False, max_rows=20)
    assert not first.completed and first.rows_read == 20 and store.count_comments() == 20
    second = ingest_file(path, "s", field_map, store, enrich, chunk_rows=8, progress=False)
    assert second.resumed_from == 20 and second.rows_read == 30 and second.created == 30 and second.completed
    third = ingest_file(path, "s", field_map, store, enrich, chunk_rows=8, progress=False)
    assert third.completed and third.already_complete and third.rows_read == 0  # the checkpoint says done
    assert store.count_comments() == 50


def test_without_an_id_column_the_row_content_is_the_key(store, enrich, tmp_path):
    path = tmp_path / "noid.csv"
    pd.DataFrame({"text": ["bad wait", "great", "bad wait"], "nps": [1, 10, 1]}).to_csv(path, index=False)
    report = ingest_file(path, "s", FieldMap.parse(None), store, enrich, progress=False)
    # same text and score in rows 0 and 2: one comment (identical content cannot be told apart)
    assert (report.created, report.already_stored) == (2, 1)
    again = ingest_file(path, "s", FieldMap.parse(None), store, enrich, progress=False, resume=False)
    assert again.created == 0


def test_mapping_errors_name_the_problem(store, enrich, tmp_path):
    path = tmp_path / "s.csv"
    survey_frame(2).to_csv(path, index=False)
    with pytest.raises(InputFileError, match="'missing_col'"):
        ingest_file(path, "s", FieldMap.parse("text=missing_col"), store, enrich, progress=False)
    with pytest.raises(MappingError, match="unknown field 'colour'"):
        FieldMap.parse("colour=tp")
    with pytest.raises(MappingError, match="no text column"):
        ingest_file(path, "s", FieldMap.parse("nps=score"), store, enrich, progress=False)
    with pytest.raises(MappingError, match="FIELD=VALUE"):
        FieldMap.parse("text")
    (tmp_path / "s.xlsx").write_text("x")
    with pytest.raises(InputFileError, match="format"):
        ingest_file(tmp_path / "s.xlsx", "s", FieldMap.parse("text=comment"), store, enrich, progress=False)


def test_a_source_column_names_the_system_per_row(store, enrich, tmp_path):
    path = tmp_path / "mixed.csv"
    pd.DataFrame(
        {
            "source": ["livechat", "complaints-inbox", ""],
            "external_id": ["1", "1", "2"],
            "text": ["bad wait", "awful price", "great"],
        }
    ).to_csv(path, index=False)
    report = ingest_file(path, None, FieldMap.parse(None), store, enrich, progress=False)
    # same external id under two systems: two comments; the blank source row has no source at all
    assert (report.created, report.rejected) == (2, 1)
    assert report.errors[0]["index"] == 2 and "source" in report.errors[0]["error"]
    assert store.count_comments(CommentFilter(source=["livechat"])) == 1
    # with --source, a same-name column is not used unless mapped: ids 1, 1, 2 under one source,
    # and the second "1" is another comment under a key already used: an error, not a silent drop
    again = ingest_file(path, "fallback", FieldMap.parse(None), store, enrich, progress=False)
    assert (again.created, again.rejected) == (2, 1)
    assert again.errors[0]["index"] == 1 and "row 0" in again.errors[0]["error"]
    assert store.count_comments(CommentFilter(source=["fallback"])) == 2
    with pytest.raises(MappingError, match="no source"):
        FieldMap.parse("text=text").resolve(["text"], None)


def _telecom_channels(tmp_path):
    path = tmp_path / "telecom.csv"
    pd.DataFrame(
        {
            "id": ["1", "2", "3", "4", "5"],
            "text": ["bad wait", "great visit", "awful price", "bad wait again", "ok"],
            "channel": ["Call", "store", "field_service", "survey", "call"],
        }
    ).to_csv(path, index=False)
    return path


def test_unknown_channels_are_refused_by_default_with_the_list_and_a_hint(store, enrich, tmp_path):
    report = ingest_file(_telecom_channels(tmp_path), "t", FieldMap.parse("external_id=id"), store, enrich, progress=False)
    assert (report.created, report.rejected) == (1, 4)
    assert "known: survey" in report.errors[0]["error"] and "--map-values" in report.errors[0]["error"]


def test_values_are_mapped_at_the_door_and_the_rest_filed_under_other(store, enrich, tmp_path):
    from voc_engine.ingest.mapping import parse_value_maps

    catalogue = store.catalogue.with_overrides(
        parse_value_maps(["channel=call:contact_centre,store:branch"]), unknown_channel="other"
    )
    report = ingest_file(
        _telecom_channels(tmp_path), "t", FieldMap.parse("external_id=id"), store, enrich, progress=False,
        catalogue=catalogue,
    )
    assert (report.created, report.rejected) == (5, 0)
    assert report.values_changed["channel"] == {"mapped": 3, "other": 1}
    assert "channel: 3 mapped, 1 unknown filed under 'other'" in report.summary()
    stored = {c["external_id"]: c["channel"] for c in store.list_comments(limit=10).items}
    assert stored == {"1": "contact_centre", "2": "branch", "3": "other", "4": "survey", "5": "contact_centre"}


def test_the_catalogue_file_maps_values_for_every_entry_point(db_url, tmp_path, enrich):
    from voc_engine.config import Settings
    from voc_engine.store.repository import FeedbackStore

    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("value_map:\n  channel: {call: contact_centre}\nunknown_channel: other\n")
    store = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var", catalogue_file=catalogue))
    try:
        results = store.ingest(
            [
                {"source": "api", "external_id": "a", "text": "bad wait", "channel": "CALL"},
                {"source": "api", "external_id": "b", "text": "bad wait", "channel": "pigeon"},
            ],
            enrich,
        )
        assert [store.get_comment(r.id)["channel"] for r in results] == ["contact_centre", "other"]
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "spec", ["colour=a:b", "channel=call", "channel=:x", "channel"]
)
def test_a_malformed_value_map_is_a_clear_error(spec):
    from voc_engine.ingest.mapping import parse_value_maps

    with pytest.raises(MappingError, match="--map-values"):
        parse_value_maps([spec])


def test_voc_ingest_maps_values_from_the_command_line(db_url, tmp_path, monkeypatch, pipeline):
    from typer.testing import CliRunner

    from voc_engine.cli import app

    monkeypatch.setenv("VOC_DATABASE_URL", db_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "var"))
    path = _telecom_channels(tmp_path)
    result = CliRunner().invoke(
        app,
        ["ingest", str(path), "--source", "t", "--map", "external_id=id", "--quiet", "--json",
         "--map-values", "channel=call:contact_centre,store:branch", "--unknown-channel", "other"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["created"], report["rejected"]) == (5, 0)
    assert report["values_changed"] == {"channel": {"mapped": 3, "other": 1}}
