"""The text the extraction rules read, and the way back to the document as stored.

Two things in a document are not text for the rules, and both come from copy-paste, web pages
and PDF converters rather than from authors:

* **Invisible format characters** — zero-width space/joiner/non-joiner (U+200B–U+200D), word
  joiner and invisible operators (U+2060–U+2064), direction marks and embeddings (U+200E,
  U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), the soft hyphen (U+00AD), the Mongolian vowel
  separator (U+180E) and the byte-order mark (U+FEFF). Inside a number they split it in two
  (``5<ZWJ>000 milliards`` read as 5 and 0 milliards; ``1<RLM>2 milliards`` as 2 milliards),
  inside a word they hide it (``mil<SHY>liards``), at the start of a file (the BOM) they stick to
  the first quote. ``clean_text`` removes every one of them, wherever it is, and keeps a map
  from each position of the cleaned text to the document's, so that ``char_start``/``char_end``
  and ``quote_start``/``quote_end`` still index the document as stored (``raw_span``).

* **Markup** — HTML/XML tags (``<img src=x onerror=...>``, ``<a href="javascript:...">``),
  comments and the content of ``<script>``/``<style>`` elements are not statements: a number
  inside them (an attribute, code) is not a figure. ``markup_spans`` gives their spans in the
  cleaned text; the extractor drops figures inside them. The words between tags are text
  (``<b>12 milliards</b>`` is a figure). Quotes keep the document's characters, markup included:
  the dataset publishes the source's text, and a consumer that renders HTML must escape it.

Both are linear in the document's length (one regular-expression pass; a ``<script>`` without
its closing tag is searched for once).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["CleanText", "INVISIBLE_CHARACTERS", "clean_text", "markup_spans"]

#: The invisible format characters removed before reading (module doc).
INVISIBLE_CHARACTERS = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


@dataclass(frozen=True)
class CleanText:
    """The cleaned text, and where its characters are in the document."""

    text: str
    raw_length: int
    # For the j-th removed character: the cleaned position it was removed before (sorted).
    _removed_before: list[int] = field(default_factory=list, repr=False)

    def raw_position(self, position: int) -> int:
        """Position in the document of the cleaned text's character at ``position``."""
        return position + bisect_right(self._removed_before, position)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The document span holding ``text[start:end]``: from its first character to just after
        its last, so removed characters before or after the span stay outside it (a BOM is never
        part of the first quote) and those inside it stay inside."""
        if end <= start:
            position = self.raw_position(start) if start < len(self.text) else self.raw_length
            return position, position
        return self.raw_position(start), self.raw_position(end - 1) + 1


def clean_text(raw: str) -> CleanText:
    """``raw`` without its invisible format characters (module doc), with the offset map."""
    removed = [m.start() for m in _INVISIBLE_RE.finditer(raw)]
    if not removed:
        return CleanText(raw, len(raw))
    return CleanText(_INVISIBLE_RE.sub("", raw), len(raw), [r - j for j, r in enumerate(removed)])


_TAG_RE = re.compile(
    r"<!--"  # a comment's opening; its end is searched for below
    r"|</?[A-Za-z][\w:.-]{0,63}"  # a tag: its name, then attributes, quoted values whole
    r"(?:[^<>\"']|\"[^\"<>]{0,2000}\"|'[^'<>]{0,2000}'){0,2000}/?>",
    re.S,
)
_RAW_ELEMENT_RE = re.compile(r"<(script|style)\b", re.I)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of markup in ``text``: tags, comments, and whole
    ``<script>``/``<style>`` elements (their content is code, not text)."""
    if "<" not in text:
        return []
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()  # element names with no closing tag after some point
    lowered: str | None = None
    for m in _TAG_RE.finditer(text):
        start, end = m.start(), m.end()
        if spans and start < spans[-1][1]:
            continue  # inside a script/style element already taken
        if m.group() == "<!--":
            if "comment" in unclosed:
                continue
            close = text.find("-->", end)
            if close < 0:
                unclosed.add("comment")  # an unclosed comment is left as text
                continue
            end = close + 3
        element = _RAW_ELEMENT_RE.match(m.group())
        if element:
            name = element.group(1).lower()
            if name not in unclosed:
                lowered = lowered if lowered is not None else text.lower()
                close = lowered.find(f"</{name}", end)
                if close < 0:
                    unclosed.add(name)  # no closing tag from here on: never search again
                else:
                    finish = text.find(">", close)
                    end = finish + 1 if finish >= 0 else len(text)
        spans.append((start, end))
    return spans
