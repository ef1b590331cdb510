"""Reading input tables: what a user's file can look like, and what each reader makes of it."""
from __future__ import annotations

import pytest

from voc_engine.errors import InputFileError
from voc_engine.io import iter_table, read_table


def test_a_zero_byte_csv_has_no_rows_like_a_header_alone(tmp_path):
    empty, header = tmp_path / "empty.csv", tmp_path / "header.csv"
    empty.write_bytes(b"")
    header.write_text("id,text\n")
    assert list(iter_table(empty)) == [] and read_table(empty).empty
    assert sum(len(chunk) for chunk in iter_table(header)) == 0


def test_a_directory_is_not_an_input_file(tmp_path):
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    with pytest.raises(InputFileError, match="not a file"):
        list(iter_table(folder))
    with pytest.raises(InputFileError, match="not a file"):
        read_table(folder)


def test_bytes_that_are_not_utf8_are_replaced_for_scoring_and_refused_for_analysis(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n')
    (chunk,) = iter_table(source)
    assert chunk["text"].tolist() == ["fine", "caf\ufffd"]
    with pytest.raises(InputFileError, match=r"invalid UTF-8 .*\(row 1\)"):
        read_table(source)


def test_a_csv_with_semicolons_is_read_as_spreadsheets_in_decimal_comma_locales_write_it(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("id;text\n1;Service lent, 2,50 € de frais\n2;ok\n")
    (chunk,) = iter_table(source)
    assert chunk["text"].tolist() == ["Service lent, 2,50 € de frais", "ok"]
    assert read_table(source)["id"].tolist() == ["1", "2"]
    # A comma in the header keeps the comma: semicolons inside fields stay text.
    source.write_text("id,text\n1,\"late; rude\"\n")
    assert read_table(source)["text"].tolist() == ["late; rude"]


def test_a_csv_row_with_too_many_fields_is_named_by_its_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,text\n1,fine\n2,bad, very bad\n")
    with pytest.raises(InputFileError) as caught:
        read_table(path)
    assert caught.value.row == 1
    assert "line 3 has 3 fields where the header has 2" in str(caught.value)
