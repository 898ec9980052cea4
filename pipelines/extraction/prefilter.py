"""Cheap, exact gates for expensive patterns: the words a match cannot do without.

Idea (the "prefilter" of RE2 and Hyperscan): most sentences hold no figure, and most rules
match nowhere in a sentence, yet trying a big alternation at every character costs as much as
reading a figure. Every match of a pattern contains at least one of a few short strings (a
digit, ``milliard``, ``dizaine``...): :func:`required` reads them from the pattern itself (its
parse tree), so they follow the rule resources with nothing to keep in step. A text holding
none of them cannot hold a match, and the pattern need not be tried there.

Exact by construction: :func:`required` only keeps what every match *must* contain (a literal
run, a character class of a few letters, a digit class, the body of a group repeated at least
once, every branch of an alternation, a positive look-ahead or look-behind, which must also
match inside the searched text). Anything it cannot vouch for (a negative look-around, a class
of many characters, an optional part) gives no requirement; a pattern whose every part is like
that has no gate (``None``), never a wrong one. :func:`gate` matches case-insensitively: a
superset of both the case-sensitive and the case-insensitive parts of a pattern.
A gate never says where a match is, only where none can be.
"""

from __future__ import annotations

import re
import re._casefix as _casefix
import re._constants as _c
import re._parser as _parser
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Gate", "Possible", "disabled", "enabled", "gate", "required"]

# Whether gates may skip anything; off, every gate admits everything (the reference path, which
# the tests compare the gated one with).
_ENABLED: ContextVar[bool] = ContextVar("prefilter_enabled", default=True)


def enabled() -> bool:
    """False inside :func:`disabled`: callers then run every rule everywhere."""
    return _ENABLED.get()


@contextmanager
def disabled() -> Iterator[None]:
    """Within this block no gate skips anything (``extract_document(..., prefilter=False)``)."""
    token = _ENABLED.set(False)
    try:
        yield
    finally:
        _ENABLED.reset(token)

#: Beyond this many strings a requirement is not worth keeping (a class of many letters).
_MAX_STRINGS = 64
#: ... and an alternation of this many words is not worth a gate.
_MAX_BRANCH_STRINGS = 512
#: Letters from which a string counts as rare (longer ones are not preferred for their length).
_ENOUGH = 4
#: A repeated part requires its body this many times at most (``\.{4,}``: ``....``).
_MAX_REPEAT = 8
#: A digit (``\d``) among the strings (NUL never occurs in a pattern's literals).
_DIGIT = "\x00digit"


class _Need:
    """What a part of a pattern must contain: one of ``strings`` (plain text, or ``_DIGIT``).
    ``exact``: the part matches exactly one of them and nothing else (so it can be glued to its
    neighbours: ``[dD]`` then ``eux|ix`` is ``deux|dix``). ``never``: the part cannot match
    (``(?!x)x``, what a resource without words gives): it requires nothing of the text."""

    __slots__ = ("strings", "exact", "shortest", "never")

    def __init__(self, strings: frozenset[str], exact: bool, never: bool = False) -> None:
        self.strings = strings
        self.exact = exact
        self.never = never
        self.shortest = min((1 if s == _DIGIT else len(s)) for s in strings) if strings else 0

    def better_than(self, other: _Need | None) -> bool:
        if other is None:
            return True
        # past a few letters a string is rare enough: then fewer strings are better
        return (min(self.shortest, _ENOUGH), -len(self.strings), self.shortest) > (
            min(other.shortest, _ENOUGH), -len(other.strings), other.shortest)


_NEVER = _Need(frozenset(), False, never=True)


def _literal(code: int) -> str:
    """A character as text of the (case-insensitive) gate: lower case when that is one
    character (``[cC]`` is one string, ``c``, not two)."""
    char = chr(code)
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _glue(left: _Need, right: _Need) -> _Need | None:
    if _DIGIT in left.strings or _DIGIT in right.strings:
        return None
    if len(left.strings) * len(right.strings) > _MAX_STRINGS:
        return None
    return _Need(frozenset(a + b for a in left.strings for b in right.strings), True)


def _is_never(items: list) -> bool:
    """``(?!x)x``: a literal its own look-ahead forbids."""
    return (len(items) == 2 and items[0][0] is _c.ASSERT_NOT and items[0][1][0] == 1
            and list(items[0][1][1]) == [items[1]] and items[1][0] is _c.LITERAL)


def _sequence(items: list) -> _Need | None:
    """The best requirement of a sequence: any one of its parts' (runs of exact parts glued)."""
    if _is_never(items):
        return _NEVER
    best: _Need | None = None
    run: _Need | None = None  # the exact parts just before, glued
    whole = True  # every part so far is exact and glued into ``run``
    for op, av in items:
        need = _item(op, av)
        if need is not None and need.never:
            return _NEVER
        if need is not None and need.exact:
            glued = _glue(run, need) if run is not None else need
            if glued is None:
                whole = False
            run = glued if glued is not None else need
        else:
            run, whole = None, False
        for candidate in (need, run):
            if candidate is not None and candidate.better_than(best):
                best = candidate
    if whole and run is not None:
        return run  # the whole sequence, exact: it can be glued to its neighbours
    if best is None:
        return None
    return _Need(best.strings, False)


def _item(op, av) -> _Need | None:
    if op is _c.LITERAL:
        return _Need(frozenset((_literal(av),)), True)
    if op is _c.IN:
        if av and all(o is _c.CATEGORY and a is _c.CATEGORY_DIGIT for o, a in av):
            return _Need(frozenset((_DIGIT,)), False)
        if av and all(o is _c.LITERAL for o, _ in av) and len(av) <= 8:
            return _Need(frozenset(_literal(a) for _, a in av), True)
        return None
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.ASSERT:  # a positive look-around must match inside the text too
        need = _sequence(list(av[1]))
        return None if need is None else need if need.never else _Need(need.strings, False)
    if op is _c.BRANCH:
        needs = [_sequence(list(branch)) for branch in av[1]]
        if any(n is None for n in needs):
            return None
        possible = [n for n in needs if not n.never]  # type: ignore[union-attr]
        if not possible:
            return _NEVER
        strings = frozenset().union(*(n.strings for n in possible))
        if len(strings) > _MAX_BRANCH_STRINGS:
            return None
        return _Need(strings, all(n.exact for n in possible))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = av
        if low < 1:
            return None
        need = _sequence(list(body))
        if need is None or need.never:
            return need
        if len(need.strings) == 1 and need.exact and 1 < low <= _MAX_REPEAT and _DIGIT not in need.strings:
            (once,) = need.strings  # "\.{4,}" requires "....": the body, as often as the least
            return _Need(frozenset((once * low,)), low == high)
        return _Need(need.strings, need.exact and low == high == 1)
    return None  # AT, ANY, NOT_LITERAL, negative look-arounds, back references...


def required(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Strings (plain text, ``_DIGIT`` for any digit), one of which every match of ``pattern``
    contains, case aside; None when the pattern gives no such guarantee (module doc). A pattern
    that can never match requires nothing: the empty set."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    need = _sequence(list(_parser.parse(source, flags)))
    return None if need is None else need.strings


class Gate:
    """Finds, in a text, the strings one of which every match of some patterns contains.

    The text is lower-cased once and searched case-sensitively (as fast as ``re`` goes: the
    alternation opens with a set of first characters it scans for). That finds what a
    case-insensitive search finds unless the text holds a character that ``re`` folds onto a
    gate letter while ``str.lower`` does not (``ſ`` for ``s``, ``ı`` for ``i``; ``İ``, whose lower
    case is two characters): then :meth:`spans` says it cannot tell (None).
    """

    def __init__(self, strings: frozenset[str]) -> None:
        by_first: dict[str, list[str]] = {}
        other: list[str] = [r"\d"] if _DIGIT in strings else []
        for s in sorted(strings - {_DIGIT}, key=lambda s: (-len(s), s)):
            by_first.setdefault(s[0], []).append(re.escape(s[1:]))
        parts = [f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in sorted(by_first.items())]
        self.pattern = re.compile("|".join(other + parts) or r"(?!x)x")
        self._unsafe = unsafe_folds(strings)

    def lowered(self, text: str) -> str | None:
        """``text`` in lower case, to search with :attr:`pattern` (any part of it, with ``pos`` and
        ``endpos``: the pattern looks at nothing around what it matches); None when the text
        holds a character this gate cannot fold (class doc), or when gates are disabled."""
        return _lowered(text, self._unsafe)


def unsafe_folds(strings: Iterable[str]) -> frozenset[str]:
    """Characters that ``re`` folds onto a letter of ``strings`` while ``str.lower`` does not: a
    text holding one cannot be tested for the strings by lower-casing it (``Gate`` doc)."""
    letters = {c for s in strings if s != _DIGIT for c in s}
    return frozenset(chr(o) for c in letters for o in _casefix._EXTRA_CASES.get(ord(c), ())) - letters


def _lowered(text: str, unsafe: frozenset[str]) -> str | None:
    if not enabled():
        return None
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in unsafe):
        return None
    return lowered


_ANY_DIGIT = re.compile(r"\d")


class Possible:
    """Which of several patterns can match in a text: those one of whose required strings the
    text holds (a substring test per distinct string, instead of one search per pattern)."""

    def __init__(self, patterns: Iterable[str | re.Pattern[str]]) -> None:
        self._needs = tuple(required(p) for p in patterns)
        strings = set().union(*(n for n in self._needs if n is not None))
        self._digit = _DIGIT in strings
        self._strings = tuple(sorted(strings - {_DIGIT}))
        self._unsafe = unsafe_folds(strings)

    def __call__(self, text: str) -> tuple[bool, ...]:
        """One flag per pattern: False when it cannot match anywhere in ``text`` (all True when
        gates are disabled)."""
        lowered = _lowered(text, self._unsafe)
        if lowered is None:
            return (True,) * len(self._needs)
        present = {s for s in self._strings if s in lowered}
        if self._digit and _ANY_DIGIT.search(text):
            present.add(_DIGIT)
        return tuple(n is None or not n.isdisjoint(present) for n in self._needs)


def gate(patterns: Iterable[str | re.Pattern[str]]) -> Gate | None:
    """A :class:`Gate` for the strings ``patterns`` require (None when one of them requires
    nothing that can be looked for)."""
    strings: set[str] = set()
    for p in patterns:
        need = required(p)
        if need is None:
            return None
        strings |= need
    return Gate(frozenset(strings))
