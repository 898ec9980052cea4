"""Cut a document into sentences with exact spans and a ``location``; skip what is not text.

``split_document(text)`` returns the :class:`~pipelines.extraction.model.Sentence` objects of a
document, in order, each with ``text[s.start:s.end] == s.text`` (no surrounding whitespace) and
``s.location`` in ``LOCATIONS``. ``skipped_regions(text)`` returns the ``(start, end, reason)``
of everything that was deliberately *not* returned, for auditing (nothing is dropped silently).

How a document is read
----------------------
The unit is the line: in the received documents a paragraph, a heading, a footnote or a list
item is one line (the Ifri study converted from PDF included). Each non-blank line is classified,
in this order:

1. **Skipped regions** (never returned; reason in brackets):

   * ``front_matter`` — in a Markdown document whose text before its first level-1 heading
     (``# ...``) holds an ISBN, a copyright line or "Comment citer", that whole zone (month/year
     of issue, publisher boiler-plate, ISBN, ©, cover credit, "Comment citer cette publication",
     postal address, phone, e-mail, web site) except the document title (its first Markdown
     heading, kept as ``heading``). Anywhere in a document, lines that are an ISBN/ISSN, a
     copyright (``©``, "Tous droits réservés"), a phone/fax/e-mail/web-site line, a postal address
     (``27 rue ... 75740 ...``) or a bare link (``[ifri.org](http://ifri.org)``); a line that
     continues a skipped line through a Markdown hard break (two trailing spaces) is skipped too.
   * ``table_of_contents`` — a "Sommaire"/"Table des matières"/"Contents" section (heading
     included, up to the next heading) and, anywhere, lines ending in a page number after dotted
     leaders or a tab.
   * ``separator`` — ``---`` rules (the page-footnote separators of the PDF conversion).
   * ``boilerplate`` — web furniture: "À LIRE AUSSI : ..." cross-links, "Partager l'article",
     "Autres articles".
   * ``sup_marker``/``list_marker``/``footnote_marker`` are *not* regions: markers at the start
     of a line (``12.``, ``•``, ``#``, ``**``) are simply left out of the sentence span.

2. **heading** — Markdown headings (``#``...``######``, marker and surrounding ``**`` left out
   of the span), lines entirely in bold (``**Graphique 1 : ...**``) and short title lines of
   plain articles: a standalone line of at most 150 characters that starts with a capital and
   does not end with sentence punctuation (``. ! ? … : ; ,``). The first line of a document is
   also a heading when it is short and ends with ``?`` (a blog title).

3. **footnote** / **citation** — a line ``N. text`` in a document that has ``<sup>N</sup>``
   footnote markers (when ``N`` is a marker number, or the line follows a ``---`` separator or
   another footnote). Numbered lines of documents without markers are list items (body). A
   footnote whose text *starts* like a bibliographic reference (author initials ``J. Manyika,``,
   a title in guillemets ``« ... »``, ``*Ibid.*``, ``cf.``) is one ``citation`` segment; other
   footnotes are cut into sentences, each a ``citation`` if it starts like a reference or holds a
   URL / "disponible sur" / "consulté le" / "op. cit.", else a ``footnote``; ``; cf. ...`` starts
   a new segment (explanation = footnote, reference = citation). Chart notes (``\\* ...``) are
   footnotes; ``Source : ...`` lines are citations.

4. **abstract** — every sentence under a heading "Abstract" **or "Résumé"** (also "Summary",
   "Executive summary", "Synthèse"), up to the next heading. Decision: ``location`` records the
   role of the passage, not its language. The French "Résumé" of doc 000 is, like the English
   "Abstract", a summary that restates figures given in the body ("1,5 fois le PIB français" is
   the introduction's "plus d'une fois et demi le PIB"); tagging both ``abstract`` lets users
   count each statement once by filtering on ``location == 'body'``. To treat the Résumé as body
   instead, remove its names from ``SUMMARY_HEADINGS``.

5. **body** — everything else, cut into sentences. Decision: the author's biography ("# Auteur")
   and bylines are the document's own text, so they are ``body`` (nothing in them is front
   matter in the bibliographic sense, and nothing is dropped silently).

Sentence splitting
------------------
A boundary is sentence punctuation (``. ! ? …``), optionally followed by closing quotes,
parentheses, emphasis ``*`` and ``<sup>n</sup>`` markers, then whitespace and a capital, a digit or
an opening quote. It is refused after abbreviations (``M.``, ``p.``, ``n.``, ``cf.``, a day before its month:
``20. Juni``, an ordinal after an article: ``im 21. Bezirk``, an inline list's marker after a colon
or a comma: ``areas: 1. AI, 2. Skills``,
``op. cit.``, ``etc.`` before a lower-case word never matches anyway), single-letter initials
(``J. Manyika``, ``G. H. Hong``), dotted acronyms (``U.S.``) and inside a ``« ... »`` / ``“...”``
quotation. A fragment without any word of three letters ("Les États-Unis ? 161.") stays with
the sentence before it. Decimal commas/points (``1,5``, ``1.5``) never match since no space follows. Lines are
cut at most ``MAX_CHARS`` (400) characters: a longer sentence is cut at the last ``;``, then
`` : ``, dash, comma, then space before the limit, never between two digits (``22 000``) nor
inside a ``<sup>`` marker, and never between a number and its words when a space away from
every number, or at least not after one, exists (``_CUT_RULES``); a run of more than 400 characters without a space is
kept whole (a piece is then longer than the cap rather than cut inside a figure).

Known limits: a sentence interrupted by a page break (the PDF conversion inserts the page's
footnotes in the middle of it) comes out as two segments; a sentence ending with an initial
("vitamine C. La ...") is not cut.
"""

from __future__ import annotations

import re

from pipelines.extraction import languages as language_rules
from collections.abc import Iterator

from pipelines.extraction.model import Sentence

__all__ = ["MAX_CHARS", "SUMMARY_HEADINGS", "split_document", "skipped_regions"]

MAX_CHARS = 400

#: Headings (normalised: lower case, no accents, no ``*``) whose section is an ``abstract``.
SUMMARY_HEADINGS = frozenset(
    {"abstract", "resume", "summary", "executive summary", "synthese", "resume executif"}
)
#: Headings whose section is a table of contents (skipped).
TOC_HEADINGS = frozenset(
    {"sommaire", "table des matieres", "contents", "table of contents", "table"}
)
#: Headings whose section is front matter (skipped).
FRONT_HEADINGS_RE = re.compile(r"^(?:comment citer|how to cite|pour citer)")

_LINE_RE = re.compile(r"[^\n]+")
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+")
_HEADING_LINE_RE = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_CAPTION_RE = re.compile(
    r"^(?:Graphique|Figure|Fig\.|Tableau|Table|Chart|Carte|Encadré|Box)\s+\d{1,3}\s*[:.–-]\s*\S.{0,200}$"
)
_H1_RE = re.compile(r"^#[ \t]+\S", re.M)
_FRONT_MARKER_RE = re.compile(
    r"\bISBN\b|©|Tous droits r[ée]serv[ée]s|All rights reserved|Comment citer", re.I
)
_SUP_NUM_RE = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>")
_SEPARATOR_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_TOC_LINE_RE = re.compile(
    r"(?:\.{4,}|…{2,}|\t)\s*(?:</?\w+>\s*)*\d{1,4}\s*(?:</?\w+>\s*)*$"
)
#: One of these is in every line _TOC_LINE_RE matches (its leaders): other lines are not searched
#: (the search tries the pattern at every character of a line that has none).
_TOC_LEADERS = ("....", "……", "\t")
_SKIP_LINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\W{0,4}(?:ISBN|ISSN)\b", re.I), "front_matter"),
    (re.compile(r"^\W{0,4}©|Tous droits r[ée]serv[ée]s|All rights reserved", re.I), "front_matter"),
    (
        re.compile(
            r"^\W{0,4}(?:T[ée]l(?:[ée]phone)?|Fax|E-?mail|Courriel|Site internet|Site web|Website)"
            r"\W{0,4}\s*:",
            re.I,
        ),
        "front_matter",
    ),
    (
        re.compile(
            r"^\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|quai|all[ée]e|"
            r"chemin|impasse|cours)\b.*\b\d{5}\b",
            re.I,
        ),
        "front_matter",
    ),
    (re.compile(r"^\W{0,4}Couverture\s*:", re.I), "front_matter"),
    (re.compile(r"^(?:\*\*)?\[[^\]]*\]\([^)]*\)(?:\*\*)?$"), "front_matter"),
    (
        re.compile(
            r"^(?:À|A) LIRE AUSSI\b|^Lire aussi\s*:|^Read (?:also|more)\s*:|^Partager l['’]article"
            r"|^Partager\s*:|^Share this\b|^Autres articles$|^Related articles$",
            re.I,
        ),
        "boilerplate",
    ),
)
_FOOTNOTE_RE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_CHART_NOTE_RE = re.compile(r"^\\?\*\s+(?=\S)")
_SOURCE_RE = re.compile(r"^(?:\*\*)?Sources?(?:\*\*)?\s*:\s*(?=\S)", re.I)
_LIST_RE = re.compile(r"^(?:[•·▪◦‣●\-–—+]|\*(?!\*)|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
_BOLD_LINE_RE = re.compile(r"^\*\*(?=\S)(.*\S)\*\*$")
_TITLE_END_PUNCT = ".!?…:;,"
_CLOSERS = "»”\"’')]*_ \u00a0\u202f"

# A possible sentence end: punctuation, closers (quotes, brackets, emphasis, <sup> markers),
# whitespace, then the start of the next sentence.
_BOUNDARY_RE = re.compile(
    r"(?P<punct>[.!?…]+)"
    r"(?P<close>(?:[\s\u00a0\u202f]?[»”\"’)\]]|\*+|_+|<sup>[^<>]{1,12}</sup>)*)"
    r"(?=[\s\u00a0\u202f]+[«“\"(\[*_]?[\s\u00a0\u202f]?[A-ZÀ-ÖØ-Þ0-9])"
)
# A sentence end with no space after it, as scraped pages glue them ("fin mai.Orange Côte
# d'Ivoire", "vorzupreschen.Im Koalitionsvertrag"): a word of lower-case letters, the punctuation,
# then a capitalised word. Not "3.5", "U.S.", "ASP.NET", "e.On" nor an abbreviation ("Mio.Euro").
_GLUED_BOUNDARY_RE = re.compile(r"(?P<punct>[.!?])(?<=[a-zß-öø-ÿ]{2}[.!?])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_WORD_BEFORE_RE = re.compile(r"([\w’'-]+(?:\.[\w’'-]+)*)\W{0,2}$")
# Words before a full stop that does not end a sentence: every language's (a document quotes
# others; an abbreviation is rarely a sentence's last word), ``sentences.abbreviations``.
def _month_abbreviations() -> frozenset[str]:
    """Abbreviated month names of every language (``dates.months`` entries ending in a full stop:
    "Sept. 30" is a date, not a sentence end); an optional letter ("Sept?") gives both spellings."""
    out = set()
    for fragment in language_rules.all_words("dates", "months"):
        if not fragment.endswith(r"\."):
            continue
        stem = fragment[:-2]
        if "?" in stem:
            i = stem.index("?")
            out.update((stem[: i - 1] + stem[i + 1:], stem[:i] + stem[i + 1:]))
        else:
            out.add(stem)
    return frozenset(w.lower() for w in out if w.isalpha())


_ABBREVIATIONS = frozenset(w.lower() for w in language_rules.all_words("sentences", "abbreviations")) | _month_abbreviations()
# A day written as an ordinal before its month ("bis zum 20. Juni 2025", "am 1. Januar"): the full
# stop is the ordinal's, not a sentence's end (month names of every language, ``dates.months``).
_DAY_BEFORE_RE = re.compile(r"(?<![\w.,])(?:0?[1-9]|[12]\d|3[01])\Z")
# An inline list's marker after a colon or a comma ("five areas: 1. AI, 2. Digital skills"):
# its full stop ends no sentence (``not_figures`` reads the marker as no figure).
_INLINE_MARKER_RE = re.compile(r"[:,;][ \u00a0\u202f]+\d{1,2}\Z")
_MONTH_AFTER_RE = re.compile(
    r"[\s\u00a0\u202f]+(?i:" + "|".join(
        language_rules.fragment_pattern(m) for m in language_rules.all_words("dates", "months") if not m.endswith(r"\.")
    ) + r")(?![\w])"
)
# An ordinal after an article ("im 21. Bezirk", "zum 3. Mal"): its full stop is the ordinal's
# (every language's ``sentences.ordinal_articles``: a definite article never stands before a bare count).
_ORDINAL_ARTICLES = language_rules.all_words("sentences", "ordinal_articles")
_ARTICLE_BEFORE_RE = re.compile(
    rf"(?i:(?<![\w'’-])(?:{'|'.join(language_rules.fragment_pattern(w) for w in _ORDINAL_ARTICLES)}))"
    r"[ \u00a0\u202f]+\Z"
) if _ORDINAL_ARTICLES else None
_DIGITS_BEFORE_STOP_RE = re.compile(r"(?<![\d.,])\d{1,3}\Z")


def ordinal_article_before(text: str, pos: int) -> bool:
    """A word of ``sentences.ordinal_articles`` ends right before ``pos``, spaces between ("im 21.",
    "zum 3."): a number at ``pos`` written with a full stop is an ordinal (here, and in ``not_figures``)."""
    return _ARTICLE_BEFORE_RE is not None and _ARTICLE_BEFORE_RE.search(text, max(0, pos - 12), pos) is not None


_WORDY_RE = re.compile(r"[^\W\d_]{3,}")
_QUOTE_SPAN_RE = re.compile(r"«[^«»]*»|“[^“”]*”")
_CF_SPLIT_RE = re.compile(r"\s*;\s+(?=(?:cf\.|voir |see |v\. ))", re.I)

_CITATION_START_RE = re.compile(
    r"^(?:cf\.\s|voir\s|see\s|«|“|\"|\*?(?:Ibid|Id\.|Op\. cit)|"
    r"(?:[A-ZÀ-Þ]\.[\s-]?){1,3}\s?[A-ZÀ-Þ][\w’'-]+(?:\s[A-ZÀ-Þ][\w’'-]+)?\s?(?:,|\set\s|\sand\s|&))"
)
_CITATION_ANY_RE = re.compile(
    r"https?://|www\.|\]\(|disponible sur|consulté le|accessed on|retrieved from|"
    r"\bop\. cit\b|\bibid\b",
    re.I,
)


def _norm_heading(s: str) -> str:
    s = s.replace("*", "").replace("_", " ").strip().lower()
    table = str.maketrans("éèêëàâäîïôöûüùç", "eeeeaaaiioouuuc")
    return re.sub(r"\s+", " ", s.translate(table)).strip(" :.")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_SPAN_RE.finditer(text, start, end)]


def _is_abbreviation(text: str, block_start: int, punct_start: int) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(block_start, punct_start - 40), punct_start)
    if not m or m.end() != punct_start:
        return False
    word = m.group(1)
    if "." in word:  # U.S, e.g, J.-C
        return True
    if len(word) == 1 and word.isalpha():  # initials: J. Manyika, M. Macron
        return True
    return word.lower() in _ABBREVIATIONS


def _sentence_spans(text: str, start: int, end: int, extra: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Sentence spans (stripped) inside ``text[start:end]``."""
    quotes = _quote_spans(text, start, end)
    cuts: list[tuple[int, int]] = []  # (end of sentence, start of next search)
    for m in _BOUNDARY_RE.finditer(text, start, end):
        punct = m.group("punct")
        if punct == "." and _is_abbreviation(text, start, m.start("punct")):
            continue
        if (punct == "." and _DAY_BEFORE_RE.search(text, max(start, m.start("punct") - 3), m.start("punct"))
                and _MONTH_AFTER_RE.match(text, m.end())):
            continue
        if punct == "." and _INLINE_MARKER_RE.search(text, max(start, m.start("punct") - 5), m.start("punct")):
            continue
        if (punct == "." and (digits := _DIGITS_BEFORE_STOP_RE.search(text, max(start, m.start("punct") - 3), m.start("punct")))
                and ordinal_article_before(text, digits.start())):
            continue
        pos = m.end()
        if any(qs < pos < qe for qs, qe in quotes):
            continue
        cuts.append((pos, pos))
    for m in _GLUED_BOUNDARY_RE.finditer(text, start, end):
        if m.group("punct") == "." and _is_abbreviation(text, start, m.start("punct")):
            continue
        if not any(qs < m.end() < qe for qs, qe in quotes):
            cuts.append((m.end(), m.end()))
    if extra is not None:
        for m in extra.finditer(text, start, end):
            cuts.append((m.start(), m.end()))
    cuts.sort()
    spans = []
    cur = start
    for cut_end, nxt in cuts:
        if cut_end <= cur:
            continue
        s, e = _strip_span(text, cur, cut_end)
        if e > s:
            spans.append((s, e))
        cur = nxt
    s, e = _strip_span(text, cur, end)
    if e > s:
        spans.append((s, e))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        # "Les États-Unis ? 161." — a fragment without any word is the answer to the previous
        # sentence: keep them together so the figure keeps its context.
        if merged and not _WORDY_RE.search(text, s, e) and e - merged[-1][0] <= MAX_CHARS:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        out.extend(_cap(text, s, e))
    return out


_SPACE_NOT_BY_DIGIT = re.compile(r"(?<=[^\d\s])\s|\s(?=[^\d\s])")
# Cut points, best first: (pattern, how far from figures). A cut at a space "away" from figures
# has no digit in the _FIGURE_TAIL characters before it (a number's scale and unit words: "20 |
# milliards d'euros", " millions de dollars américains") nor in the _FIGURE_HEAD characters
# after it (its qualifier: "plus de | 20 milliards"); "after" only checks the characters before
# (the cut may fall before a number, never inside its words).
_CUT_RULES = (
    (re.compile(r";(?=\s)"), None),
    (re.compile(r"(?<=\s):(?=\s)|:(?=\s)"), None),
    (re.compile(r"(?<=\s)[–—](?=\s)"), None),
    (re.compile(r",(?=\s)"), None),
    (re.compile(r"\s"), "away"),
    (re.compile(r"\s"), "after"),
    (_SPACE_NOT_BY_DIGIT, None),
    (re.compile(r"\s"), None),
)
_MIN_PIECE = 60
_FIGURE_TAIL = 40
_FIGURE_HEAD = 20
_DIGIT_RE = re.compile(r"\d")
_SPACE_RE = re.compile(r"\s")


def _away_from_figures(text: str, pos: int, start: int, end: int, how: str | None = "away") -> bool:
    if how is None:
        return True
    if _DIGIT_RE.search(text, max(start, pos - _FIGURE_TAIL), pos) is not None:
        return False
    return how == "after" or _DIGIT_RE.search(text, pos, min(end, pos + _FIGURE_HEAD)) is None


def _cap(text: str, start: int, end: int, limit: int = MAX_CHARS) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters at clause boundaries.

    Never inside a figure: a space cut keeps a number with its words when the window allows it
    (``_CUT_RULES``), and a run without any space longer than ``limit`` (a 401-digit number)
    is kept whole, the piece running to the next space.
    """
    out = []
    while end - start > limit:
        window_end = start + limit
        cut = None
        for rule, how in _CUT_RULES:
            best = None
            for m in rule.finditer(text, start + _MIN_PIECE, window_end):
                pos = m.end() if not m.group().isspace() else m.start()
                if pos - start <= limit and not _inside_sup(text, pos) and _away_from_figures(text, pos, start, end, how):
                    best = pos
            if best is not None:
                cut = best
                break
        if cut is None:  # no space in the window: keep the run whole, and the words after it
            spaces = [m.start() for m in _SPACE_RE.finditer(text, window_end, min(end, window_end + limit))]
            if not spaces:
                space = _SPACE_RE.search(text, window_end, end)
                if space is None:
                    break
                spaces = [space.start()]
            cut = next((p for p in spaces if _away_from_figures(text, p, start, end)), spaces[0])
        s, e = _strip_span(text, start, cut)
        if e > s:
            out.append((s, e))
        start, end = _strip_span(text, cut, end)
    if end > start:
        out.append((start, end))
    return out


def _inside_sup(text: str, pos: int) -> bool:
    open_ = text.rfind("<sup>", max(0, pos - 20), pos)
    if open_ < 0:
        return False
    close = text.find("</sup>", open_)
    return close >= 0 and pos < close + len("</sup>")


def _is_citation(piece: str) -> bool:
    return bool(_CITATION_START_RE.match(piece) or _CITATION_ANY_RE.search(piece))


def _scan(text: str) -> Iterator[tuple[str, int, int, str]]:
    """Yield ``("keep", start, end, location)`` and ``("skip", start, end, reason)`` in order."""
    sups = {int(n) for n in _SUP_NUM_RE.findall(text)}
    h1 = _H1_RE.search(text)
    front_end = 0
    if h1 and _FRONT_MARKER_RE.search(text, 0, h1.start()):
        front_end = h1.start()
    title_seen = False
    section: str | None = None  # "toc", "abstract", "front" or None
    prev_kind = None  # "separator", "footnote", "skip" or "other"
    prev_hard_break = False
    first_line = True
    markdown = bool(_HEADING_LINE_RE.search(text))  # explicit headings: no guessing of titles
    lines = list(_LINE_RE.finditer(text))
    for i, lm in enumerate(lines):
        raw = lm.group()
        ls, le = _strip_span(text, lm.start(), lm.end())
        if le <= ls:
            continue
        line = text[ls:le]
        hard_break = raw.endswith("  ") or raw.endswith("\\")
        is_first = first_line
        first_line = False

        heading = _HEADING_RE.match(line)
        # 1. front-matter zone of a Markdown report
        if ls < front_end:
            if heading and not title_seen:
                title_seen = True
                s, e = _heading_span(text, ls, le, heading.end())
                yield ("keep", s, e, "heading")
            else:
                yield ("skip", ls, le, "front_matter")
            prev_kind, prev_hard_break = "skip", hard_break
            continue

        if heading:
            name = _norm_heading(line[heading.end():])
            if name in TOC_HEADINGS:
                section = "toc"
            elif name in SUMMARY_HEADINGS:
                section = "abstract"
            elif FRONT_HEADINGS_RE.match(name):
                section = "front"
            else:
                section = None
            if section == "toc":
                yield ("skip", ls, le, "table_of_contents")
            elif section == "front":
                yield ("skip", ls, le, "front_matter")
            else:
                s, e = _heading_span(text, ls, le, heading.end())
                if e > s:
                    yield ("keep", s, e, "heading")
            prev_kind, prev_hard_break = "other", hard_break
            continue

        if section == "toc" or any(leader in line for leader in _TOC_LEADERS) and _TOC_LINE_RE.search(line):
            yield ("skip", ls, le, "table_of_contents")
            prev_kind, prev_hard_break = "skip", hard_break
            continue
        if section == "front":
            yield ("skip", ls, le, "front_matter")
            prev_kind, prev_hard_break = "skip", hard_break
            continue
        if _SEPARATOR_RE.match(line):
            yield ("skip", ls, le, "separator")
            prev_kind, prev_hard_break = "separator", hard_break
            continue
        reason = next((r for pat, r in _SKIP_LINE_RULES if pat.search(line)), None)
        if reason is None and prev_kind == "skip" and prev_hard_break:
            reason = "front_matter"
        if reason is not None:
            yield ("skip", ls, le, reason)
            prev_kind, prev_hard_break = "skip", hard_break
            continue
        prev_hard_break = hard_break

        # 3. footnotes
        fm = _FOOTNOTE_RE.match(line)
        if fm and sups and (int(fm.group(1)) in sups or prev_kind in ("separator", "footnote")):
            yield from _footnote(text, ls + fm.end(), le)
            prev_kind = "footnote"
            continue
        cm = _CHART_NOTE_RE.match(line)
        if cm:
            for s, e in _sentence_spans(text, ls + cm.end(), le):
                yield ("keep", s, e, "citation" if _is_citation(text[s:e]) else "footnote")
            prev_kind = "footnote"
            continue
        prev_kind = "other"
        if _SOURCE_RE.match(line):
            for s, e in _cap(text, ls, le):
                yield ("keep", s, e, "citation")
            continue

        # 2. headings that are not Markdown headings
        bm = _BOLD_LINE_RE.match(line)
        if bm and len(line) <= 250:
            for s, e in _cap(text, *_strip_span(text, ls + 2, le - 2)):
                yield ("keep", s, e, "heading")
            continue
        lm_ = _LIST_RE.match(line)
        location = "abstract" if section == "abstract" else "body"
        if lm_:
            for s, e in _sentence_spans(text, ls + lm_.end(), le):
                yield ("keep", s, e, location)
            continue
        if _CAPTION_RE.match(line) or (
            not markdown and section != "abstract" and _is_title_line(line, is_first)
        ):
            for s, e in _cap(text, ls, le):
                yield ("keep", s, e, "heading")
            continue
        for s, e in _sentence_spans(text, ls, le):
            yield ("keep", s, e, location)


def _is_title_line(line: str, is_first: bool) -> bool:
    if len(line) > 150 or not line[0].isupper() and not line[0].isdigit():
        return False
    tail = line.rstrip(_CLOSERS)
    if not tail:
        return False
    if is_first and tail[-1] == "?":
        return True
    return tail[-1] not in _TITLE_END_PUNCT


def _heading_span(text: str, ls: int, le: int, marker_len: int) -> tuple[int, int]:
    s, e = _strip_span(text, ls + marker_len, le)
    while s + 4 <= e and text.startswith("**", s) and text.endswith("**", 0, e):
        s, e = _strip_span(text, s + 2, e - 2)
    return s, e


def _footnote(text: str, start: int, end: int) -> Iterator[tuple[str, int, int, str]]:
    body = text[start:end]
    if _CITATION_START_RE.match(body) and not _CF_SPLIT_RE.search(body):
        for s, e in _cap(text, start, end):
            yield ("keep", s, e, "citation")
        return
    for s, e in _sentence_spans(text, start, end, extra=_CF_SPLIT_RE):
        yield ("keep", s, e, "citation" if _is_citation(text[s:e]) else "footnote")


def split_document(text: str) -> list[Sentence]:
    """The sentences of ``text`` (headings, footnotes... included), in document order."""
    return [
        Sentence(start=s, end=e, text=text[s:e], location=loc)
        for kind, s, e, loc in _scan(text)
        if kind == "keep"
    ]


def skipped_regions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` of every non-blank line left out by :func:`split_document`."""
    return [(s, e, reason) for kind, s, e, reason in _scan(text) if kind == "skip"]
