"""GDPR Art. 9 special categories, found by lexicon and redacted as a whole sentence.

A single word ("diabetes") is rarely the whole disclosure: "my son was diagnosed with diabetes, he
has to inject twice a day" says as much around it as in it. So a hit widens to its sentence, commas
and conjunctions included, because a caller explains a condition in one breath. Whisper's
punctuation is unreliable (a two-minute monologue may carry no full stop at all), so a word budget
bounds each side: more is beeped, which is the side to err on for special-category data, but not
the rest of the call. A short statement takes the next sentence too (`SHORT_DISCLOSURE`): on two
held-out sets it covered a statement Whisper had split in two at no cost in coverage elsewhere,
for 0.1-0.3 points more ordinary text inside a detection on the written sets.

Terms live in `special_terms`. Names that are also ordinary call-centre words ("Unite", "Labour",
"Groen", "MR") are *gated*: they count only near a word of their domain ("member", "voted",
"vakbond"), the way Presidio's context words raise a weak pattern. Lexicons mix English, French,
Dutch and German because a Belgian call switches language mid-sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from pipeline.detect.recognizers import special_terms as terms
from pipeline.detect.recognizers import special_terms_affiliation as affiliation
from pipeline.detect.recognizers.base import (
    WORD_RE,
    CallRecognizer,
    Span,
    merge_spans,
    widen_in_sentence,
    word_pattern,
)
from pipeline.detect.recognizers.spoken import PREFIX_TYPES, STREET_RE, STREET_TYPES

# A full stop ends a sentence only before a space: "ver.di", "3.5" and "e.g" stay inside one.
LEFT_WORDS, RIGHT_WORDS = 10, 10
# A disclosure this short ("We're a gay couple.", "I'm a Green Party member.") is mostly said on
# in the next sentence ("...forty one years together", "...so I want a renewable tariff"), which
# Whisper split off with a full stop the caller never paused for.
SHORT_DISCLOSURE = 6
CONTEXT_WORDS = 8  # how near a gated term its domain word must be


Gate = tuple[re.Pattern[str], re.Pattern[str]]  # (term, a word that must be near it)
# Whisper writes a word it hears in parts with a hyphen on the second ("bio -metrics", "chemo
# -therapy"); the lexicon is matched on the joined word as well.
SPLIT_WORD = re.compile(r"(?<=[^\W\d_]) -(?=[^\W\d_])")


@lru_cache(maxsize=4)
def _joined(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with split words joined, and for each of its chars the offset in `text`. Cached:
    every special-category recognizer asks for the same channel text in turn."""
    dropped = {i for m in SPLIT_WORD.finditer(text) for i in range(m.start(), m.end())}
    at = tuple(i for i in range(len(text)) if i not in dropped)
    return "".join(text[i] for i in at), at


def _gate(gated: tuple[str, ...], context: tuple[str, ...]) -> Gate:
    return word_pattern(*gated), word_pattern(*context)


class SpecialCategoryRecognizer(CallRecognizer):
    TERMS: ClassVar[re.Pattern[str]]
    GATES: ClassVar[tuple[Gate, ...]] = ()
    SCORE = 0.7

    def hits(self, text: str) -> list[tuple[int, int]]:
        """The terms themselves, before each is widened to its sentence."""
        streets = [(m.start(), m.end()) for m in STREET_RE.finditer(text)]
        hits = [(m.start(), m.end()) for m in self.TERMS.finditer(text)]
        joined, at = _joined(text)
        if joined != text:
            hits += [(at[m.start()], at[m.end() - 1] + 1) for m in self.TERMS.finditer(joined)]
        hits += [(m.start(), m.end()) for gated, context in self.GATES
                 for m in gated.finditer(text) if _near(text, m.start(), m.end(), context)]
        return [(start, end) for start, end in hits
                if not _in_place_name(text, start, end, streets)]

    def find(self, text: str) -> list[Span]:
        # two terms of one sentence: one disclosure
        spans = merge_spans(sorted(sentence(text, start, end) for start, end in self.hits(text)))
        return [Span(start, end, self.SCORE) for start, end in spans]


# "Church Lane", "Temple Road", "Chapel Street": a lexicon word that names a street.
_STREET_AFTER = re.compile(
    rf"\s+(?:[A-ZÀ-Ý][\w'’-]*\s+){{0,2}}(?i:{STREET_TYPES}|{PREFIX_TYPES})\b"
)


def _in_place_name(text: str, start: int, end: int, streets: list[tuple[int, int]]) -> bool:
    if any(s <= start and end <= e for s, e in streets):
        return True
    return text[start].isupper() and bool(_STREET_AFTER.match(text, end))


def _near(text: str, start: int, end: int, context: re.Pattern[str]) -> bool:
    """Whether a context word lies within CONTEXT_WORDS words of [start, end).

    Punctuation is ignored: Whisper may put a full stop between "I'm in Unite" and "as a rep".
    """
    before = list(WORD_RE.finditer(text, 0, start))[-CONTEXT_WORDS:]
    after = list(WORD_RE.finditer(text, end))[:CONTEXT_WORDS]
    lo = before[0].start() if before else start
    hi = after[-1].end() if after else end
    return bool(context.search(text, lo, start) or context.search(text, end, hi))


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to its sentence, at most LEFT_WORDS / RIGHT_WORDS words each side; a
    short statement (not a question) runs on into the next sentence (`SHORT_DISCLOSURE`)."""
    lo, hi = widen_in_sentence(text, start, end, LEFT_WORDS, RIGHT_WORDS)
    if len(WORD_RE.findall(text, lo, hi)) > SHORT_DISCLOSURE or text.startswith("?", hi):
        return lo, hi
    after = WORD_RE.search(text, hi)
    if after is None:
        return lo, hi
    return lo, widen_in_sentence(text, after.start(), after.end(), 0, RIGHT_WORDS - 1)[1]


class HealthRecognizer(SpecialCategoryRecognizer):
    ENTITY = "HEALTH"
    TERMS = word_pattern(*terms.HEALTH)


class ReligionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "RELIGION"
    TERMS = word_pattern(*terms.RELIGION)


class PoliticalOpinionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "POLITICAL_OPINION"
    TERMS = word_pattern(*affiliation.POLITICAL)
    GATES = (_gate(affiliation.POLITICAL_GATED, affiliation.POLITICAL_CONTEXT),)


class EthnicOriginRecognizer(SpecialCategoryRecognizer):
    ENTITY = "ETHNIC_ORIGIN"
    TERMS = word_pattern(*affiliation.ETHNIC)


class TradeUnionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "TRADE_UNION"
    TERMS = word_pattern(*affiliation.TRADE_UNION)
    GATES = (_gate(affiliation.TRADE_UNION_GATED, affiliation.TRADE_UNION_CONTEXT),)


class SexLifeRecognizer(SpecialCategoryRecognizer):
    ENTITY = "SEX_LIFE"
    TERMS = word_pattern(*terms.SEX_LIFE)


class GeneticBiometricRecognizer(SpecialCategoryRecognizer):
    ENTITY = "GENETIC_BIOMETRIC"
    TERMS = word_pattern(*terms.GENETIC_BIOMETRIC)


SPECIAL_RECOGNIZERS: tuple[type[SpecialCategoryRecognizer], ...] = (
    HealthRecognizer, ReligionRecognizer, PoliticalOpinionRecognizer, EthnicOriginRecognizer,
    TradeUnionRecognizer, SexLifeRecognizer, GeneticBiometricRecognizer,
)
SPECIAL_CATEGORIES = frozenset(r.ENTITY for r in SPECIAL_RECOGNIZERS) | {"NRP"}
