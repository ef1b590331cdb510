"""Reading input files: what a user's file can look like, and what the one reader makes of it."""
from __future__ import annotations

import pandas as pd
import pytest

from voc_engine.errors import InputFileError
from voc_engine.io import BadRow, TableReader, read_table


def _frames(path) -> list[tuple[pd.DataFrame, list[BadRow]]]:
    return list(TableReader(path).frames())


def test_a_zero_byte_csv_has_no_rows_like_a_header_alone(tmp_path):
    empty, header = tmp_path / "empty.csv", tmp_path / "header.csv"
    empty.write_bytes(b"")
    header.write_text("id,text\n")
    assert _frames(empty) == [] and read_table(empty).empty
    assert _frames(header) == [] and list(read_table(header).columns) == ["id", "text"]


def test_a_directory_or_a_missing_file_is_not_an_input_file(tmp_path):
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    with pytest.raises(InputFileError, match="not a file"):
        TableReader(folder)
    with pytest.raises(InputFileError, match="not a file"):
        read_table(folder)
    with pytest.raises(InputFileError, match="not found"):
        read_table(tmp_path / "nowhere.csv")
    (tmp_path / "s.xlsx").write_text("x")
    with pytest.raises(InputFileError, match="cannot tell the format of s.xlsx"):
        TableReader(tmp_path / "s.xlsx")
    assert TableReader(tmp_path / "s.xlsx", "csv").format == "csv"


@pytest.mark.parametrize(("name", "content"), [
    ("in.jsonl", b'{"text": "fine"}\n{"text": "caf\xe9"}\n{"text": "ok"}\n'),
    ("in.csv", b'text\nfine\ncaf\xe9\nok\n'),
])
def test_bytes_that_are_not_utf8_are_replaced_for_scoring_and_a_bad_row_for_analysis(tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    [(chunk, bad)] = _frames(source)
    assert chunk["text"].tolist() == ["fine", "caf\ufffd", "ok"] and bad == []
    with pytest.raises(InputFileError, match=r"not UTF-8 \(row 1, column 'text'\)"):
        read_table(source)
    found: list[BadRow] = []
    kept = read_table(source, found)
    assert kept["text"].tolist() == ["fine", "ok"] and list(kept.index) == [0, 2]
    assert found == [BadRow(1, "bytes that are not UTF-8", "text")]


def test_a_csv_with_semicolons_is_read_as_spreadsheets_in_decimal_comma_locales_write_it(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("id;text\n1;Service lent, 2,50 € de frais\n2;ok\n")
    [(chunk, _)] = _frames(source)
    assert chunk["text"].tolist() == ["Service lent, 2,50 € de frais", "ok"]
    assert read_table(source)["id"].tolist() == ["1", "2"]  # values stay text
    # A comma in the header keeps the comma: semicolons inside fields stay text.
    source.write_text("id,text\n1,\"late; rude\"\n")
    assert read_table(source)["text"].tolist() == ["late; rude"]


def test_a_csv_row_with_too_many_fields_is_named_by_its_row_and_the_others_are_kept(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,text\n1,fine\n2,bad, very bad\n3,ok\n4\n")
    with pytest.raises(InputFileError) as caught:
        read_table(path)
    assert caught.value.row == 1
    assert "line 3 has 3 fields where the header has 2" in str(caught.value)
    found: list[BadRow] = []
    assert read_table(path, found)["id"].tolist() == ["1", "3"]
    assert [(row.index, "fields where the header has 2" in row.error) for row in found] == [(1, True), (3, True)]


def test_broken_json_lines_are_bad_rows_and_the_others_are_kept(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1}\n{"id": 2, "text": "broken\n\n[1, 2]\n{"id": 5}\n')
    rows = list(TableReader(path).rows())
    assert [(i, r if isinstance(r, dict) else r.error.split(":")[0]) for i, r in rows] == [
        (0, {"id": 1}), (1, "not valid JSON"), (3, "each line must be a JSON object"), (4, {"id": 5}),
    ]


def test_an_unclosed_quote_is_a_bad_row_not_a_value_that_swallows_the_file(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('id,text\n1,fine\n2,"never closed\n3,ok\n4,ok\n')
    found: list[BadRow] = []
    assert read_table(path, found)["id"].tolist() == ["1"]
    assert [row.index for row in found] == [1] and "never closed" in found[0].error
    # Quotes inside a value, and a quoted value over two lines, are values.
    path.write_text('id,text\n1,a "quoted" word\n2,"two\nlines"\n3,"great" service\n')
    assert read_table(path)["text"].tolist() == ['a "quoted" word', "two\nlines", "great service"]


def test_blank_lines_are_not_rows_and_empty_values_are_missing(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("id,text\n1,fine\n\n2,\n")
    table = read_table(path)
    assert table["id"].tolist() == ["1", "2"] and table["text"].isna().tolist() == [False, True]


def test_a_byte_order_mark_and_a_written_index_make_ordinary_column_names(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfid,text\n1,fine\n")
    assert TableReader(path).columns() == ["id", "text"]
    pd.DataFrame({"text": ["a", "b"]}).to_csv(path)  # with its index, as pandas writes by default
    assert list(read_table(path).columns) == ["Unnamed: 0", "text"]


def test_the_three_formats_give_the_same_rows(tmp_path):
    frame = pd.DataFrame({"id": ["a1", "a2"], "text": ["Lovely crew", "Lost my bag"]})
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "t.parquet")
    for name in ("t.csv", "t.jsonl", "t.parquet"):
        reader = TableReader(tmp_path / name)
        assert [row for _, row in reader.rows()] == frame.to_dict("records"), name
        assert read_table(tmp_path / name).to_dict("records") == frame.to_dict("records"), name
    assert TableReader(tmp_path / "t.parquet").total_rows() == 2
    assert TableReader(tmp_path / "t.jsonl").columns() is None


def test_the_analysis_commands_leave_out_unreadable_rows_and_name_them(tmp_path):
    import json

    from typer.testing import CliRunner

    from voc_engine.cli import app

    path = tmp_path / "weeks.csv"
    rows = [f"2026-W{i:02d},{3 + i % 4},50" for i in range(1, 11)]
    rows[3] = "2026-W04,3,50,extra"
    path.write_text("period,count,size\n" + "\n".join(rows) + "\n")
    out = tmp_path / "chart.json"
    result = CliRunner().invoke(app, ["spc", "--input", str(path), "--chart", "p", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out malformed CSV: line 5 has 4 fields where the header has 3" in result.output
    assert "(row 3)" in result.output
    periods = [point["period"] for point in json.loads(out.read_text())["points"]]
    assert len(periods) == 9 and "2026-W04" not in periods
