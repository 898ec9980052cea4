"""Entities: the reviewed gazetteer, and which entity a figure is about (run per document).

Plain Python + Polars (no Dagster). The gazetteer is ``raw/reference/entities.yaml`` (its header
documents the format); it is read with ``safe_yaml.safe_load_with_nodes`` (bounded aliases, no
repeated keys; the node tree is kept for line numbers).

Public API
----------
``load_gazetteer(path) -> Gazetteer``
    Reads and validates the YAML. Every problem is reported at once in a ``GazetteerError``
    whose lines name the file, the line and the entry: duplicate or malformed ids, unknown
    kinds, country codes that are not ISO 3166-1 alpha-2 / EU / EUROPE / WORLD, members that
    are not known ids (or members on a non-group, or a group without members), confidences
    outside (0, 1], and any name or alias claimed by two entities (or by an entity and an
    ``ignore`` entry) — after the typographic normalisation below, case kept.

``match_entities(sentence, gazetteer) -> list[EntityMention]``
    Rules, in order:

    1. *Normalisation* (offsets are mapped back to the sentence as given): ’ ‘ ʼ → ', no-break
       / narrow / thin spaces → space, Markdown ``*`` and ``<i> <b> <em> <strong>`` tags are
       dropped, soft hyphens and the other invisible format characters (zero-width, direction
       marks, BOM) dropped, every whitespace run → one space. So ``cinq *Big Tech* et
       Nvidia`` is read as ``cinq Big Tech et Nvidia`` and ``d’IA`` as ``d'IA``.
    2. *Exact, case- and accent-sensitive* comparison with each canonical name and alias:
       ``Meta`` never matches ``métaux`` or ``meta``; ``Nébius`` is an alias as written. An alias
       written with a lower-case initial (``usines d'IA``) also matches with a capital initial.
    3. *Whole words*: the character before and after a match must not be a letter, digit or
       ``_`` (``Meta`` is not found in ``Metaverses``; a bare ``H`` is never an alias). The
       apostrophe of an elided article is not a letter, so ``d'OpenAI``, ``l'Union européenne``
       and ``qu'Elon`` need nothing special; a hyphen ends a word (``DeepSeek-V3``).
    4. *Longest first*: all matches of all aliases (and of the reviewed ``ignore`` names) are
       collected, then kept by decreasing length, then position, dropping those that overlap a
       kept one. ``cinq Big Tech et Nvidia`` wins over ``Big Tech`` and ``Nvidia``;
       ``Commission des Affaires européennes`` (ignored) wins over ``Commission``.
    5. Matches of ``ignore`` names are not returned: they only consume their words.

``entity_for_figure(sentence, figure_start, figure_end, gazetteer) -> str | None``
    Offsets are relative to the sentence. The rule, transparent and deliberately simple:

    1. Mentions that are not subjects are set aside: a mention introduced by ``selon`` /
       ``d'après`` / ``according to`` earlier in its clause (the source of the figure: "Selon
       SemiAnalysis", "selon le PDG d'Anthropic"), and the term of a comparison — a mention
       within a few words after a comparative ``plus / moins / autant / aussi / fois … que``,
       ``than``, ``comparable à``, ``similaire à``, ``par rapport à`` ("90 % moins coûteux en
       inférence que ceux d'OpenAI"); a bare ``que`` ("tandis que", "Rien que") is not one.
    2. The figure's *clause* is the part of the sentence between the nearest separators around
       it: ``, ; : ( ) [ ]``, spaced dashes `` – `` `` — `` `` - `` and line breaks (a comma
       between digits is a decimal comma, not a separator).
    3. A mention overlapping the figure wins (``sept usines d'IA``); else the nearest mention
       before the figure in its clause (the subject: "Meta prévoit d'investir 10 milliards");
       else the first one after it in its clause ("22 milliards de dollars annoncés par
       Microsoft", "dont 600 milliards pour Nvidia seul"); else the nearest mention before the
       figure anywhere in the sentence ("InvestAI », un plan de 200 milliards"), skipping
       mentions inside a pair of dashes that does not contain the figure (an aside: "xAI, dont
       le data center – qualifié … par le PDG de Nvidia – devrait … 200 000 GPU" is xAI's).
       Mentions after the figure outside its clause are never used.
    4. *Enumerations*: when the chosen mention is part of an enumeration — mentions separated
       only by ``,`` / ``et`` / ``and`` / ``ou`` / ``or`` / ``&`` — the figure is about all of
       them together: it gets the group whose ``members`` are exactly those entities
       ("(Microsoft, Apple, Amazon, Alphabet, Meta) … 11,8 billions" → ``big-tech``), and no
       entity when no group matches ("Amazon, Microsoft et Alphabet ont investi 50,6 milliards").
    5. Otherwise ``None``: no coreference is attempted ("l'entreprise", "Leurs dépenses"); the
       reviewed annotations in ``raw/curation/`` fix what these rules cannot know.

``entities_table.entities_table(gazetteer, mentions) -> polars.DataFrame`` (its own module: a table builder)
    One row per gazetteer entity, conforming to ``pipelines.contract.ENTITIES``. ``aliases`` is
    the gazetteer's list as written (the canonical name is not repeated unless listed);
    ``members`` is empty for non-groups; ``source_ids`` are the sources whose text names the
    entity by one of its names (a group mention does not count for its members). Entities no
    source names are KEPT with empty ``source_ids``: the gazetteer is reviewed reference data
    and the ids must be stable when a later source names them.

``assign_entities(facts, gazetteer) -> polars.DataFrame``
    Convenience for the pipeline: sets ``entity_id`` of each fact (extractor rows or ``facts``)
    by ``entity_for_figure`` on its ``quote`` with offsets ``char_start - quote_start``; an
    ``entity_id`` already set is kept. Run it before ``pipelines.curation.apply_curation``.

``unknown_organisations(documents, gazetteer) -> polars.DataFrame[name, source_id, count, example]``
    The audit list that helps the gazetteer grow (reported as asset-check metadata, never an
    error). Candidates are runs of name-like tokens: CamelCase / internal capitals (``OpenAI``,
    ``iPhonesoft``), acronyms of 2+ letters, and capitalised words that are not at the start of a
    sentence, a line, a quote or a footnote. Dropped: runs overlapping a gazetteer name or a
    reviewed ``ignore`` name; tokens in the built-in stoplist (function words, months, generic
    acronyms such as GPU or PIB, place names); capitalised words whose lower-case form
    occurs as a word in the documents (common words: "Cette", "Selon", "VALEUR"); single
    capitalised words that are frequent words of French or English ("Internet", "Analyste",
    a one-word heading such as "Introduction"); capitalised runs right after a French article (a
    title's first words: "la Déclaration sur…", "des Data Centers"); and whatever stands in a
    quoted title, in the publication details of a numbered reference, in a street address, or in
    a capitalised lead-in label before a colon ("À LIRE AUSSI :").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

import polars as pl
import yaml

from pipelines.extraction.source_text import INVISIBLE_CHARACTERS
from pipelines.safe_yaml import safe_load_with_nodes

__all__ = [
    "KINDS",
    "Alias",
    "Entity",
    "IgnoredName",
    "Gazetteer",
    "GazetteerError",
    "EntityMention",
    "load_gazetteer",
    "match_entities",
    "entity_for_figure",
    "unknown_organisations",
    "assign_entities",
    "normalise",
]

KINDS = ("startup", "big_tech", "company", "public_programme", "public_body", "research_org", "investor", "group", "other")
IGNORE_WHY = ("product", "law", "event", "report", "broadcast", "publication", "place", "person", "other")
REGIONS = ("EU", "EUROPE", "WORLD")
# ISO 3166-1 alpha-2, officially assigned codes.
ISO_ALPHA2 = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
    JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
    MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
    RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
    TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split()
)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


GAZETTEER_FILE = "reference/entities.yaml"  # under raw/


#: The least confidence of an alias that counts as a topic word (``Gazetteer.topic_names``).
TOPIC_NAME_CONFIDENCE = 0.9


class GazetteerError(ValueError):
    """The gazetteer is invalid; ``problems`` lists every problem (file:line: entry: field: why)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid gazetteer:\n" + "\n".join(problems))


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    confidence: float = 1.0
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[Alias, ...] = ()
    members: tuple[str, ...] = ()
    segment: str | None = None
    note: str | None = None
    scope: str | None = None  # where its money is spent / capacity sits, when that is one place

    def names(self) -> tuple[Alias, ...]:
        """The canonical name (confidence 1) and the aliases, without repeating the name."""
        listed = {a.text for a in self.aliases}
        return ((Alias(self.name),) if self.name not in listed else ()) + self.aliases


@dataclass(frozen=True, slots=True)
class IgnoredName:
    name: str
    why: str
    of: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name of an entity found in a sentence; offsets into the sentence as given."""

    entity_id: str
    start: int
    end: int
    alias: str  # the gazetteer name or alias that matched (as listed)
    confidence: float
    text: str = ""  # the words as written in the sentence (sentence[start:end])


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # in the normalised text
    end: int
    entity_id: str | None  # None for an ignored name
    alias: str
    confidence: float


class _NamePatterns(tuple):
    """Name patterns ``(first words, pattern, entity id, alias, confidence)`` with an index from
    each first word to the patterns it opens (built once, read for every line of a text)."""

    @cached_property
    def _index(self) -> tuple[list[int], dict[str, list[int]]]:
        always: list[int] = []
        by_word: dict[str, list[int]] = {}
        for i, (first_words, *_rest) in enumerate(self):
            if not first_words:
                always.append(i)
            for w in first_words:
                by_word.setdefault(w, []).append(i)
        return always, by_word

    def candidates(self, words: set[str]) -> list[tuple]:
        """The patterns whose first word is among ``words`` (or that have none), in order."""
        always, by_word = self._index
        chosen = set(always)
        for w in words & by_word.keys():
            chosen.update(by_word[w])
        return [self[i] for i in sorted(chosen)]


@dataclass(eq=False)
class Gazetteer:
    entities: dict[str, Entity]
    ignored: tuple[IgnoredName, ...] = ()
    path: str | None = None
    _patterns: list[tuple[frozenset[str], re.Pattern[str], str | None, str, float]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        compiled = []
        for entity in self.entities.values():
            for alias in entity.names():
                compiled.append((_needle(alias.text), _alias_pattern(alias.text), entity.id, alias.text, alias.confidence))
        for ignored in self.ignored:
            compiled.append((_needle(ignored.name), _alias_pattern(ignored.name), None, ignored.name, 1.0))
        self._patterns = compiled

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    @cached_property
    def topic_names(self) -> tuple[tuple[str, str], ...]:
        """``(topic, name)`` of the names that say what a text is about, for the extractor's topic
        context (``extraction.topic_context``): a text that keeps naming a start-up is about
        start-ups, so "the company's 6 offices" or its revenue in it are the start-up's. Start-ups
        only: a big tech group's or a public body's figures belong to several topics. Names and
        aliases we are at least 0.9 sure of, sorted (the extraction's input must not depend on
        the gazetteer's order)."""
        return tuple(sorted({("startups", alias.text) for entity in self.entities.values() if entity.kind == "startup"
                             for alias in entity.names() if alias.confidence >= TOPIC_NAME_CONFIDENCE}))

    @cached_property
    def groups_by_members(self) -> dict[frozenset[str], str]:
        return {frozenset(e.members): e.id for e in self.entities.values() if e.kind == "group" and e.members}

    def patterns_in(self, normalised: str) -> tuple:
        """The name patterns that can match in ``normalised`` (their first word occurs in it):
        the lines of one text need test only these."""
        words = set(_WORD_RE.findall(normalised))
        return _NamePatterns(p for p in self._patterns if not p[0] or not words.isdisjoint(p[0]))

    @cached_property
    def _all_patterns(self) -> _NamePatterns:
        return _NamePatterns(self._patterns)

    def _spans(self, normalised: str, patterns: tuple | None = None) -> list[_Span]:
        found: list[_Span] = []
        named = self._all_patterns if patterns is None else (
            patterns if isinstance(patterns, _NamePatterns) else _NamePatterns(patterns))
        # Most names are absent from most texts: a name's pattern cannot match unless its first
        # word occurs as a whole word (the pattern demands word boundaries); the patterns are
        # looked up by the text's words, and tried in the gazetteer's order.
        for first_words, pattern, entity_id, alias, confidence in named.candidates(set(_WORD_RE.findall(normalised))):
            for m in pattern.finditer(normalised):
                if m.start() and _WORD_CHAR.match(normalised, m.start() - 1):
                    continue  # the name must start a word
                found.append(_Span(m.start(), m.end(), entity_id, alias, confidence))
        # Longest first, then leftmost; entities before ignored names at equal span.
        found.sort(key=lambda s: (-(s.end - s.start), s.start, s.entity_id is None))
        # Overlap test against a mask of the characters already taken: a span costs its own
        # length, so the whole is linear in the text (not in the number of names kept).
        kept: list[_Span] = []
        taken = bytearray(len(normalised))
        for span in found:
            if taken.find(1, span.start, span.end) >= 0:
                continue
            kept.append(span)
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
        kept.sort(key=lambda s: s.start)
        return kept


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'"}
_SPACES = {"\u00a0", "\u202f", "\u2009", "\u2007", "\u200a", "\t", "\n", "\r", "\f", "\v", " "}
# Markdown emphasis, and the invisible format characters the extractor ignores too (soft hyphen,
# zero-width and direction marks, BOM: ``source_text.INVISIBLE_CHARACTERS``).
_DROP_CHARS = {"*", *(chr(c) for c in range(0x10000) if _INVISIBLE_RE.match(chr(c)))}


# The characters normalisation changes or drops (a tag; a run holding any whitespace but a single
# space, an invisible character, a typographic apostrophe or "*"; two spaces or more): text
# between two of them is copied as it is, in one piece (a loop per character was a third of a
# document's entity matching).
_SPECIAL_CHARS = re.escape("".join(sorted((_DROP_CHARS | _SPACES | set(_APOSTROPHES)) - {" "})))
_SPECIAL_RE = re.compile(rf"</?(?:i|b|em|strong)>|[ {_SPECIAL_CHARS}]*[{_SPECIAL_CHARS}][ {_SPECIAL_CHARS}]*| {{2,}}", re.I)


def normalise(text: str) -> tuple[str, list[int]]:
    """(normalised text, index map): ``index_map[i]`` is the position in ``text`` of character
    ``i`` of the normalised text (see the module docstring, rule 1)."""
    out: list[str] = []
    index: list[int] = []
    space_last = False  # the normalised text so far ends with a space

    def copy(a: int, b: int) -> None:
        nonlocal space_last
        if space_last and text[a] == " ":
            a += 1  # the space after a dropped tag or character joins the one before it
        if a < b:
            out.append(text[a:b])
            index.extend(range(a, b))
            space_last = text[b - 1] == " "

    pos = 0
    for m in _SPECIAL_RE.finditer(text):
        a = m.start()
        if a > pos:
            copy(pos, a)
        pos = m.end()
        if text[a] == "<":  # a tag (no other special run opens with "<"): dropped
            continue
        for i in range(a, pos):
            ch = text[i]
            if ch in _DROP_CHARS:
                continue
            if ch in _SPACES:
                if not space_last:  # a run of spaces is one space, at the start too
                    out.append(" ")
                    index.append(i)
                    space_last = True
                continue
            out.append(_APOSTROPHES[ch])
            index.append(i)
            space_last = False
    if pos < len(text):
        copy(pos, len(text))
    return "".join(out), index


def _normal_key(alias: str) -> str:
    return normalise(alias)[0].strip()


_WORD_RE = re.compile(r"\w+")


def _needle(alias: str) -> frozenset[str]:
    """The whole words an alias's pattern can start with (its first letter may be capitalised)."""
    first = _WORD_RE.match(_normal_key(alias))
    if first is None:  # no word at the start: never skipped (see Gazetteer._spans)
        return frozenset()
    word = first.group()
    return frozenset({word, word[0].upper() + word[1:]})


_WORD_CHAR = re.compile(r"\w")


def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The alias as written, first letter in either case if it is lower-case, ending a word; the
    start of a word is checked by the caller (a leading look-behind would stop `re` from using
    its fast literal search)."""
    key = _normal_key(alias)
    if key[0].islower():
        return re.compile(rf"(?:{re.escape(key)}|{re.escape(key[0].upper() + key[1:])})(?![\w])")
    return re.compile(rf"{re.escape(key)}(?![\w])")


def _to_original(index: list[int], text_len: int, start: int, end: int) -> tuple[int, int]:
    return index[start], (index[end - 1] + 1 if end > 0 else 0)


# --------------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------------


def _line(node: yaml.Node | None) -> int | str:
    return node.start_mark.line + 1 if node is not None else "?"


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


_ENTITY_KEYS = {"id", "name", "kind", "country", "aliases", "members", "segment", "note", "scope"}
# Public programmes and bodies spend where they govern: their country is their scope unless the
# gazetteer says otherwise. A company's home is not where it spends (Microsoft invests in the UK).
_SCOPED_BY_COUNTRY = ("public_programme", "public_body")
_ALIAS_KEYS = {"alias", "confidence", "note"}
_IGNORE_KEYS = {"name", "names", "why", "of", "note"}


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read and validate the gazetteer (see the module docstring); raise ``GazetteerError``."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    where = str(path)
    try:
        data, root = safe_load_with_nodes(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise GazetteerError([f"{where}: not valid YAML: {exc}"]) from exc
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise GazetteerError([f"{where}:{_line(root)}: the file must be a mapping with an `entities` list"])
    for key in data:
        if key not in ("entities", "ignore"):
            problems.append(f"{where}:{_line(_child(root, key))}: unknown top-level key {key!r} (expected entities, ignore)")

    entities_node = _child(root, "entities")
    raw_entities = data["entities"]
    ids_seen: dict[str, int | str] = {}
    parsed: list[tuple[int, Entity, yaml.Node | None]] = []

    for i, entry in enumerate(raw_entities):
        node = _child(entities_node, i)
        line = _line(node)
        label = f"entities[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}:{line}: {label}: an entry must be a mapping")
            continue
        eid = entry.get("id")
        label = f"entities[{i}] (id {eid!r})"

        def bad(fieldname: str, why: str, _node=node, _label=label) -> None:
            problems.append(f"{where}:{_line(_child(_node, fieldname) or _node)}: {_label}: field {fieldname}: {why}")

        for key in entry:
            if key not in _ENTITY_KEYS:
                bad(key, f"unknown field (expected one of {sorted(_ENTITY_KEYS)})")
        if not isinstance(eid, str) or not _ID_RE.match(eid):
            bad("id", "required slug of lower-case letters, digits and hyphens")
            continue
        if eid in ids_seen:
            bad("id", f"duplicate id (first defined at line {ids_seen[eid]})")
            continue
        ids_seen[eid] = line
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            bad("name", "required non-empty string")
            name = eid
        kind = entry.get("kind")
        if kind not in KINDS:
            bad("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        country = entry.get("country")
        if country is not None and (not isinstance(country, str) or (country not in ISO_ALPHA2 and country not in REGIONS)):
            bad("country", f"{country!r} is not an ISO 3166-1 alpha-2 code, EU, EUROPE or WORLD")
        for optional in ("segment", "note"):
            if entry.get(optional) is not None and not isinstance(entry.get(optional), str):
                bad(optional, "must be a string")
        scope = entry.get("scope")
        if scope is not None and (not isinstance(scope, str) or (scope not in ISO_ALPHA2 and scope not in REGIONS)):
            bad("scope", f"{scope!r} is not an ISO 3166-1 alpha-2 code, EU, EUROPE or WORLD")
        if scope is None and kind in _SCOPED_BY_COUNTRY and isinstance(country, str):
            scope = country
        aliases: list[Alias] = []
        raw_aliases = entry.get("aliases") or []
        if not isinstance(raw_aliases, list):
            bad("aliases", "must be a list")
            raw_aliases = []
        aliases_node = _child(node, "aliases")
        for j, item in enumerate(raw_aliases):
            item_node = _child(aliases_node, j)
            alabel = f"{label}: field aliases[{j}]"
            if isinstance(item, str) and item.strip():
                aliases.append(Alias(item))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("alias"), str) or not item["alias"].strip():
                problems.append(f"{where}:{_line(item_node)}: {alabel}: a string or a mapping with `alias`, optional `confidence`, `note`")
                continue
            extra = set(item) - _ALIAS_KEYS
            if extra:
                problems.append(f"{where}:{_line(item_node)}: {alabel}: unknown keys {sorted(extra)}")
            conf = item.get("confidence", 1.0)
            if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 < conf <= 1:
                problems.append(f"{where}:{_line(item_node)}: {alabel}: confidence {conf!r} must be a number in (0, 1]")
                conf = 1.0
            aliases.append(Alias(item["alias"], float(conf), item.get("note")))
        for j, alias in enumerate(aliases):
            refused = alias_refusal(alias.text)
            if refused:
                problems.append(f"{where}:{_line(_child(aliases_node, j) or node)}: {label}: field aliases[{j}]: "
                                f"{alias.text!r} is {refused}: it would match everywhere and reassign facts")
        if isinstance(name, str) and alias_refusal(name):
            bad("name", f"{name!r} is {alias_refusal(name)}: it would match everywhere and reassign facts")
        members = entry.get("members") or []
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            bad("members", "must be a list of entity ids")
            members = []
        if kind == "group" and not members:
            bad("members", "a group must list its members")
        if kind != "group" and members:
            bad("members", "only a group (kind: group) has members")
        if len(set(members)) != len(members):
            bad("members", "a member is listed twice")
        parsed.append(
            (i, Entity(eid, name, kind if kind in KINDS else "other", country if isinstance(country, str) else None,
                       tuple(aliases), tuple(members), entry.get("segment"), entry.get("note"),
                       scope if isinstance(scope, str) else None), node)
        )

    known = {e.id for _, e, _ in parsed}
    for i, entity, node in parsed:
        for member in entity.members:
            if member not in known:
                problems.append(f"{where}:{_line(_child(node, 'members') or node)}: entities[{i}] (id {entity.id!r}): "
                                f"field members: {member!r} is not a known entity id")
            elif member == entity.id:
                problems.append(f"{where}:{_line(_child(node, 'members') or node)}: entities[{i}] (id {entity.id!r}): "
                                f"field members: a group cannot contain itself")

    # Ignore list.
    ignored: list[IgnoredName] = []
    ignore_node = _child(root, "ignore")
    raw_ignore = data.get("ignore") or []
    if not isinstance(raw_ignore, list):
        problems.append(f"{where}:{_line(ignore_node)}: ignore: must be a list")
        raw_ignore = []
    for i, entry in enumerate(raw_ignore):
        node = _child(ignore_node, i)
        label = f"{where}:{_line(node)}: ignore[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{label}: an entry must be a mapping")
            continue
        extra = set(entry) - _IGNORE_KEYS
        if extra:
            problems.append(f"{label}: unknown keys {sorted(extra)}")
        names = entry.get("names") if "names" in entry else [entry.get("name")]
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            problems.append(f"{label}: field name/names: a non-empty name or list of names")
            continue
        why = entry.get("why")
        if why not in IGNORE_WHY:
            problems.append(f"{label}: field why: {why!r} is not one of {', '.join(IGNORE_WHY)}")
        of = entry.get("of")
        if of is not None and of not in known:
            problems.append(f"{label}: field of: {of!r} is not a known entity id")
        for n in names:
            ignored.append(IgnoredName(n, why if why in IGNORE_WHY else "other", of, entry.get("note")))

    # No name claimed twice.
    claims: dict[str, str] = {}
    for i, entity, node in parsed:
        for alias in entity.names():
            key = _normal_key(alias.text)
            owner = claims.get(key)
            if owner is not None and owner != entity.id:
                problems.append(f"{where}:{_line(_child(node, 'aliases') or node)}: entities[{i}] (id {entity.id!r}): "
                                f"field aliases: {alias.text!r} is already claimed by entity {owner!r}")
            claims.setdefault(key, entity.id)
    for ig in ignored:
        owner = claims.get(_normal_key(ig.name))
        if owner is not None:
            problems.append(f"{where}:{_line(ignore_node)}: ignore: {ig.name!r} is a name of entity {owner!r}")

    if problems:
        raise GazetteerError(problems)
    # Ignored names may repeat harmlessly (same words, same effect): keep the first.
    unique_ignored = tuple({_normal_key(ig.name): ig for ig in reversed(ignored)}.values())[::-1]
    return Gazetteer({e.id: e for _, e, _ in parsed}, unique_ignored, where)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _mentions_with_ignored(sentence: str, gazetteer: Gazetteer, patterns: tuple | None = None
                           ) -> list[tuple[_Span, int, int]]:
    normalised, index = normalise(sentence)
    out = []
    for span in gazetteer._spans(normalised, patterns):
        start, end = _to_original(index, len(sentence), span.start, span.end)
        out.append((span, start, end))
    return out


def match_entities(sentence: str, gazetteer: Gazetteer, patterns: tuple | None = None) -> list[EntityMention]:
    """Every entity named in the sentence, in text order (rules in the module docstring).
    ``patterns``: ``gazetteer.patterns_in`` of a text holding the sentence (the names worth trying)."""
    return [
        EntityMention(span.entity_id, start, end, span.alias, span.confidence, sentence[start:end])
        for span, start, end in _mentions_with_ignored(sentence, gazetteer, patterns)
        if span.entity_id is not None
    ]


_SEPARATOR_RE = re.compile(r"[;:()\[\]\n]|,(?!\d)|\s[–—-]\s|\s[–—](?=\S)|(?<=\S)[–—]\s")
_DASH_RE = re.compile(r"\s[–—]\s|\s[–—](?=\S)|(?<=\S)[–—]\s")
_ATTRIBUTION_RE = re.compile(r"(?:^|[^\w])(?:selon|d['’]apr[èe]s|according\s+to)(?![\w])[^,;:()\n]{0,80}$", re.I)
_COMPARISON_RE = re.compile(
    r"(?:(?<![\w])(?:plus|moins|autant|aussi|davantage|mieux|fois|sup[ée]rieure?s?|inf[ée]rieure?s?)(?![\w])"
    r"[^,;:()\n]{0,60}(?<![\w])qu(?:e(?![\w])|['’])"
    r"|(?<![\w])(?:than|comparables?\s+(?:à|au|aux)|similaires?\s+(?:à|au|aux)|par\s+rapport\s+(?:à|au|aux))(?![\w]))"
    r"[^,;:()\n]{0,25}$",
    re.I,
)
_ENUM_GAP_RE = re.compile(r"^\s*(?:,|,?\s*(?:et|and|ou|or|&))\s*$")


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(sentence)
    for m in _SEPARATOR_RE.finditer(sentence):
        if m.end() <= start:
            lo = max(lo, m.end())
        elif m.start() >= end:
            hi = min(hi, m.start())
            break
    return lo, hi


def _asides(sentence: str) -> list[tuple[int, int]]:
    dashes = [m for m in _DASH_RE.finditer(sentence)]
    return [(dashes[k].start(), dashes[k + 1].end()) for k in range(0, len(dashes) - 1, 2)]


def _is_not_subject(sentence: str, mention: EntityMention) -> bool:
    lo, _ = _clause_bounds(sentence, mention.start, mention.end)
    prefix = sentence[lo:mention.start]
    return bool(_ATTRIBUTION_RE.search(prefix) or _COMPARISON_RE.search(prefix))


def _resolve_enumeration(sentence: str, mentions: list[EntityMention], chosen: int, gazetteer: Gazetteer) -> str | None:
    lo = hi = chosen
    while lo > 0 and _ENUM_GAP_RE.match(normalise(sentence[mentions[lo - 1].end:mentions[lo].start])[0]):
        lo -= 1
    while hi < len(mentions) - 1 and _ENUM_GAP_RE.match(normalise(sentence[mentions[hi].end:mentions[hi + 1].start])[0]):
        hi += 1
    ids = frozenset(m.entity_id for m in mentions[lo:hi + 1])
    if len(ids) == 1:
        return mentions[chosen].entity_id
    return gazetteer.groups_by_members.get(ids)


def entity_for_figure(sentence: str, figure_start: int, figure_end: int, gazetteer: Gazetteer,
                      mentions: list[EntityMention] | None = None) -> str | None:
    """The entity the figure ``sentence[figure_start:figure_end]`` is about, or None (rules in
    the module docstring). ``mentions``: ``match_entities(sentence)``, when already read."""
    mentions = match_entities(sentence, gazetteer) if mentions is None else mentions
    if not mentions:
        return None
    eligible = [k for k, m in enumerate(mentions) if not _is_not_subject(sentence, m)]
    lo, hi = _clause_bounds(sentence, figure_start, figure_end)

    def pick() -> int | None:
        overlapping = [k for k in eligible if mentions[k].start < figure_end and figure_start < mentions[k].end]
        if overlapping:
            return overlapping[0]
        before = [k for k in eligible if lo <= mentions[k].start and mentions[k].end <= figure_start]
        if before:
            return before[-1]
        after = [k for k in eligible if figure_end <= mentions[k].start and mentions[k].end <= hi]
        if after:
            return after[0]
        asides = [(a, b) for a, b in _asides(sentence) if not (a <= figure_start and figure_end <= b)]
        anywhere = [
            k for k in eligible
            if mentions[k].end <= figure_start and not any(a <= mentions[k].start and mentions[k].end <= b for a, b in asides)
        ]
        return anywhere[-1] if anywhere else None

    chosen = pick()
    if chosen is None:
        return None
    return _resolve_enumeration(sentence, mentions, chosen, gazetteer)


def assign_entities(facts: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """``facts`` with ``entity_id`` set by ``entity_for_figure`` from ``quote``, ``quote_start``,
    ``char_start`` and ``char_end`` (a convenience for the pipeline; an existing non-null
    ``entity_id`` is kept)."""
    if facts.height == 0:
        return facts if "entity_id" in facts.columns else facts.with_columns(pl.lit(None, dtype=pl.String).alias("entity_id"))
    rows = facts.select("quote", "quote_start", "char_start", "char_end").rows()
    # the figures of a sentence share its mentions: each sentence is matched once, trying only the
    # names whose first word the document's sentences hold
    quotes = list(dict.fromkeys(q for q, *_ in rows))
    patterns = gazetteer.patterns_in(normalise("\n".join(quotes))[0])
    mentions = {q: match_entities(q, gazetteer, patterns) for q in quotes}
    found = [entity_for_figure(q, cs - qs, ce - qs, gazetteer, mentions[q]) for q, qs, cs, ce in rows]
    series = pl.Series("entity_found", found, dtype=pl.String)
    out = facts.with_columns(series)
    if "entity_id" in out.columns:
        out = out.with_columns(pl.coalesce("entity_id", "entity_found").alias("entity_id"))
    else:
        out = out.with_columns(pl.col("entity_found").alias("entity_id"))
    return out.drop("entity_found")


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def entities_named(text: str, gazetteer: Gazetteer) -> list[str]:
    """The ids of the entities a document names anywhere in its text, sorted.

    Read in pieces of about ``_PIECE`` characters cut at line ends (``text_pieces``): memory is
    bounded by the piece, not the document (the normalisation keeps an offset per character).
    """
    # no offsets are needed: each piece is normalised once and its spans read directly
    pieces = [normalise(piece)[0] for piece in text_pieces(text or "")]
    patterns = gazetteer.patterns_in(" ".join(pieces))
    return sorted({span.entity_id for piece in pieces for span in gazetteer._spans(piece, patterns)
                   if span.entity_id is not None})


_PIECE = 1 << 16


def text_pieces(text: str, size: int = _PIECE) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``size`` characters, each ending at a line end
    when the line allows it, else at a space; a text shorter than ``size`` is one piece."""
    start, n = 0, len(text)
    while start < n:
        if n - start <= size:
            yield text[start:]
            return
        cut = text.rfind("\n", start + size // 2, start + size)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, start + size)
        if cut < 0:
            cut = start + size
        yield text[start:cut + 1] if cut < n and text[cut] in "\n " else text[start:cut]
        start = cut + 1 if cut < n and text[cut] in "\n " else cut


# Function words of the languages read: never a name or alias (lower-case comparison).
_FUNCTION_WORDS = frozenset(
    """
    le la les un une des du de d l au aux en et ou mais pour par sur sous dans avec sans entre vers chez ce cette ces selon
    son sa ses leur leurs il elle ils elles on nous vous je tu qui que quoi dont où si ne pas plus moins très tout
    tous toute toutes comme ainsi alors donc car puis déjà encore même aussi bien voici voilà est sont été être avoir
    the a an and or of in on at to for from by with without how why what when where who is are was be it its as
    this that these those their our your my his her not no can will about over into up down out after before
    """.split()
)
_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.[ \u00a0]?)+$")


def alias_refusal(alias: str) -> str | None:
    """Why ``alias`` cannot be a name or alias, or None.

    A name is matched wherever its words occur: a single letter or digit (``M`` would take
    ``M. Macron`` and an author's initial), a person's initial (``J.``, ``J. M.``) or a function
    word of French or English (``Le``, ``on``) names nothing and would give facts to the wrong
    entity. The gazetteer's header says a bare letter is never an alias; the loader enforces it.
    """
    bare = alias.strip()
    if _INITIAL_RE.match(bare):
        return "a person's initial"
    if sum(c.isalnum() for c in bare) <= 1:
        return "a single letter or character"
    if bare.lower() in _FUNCTION_WORDS:
        return "a common word of the language"
    return None


# Words that look like names but are not organisations (function words capitalised at a heading
# or in an English title, months, generic acronyms, places). Lower-case comparison.
_STOPWORDS = frozenset(
    """
    le la les un une des du de d l au aux en et ou mais pour par sur sous dans avec sans entre vers chez ce cette ces selon
    son sa ses leur leurs il elle ils elles on nous vous je tu qui que quoi dont où si ne pas plus moins très tout
    tous toute toutes comme ainsi alors donc car puis déjà encore même aussi bien fin part côté voici voilà
    the a an and or of in on at to for from by with without how why what when where who is are was be it its as
    this that these those their our your my his her not no new can will about over into up down out after before
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
    ia ai gpu gpus cpu cpus tpu tpus llm llms pib gdp pdg ceo cto api apis mau isbn pme pmes ong usa us uk ue vcs xxi
    xxe ok tv it hpc r&d cloud data tech big q1 q2 q3 q4 ibid op cit fax tél e-mail mw gw kw bn
    europe france chine états-unis états unis inde japon canada royaume-uni russie corée sud allemagne suède
    italie luxembourg finlande grèce espagne afrique amérique asie taïwan londres paris washington pékin bruxelles
    china united states america europe's france's india japan canada germany britain russia korea
    chinois chinoise américain américaine américains américaines européen européenne européens européennes
    français française american european chinese french german british
    """.split()
)
_TOKEN_RE = re.compile(r"[^\W\d_][\w.&-]*(?:'s(?![\w]))?", re.U)
_ELISION_RE = re.compile(r"(?:[ldjmnstcLDJMNSTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)'$")
_INITIALS_RE = re.compile(r"(?:^|\s)(?:[A-Z]\.\s?)+$")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;«»\"“”(\[–—•|#>]|\d+\.)[\s*_#]*$")


@lru_cache(maxsize=65536)
def _is_name_like(token: str) -> str | None:
    """'camel', 'acronym', 'capital' or None (cached: a document repeats its words)."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2:
        return None
    if token[0].isupper() and all(c.isupper() for c in letters):
        return "acronym"
    if any(c.isupper() for c in token[1:]) and any(c.islower() for c in token):
        return "camel"
    if token[0].isupper():
        return "capital"
    return None


def _heading_line(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) >= 0.6 * len(letters)


def _inside_guillemets(line: str, pos: int) -> bool:
    return line.rfind("«", 0, pos) > line.rfind("»", 0, pos)


def _inside_quotes(line: str, pos: int) -> bool:
    return _inside_guillemets(line, pos) or line.rfind("“", 0, pos) > line.rfind("”", 0, pos)


# French determiners: a name-like run right after one (possibly after capitalised stop words,
# "des Data Centers") is a common noun phrase given capitals, typically a title's first words
# ("la Déclaration sur une intelligence artificielle…", "Le Context Engineering"): French
# companies are named without an article.
_ARTICLE_BEFORE_RE = re.compile(r"(?:^|[\s(«“])(?:[Ll][ae]s?|[Dd]es|[Dd]u|[Uu]ne?)\s+(?:[A-Z][\w-]*\s+)*$")
# A postal address: what follows a street number and a street type is the street's name.
_STREET_RE = re.compile(
    r"\b\d+[a-z]?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|quai|allée|chemin|impasse|cours|street|road|lane)"
    r"\s+(?:(?:de la|de l'|de l’|du|des|de|d'|d’|the)\s*)?$", re.IGNORECASE)
# A numbered note (a footnote or endnote of references): "22. « Title », Publisher, date."
_NOTE_RE = re.compile(r"\s*\[?\d+[.)\]]\s")


def _not_a_name_here(line: str, start: int, end: int) -> bool:
    """Places in a line where capitalised words are not organisation names, whatever their kind:
    a quoted title (« », “ ”: titles are written in Title Case; names the gazetteer knows are still
    matched inside them), the publication details of a numbered reference after its quoted title
    (publisher, venue, date), a street in a postal address, and a line's lead-in label written in
    capitals before a colon ("À LIRE AUSSI :", "SOURCE :")."""
    if _inside_quotes(line, start):
        return True
    if _NOTE_RE.match(line) and max(line.rfind("»", 0, start), line.rfind("”", 0, start)) >= 0:
        return True
    if _STREET_RE.search(line[:start]):
        return True
    colon = line.find(":")
    return colon >= end and not any(c.islower() for c in line[:colon])


# A capitalised word is a common noun when the word lists of French or English (pyspellchecker's,
# built from word frequencies) have seen it at least this often: "Internet", "Analyste", "Office".
# Names are rare words there (Mistral: 50 in French, 54 in English); a single-word name that is
# also a frequent word ("Harvey", "Clone") is missed unless the gazetteer has it: this list is an
# aid to review, and a false alarm on every build hides the real names. A one-word heading that
# is a common word ("Introduction") is a section title.
COMMON_WORD_MIN_FREQUENCY = 100


@cache
def _word_frequencies() -> tuple:
    from spellchecker import SpellChecker

    return tuple(SpellChecker(language=lang, case_sensitive=False).word_frequency for lang in ("fr", "en"))


def _common_noun(word: str) -> bool:
    low = re.sub(r"'s$", "", word).strip(".-").lower()
    return any(low in freq and freq[low] >= COMMON_WORD_MIN_FREQUENCY for freq in _word_frequencies())


def unknown_organisations(documents: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Capitalised names not in the gazetteer, per source (see the module docstring).

    Processed line by line (after the typographic normalisation of each line). Lines written
    mostly in capitals (headings, the table of contents) are skipped. A run made only of
    capitalised words is skipped inside « » (quoted titles, mostly English headlines in Title
    Case), after initials ("M. Kruppa" is an author), and — for a single word — at the start of
    a sentence or line, unless the word is alone on its line (doc 001 gives each company a
    one-word heading: "Nébius", "Domyne").
    """
    texts = list(documents.select("source_id", "text").iter_rows())
    lower_words: set[str] = set()
    for _, text in texts:
        lower_words.update(w for w in _LOWER_WORD_RE.findall(text or "") if w[0].islower())
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for source_id, text in texts:
        lines = [normalise(raw_line)[0] for raw_line in _bounded_lines(text or "")]
        patterns = gazetteer.patterns_in("\n".join(lines))
        for line in lines:
            if not line.strip() or _heading_line(line):
                continue
            covered = [(s.start, s.end) for s in gazetteer._spans(line, patterns)]
            for run in _name_runs(line, lower_words):
                start, end = run[0].start(), run[-1].end()
                if any(s < end and start < e for s, e in covered):
                    continue
                kinds = {_is_name_like(t.group()) for t in run}
                if _not_a_name_here(line, start, end):
                    continue
                if kinds == {"capital"}:
                    before = line[max(0, start - 12):start]
                    if _INITIALS_RE.search(before) or _ARTICLE_BEFORE_RE.search(line[:start]):
                        continue
                    alone = line.strip() == line[start:end] and not line.lstrip().startswith("#")
                    if len(run) == 1 and _SENTENCE_START_RE.search(before) and not alone:
                        continue
                    if len(run) == 1 and _common_noun(run[0].group()):
                        continue
                end = start + len(line[start:end].rstrip(".-"))
                key = (line[start:end], source_id)
                counts[key] += 1
                examples.setdefault(key, line[max(0, start - 60):min(len(line), end + 60)].strip())
    rows = [{"name": n, "source_id": s, "count": c, "example": examples[(n, s)]} for (n, s), c in counts.items()]
    schema = {"name": pl.String, "source_id": pl.String, "count": pl.Int64, "example": pl.String}
    frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    return frame.sort(["source_id", "count", "name"], descending=[False, True, False])


_LOWER_WORD_RE = re.compile(r"[^\W\d_][\w-]*")


def _bounded_lines(text: str) -> Iterator[str]:
    """The lines of ``text``; a line longer than ``_PIECE`` characters in pieces (memory bound)."""
    for line in text.splitlines():
        if len(line) <= _PIECE:
            yield line
        else:
            yield from text_pieces(line)


def _name_runs(line: str, lower_words: set[str]) -> list[list[re.Match[str]]]:
    """Maximal runs of name-like tokens separated by single spaces, common words trimmed."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    # a token with no capital is never name-like and only ends a run, which the gap between
    # the name-like tokens around it says as well: only the others are looked at
    for tok in [t for t in _TOKEN_RE.finditer(line) if not t.group().islower()]:
        word = tok.group()
        if _ELISION_RE.search(line[max(0, tok.start() - 8):tok.start()]) and run:
            runs.append(run)
            run = []
        name_like = bool(_is_name_like(word)) and not _common(word, lower_words, strict=True)
        if name_like and run and line[run[-1].end():tok.start()] == " ":
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = [tok] if name_like else []
    if run:
        runs.append(run)
    trimmed = []
    for r in runs:
        while r and _common(r[0].group(), lower_words, strict=True):
            r = r[1:]
        while r and _common(r[-1].group(), lower_words, strict=True):
            r = r[:-1]
        if len(r) == 1 and _common(r[0].group(), lower_words):
            continue
        if r:
            trimmed.append(r)
    return trimmed


def _common(word: str, lower_words: set[str], strict: bool = False) -> bool:
    """A stopword; or (unless ``strict``) a capitalised/all-caps word whose lower-case form is
    written as a word somewhere in the documents."""
    bare = (word[:-2] if word.endswith("'s") else word).strip(".-")
    low = bare.lower()
    if low in _STOPWORDS:
        return True
    if strict or _is_name_like(bare) == "camel":
        return False
    return low in lower_words
