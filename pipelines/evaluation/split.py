"""The tuning/test split of the evaluation corpus, by publisher group.

Rules are improved by looking at the *tuning* half only; the *test* half measures them on
publishers whose writing no rule was tuned on. The split is made once and kept as data in
``tests/corpus/split.yaml``::

    same_source:              # publishers that are one source under two names
      NECN: CNBC              # NECN carries CNBC copy
    tuning:
      <publisher group>: [<publisher>, ...]
    test:
      <publisher group>: [<publisher>, ...]

Decisions:

* A passage's *publisher group* is its ``publisher`` after ``same_source`` (a syndicated copy
  takes the name of the source it copies, a programme's site the name of its organisation),
  normalised: accents removed, case folded, a parenthesised part dropped ("La Tribune (AFP)"
  and "La Tribune" are one group; "Le Point (via PressReader)" is Le Point), every run of
  non-alphanumerics made one "-". All passages of a group fall in the same half, so the test
  half never holds a copy of a tuning text.
* ``propose_split`` assigns groups in the order of the SHA-256 of their name; each goes to the
  half holding fewer passages of the group's languages so far (counted per language, so each
  half gets about half of every language), a tie alternating between the halves, starting with
  tuning. The result is deterministic and depends only on the publishers and their passage
  counts.
* The split is frozen: ``python -m pipelines.evaluation.split`` proposes it for the current
  corpus and writes it only with ``--write`` when ``split.yaml`` does not exist yet; with
  ``--extend`` it keeps every existing assignment and places only groups that are new, by the
  same rule. Nothing moves a publisher from one half to the other.
* ``check_split`` refuses a split where a corpus publisher is missing, a publisher is listed
  twice or in both halves, a group straddles the halves, a publisher is filed under a group
  other than its own, or a listed publisher has no passage (a stale entry).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.evaluation.corpus import Passage, load_corpus
from pipelines.safe_yaml import safe_load_with_nodes

__all__ = ["HALVES", "Split", "SplitError", "check_split", "load_split", "propose_split", "publisher_group"]

HALVES = ("tuning", "test")


class SplitError(ValueError):
    """An invalid split file or a split that does not cover the corpus."""


@dataclass(frozen=True)
class Split:
    same_source: dict[str, str]  # publisher -> the source it stands for
    halves: dict[str, dict[str, list[str]]]  # half -> group -> publishers

    def half_of(self, publisher: str) -> str:
        for half, groups in self.halves.items():
            for publishers in groups.values():
                if publisher in publishers:
                    return half
        raise SplitError(f"publisher {publisher!r} is not in the split")

    def publisher_halves(self) -> dict[str, str]:
        return {p: half for half, groups in self.halves.items() for ps in groups.values() for p in ps}


def publisher_group(publisher: str, same_source: dict[str, str] | None = None) -> str:
    """The normalised group name of a publisher (module doc)."""
    name = (same_source or {}).get(publisher, publisher)
    name = re.sub(r"\([^()]*\)", " ", name)
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def _sha(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def propose_split(passages: Iterable[Passage], same_source: dict[str, str], existing: Split | None = None) -> Split:
    """Assign every publisher group to a half (module doc); ``existing`` assignments are kept."""
    passages = list(passages)
    group_langs: dict[str, Counter[str]] = {}
    group_publishers: dict[str, set[str]] = {}
    for p in passages:
        g = publisher_group(p.publisher, same_source)
        group_langs.setdefault(g, Counter())[p.language] += 1
        group_publishers.setdefault(g, set()).add(p.publisher)

    assigned: dict[str, str] = {}
    if existing is not None:
        for half, groups in existing.halves.items():
            for g, publishers in groups.items():
                assigned[g] = half
                group_publishers.setdefault(g, set()).update(publishers)
    counts = {half: Counter() for half in HALVES}
    for g, half in assigned.items():
        counts[half].update(group_langs.get(g, Counter()))

    toggle = 0
    for g in sorted(group_langs, key=lambda g: (_sha(g), g)):
        if g in assigned:
            continue
        load = {half: sum(counts[half][lang] for lang in group_langs[g]) for half in HALVES}
        if load["tuning"] == load["test"]:
            half = HALVES[toggle]
            toggle = 1 - toggle
        else:
            half = min(HALVES, key=lambda h: load[h])
        assigned[g] = half
        counts[half].update(group_langs[g])

    halves: dict[str, dict[str, list[str]]] = {half: {} for half in HALVES}
    for g in sorted(assigned):
        halves[assigned[g]][g] = sorted(group_publishers[g])
    return Split(same_source=dict(sorted(same_source.items())), halves=halves)


def load_split(path: Path) -> Split:
    """Read ``split.yaml``; a malformed file is a ``SplitError`` naming it."""
    try:
        data, _ = safe_load_with_nodes(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SplitError(f"{path}: {error}") from None
    if not isinstance(data, dict) or set(data) != {"same_source", *HALVES}:
        raise SplitError(f"{path}: must be a mapping with the keys same_source, tuning and test")
    same_source = data["same_source"] or {}
    if not isinstance(same_source, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in same_source.items()
    ):
        raise SplitError(f"{path}: same_source: must map a publisher to the source it stands for")
    halves: dict[str, dict[str, list[str]]] = {}
    for half in HALVES:
        groups = data[half] or {}
        if not isinstance(groups, dict) or not all(
            isinstance(g, str) and isinstance(ps, list) and ps and all(isinstance(p, str) for p in ps)
            for g, ps in groups.items()
        ):
            raise SplitError(f"{path}: {half}: must map each publisher group to a list of publishers")
        halves[half] = groups
    return Split(same_source=same_source, halves=halves)


def check_split(split: Split, passages: Iterable[Passage]) -> list[str]:
    """Every problem of ``split`` against the corpus (empty when the split is sound)."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    group_half: dict[str, str] = {}
    for half in HALVES:
        for group, publishers in split.halves[half].items():
            if group in group_half:
                problems.append(f"publisher group {group!r} is in both halves")
            group_half[group] = half
            for p in publishers:
                if p in seen:
                    where = "in both halves" if seen[p] != half else f"twice in the {half} half"
                    problems.append(f"publisher {p!r} is listed {where}")
                seen[p] = half
                own = publisher_group(p, split.same_source)
                if own != group:
                    problems.append(f"publisher {p!r} is filed under {group!r} but its group is {own!r}")
    corpus_publishers: dict[str, list[str]] = {}
    for passage in passages:
        corpus_publishers.setdefault(passage.publisher, []).append(passage.id)
    for publisher, ids in sorted(corpus_publishers.items()):
        if publisher not in seen:
            problems.append(f"publisher {publisher!r} (passage {ids[0]}) is not in the split")
    for publisher in sorted(seen):
        if publisher not in corpus_publishers:
            problems.append(f"publisher {publisher!r} is in the split but no passage has it")
    return problems


def dump_split(split: Split, header: str | None = None) -> str:
    """The YAML text of a split, after ``header`` (comment lines; by default, how it was made)."""
    header = header or (
        "# The tuning/test split of the evaluation corpus, by publisher group (made once; see\n"
        "# pipelines/evaluation/split.py for the rule). Rules are tuned on the tuning half only;\n"
        "# the test half is measured, never read for rule work. New publishers: run\n"
        "# `python -m pipelines.evaluation.split --extend` (existing assignments never move).\n"
    )
    body = yaml.safe_dump(
        {"same_source": split.same_source}, allow_unicode=True, sort_keys=False, width=100,
        default_flow_style=False,
    ) + yaml.safe_dump(split.halves, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    return header + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write split.yaml when it does not exist")
    mode.add_argument("--extend", action="store_true", help="place new publisher groups, keep the rest")
    parser.add_argument("--same-source", action="append", default=[], metavar="PUBLISHER=SOURCE",
                        help="with --write: a publisher that is a copy of another source")
    args = parser.parse_args(argv)
    path = args.corpus / "split.yaml"
    passages = load_corpus(args.corpus)
    header = None
    if args.extend:
        existing = load_split(path)
        split = propose_split(passages, existing.same_source, existing)
        # The existing header (how the split was made, why sources are merged) is kept.
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = "".join(line for line in _leading_comments(lines)) or None
    else:
        same_source = dict(item.split("=", 1) for item in args.same_source)
        split = propose_split(passages, same_source)
    if args.write and path.exists():
        print(f"{path} exists: the split is made once (use --extend for new publishers)", file=sys.stderr)
        return 1
    text = dump_split(split, header)
    if args.write or args.extend:
        path.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    problems = check_split(split, passages)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _leading_comments(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
