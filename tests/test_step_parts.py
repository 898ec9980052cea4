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


def test_other_outputs_are_one_file_and_a_rewrite_replaces_the_parts(tmp_path):
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


def test_a_frame_is_stored_as_arrow_and_comes_back_with_its_types(tmp_path):
    import datetime as dt

    frame = pl.DataFrame({
        "fact_id": ["f1", "f2"],
        "topic": pl.Series(["capex", "compute"], dtype=pl.Enum(["capex", "compute", "other"])),
        "value": [1.5, None],
        "period": [[2024, 2025], []],
        "span": [{"start": 1, "end": 4}, {"start": 9, "end": 12}],
        "seen_at": [dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc), None],
    })
    path = tmp_path / "facts"
    write_output(frame, path)
    assert path.read_bytes()[:6] == b"ARROW1"
    back = read_output(path)
    assert back.equals(frame) and back.schema == frame.schema
    # Beside it in a dict output, what is not a frame is pickled.
    write_output({"facts": frame, "claims": frame, "more": frame}, path)
    assert sorted(p.name for p in parts_folder(path).iterdir()) == ["0.arrow", "1.arrow", "2.arrow"]
    write_output({"problems": ["x"], "facts": frame}, path)
    # the parts of the earlier write are gone: 0.pickle, 1.arrow now
    assert sorted(p.name for p in parts_folder(path).iterdir()) == ["0.pickle", "1.arrow"]
    again = read_output(path)
    assert again["problems"] == ["x"] and again["facts"].equals(frame)


def test_a_frame_pickled_by_an_earlier_version_is_read(tmp_path):
    import pickle

    frame = pl.DataFrame({"fact_id": ["f1"], "value": [2.0]})
    path = tmp_path / "facts"
    path.write_bytes(pickle.dumps(frame))
    assert read_output(path).equals(frame)
