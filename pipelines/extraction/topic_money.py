"""The topic of an amount of money from its context, when its sentence gives a weak reading.

A mixin of :class:`topic_context.TopicContext` (its levels, ``topic`` and the series of amounts it
keeps): the readings of amounts, apart from those of counts, percentages and quantities. Money is
never ``compute``: evidence for data centres and chips counts for ``capex`` (money spent on them).

* *generic capex* — an amount read as ``capex/investment`` from a word shared by several topics
  (``investir``, ``fonds``, ``mobiliser``): that word is the sentence's, so its *paragraph* decides
  whether it is a startup's funding or the AI-factories programme's money (reach: paragraph);
  unless its clause names the infrastructure it is invested in after it ("invest €1.2bn to build
  data centres"): that is capex whoever invests, a start-up too.
* *an amount with no keyword* (``other/amount``) after another amount of its paragraph (its
  sentence's or an earlier one's) continues that amount's series and takes its topic ("a new record
  of €1.5 billion, up from €1.13 billion"), as does one whose sentence names nothing and opens the
  paragraph after that amount's; else — reach: its section (paragraph, then heading),
  then its document only where the document gives one topic a score of two at least (an article
  on an AI factory's funding; one budget word elsewhere in a long report says nothing of one
  amount). A *generic investment* amount (``capex/investment`` read from a generic word) reads
  its paragraph, heading, then document, the generic word that made it not voting again ("In Asia
  investments fell from 21.5 billion" in a venture-capital report). An amount followed by ``topics.amount_of_after``
  ("£25 billion worth of new investment") is no valuation: its context says whose it is.
* *who pays* — public funding or private investment read from its sentence ("provided by the
  Polish government") — is the AI factories programme's funding where its context, nearest
  level first up to the document, is about the programme (a state's co-funding of its AI
  factory); the generic money word that made the reading does not vote again. So is a share of
  a cost or of the money ("die EU-Förderung soll etwa 30 Prozent dieser Kosten abdecken"): a
  share of a programme's budget is the programme's (TOPICS rule 1). A payer's part of a venture fund
  stated before it in the sentence ("vom Bund (133 Millionen Euro)") is start-up money (TOPICS rule
  6; read in ``TopicContext``, which sees the sentence's other amounts).
* A *market's size* (``market_size``, read from "market", "marchés") in a document whose subject
  is startups is the size of their funding market: ``vc_investment`` ("ces marchés ont attiré 3,6
  milliards de dollars" in a venture-capital report); elsewhere a market stays ``other``.
* A company's *worth* or *market value* (``market_cap`` read from "worth", "vaut", "einen Wert
  von": ``topics.worth_words``, or from "Marktwert", "market value") is its valuation when the
  sentence has no stock-market word (``stock_words``) and the paragraph is about startups (a
  unicorn's definition); a contract's worth (``contract_words``: agreement, contrat, deal) is a
  ``contract_value`` whose topic the context decides.
* *debt raised for infrastructure* (``topics.debt_words`` right after the amount, and compute's or a
  project's words in the rest of its sentence: "raised about $830 million in debt to fund a new
  data center") is money spent on it, whoever borrows (TOPICS rule 3): ``capex``, not a round.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure
from pipelines.extraction.topic_levels import (
    DOCUMENT,
    HEADING,
    MONEY_TOPICS,
    PARAGRAPH,
    SENTENCE,
    clause_after,
    clause_before,
    says,
    topic_word_pattern,
)
from pipelines.extraction.topic_profiles import profile

__all__ = ["GENERIC_MONEY_METRIC", "PROGRAMME_MONEY", "MoneyReadings"]

#: the metric of an investment amount once its context says whose it is (the candidates, in order)
GENERIC_MONEY_METRIC = {"capex": "investment", "startups": "funding", "ai_factories": "programme_funding"}
#: who pays, read from the sentence (``capex``) -> the metric once a paragraph on the AI factories
#: says what is paid for
PROGRAMME_MONEY = {"public_funding": "programme_funding", "private_investment": "private_investment"}
#: how far after an amount the infrastructure it is invested in may be named
_PURPOSE_REACH = 60
#: the readings a debt for infrastructure overrides: a round's, a start-up's money, a generic
#: investment whose context would say whose it is
_DEBT_READINGS = frozenset((("startups", "funding_round"), ("startups", "funding"), ("startups", "amount"),
                            ("capex", "investment")))
#: how far after an amount its debt word may stand ("$7.5 billion in debt", "en dette senior")
_DEBT_REACH = 20
#: an amount restated in parentheses right after it
_RESTATED = re.compile(r"[ \u00a0\u202f]*\([^()]{1,30}\)")


@cache
def _purpose_pattern(language: str) -> re.Pattern[str] | None:
    """Words between an amount and the project it is for ("pour le projet", "for the plant")."""
    return language_rules.word_pattern(language, "topics", "project_purpose", r"[ \u00a0\u202f]+(?i:{words})[ \u00a0\u202f]*")


@cache
def _project_pattern(language: str) -> re.Pattern[str] | None:
    """The words of a built thing (``topics.project_words``: projet, plant, Rechenzentrum), whose
    worth is its cost; whole words (one ending in an apostrophe needs no boundary after it)."""
    return language_rules.word_pattern(language, "topics", "project_words", r"(?<![\w])(?i:{words})(?:(?<=['’])|(?![\w]))")


@cache
def _amount_of_pattern(language: str) -> re.Pattern[str] | None:
    """``topics.amount_of_after`` right after an amount ("£25 billion worth of ...")."""
    return language_rules.word_pattern(language, "topics", "amount_of_after", r"[ \u00a0]+(?i:{words})(?![\w])")


class MoneyReadings:
    """The readings of amounts of money (see module doc). Mixed into ``TopicContext``, whose
    ``topic``, ``_level``, ``_document_subject``, ``_paragraph`` and ``_last_money`` (the
    paragraph and topic of the last amount resolved) they read."""

    def _money(self, index: int, sentence: str, topic: str, metric: str, f: Figure) -> tuple[str, str]:
        if metric in ("valuation", "market_cap") and self._amount_of(sentence, f):
            # "£25 billion worth of new investment": an amount of something, whose context says
            # whose it is, not what a company is worth
            decided = self.topic(index, tuple(GENERIC_MONEY_METRIC), DOCUMENT, money=True) or "capex"
            return decided, GENERIC_MONEY_METRIC[decided]
        if metric in ("valuation", "market_cap") and self._project_worth(sentence, f, metric):
            # "an Intel fab worth about $36 billion", "a partnership valued at €7.9 billion": a
            # built thing's worth is what it costs, not a company's valuation
            return "capex", "investment"
        if topic == "capex" and metric in PROGRAMME_MONEY and self.topic(
                index, MONEY_TOPICS, DOCUMENT, money=True, discount="capex") == "ai_factories":
            # a state's or the private side's share of an AI factory's funding is the programme's
            # funding ("An additional 340 million PLN will be provided by the Polish government"
            # after the factory's EU grant; the federal state's and the Land's money in an article on
            # an AI factory): TOPICS, the programme's funding
            return "ai_factories", PROGRAMME_MONEY[metric]
        if (topic, metric) in _DEBT_READINGS and self._debt_for_infrastructure(sentence, f):
            # debt raised to build or buy infrastructure ("raised about $830 million in debt to fund
            # a new data center") is money spent on it, whoever borrows (TOPICS rule 3), not a round
            return "capex", "investment"
        if topic == "other" and metric in ("revenue", "profit"):
            # a start-up's revenue or profit is a start-up figure (codebook), an established group's
            # other: the paragraph decides, else the document ("the company" of an article on a start-up)
            return self.topic(index, ("other", "startups"), DOCUMENT, discount="other") or topic, metric
        if (topic, metric) == ("other", "market_size") and self._document_subject == "startups":
            # a market's size in a text on start-ups is the size of their funding market ("ces
            # marchés ont attiré 3,6 milliards de dollars" in a venture-capital report)
            return "startups", "vc_investment"
        if (topic, metric) == ("other", "market_cap") and not says(sentence, self.language, "stock_words"):
            worth = says(sentence, self.language, "worth_words")
            if worth and says(sentence, self.language, "contract_words"):
                return self.topic(index, ("capex", "startups"), DOCUMENT, money=True) or "capex", "contract_value"
            # a company's worth, or its "market value" with no stock market named, is a start-up's
            # valuation where the paragraph is about start-ups (a unicorn's definition)
            if self.topic(index, ("startups", "other"), PARAGRAPH) == "startups":
                return "startups", "valuation"
            return topic, metric
        if (topic, metric) == ("other", "amount") and self._project_worth(sentence, f, metric):
            return "capex", "investment"  # "das 1-Mrd.-€-Projekt": a project's amount is its cost
        if (topic, metric) == ("other", "amount") and self._continues_last_amount(index):
            # an amount nothing names continues the series of the paragraph's last amount (this
            # year's total, then "up from 1.13 billion" a year earlier: the same measure), which is
            # nearer and more telling than the paragraph's word count; a generic investment amount
            # does not follow it (its own word names a kind of money: tried, it lost on tuning). A
            # sentence naming nothing that opens a paragraph continues the last amount of the one
            # before (news written a sentence per line: "... 66 Milliarden Dollar auszugeben.\nDie
            # Obergrenze bleibt bei 72 Milliarden Dollar.")
            last = self._last_money[1]
            return (last, "programme_funding") if last == "ai_factories" else (last, metric)
        if (topic, metric) == ("other", "amount"):
            # an amount nothing names: its sentence, paragraph or heading say whose; else its
            # document, where it says so twice at least (an article on an AI factory's funding, a
            # venture-capital report; one budget word elsewhere is not enough)
            decided = (self.topic(index, MONEY_TOPICS, HEADING, money=True, shared_fallback=False)
                       or self.topic(index, MONEY_TOPICS, DOCUMENT, money=True, start=DOCUMENT, min_score=2)
                       or self.topic(index, MONEY_TOPICS, HEADING, money=True))
            if decided == "ai_factories":
                return decided, "programme_funding"
            return (decided, metric) if decided else (topic, metric)
        if (topic, metric) == ("capex", "investment") and \
                profile(clause_after(sentence, f.end, _PURPOSE_REACH), self.language).get("compute", 0):
            # money invested in infrastructure its clause names after it ("invest €1.2bn to build
            # new data centres") is capex whoever invests (TOPICS rule 3): a start-up's too
            return topic, metric
        if (topic, metric) == ("capex", "investment"):
            # the sentence's own generic word made it capex: its paragraph decides, else its heading or
            # document (a venture-capital report's "financement des entreprises de l'IA" is start-ups')
            decided = self.topic(index, tuple(GENERIC_MONEY_METRIC), DOCUMENT, money=True, start=PARAGRAPH,
                                 discount="capex")
            if decided in (None, "capex") and self._document_subject == "ai_factories" and \
                    not self._level(index, SENTENCE).get("capex", 0):
                # a generic budget word in a text on the AI factories ("die Hälfte der Kosten ...
                # finanziert. Insgesamt stellt die EU dafür eine Milliarde Euro zur Verfügung") says
                # money, not whose: the programme's, as the text is about it; unless the sentence
                # names capex's own (InvestAI's €200 billion is mostly not the programme's)
                decided = "ai_factories"
            if decided is not None:
                return decided, GENERIC_MONEY_METRIC[decided]
        return topic, metric

    def _continues_last_amount(self, index: int) -> bool:
        """The last amount resolved is of sentence ``index``'s paragraph, or of the paragraph just
        before when this sentence opens its own and names nothing."""
        if self._last_money is None:
            return False
        paragraph = self._paragraph[index]
        if self._last_money[0] == paragraph:
            return True
        opens = index > 0 and self._paragraph[index - 1] != paragraph
        return self._last_money[0] == paragraph - 1 and opens and not self._level(index, SENTENCE)

    def _amount_of(self, sentence: str, f: Figure) -> bool:
        """Words of ``topics.amount_of_after`` follow the amount ("£25 billion worth of ...")."""
        pattern = _amount_of_pattern(self.language)
        return pattern is not None and pattern.match(sentence, f.end) is not None

    def _debt_for_infrastructure(self, sentence: str, f: Figure) -> bool:
        """A debt word (``topics.debt_words``) right after the amount ("$830 million in debt") and
        infrastructure named in the rest of its sentence (compute's words or a project word)."""
        debt = topic_word_pattern(self.language, "debt_words")
        # a restatement in another currency may stand between ("€670 million ($790 million) in financing")
        after = _RESTATED.match(sentence, f.end)
        start = after.end() if after is not None else f.end
        if debt is None or not debt.search(sentence, start, start + _DEBT_REACH):
            return False
        rest = sentence[f.end:]
        project = _project_pattern(self.language)
        return bool(profile(rest, self.language).get("compute", 0)) or (project is not None and project.search(rest) is not None)

    def _project_worth(self, sentence: str, f: Figure, metric: str) -> bool:
        """A project word just before the amount (within its clause, 60 characters), glued after it
        ("das 1-Mrd.-€-Projekt") or after the words of a purpose ("1,5 milliard d'euros pour le
        projet"), and no start-up word in the sentence but the one that
        made a valuation ("valued")."""
        pattern = _project_pattern(self.language)
        if pattern is None:
            return False
        before = clause_before(sentence, f.start, 60)
        glued = sentence[f.end: f.end + 1] == "-" and pattern.match(sentence, f.end + 1) is not None
        purpose = _purpose_pattern(self.language)
        for_it = purpose is not None and (m := purpose.match(sentence, f.end)) is not None and pattern.match(sentence, m.end())
        own = 1 if metric == "valuation" else 0
        return (bool(pattern.search(before)) or glued or bool(for_it)) and profile(sentence, self.language).get("startups", 0) <= own
