"""Step outputs stored part by part (pipelines.step_parts, the I/O manager of every step): a dict
output comes back whole or as the parts an input names, anything else as it was stored, and an
input naming a part that was not stored fails instead of reading an empty one."""

import polars as pl
import pytest

from pipelines.step_parts import parts_folder, read_output, write_output


def test_a_dict_output_is_stored_per_key_and_read_whole_or_in_part(tmp_path):
    figures = pl.DataFrame({"source_id": ["a", "b"], "value": [1.0, 2.0]})
    records = pl.DataFrame({"source_id": ["a", "b"], "status": ["extracted", "rejected"]})
    path = tmp_path / "extracted_figures"
    write_output({"figures": figures, "records": records, "problems": ["x"]}, path)
    assert len(list(parts_folder(path).iterdir())) == 3
    whole = read_output(path)
    assert list(whole) == ["figures", "records", "problems"]
    assert whole["figures"].equals(figures) and whole["records"].equals(records) and whole["problems"] == ["x"]
    some = read_output(path, ["records"])
    assert list(some) == ["records"] and some["records"].equals(records)
    with pytest.raises(KeyError, match="no part rejections"):
        read_output(path, ["records", "rejections"])


def test_other_outputs_are_one_pickle_and_a_rewrite_replaces_the_parts(tmp_path):
    path = tmp_path / "facts"
    frame = pl.DataFrame({"fact_id": ["f1"]})
    write_output(frame, path)
    assert read_output(path).equals(frame)
    write_output({}, path)
    assert read_output(path) == {}
    write_output({"claims": frame}, path)
    write_output({"claims": frame.clear(), "facts": frame}, path)
    again = read_output(path)
    assert again["claims"].is_empty() and again["facts"].equals(frame)
    # A dict stored whole (by Dagster's default I/O manager before) is read in part too.
    import pickle

    path.write_bytes(pickle.dumps({"records": frame, "figures": frame}))
    assert list(read_output(path, ["records"])) == ["records"]
