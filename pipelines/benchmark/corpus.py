"""A deterministic synthetic corpus made from the five seed documents, for benchmarks.

Each generated document is one seed document (taken in turn: document ``i`` comes from seed
``i % 5``) in which every number has been replaced by another number *of the same written
shape*: same digit count per digit run, same separators (``1,5``, ``4 000``, ``127,3``),
leading and trailing zeros kept (``200 000`` stays round, ``0,5`` stays below one). The
extractor therefore sees real-looking French text with different values, not copies of the
seeds. A few context rules keep the text plausible:

* years (``2024``, four digits in 1900..2099) are shifted by one offset per document, and the
  document's ``published_year`` by the same offset, so "d'ici 2030" stays 5 years ahead;
* days before a month name (``12 novembre``) stay valid days (1..28) with the same digit count;
* digits glued after a letter (``H100``, ``Q3``, ``DeepSeek-V3``, ``a16z``) are names, and
  ``1er`` an ordinal, not figures: they are kept;
* an increasing range (``5-6``, ``2022–2025``) stays increasing;
* optionally (``vary_separators``) the thousands separator of grouped numbers (``22 000``) is
  drawn per document among SPACE, NO-BREAK SPACE (U+00A0) and NARROW NO-BREAK SPACE (U+202F),
  the three spellings found in French reports converted from PDF;
* optionally (``vary_names``) European AI start-up names are permuted among a fixed pool.

Document ``i`` depends only on ``(seed, i)``, not on how many documents are generated: the
corpus of 100 documents is the prefix of the corpus of 1,000 (useful for refresh benchmarks).
Generation is one regex pass per document (a few hundred microseconds); use
:func:`iter_corpus` to stream a large corpus without holding it in memory.

Sizes are UTF-8 bytes; 1 MB = 1,000,000 bytes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MB = 1_000_000

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "raw" / "documents"

# Publication years of the seed documents (see the seeds README: all published in 2025).
SEED_PUBLISHED_YEAR = {
    "000_e75a69d31c231dfe.txt": 2025,
    "001_1202a09a09b366ca.txt": 2025,
    "002_a0d7e348b7e69b14.txt": 2025,
    "003_096cb091cceb2b93.txt": 2025,
    "004_2092384b85dd452f.txt": 2025,
}
DEFAULT_PUBLISHED_YEAR = 2025

THOUSANDS_SEPARATORS = (" ", "\u00a0", "\u202f")
YEAR_SHIFTS = (-3, -2, -1, 1, 2, 3)

# European AI start-ups named in the seeds (with the machine-translated names of document 001),
# permuted among themselves when ``vary_names`` is on. No digits, so digit runs are preserved.
STARTUP_NAMES = (
    "Mistral AI",
    "Aleph Alpha",
    "Hugging Face",
    "Helsing",
    "Poolside",
    "H Company",
    "Kyutai",
    "LightOn",
    "Photoroom",
    "Synthesia",
    "ElevenLabs",
    "OnzeLabs",
    "Black Forest Labs",
    "Laboratoires de la Forêt-Noire",
    "DeepL",
    "Nscale",
    "Néchelle",
    "Nebius",
    "Nébius",
    "Domyn",
    "Domyne",
    "Lovable",
    "Pigment",
)

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    "|décembre|decembre|january|february|march|april|may|june|july|august|september|october"
    "|november|december"
)
_SEP = r"[ \u00a0\u202f]"
# A number as written: a digit run, optionally followed by thousands groups (``22 000``,
# ``1 200 000``), optionally followed by a dash and a second number (ranges ``5-6``,
# ``2022–2025``). Starting with ``\d`` lets the regex engine skip non-digits fast; the kind of
# each number (year, day, name such as ``H100``...) is decided in Python from its context.
_NUM = rf"\d+(?:(?:{_SEP}\d{{3}})+(?!\d))?"
_NUMBER_RE = re.compile(rf"{_NUM}(?:(?P<dash>{_SEP}?[-–]{_SEP}?){_NUM})?")
_MONTH_AFTER_RE = re.compile(rf"{_SEP}(?:{_MONTHS})\b", re.IGNORECASE)
_SEP_RE = re.compile(_SEP)
_ORDINAL_AFTER_RE = re.compile(r"(?:<sup>)?(?:er|re)\b")
_DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    """One synthetic document, in the shape ``extract_document`` takes."""

    doc_id: str  # "gen-000042-002_a0d7e348b7e69b14": position and seed it was made from
    seed_file: str  # the seed file name under raw/documents/
    text: str
    language: str
    published_year: int

    @property
    def n_bytes(self) -> int:
        return len(self.text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class SeedDocument:
    file: str
    text: str
    language: str
    published_year: int


def load_seeds(seed_dir: Path | str | None = None) -> tuple[SeedDocument, ...]:
    """The seed documents (sorted by file name), read as UTF-8 text byte for byte."""
    return _load_seeds(str(Path(seed_dir) if seed_dir is not None else SEED_DIR))


@lru_cache(maxsize=4)
def _load_seeds(seed_dir: str) -> tuple[SeedDocument, ...]:
    files = sorted(Path(seed_dir).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no seed documents (*.txt) in {seed_dir}")
    seeds = []
    for path in files:
        # newline="" keeps the text exactly as stored (no \r\n translation).
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        year = SEED_PUBLISHED_YEAR.get(path.name, DEFAULT_PUBLISHED_YEAR)
        seeds.append(SeedDocument(path.name, text, "fr", year))
    return tuple(seeds)


def _vary_run(digits: str, rng: random.Random) -> str:
    """Another digit string of the same length, same leading and trailing zeros."""
    n = len(digits)
    lead = n - len(digits.lstrip("0"))
    if lead == n:  # all zeros: "0", "000"
        return digits
    trail = n - len(digits.rstrip("0"))
    core = n - lead - trail
    if core == 1:
        middle = str(rng.randint(1, 9))
    else:
        middle = (
            str(rng.randint(1, 9))
            + "".join(str(rng.randint(0, 9)) for _ in range(core - 2))
            + str(rng.randint(1, 9))
        )
    return digits[:lead] + middle + digits[n - trail :]


def _shape(number: str) -> str:
    return _DIGITS_RE.sub(lambda m: "9" * len(m.group()), number)


class _Varier:
    """The per-document substitution callback (holds the document's random draws)."""

    __slots__ = ("rng", "year_shift", "separator")

    def __init__(self, rng: random.Random, year_shift: int, separator: str | None) -> None:
        self.rng = rng
        self.year_shift = year_shift
        self.separator = separator

    def __call__(self, match: re.Match[str]) -> str:
        text = match.group()
        start = match.start()
        if start and match.string[start - 1].isalpha():
            return text  # glued after a letter: a name such as H100, Q3, DeepSeek-V3
        if match.group("dash") is None:
            return self._number(match.string, start, match.end())
        dash_start, dash_end = match.span("dash")
        left_old = match.string[start:dash_start]
        right_old = match.string[dash_end : match.end()]
        left = self._number(match.string, start, dash_start)
        right = self._number(match.string, dash_end, match.end())
        # Keep an increasing range increasing ("5-6" must not become "9-3").
        if (
            _shape(left) == _shape(right)
            and _value(left_old) <= _value(right_old)
            and _value(left) > _value(right)
        ):
            left, right = right, left
        return left + match.group("dash") + right

    def _number(self, string: str, start: int, end: int) -> str:
        text = string[start:end]
        if _SEP_RE.search(text):
            parts = _SEP_RE.split(text)
            if len(parts[0]) <= 3:  # thousands groups
                varied = [_vary_run(part, self.rng) for part in parts]
                if self.separator is not None:
                    return self.separator.join(varied)
                seps = _SEP_RE.findall(text)
                return varied[0] + "".join(s + v for s, v in zip(seps, varied[1:]))
            # e.g. "2025 100": two numbers side by side, not a grouped one
            return _DIGITS_RE.sub(lambda m: _vary_run(m.group(), self.rng), text)
        previous = string[start - 1] if start else ""
        if text == "1" and _ORDINAL_AFTER_RE.match(string, end):
            return text  # "1er", "1<sup>er</sup>": an ordinal, kept
        if len(text) == 4 and previous not in ",." and 1900 <= int(text) <= 2099:
            return str(int(text) + self.year_shift)  # a year
        if len(text) <= 2 and 1 <= int(text) <= 31 and _MONTH_AFTER_RE.match(string, end):
            return str(self.rng.randint(1, 9) if len(text) == 1 else self.rng.randint(10, 28))
        return _vary_run(text, self.rng)


def _value(number: str) -> int:
    return int("".join(_DIGITS_RE.findall(number)))


_NAMES_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in sorted(STARTUP_NAMES, key=len, reverse=True)) + r")\b"
)


def vary_text(
    text: str,
    rng: random.Random,
    *,
    year_shift: int = 0,
    vary_separators: bool = True,
    vary_names: bool = True,
) -> str:
    """``text`` with its numbers (and optionally separators and start-up names) varied."""
    separator = rng.choice(THOUSANDS_SEPARATORS) if vary_separators else None
    out = _NUMBER_RE.sub(_Varier(rng, year_shift, separator), text)
    if vary_names:
        pool = list(STARTUP_NAMES)
        rng.shuffle(pool)
        mapping = dict(zip(STARTUP_NAMES, pool))
        out = _NAMES_RE.sub(lambda m: mapping[m.group()], out)
    return out


def generate_document(
    index: int,
    seed: int = 0,
    *,
    seeds: tuple[SeedDocument, ...] | None = None,
    vary_separators: bool = True,
    vary_names: bool = True,
) -> GeneratedDocument:
    """Document number ``index`` of the corpus ``seed`` (independent of the corpus size)."""
    if index < 0:
        raise ValueError("index must be >= 0")
    seeds = seeds if seeds is not None else load_seeds()
    source = seeds[index % len(seeds)]
    # An int seed: reproducible across processes and Python versions (no str hashing).
    rng = random.Random(seed * 1_000_000_007 + index)
    year_shift = rng.choice(YEAR_SHIFTS)
    text = vary_text(
        source.text,
        rng,
        year_shift=year_shift,
        vary_separators=vary_separators,
        vary_names=vary_names,
    )
    return GeneratedDocument(
        doc_id=f"gen-{index:06d}-{Path(source.file).stem}",
        seed_file=source.file,
        text=text,
        language=source.language,
        published_year=source.published_year + year_shift,
    )


def iter_corpus(
    target_bytes: int | None = None,
    n_documents: int | None = None,
    seed: int = 0,
    *,
    seed_dir: Path | str | None = None,
    vary_separators: bool = True,
    vary_names: bool = True,
) -> Iterator[GeneratedDocument]:
    """Stream the corpus: ``n_documents`` documents, or documents until their total UTF-8 size
    reaches ``target_bytes`` (the last document may overshoot by less than one seed document).
    Exactly one of the two must be given."""
    if (target_bytes is None) == (n_documents is None):
        raise ValueError("give exactly one of target_bytes and n_documents")
    if target_bytes is not None and target_bytes < 0:
        raise ValueError("target_bytes must be >= 0")
    if n_documents is not None and n_documents < 0:
        raise ValueError("n_documents must be >= 0")
    seeds = load_seeds(seed_dir)
    total = 0
    index = 0
    while True:
        if n_documents is not None and index >= n_documents:
            return
        if target_bytes is not None and total >= target_bytes:
            return
        doc = generate_document(
            index, seed, seeds=seeds, vary_separators=vary_separators, vary_names=vary_names
        )
        total += doc.n_bytes
        index += 1
        yield doc


def generate_corpus(
    target_bytes: int | None = None,
    n_documents: int | None = None,
    seed: int = 0,
    **options: object,
) -> list[GeneratedDocument]:
    """The whole corpus as a list (see :func:`iter_corpus` for the arguments)."""
    return list(iter_corpus(target_bytes, n_documents, seed, **options))  # type: ignore[arg-type]
