"""Parts of a whole: which figure a figure is a component of ("dont", "of which", "including").

A claim that is a component of another is linked to it (``part_of``), never merged with it, so
that summing the claims with no ``part_of`` never counts a part beside its total. This module
finds the part-whole pairs between facts from the words of their sentences; reviewed links for
what words cannot say live in ``raw/reference/claims.yaml`` (``part_of``).

The rule, per sentence (one fact's ``quote``):

1. A *part cue* opens a list of parts: French ``dont``, ``parmi lesquels``, ``y compris``,
   ``notamment``, the verbs ``comprendre`` / ``inclure`` (``comprend``, ``comprendra``,
   ``incluant``...), a first instalment (``une première phase / tranche de``); English ``of
   which``, ``including``, ``among them``, ``comprising``, ``include(s)``, ``a first phase /
   tranche of``. Every figure after the cue, up to the next clause break (``;``, a spaced dash,
   ``tandis que``, ``alors que``, ``mais``, ``whereas``, ``while``, ``but``, the end of the
   sentence), is a part.
2. Its whole is the nearest figure *before the cue* in the same sentence that can contain it:
   the same unit (for money: the same currency, or one of them unstated), the same counted thing
   when both say what they count, and a value at least the part's ("50 000 GPU Hopper, dont
   10 000 H800 et 10 000 H100"; "six usines ..., dont une implantée en France").
3. When the sentence has no such figure and opens with a demonstrative subject that points back
   ("Ce montant comprendra ...", "Cette enveloppe inclut ...", "Of this, ...", "This amount
   includes ..."), the whole is the last figure of the previous sentence that can contain it.

Tables (facts with ``location = 'table'``, see ``extraction.tables``): a body row whose row header
says it is a total (``claims.total_rows`` in each language's resources: "Total", "Sum", "Ensemble",
"Gesamt", "Summe"...) is the whole of the rows above it in the same column of the same table, back to the
previous total row of that column, that subtotal included ("Sous-total 13" then "Ensemble 19": 13
and the rows between are the parts of 19): each of their figures is a part of the total's figure when the
total can contain it (rule 2's test) and the unit adds up (money, counts, physical units; never a
percentage, a factor or a rank: a share of all enterprises is not the sum of the shares by size).
The table and the column are read from the table quote ("caption | row headers | column headers:
cell"): the same caption, the same column headers after the total's row header, the rows between.

Known limits: a breakdown without a cue ("50 milliards d'argent public, tandis que le privé
apportera 150 milliards" after "200 milliards") is not read: a reviewed ``part_of`` says it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import polars as pl

from pipelines.extraction import languages as language_rules
from pipelines.extraction.prefilter import gate

from pipelines.facts import MONEY_UNIT, UNSTATED_CURRENCY

# The words that open a list of parts, the clause breaks that close it, and the demonstrative
# subjects that point back to the previous sentence: every language's (``claims`` in the language
# resources, pipelines/extraction/languages/<code>/rules.yaml).
def _alternation(key: str) -> str:
    return "|".join(f"(?:{language_rules.fragment_pattern(f)})" for f in language_rules.all_words("claims", key))


# Row headers that make a table row the total of the rows above it ("Total", "Ensemble", "Gesamt"):
# every language's (``claims.total_rows`` in the language resources).
_TOTAL_ROW = "(?i)^(?:" + _alternation("total_rows") + r")\s*[:.]?$"
# Units whose figures add up (a total row of them is the sum of its parts); these do not.
NOT_ADDITIVE_UNITS = ("percent", "percentage_point", "factor", "rank", "degC")

_CUE = re.compile(_alternation("part_cues"), re.I)
_BREAK = re.compile(_alternation("part_list_breaks"), re.I)
# Most figures have none of the words every cue contains before them in their sentence: they
# need no cue search (the extractor's exact gate: a cue before a figure holds one of them there).
_CUE_GATE = gate([_CUE])
_BACK = re.compile(r"^[\s*«“\"(]*(?:" + _alternation("back_references") + ")", re.I)

#: Every column ``part_links`` reads (``document_links`` keys a document's links on them).
READ_COLUMNS = ("fact_id", "source_id", "char_start", "char_end", "quote", "quote_start", "location", "unit", "counted",
            "value_low", "value_high")
# What ``part_links`` reads of a part and of a whole (``_can_contain``, the sentence and the order).
_PART_COLUMNS = ("fact_id", "source_id", "quote_start", "unit", "counted", "value_low")
_WHOLE_COLUMNS = ("fact_id", "source_id", "char_end", "quote_start", "unit", "counted", "value_high")


class _SentenceCues:
    """A sentence's part cues, found once for all its figures (a sentence holds several figures;
    each used to rescan it)."""

    __slots__ = ("_quote", "_cue_ends", "_cue_starts")

    def __init__(self, quote: str) -> None:
        self._quote = quote
        cues = list(_CUE.finditer(quote))
        self._cue_ends = [m.end() for m in cues]
        self._cue_starts = [m.start() for m in cues]

    def cue_before(self, offset: int) -> int | None:
        """The last cue that ends by ``offset`` with no clause break between it and ``offset``."""
        i = bisect_right(self._cue_ends, offset) - 1
        if i < 0 or _BREAK.search(self._quote, self._cue_ends[i], offset):
            return None
        return self._cue_starts[i]


def part_candidates(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts that are read as parts: (fact_id, source_id, cue_at, back_reference) where ``cue_at``
    is the absolute offset of the cue and ``back_reference`` says the sentence opens by pointing
    back to the previous one. Each distinct sentence is read once: most hold none of the words
    every cue contains (the gate), and the others' cues are found once for all their figures."""
    rows = []
    sentences: dict[str, _SentenceCues] = {}
    for quote in facts.get_column("quote").unique().to_list():
        text = _CUE_GATE.lowered(quote) if _CUE_GATE is not None else None  # None: the gate cannot tell
        if text is None or _CUE_GATE.pattern.search(text) is not None:
            sentences[quote] = _SentenceCues(quote)  # the others hold no cue anywhere
    candidates = facts.filter(pl.col("quote").is_in(list(sentences))) if sentences else facts.clear()
    for fact_id, source_id, start, quote, quote_start in candidates.select(
            "fact_id", "source_id", "char_start", "quote", "quote_start").iter_rows():
        cue = sentences[quote].cue_before(start - quote_start)
        if cue is not None:
            rows.append((fact_id, source_id, quote_start + cue, bool(_BACK.match(quote))))
    return pl.DataFrame(rows, schema={"fact_id": pl.String, "source_id": pl.String, "cue_at": pl.Int64,
                                      "back_reference": pl.Boolean}, orient="row")


def _can_contain(whole: str = "_w") -> pl.Expr:
    """The whole (columns suffixed ``whole``) can contain the part: same unit (money: same currency
    or one unstated), same counted thing when both say, a value at least the part's."""
    money = pl.col("unit").str.contains(MONEY_UNIT) & pl.col(f"unit{whole}").str.contains(MONEY_UNIT)
    same_money = money & ((pl.col("unit") == pl.col(f"unit{whole}")) | (pl.col("unit") == UNSTATED_CURRENCY)
                          | (pl.col(f"unit{whole}") == UNSTATED_CURRENCY))
    same_unit = same_money | (~money & (pl.col("unit") == pl.col(f"unit{whole}")))
    counted = (pl.col("counted").is_null() | pl.col(f"counted{whole}").is_null()
               | (pl.col("counted") == pl.col(f"counted{whole}")))
    return same_unit & counted & (pl.col("value_low") <= pl.col(f"value_high{whole}"))


def part_links(facts: pl.DataFrame) -> pl.DataFrame:
    """(part, whole) fact ids found by the rule of the module doc, one whole per part."""
    facts = facts.select(READ_COLUMNS)
    # Only what the pairs are tested and ordered by: each part meets every figure of its document
    # (1.5 M rows at 10,000 documents), and the quotes on both sides were most of their memory.
    parts = part_candidates(facts).join(facts.select(_PART_COLUMNS), on=["fact_id", "source_id"])
    wholes = facts.select(_WHOLE_COLUMNS).rename({c: f"{c}_w" for c in _WHOLE_COLUMNS if c != "source_id"})
    pairs = parts.join(wholes, on="source_id").filter(_can_contain())
    same_sentence = pairs.filter((pl.col("quote_start_w") == pl.col("quote_start"))
                                 & (pl.col("char_end_w") <= pl.col("cue_at")))
    inside = (same_sentence.sort(["fact_id", "char_end_w"], descending=[False, True])
              .group_by("fact_id", maintain_order=True).first().select("fact_id", "fact_id_w"))
    # Back references: the previous sentence holding a figure, then its last fitting figure.
    previous = (parts.filter(pl.col("back_reference")).join(inside, on="fact_id", how="anti")
                .join(facts.select("source_id", pl.col("quote_start").alias("previous_start")), on="source_id")
                .filter(pl.col("previous_start") < pl.col("quote_start"))
                .group_by("fact_id").agg(pl.col("previous_start").max()))
    back = (pairs.join(previous, on="fact_id").filter(pl.col("quote_start_w") == pl.col("previous_start"))
            .sort(["fact_id", "char_end_w"], descending=[False, True])
            .group_by("fact_id", maintain_order=True).first().select("fact_id", "fact_id_w"))
    return (pl.concat([inside.rename({"fact_id": "part", "fact_id_w": "whole"}),
                       back.rename({"fact_id": "part", "fact_id_w": "whole"}), table_total_links(facts)])
            .unique("part", keep="first", maintain_order=True)
            .filter(pl.col("part") != pl.col("whole")).sort("part"))


def table_total_links(facts: pl.DataFrame) -> pl.DataFrame:
    """(part, whole) fact ids of table cells and the total row of their column (module doc, Tables)."""
    cells = facts.filter(pl.col("location") == "table").select(READ_COLUMNS).with_columns(
        pl.col("quote").str.split(" | ").alias("_segments"))
    if cells.is_empty():
        return pl.DataFrame(schema={"part": pl.String, "whole": pl.String})
    # The last segment is "column header: cell"; keep the header only, so segments are headers.
    cells = cells.with_columns(
        pl.concat_list(pl.col("_segments").list.slice(0, pl.col("_segments").list.len() - 1),
                       pl.col("_segments").list.last().str.extract(r"^(.*): ", 1)).alias("_segments"))
    flags = pl.col("_segments").list.slice(1).list.eval(pl.element().str.strip_chars().str.contains(_TOTAL_ROW))
    cells = cells.with_columns(
        pl.col("_segments").list.first().alias("_table"),
        pl.col("_segments").list.len().alias("_n"),
        pl.when(flags.list.any()).then(flags.list.arg_max() + 1).alias("_total_at"),
    )
    additive = ~pl.col("unit").is_in(NOT_ADDITIVE_UNITS)
    totals = cells.filter(pl.col("_total_at").is_not_null() & additive)
    parts = cells.filter(additive)  # a subtotal is itself a part of the next total down
    same_column = (pl.col("_segments").list.slice(pl.col("_total_at_w") + 1)
                   == pl.col("_segments_w").list.slice(pl.col("_total_at_w") + 1))
    pairs = (parts.join(totals.rename({c: f"{c}_w" for c in totals.columns if c not in ("source_id", "_table", "_n")}),
                        on=["source_id", "_table", "_n"])
             .filter(same_column & (pl.col("quote_start") < pl.col("quote_start_w")) & _can_contain()))
    # The first total row below the part closes its group (a subtotal before a grand total).
    return (pairs.sort(["fact_id", "quote_start_w"]).group_by("fact_id", maintain_order=True).first()
            .select(pl.col("fact_id").alias("part"), pl.col("fact_id_w").alias("whole")))
