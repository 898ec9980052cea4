"""Notes and the body lines citing them (`pipelines.citations`), read one text at a time."""

import polars as pl

from pipelines.citations import cited_notes, note_links, note_numbers

TEXTS = {
    "doc-b": "Le budget atteint 300 millions<sup>2, 4</sup> en 2025.\nSans renvoi : 12 GPU.\n"
             "2. Rapport, « 300 millions pour l'IA », 2025.\n4. Note, « 10 usines », 2024.\n",
    "doc-a": "Les dépenses atteignent 5 milliards[7] et 2 milliards[^9].\n"
             "7. Étude, « 5 milliards », 2025.\n",
}


def _at(source_id: str, words: str) -> int:
    return TEXTS[source_id].index(words)


# Facts out of source order, two facts on one cited line, notes and figures on lines without markers.
FACTS = pl.DataFrame([
    ("f1", "doc-b", _at("doc-b", "300 millions<sup>"), "body"),
    ("f2", "doc-a", _at("doc-a", "5 milliards["), "body"),
    ("f3", "doc-b", _at("doc-b", "300 millions pour"), "citation"),
    ("f4", "doc-b", _at("doc-b", "12 GPU"), "body"),
    ("f5", "doc-a", _at("doc-a", "2 milliards"), "body"),
    ("f6", "doc-b", _at("doc-b", "10 usines"), "footnote"),
    ("f7", "doc-a", _at("doc-a", "5 milliards »"), "citation"),
    ("f8", "doc-c", 0, "body"),  # a document whose text is not given
], schema={"fact_id": pl.String, "source_id": pl.String, "char_start": pl.Int64, "location": pl.String}, orient="row")


def test_notes_are_numbered_and_cited_lines_give_their_notes_in_the_order_of_the_facts():
    numbers, cited = note_links(FACTS, TEXTS.items())
    assert numbers.rows() == [("f3", 2), ("f6", 4), ("f7", 7)]
    assert cited.rows() == [("f1", 2), ("f1", 4), ("f2", 7), ("f2", 9), ("f5", 7), ("f5", 9)]
    assert numbers.equals(note_numbers(FACTS, TEXTS)) and cited.equals(cited_notes(FACTS, TEXTS))


def test_texts_are_read_once_each_as_they_come_and_only_the_given_ones_count():
    read = []

    def one_at_a_time():
        for source_id in ("doc-a", "doc-b"):
            read.append(source_id)
            yield source_id, TEXTS[source_id]

    numbers, cited = note_links(FACTS, one_at_a_time())
    assert read == ["doc-a", "doc-b"]
    assert numbers.equals(note_numbers(FACTS, TEXTS)) and cited.equals(cited_notes(FACTS, TEXTS))
    only_a = note_links(FACTS, [("doc-a", TEXTS["doc-a"])])
    assert only_a[0].rows() == [("f7", 7)] and only_a[1].rows() == [("f2", 7), ("f2", 9), ("f5", 7), ("f5", 9)]
    none = note_links(FACTS, [])
    assert none[0].is_empty() and none[1].is_empty() and none[0].schema == {"fact_id": pl.String, "note": pl.Int64}
