"""The gates that skip rules where they cannot match change no figure.

``extract_document(..., prefilter=False)`` runs every rule on every sentence (the reference); the
default path skips sentences and rules by the strings their patterns require
(``extraction.prefilter``). Both must give the same rows, on the seed documents, on every passage
of the evaluation corpus and on generated benchmark documents.
"""

import re
from pathlib import Path

import pytest

from pipelines.benchmark.corpus import iter_corpus
from pipelines.evaluation.corpus import load_corpus
from pipelines.evaluation.scoring import UNDATED_PUBLISHED_YEAR
from pipelines.extraction import periods, places, prefilter
from pipelines.extraction.candidates import FigureCandidates
from pipelines.extraction.corpus import document_subject
from pipelines.extraction.document import extract_document
from pipelines.extraction.figures import atom_pattern
from pipelines.extraction.numbers import ascii_or_non_ascii
from pipelines.extraction.segments import split_document
from pipelines.registry import Document, load_registry, read_document

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
LANGUAGES = ("fr", "en", "de")


def _both_paths(text: str, language: str, year: int, subject: str | None = None):
    gated = extract_document(text, language, year, subject=subject)
    reference = extract_document(text, language, year, subject=subject, prefilter=False)
    return gated, reference


def _seed_documents(conversions: Path) -> list[tuple[str, Document, object]]:
    out = []
    for entry in load_registry(RAW):
        document = read_document(RAW, entry, conversions=conversions)
        if isinstance(document, Document):
            out.append((entry.source_id, document, entry))
    return out


def test_gated_and_reference_paths_give_the_same_figures_on_the_seed_documents(tmp_path):
    documents = _seed_documents(tmp_path)
    assert len(documents) >= 5
    for source_id, document, entry in documents:
        gated, reference = _both_paths(document.text, entry.language, entry.published.year, document_subject(entry))
        assert gated.equals(reference), source_id
    assert sum(extract_document(d.text, e.language, e.published.year).height for _, d, e in documents) > 100


def test_gated_and_reference_paths_give_the_same_figures_on_every_corpus_passage():
    passages = load_corpus(ROOT / "tests" / "corpus")
    assert len(passages) > 50
    different = []
    for p in passages:
        year = p.published_year if p.published_year is not None else UNDATED_PUBLISHED_YEAR
        gated, reference = _both_paths(p.text, p.language, year)
        if not gated.equals(reference):
            different.append(p.id)
    assert different == []


@pytest.mark.parametrize("seed", [0, 7])
def test_gated_and_reference_paths_give_the_same_figures_on_generated_documents(seed):
    n = 0
    for doc in iter_corpus(target_bytes=150_000, seed=seed):
        gated, reference = _both_paths(doc.text, doc.language, doc.published_year)
        assert gated.equals(reference), doc.doc_id
        n += gated.height
    assert n > 100


def test_the_reference_path_runs_every_rule_everywhere():
    text = "Rien ici. Le plan prévoit 12 milliards d'euros en 2025."
    with prefilter.disabled():
        candidates = FigureCandidates(text, "fr")
        assert candidates.within(0, 9)  # "Rien ici." admitted: no gate under disabled()
        assert all(periods._rules("fr").possible("Rien ici."))
    assert not FigureCandidates(text, "fr").within(0, 9)
    assert FigureCandidates(text, "fr").within(10, len(text))
    assert not any(periods._rules("fr").possible("Rien ici."))


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"[dD](?:eux|ix)", {"deux", "dix"}),
        (r"(?i:Milliards?)", {"milliard"}),
        (r"(?!x)x|abc", {"abc"}),  # a branch that never matches requires nothing
        (r"a?b", {"b"}),
        (r"\.{4,}|\t", {"....", "\t"}),
        # a look-ahead must match in the text too; re factors the branches' common prefix
        (r"(?<![\w])un(?=[ ]+(?:milliard|million))", {"milli"}),
        (r"\d+(?:[.,]\d+)?", {prefilter._DIGIT}),
        (r"(?:a|)", None),  # the empty branch requires nothing
        (r"x*", None),
        (r"[^a]b?", None),
    ],
)
def test_required_reads_the_strings_every_match_contains(pattern, strings):
    assert prefilter.required(pattern) == (frozenset(strings) if strings is not None else None)


def _every_sentence() -> list[str]:
    texts = [(RAW / e.file).read_text(encoding="utf-8") for e in load_registry(RAW) if e.file.endswith(".txt")]
    texts += [p.text for p in load_corpus(ROOT / "tests" / "corpus")]
    return [s.text for text in texts for s in split_document(text)]


def _holds(strings: frozenset[str], text: str) -> bool:
    lowered = text.lower()
    return any(re.search(r"\d", text) if s == prefilter._DIGIT else s in lowered for s in strings)


def test_every_match_of_the_gated_patterns_holds_a_required_string():
    """What the gates rely on, checked on real text: each match of the figure atoms, of every
    period rule and of every place row contains one of the strings its pattern requires."""
    patterns = []
    for language in LANGUAGES:
        patterns.append(atom_pattern(language))
        patterns += [rx for _, rx, _ in periods._rules(language).rules]
        patterns += [rx for _, rx in places._place_rules(language).places]
    needs = [(rx, prefilter.required(rx)) for rx in patterns]
    assert all(n is not None for _, n in needs[:1])  # the atoms have a gate
    checked = 0
    for sentence in _every_sentence():
        for rx, need in needs:
            if need is None:
                continue
            for m in rx.finditer(sentence):
                assert _holds(need, m.group()) or _holds(need, sentence), (rx.pattern[:60], m.group())
                checked += 1
    assert checked > 1000


def test_a_gate_cannot_tell_on_a_character_re_folds_differently():
    """``re`` folds ``ſ`` onto ``s`` (case-insensitive), ``str.lower`` does not: then no sentence
    is skipped rather than one wrongly."""
    gate = prefilter.gate([re.compile(r"(?i:six)")])
    assert gate is not None
    assert gate.lowered("Six ans") == "six ans"
    assert gate.lowered("ſix ans") is None
    assert re.search(r"(?i:six)", "ſix") is not None
    candidates = FigureCandidates("Rien. ſix gigawatts.", "en")
    assert candidates.within(0, 5)


def test_the_block_gate_finds_every_block_the_pattern_finds():
    """``not_figures`` tries its blocks only where its gate matches: on real text, the same spans
    as trying them at every character."""
    from pipelines.extraction import not_figures
    from pipelines.extraction.numbers import finditer_at

    found = 0
    for sentence in _every_sentence():
        # the gate without e-mail addresses is used only where the sentence holds no "@" (blocked_spans)
        gates = (not_figures._BLOCK_GATE_WITH_EMAIL,) + (() if "@" in sentence else (not_figures._BLOCK_GATE,))
        for gate in gates:
            gated = [m.span() for m in finditer_at(not_figures._BLOCK, gate, sentence)]
            assert gated == [m.span() for m in not_figures._BLOCK.finditer(sentence)], sentence
            found += len(gated)
    assert found > 100


def test_a_table_of_contents_line_holds_a_leader():
    """``segments`` searches a line for a table-of-contents entry only when it holds one of the
    leaders the pattern requires (``....``, ``……``, a tab)."""
    from pipelines.extraction import segments

    lines = [line for text in [*(p.text for p in load_corpus(ROOT / "tests" / "corpus")),
                               *((RAW / e.file).read_text(encoding="utf-8") for e in load_registry(RAW)
                                 if e.file.endswith(".txt"))]
             for line in text.splitlines()]
    lines += ["Introduction ........ 5", "Chapitre 2……12", "Annexe\t42", "Sommaire 5"]
    entries = [line for line in lines if segments._TOC_LINE_RE.search(line)]
    assert len(entries) >= 3
    assert all(any(leader in line for leader in segments._TOC_LEADERS) for line in entries)


@pytest.mark.parametrize("letters", ["fF", "nNaAsScCpPvVtT", "àÀ", "-]^\\", ""])
def test_a_letter_or_non_ascii_class_matches_what_the_range_class_matches(letters):
    """The gates' cheap class (the complement of the other ASCII characters) against the class it
    replaces (``[fF\\x80-\\U0010ffff]``), on every code point."""
    cheap = re.compile(ascii_or_non_ascii(letters))
    ranged = re.compile("[" + re.escape(letters) + "\x80-\U0010ffff]")
    differ = [c for c in range(0x110000)
              if not 0xD800 <= c < 0xE000 and bool(cheap.match(chr(c))) != bool(ranged.match(chr(c)))]
    assert differ == []
    assert cheap.match("1") is None and cheap.match("é") is not None
