"""The gazetteer, the entity matcher, the figure → entity rule and the `entities` table,
on real sentences of the five documents (exact expected values)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines import entities
from pipelines.contract import ENTITIES
from pipelines.entities import (
    GazetteerError,
    entities_named,
    entity_for_figure,
    load_gazetteer,
    match_entities,
    unknown_organisations,
)
from pipelines.entities_table import entities_table

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GAZETTEER = RAW / "reference" / "entities.yaml"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """The text of every registered document as the pipeline reads it (converted for PDF, XLSX...)."""
    from pipelines.registry import load_registry
    from pipelines.source_tables import document_texts, registry_frame

    return document_texts(RAW, registry_frame(load_registry(RAW)))


@pytest.fixture(scope="module")
def documents(texts) -> pl.DataFrame:
    return pl.DataFrame({"source_id": list(texts), "text": list(texts.values())})


def sentence(texts: dict[str, str], source_id: str, start: str, end: str = ".") -> str:
    """The real text from `start` up to and including the next `end`."""
    text = texts[source_id]
    i = text.index(start)
    return text[i:text.index(end, i + len(start)) + len(end)]


def mentions(s: str, gaz) -> list[tuple[str, str, float]]:
    return [(m.entity_id, m.text, m.confidence) for m in match_entities(s, gaz)]


def figure(s: str, fig: str, gaz) -> str | None:
    i = s.index(fig)
    return entity_for_figure(s, i, i + len(fig), gaz)


ATOMICO = "atomico-2025-state-of-european-tech-article"
IFRI = "ifri-2025-startups-ia-generative"
REBOOT = "reboot-2025-france-bataille-ia"
INAS = "inas-2025-investai-usines-ia"
TFS = "future-society-2025-modeles-ouverts-frontiere"


# --- the gazetteer --------------------------------------------------------------------------


def test_real_gazetteer_loads_with_its_groups(gaz):
    assert gaz["big-tech"].members == ("microsoft", "apple", "amazon", "alphabet", "meta")
    assert gaz["big-tech-and-nvidia"].members == ("microsoft", "apple", "amazon", "alphabet", "meta", "nvidia")
    assert gaz["big-tech-four"].members == ("microsoft", "alphabet", "amazon", "meta")
    assert {gaz[i].kind for i in ("big-tech", "big-tech-and-nvidia", "big-tech-four")} == {"group"}
    assert (gaz["elevenlabs"].name, gaz["elevenlabs"].kind) == ("ElevenLabs", "startup")


@pytest.mark.parametrize(
    ("heading", "entity_id", "name", "confidence"),
    [
        ("OnzeLabs", "elevenlabs", "ElevenLabs", 0.95),
        ("Profond", "deepl", "DeepL", 0.9),
        ("Laboratoires de la Forêt-Noire", "black-forest-labs", "Black Forest Labs", 0.95),
        ("Nébius", "nebius", "Nebius", 0.95),
        ("Domyne", "domyn", "Domyn", 0.9),
        ("Néchelle", "nscale", "Nscale", 0.6),
    ],
)
def test_machine_translated_names_resolve_to_the_real_company(texts, gaz, heading, entity_id, name, confidence):
    # doc 001 gives each company a one-line heading followed by its description.
    line = sentence(texts, ATOMICO, f"\n{heading}\n", "\n\n")
    found = match_entities(line, gaz)
    assert [(m.entity_id, m.alias, m.text, m.confidence) for m in found] == [(entity_id, heading, heading, confidence)]
    assert line[found[0].start:found[0].end] == heading
    assert gaz[entity_id].name == name


def test_profond_as_a_common_adjective_is_not_deepl(texts, gaz):
    s = sentence(texts, ATOMICO, "Si l’Europe parvient à renforcer")
    assert "technologie profonde" in s
    assert mentions(s, gaz) == []


def test_group_five_big_tech_and_nvidia(texts, gaz):
    s = sentence(texts, IFRI, "Les cinq *Big Tech* et Nvidia")
    found = match_entities(s, gaz)
    assert [(m.entity_id, m.alias, m.text) for m in found] == [
        ("big-tech-and-nvidia", "cinq Big Tech et Nvidia", "cinq *Big Tech* et Nvidia")
    ]
    assert figure(s, "169 milliards de dollars", gaz) == "big-tech-and-nvidia"


def test_enumeration_of_the_five_resolves_to_the_group(texts, gaz):
    s = sentence(texts, IFRI, "Depuis 2019, la capitalisation des grands groupes numériques")
    assert [m.entity_id for m in match_entities(s, gaz)] == ["microsoft", "apple", "amazon", "alphabet", "meta"]
    assert figure(s, "11,8 billions de dollars", gaz) == "big-tech"


def test_four_big_tech_aside_is_skipped(texts, gaz):
    s = sentence(texts, IFRI, "Rien que les quatre principales")
    assert figure(s, "320 milliards de dollars", gaz) == "big-tech-four"


def test_enumeration_without_a_group_gives_no_entity(texts, gaz):
    s = sentence(texts, IFRI, "au dernier trimestre, Amazon, Microsoft et Alphabet")
    assert figure(s, "50,6 milliards de dollars", gaz) is None
    s = sentence(texts, IFRI, "AWS, Microsoft Azure et Google Cloud contrôlent")
    assert [m.text for m in match_entities(s, gaz)] == ["AWS", "Microsoft Azure", "Google Cloud", "Nvidia"]
    assert figure(s, "68 %", gaz) is None
    assert figure(s, "90 %", gaz) == "nvidia"


def test_meta_versus_metaux_and_metaverses(texts, gaz):
    assert mentions(sentence(texts, IFRI, "Meta prévoit d'investir"), gaz) == [("meta", "Meta", 1.0)]
    title = sentence(texts, IFRI, "« Big Tech's Supersized Ambitions", "»")
    assert "Metaverses" in title
    assert [m.entity_id for m in match_entities(title, gaz)] == ["big-tech"]
    assert match_entities("Les métaux rares, la méta-analyse et le metaverse.", gaz) == []


def test_elisions_and_curly_apostrophes(texts, gaz):
    s = sentence(texts, IFRI, "Dans l'éducation par exemple")
    found = match_entities(s, gaz)
    assert [(m.entity_id, m.text) for m in found] == [("chegg", "Chegg"), ("openai", "OpenAI")]
    assert s[found[1].start - 2:found[1].end] == "d'OpenAI"
    assert mentions(sentence(texts, IFRI, "Face à cette annonce, l'Union européenne"), gaz) == [
        ("european-union", "Union européenne", 1.0),
        ("investai", "InvestAI", 1.0),
    ]
    assert mentions(sentence(texts, ATOMICO, "Selon le State of European Tech 2025"), gaz) == [("atomico", "Atomico", 1.0)]


def test_single_letter_and_chip_names_are_not_h_company(texts, gaz):
    s = sentence(texts, IFRI, "46. D. Cerdeiro, G. H. Hong")
    assert "h-company" not in [m.entity_id for m in match_entities(s, gaz)]
    s = sentence(texts, REBOOT, "Ils auraient accès")
    assert match_entities(s, gaz) == []


def test_longest_name_wins(texts, gaz):
    s = sentence(texts, INAS, "Stéphane Le Bolloch ,", "\n")
    assert [m.entity_id for m in match_entities(s, gaz)] == ["inas"]  # not the European Commission
    s = sentence(texts, IFRI, "La Federal Trade Commission (FTC)", ":")
    assert mentions(s, gaz) == [("ftc", "Federal Trade Commission", 1.0), ("ftc", "FTC", 1.0)]


# --- which entity a figure is about -----------------------------------------------------------


def test_subject_before_then_first_after_in_the_clause(texts, gaz):
    s = sentence(texts, TFS, "Pour y répondre, Londres mise")
    assert figure(s, "22 milliards de dollars", gaz) == "microsoft"
    assert figure(s, "5 milliards", gaz) == "alphabet"
    assert figure(s, "120 000 GPU", gaz) == "nvidia"
    s = sentence(texts, INAS, "En réaction à cette annonce")
    assert figure(s, "200 milliards d’euros", gaz) == "investai"


def test_attribution_and_comparison_are_not_subjects(texts, gaz):
    assert figure(sentence(texts, INAS, "Selon une étude menée par Next Level Jobs EU"), "75 %", gaz) is None
    assert figure(sentence(texts, REBOOT, "Selon SemiAnalysis"), "1,6 milliard de dollars", gaz) == "deepseek"
    assert figure(sentence(texts, IFRI, "Le succès de Deepseek"), "90 %", gaz) == "deepseek"  # not OpenAI
    s = sentence(texts, IFRI, "Cette stratégie se reflète dans l'explosion")
    assert figure(s, "5 à 10 milliards de dollars", gaz) is None  # "selon le PDG d'Anthropic"
    assert figure(sentence(texts, REBOOT, "DeepSeek, la startup chinoise"), "5-6 millions de dollars", gaz) == "deepseek"


def test_aside_between_dashes_is_skipped(texts, gaz):
    s = sentence(texts, IFRI, "course avec xAI")
    assert figure(s, "200 000 GPU", gaz) == "xai"  # not "le PDG de Nvidia"


def test_figure_overlapping_a_programme_name(texts, gaz):
    s = sentence(texts, INAS, "De nouveaux superordinateurs")
    assert figure(s, "deux autres usines d’IA", gaz) == "eu-ai-factories"
    s = sentence(texts, INAS, "Ce premier effort a été renforcé")
    assert figure(s, "20 milliards d’euros", gaz) == "eu-ai-gigafactories"


def test_no_mention_no_entity(texts, gaz):
    assert figure(sentence(texts, REBOOT, "Une entreprise qui vaut"), "4 000 milliards de dollars", gaz) is None


# --- the entities table and the audit list ----------------------------------------------------


def test_entities_table_conforms_and_lists_sources(gaz, documents):
    mentions = pl.DataFrame(
        [{"source_id": sid, "entity_id": eid} for sid, text in documents.iter_rows() for eid in entities_named(text, gaz)])
    table = entities_table(gaz, mentions)
    ENTITIES.pandera_schema().validate(table)
    assert table.columns == [c.name for c in ENTITIES.columns]
    rows = {r["entity_id"]: r for r in table.to_dicts()}
    assert rows["elevenlabs"]["aliases"] == ["OnzeLabs"]
    assert rows["elevenlabs"]["source_ids"] == [ATOMICO]
    assert rows["deepseek"]["source_ids"] == sorted([IFRI, REBOOT, INAS, TFS])
    assert rows["nvidia"]["source_ids"] == sorted([IFRI, REBOOT, INAS, TFS, "eurohpc-2025-top500-systems"])  # "NVIDIA GH200"
    assert rows["big-tech-and-nvidia"]["members"] == ["microsoft", "apple", "amazon", "alphabet", "meta", "nvidia"]
    assert rows["helsing"]["source_ids"] == []  # kept although no source names it
    assert rows["meta"]["members"] == []


def test_unknown_organisations_reports_names_missing_from_the_gazetteer(tmp_path, documents):
    data = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))
    data["entities"] = [e for e in data["entities"] if e["id"] not in ("chegg", "nebius", "tsmc")]
    path = tmp_path / "entities.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    smaller = load_gazetteer(path)
    unknown = unknown_organisations(documents, smaller)
    assert unknown.columns == ["name", "source_id", "count", "example"]
    found = {(r["name"], r["source_id"]) for r in unknown.to_dicts()}
    assert {("Chegg", IFRI), ("Nébius", ATOMICO), ("TSMC", REBOOT)} <= found
    # Sentence-initial common words, authors and quoted English titles are not reported.
    assert not {"Cependant", "Kruppa", "Metaverses", "Selon"} & {n for n, _ in found}


def test_unknown_organisations_with_the_full_gazetteer_has_no_known_name(gaz, documents):
    names = set(unknown_organisations(documents, gaz)["name"])
    assert not names & {"Chegg", "Nébius", "OnzeLabs", "TSMC", "DeepSeek", "OpenAI", "NVIDIA"}


def test_unknown_organisations_on_the_seeds_is_empty_so_the_check_passes(gaz, texts):
    # Per document, as the extraction computes it for the `unknown_organisation_names` check.
    for source_id, text in texts.items():
        unknown = unknown_organisations(pl.DataFrame({"source_id": [source_id], "text": [text]}), gaz)
        assert unknown.to_dicts() == [], source_id


@pytest.mark.parametrize(("text", "listed"), [
    # A common noun written with a capital (word lists of French and English) is not a name; a new company is.
    ("Les usines disposeront d'un réseau Internet rapide, comme celles de Zyphralis.", ["Zyphralis"]),
    ("Elle est Analyste au sein de la société Quantelio.", ["Quantelio"]),
    # After a French article, a title's capitalised first words; without one, a name.
    ("L'expérience. Le Context Engineering, selon Brevalis Robotics.", ["Brevalis Robotics"]),
    ("Ils construisent des Data Centers en France avec Korvanta.", ["Korvanta"]),
    # Quoted titles and the publication details of a numbered reference.
    ("12. « The Social-Media Giant Is Spending Billions », Office of Technology Staff, 2024.", []),
    ("Selon un rapport de Veltrix Systems, « Open-Source AI Means Business ».", ["Veltrix Systems"]),
    # A street name in a postal address; a capitalised lead-in label before a colon.
    ("27 rue de la Procession 75740 Paris, siège de Norvexa.", ["Norvexa"]),
    ("À LIRE AUSSI : un entretien avec Dravolen.", ["Dravolen"]),
])
def test_unknown_organisations_lists_new_names_but_not_capitalised_common_words(gaz, text, listed):
    unknown = unknown_organisations(pl.DataFrame({"source_id": ["doc"], "text": ["Introduction.\n" + text]}), gaz)
    assert unknown.get_column("name").to_list() == listed


# --- validation errors --------------------------------------------------------------------------

BAD = """\
entities:
  - id: acme
    name: Acme
    kind: startup
    country: FR
    aliases: [Acme AI]
  - id: acme
    name: Acme bis
    kind: startup
    country: FR
  - id: bolt
    name: Bolt
    kind: unicorn
    country: XX
    aliases: [Acme AI]
  - id: trio
    name: Trio
    kind: group
    country: US
    members: [acme, ghost]
  - id: solo
    name: Solo
    kind: company
    country: US
    members: [acme]
    aliases:
      - alias: Solo Inc
        confidence: 2
"""


def test_malformed_gazetteer_names_file_line_entry_and_field(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    problems = info.value.problems
    p = str(path)
    assert f"{p}:7: entities[1] (id 'acme'): field id: duplicate id (first defined at line 2)" in problems
    assert any(x.startswith(f"{p}:13: entities[2] (id 'bolt'): field kind: 'unicorn' is not one of") for x in problems)
    assert f"{p}:14: entities[2] (id 'bolt'): field country: 'XX' is not an ISO 3166-1 alpha-2 code, EU, EUROPE or WORLD" in problems
    assert f"{p}:15: entities[2] (id 'bolt'): field aliases: 'Acme AI' is already claimed by entity 'acme'" in problems
    assert f"{p}:20: entities[3] (id 'trio'): field members: 'ghost' is not a known entity id" in problems
    assert f"{p}:25: entities[4] (id 'solo'): field members: only a group (kind: group) has members" in problems
    assert f"{p}:27: entities[4] (id 'solo'): field aliases[0]: confidence 2 must be a number in (0, 1]" in problems
    assert len(problems) == 7


def test_gazetteer_must_be_a_mapping_with_entities(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("- id: acme\n  name: Acme\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="must be a mapping with an `entities` list"):
        load_gazetteer(path)


def test_a_single_letter_an_initial_or_a_function_word_is_refused_as_an_alias(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(
        "entities:\n"
        "  - id: mistral-ai\n"
        "    name: Mistral AI\n"
        "    kind: startup\n"
        "    aliases:\n"
        "      - M\n"
        "      - alias: J.\n"
        "        confidence: 0.5\n"
        "      - Les\n"
        "      - Mistral\n"
        "  - id: acme\n"
        "    name: X\n"
        "    kind: company\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    p = str(path)
    assert info.value.problems == [
        f"{p}:6: entities[0] (id 'mistral-ai'): field aliases[0]: 'M' is a single letter or character: it would match everywhere and reassign facts",
        f"{p}:7: entities[0] (id 'mistral-ai'): field aliases[1]: 'J.' is a person's initial: it would match everywhere and reassign facts",
        f"{p}:9: entities[0] (id 'mistral-ai'): field aliases[2]: 'Les' is a common word of the language: it would match everywhere and reassign facts",
        f"{p}:12: entities[1] (id 'acme'): field name: 'X' is a single letter or character: it would match everywhere and reassign facts",
    ]


def test_a_gazetteer_whose_yaml_aliases_form_a_cycle_is_refused_with_its_line(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("entities:\n  - id: acme\n    name: Acme\n    kind: company\n    members: &m [*m]\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"not valid YAML: a YAML alias \(\*name\) refers to a value that contains it "
                                             r"\(a cycle\)\n  in \"<unicode string>\", line 5, column 14"):
        load_gazetteer(path)


def test_invisible_characters_inside_a_name_do_not_hide_it(gaz):
    sentence = "Selon Mist\u200bral\u00a0AI et Nvi\u200fdia, 12 milliards."
    assert [(m.entity_id, m.start, m.end, m.text) for m in match_entities(sentence, gaz)] == [
        ("mistral-ai", 6, 17, "Mist\u200bral\u00a0AI"), ("nvidia", 21, 28, "Nvi\u200fdia")]


def test_entities_named_reads_a_long_document_in_pieces_and_finds_names_in_each(gaz):
    filler = "texte sans nom propre. " * 5000  # over 64 KB between the two names
    assert entities_named("Nvidia annonce.\n" + filler + "\nMistral AI répond.", gaz) == ["mistral-ai", "nvidia"]


def test_scope_is_where_a_programme_spends_and_fills_a_missing_place(tmp_path, gaz):
    from pipelines.facts import with_entity_scope

    # Public programmes and bodies spend where they govern; a company has no scope unless reviewed.
    assert (gaz.entities["investai"].scope, gaz.entities["france-2030"].scope) == ("EU", "FR")
    assert (gaz.entities["microsoft"].scope, gaz.entities["stargate"].scope) == (None, "US")
    entities = pl.DataFrame({"entity_id": ["investai", "microsoft"], "scope": ["EU", None]})
    facts = pl.DataFrame({"fact_id": ["a", "b", "c"], "entity_id": ["investai", "microsoft", "investai"],
                          "geo": [None, None, "FR"]})
    assert with_entity_scope(facts, entities).get_column("geo").to_list() == ["EU", None, "FR"]  # a stated place wins
    path = tmp_path / "entities.yaml"
    path.write_text("entities:\n  - id: acme\n    name: Acme\n    kind: company\n    country: US\n    scope: Mars\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"field scope: 'Mars' is not an ISO 3166-1 alpha-2 code"):
        load_gazetteer(path)


def test_topic_names_are_the_start_ups_names_we_are_sure_of(gaz):
    names = gaz.topic_names
    assert ("startups", "Mistral AI") in names and ("startups", "Mistral") in names  # alias at 0.9
    assert ("startups", "Clone") not in names  # an alias at 0.7 is too often a common word
    assert not any(name == "SoftBank" or name == "Microsoft" for _, name in names)  # investors, big tech: several topics
    assert {topic for topic, _ in names} == {"startups"}
    assert list(names) == sorted(names)


def test_the_registered_documents_are_read_with_the_gazetteers_topic_names(monkeypatch, gaz):
    # the bridge passes the names: a document naming a start-up gets its weak figures
    import pipelines.extraction.corpus as corpus

    seen = {}
    real = corpus.extract_document

    def spy(*args, **kwargs):
        seen["names"] = kwargs.get("names")
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus, "extract_document", spy)
    from pipelines.registry import load_registry
    entry = next(e for e in load_registry(RAW) if e.format == "txt")
    corpus.extract_registered_document(RAW, entry, gaz, None)
    assert seen["names"] == gaz.topic_names


def _normalise_one_character_at_a_time(text: str) -> tuple[str, list[int]]:
    """The normalisation's rule read one character at a time (the implementation before it copied
    plain runs whole): the oracle the faster one must equal."""
    tags = {m.start(): m.end() for m in re.finditer(r"</?(?:i|b|em|strong)>", text, re.I)}
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(text):
        if i in tags:
            i = tags[i]
            continue
        ch = text[i]
        if ch in entities._DROP_CHARS:
            i += 1
            continue
        if ch in entities._SPACES:
            if not out or out[-1] != " ":
                out.append(" ")
                index.append(i)
            i += 1
            continue
        out.append(entities._APOSTROPHES.get(ch, ch))
        index.append(i)
        i += 1
    return "".join(out), index


def test_normalisation_copies_plain_runs_and_equals_the_rule_read_per_character() -> None:
    pieces = ["a", "Bc", " ", "  ", "’", "‘", "ʼ", "'", "\u00a0", "\u202f", "\t", "\n", "*", "<i>", "</b>", "<EM>",
              "<strong>", "< i>", "<", "\u00ad", "\u200b", "d’IA", "Nvidia"]
    rng = random.Random(12)
    texts = ["", " ", "  lead", "cinq *Big Tech* et Nvidia", "d’IA <i>x</i>  \u00a0 y"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(5000)]
    for path in sorted((ROOT / "raw" / "documents").glob("*.txt"))[:3]:
        texts.append(path.read_text(encoding="utf-8"))
    for text in texts:
        assert entities.normalise(text) == _normalise_one_character_at_a_time(text), repr(text[:80])
