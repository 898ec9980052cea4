"""Counts that number the parts of an argument: not figures, refused with their cue.

"Cette note s'articule autour de trois axes", "deux leviers principaux : ...", "Deux dynamiques se
dessinent. D'un côté, ...", "Two paths for AI: scale or efficiency": the writer announces how many
points, ways or reasons the text is about to give. Such a count is a reading device, not a
quantity of the world; published as a fact it would be summed with GPU or model counts.
:func:`discourse_count` says when a count is one, and why (the cue), so that the pipeline refuses
it with a reason (`rejections`, stage ``extract``) instead of publishing or dropping it.

The rule, on counts only (unit ``count``, a noun read after the number):

1. **A small number written in words** (two to twelve, ``deux``, ``three``...): an argument is
   announced in words; digits (``161 models``, ``50 000 GPU``) are never refused here. Its bound
   does not matter ("structured around three axes" reads ``around`` as approximate).
2. **What the noun is.** A noun of :data:`~pipelines.extraction.counted.COUNTABLE_THINGS` (chips,
   factories, models, companies, countries, places...) names things that exist in numbers; any
   other noun (``axe``, ``levier``, ``voie``, ``reason``, ``path``, or a noun no table knows) is
   *abstract* here.
3. **The count announces an enumeration.** Cues, read in the figure's sentence and the start of
   the next one (:func:`cues`: each language's, ``discourse`` in its resource; one engine):

   * ``heading`` — the count is in a heading ("Deux voies pour l'IA : ...");
   * ``colon`` — a colon closes the noun phrase ("trois piliers :", "quatre pans essentiels où
     s'exerce cette domination : les modèles ..."), unless what follows the colon is a name
     (``deux banques : BNP Paribas et ...`` names the things it counts);
   * ``enumeration`` — the parts follow, announced by an ordinal or a contrast: "d'une part",
     "d'un côté", "d'abord", "le premier", "first", "on the one hand" (later in the sentence or
     in the next sentence, which is where a text gives its first part);
   * ``emergence`` — the parts are said to appear: "se dessinent", "se dégagent", "emerge",
     "stand out"; ``existence`` — or to exist: "il existe deux manières", "there are two ways";
   * ``structure`` — the text is said to rest on or be organised around them: "autour de",
     "repose sur", "basée sur", "se décline en", "built on", "structured around", "divided into";
   * ``kinds`` — the noun is qualified as different kinds: "deux modèles différents", "two
     distinct approaches";
   * ``opens_sentence`` — the count is the sentence's first word (weak: see below).

   An abstract noun needs one cue other than ``opens_sentence``. A countable thing is refused only
   when it is qualified as different kinds *and* another cue says the sentence announces them
   ("Deux modèles différents se déplaçant en parallèle" opens its sentence: two strategies, not
   two AI models). Known limit: "Deux modèles différents ont été publiés" would be refused too.

Kept, by construction: "sept usines d'IA", "trois leaders du secteur" (company: a countable thing,
no ``kinds`` cue), "quatre « giga-usines »", durations ("Deux ans", unit ``years``) and factors
("deux fois", unit ``factor``), digits ("161 models", "50 000 GPU").
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import COUNTABLE_THINGS
from pipelines.extraction.model import Figure, Sentence

REASON = "discourse_count"
SMALLEST, LARGEST = 2, 12
# How far after the figure a colon or an emergence verb may close the noun phrase, and how much of
# the next sentence is read for the first part of an enumeration.
_PHRASE = 80
_NEXT = 160

_SP = r"[ \u00a0\u202f]"
_S, _S0 = _SP + "+", _SP + "*"
_Q = r"['’]"


def _r(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_WHERE = ("head", "tail", "after", "figure")


@cache
def cues(language: str) -> dict[str, tuple[str, re.Pattern[str]]]:
    """cue -> (where it is looked for, pattern) of the document's language (``discourse`` in its
    resource: the key ``<cue>_<where>``). ``head``: the text before the figure (pattern anchored at
    its end); ``tail``: after the figure (anchored at its start); ``after``: the rest of the
    sentence and the start of the next one (anywhere); ``figure``: the figure's own words."""
    out: dict[str, tuple[str, re.Pattern[str]]] = {}
    for key, fragments in language_rules.resource(language).sections.get("discourse", {}).items():
        cue, _, where = key.rpartition("_")
        out[cue] = (where, _r("|".join(language_rules.fragment_pattern(f) for f in fragments)))
    return out


_OPENING = re.compile(r"[\s*#«\"“(—–-]*\Z")
_NAME_AFTER_COLON = re.compile(rf"{_S0}(?:[*_«\"“]+{_S0})?[A-ZÀ-Ý][\w-]*[A-Za-z]")
_DIGIT = re.compile(r"\d")
_WEAK = "opens_sentence"


def discourse_count(sentence: Sentence, figure: Figure, next_sentence: str | None, language: str) -> str | None:
    """The cues (``"colon"``, ``"enumeration: D'une part"``...) that make ``figure`` a count of the
    parts of an argument, joined by ``"; "``, or None when it is a figure (module doc)."""
    if not _is_small_word_count(sentence.text, figure):
        return None
    cues = _cues(sentence, figure, next_sentence, language)
    strong = [c for c in cues if not c.startswith(_WEAK)]
    if figure.counted in COUNTABLE_THINGS:
        if not any(c.startswith("kinds") for c in cues) or len(cues) < 2:
            return None
    elif not strong:
        return None
    return "; ".join(cues)


def _is_small_word_count(text: str, figure: Figure) -> bool:
    return (
        figure.unit == "count"
        and figure.counted is not None
        and figure.value == int(figure.value)
        and SMALLEST <= figure.value <= LARGEST
        and _DIGIT.search(text, figure.start, figure.end) is None
    )


def _cues(sentence: Sentence, figure: Figure, next_sentence: str | None, language: str) -> list[str]:
    s = sentence.text
    head, tail, written = s[: figure.start], s[figure.end :], s[figure.start : figure.end]
    after = tail + " " + (next_sentence or "")[:_NEXT]
    found: list[str] = []
    if sentence.location == "heading":
        found.append("heading")
    for cue, (where, pattern) in cues(language).items():
        if where == "head":
            m = pattern.search(head)
        elif where == "tail":
            m = pattern.match(tail)
        elif where == "figure":
            m = pattern.search(written)
        else:
            m = pattern.search(after)
        if m is None:
            continue
        if cue == "colon" and _NAME_AFTER_COLON.match(tail, m.end()):
            continue
        words = " ".join(m.group().split())
        found.append(cue if cue == "colon" else f"{cue}: {words}")
    if _OPENING.match(head):
        found.append(_WEAK)
    return found
