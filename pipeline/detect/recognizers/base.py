"""Base classes for callvault's recognizers, on Presidio's `EntityRecognizer` ABC.

All recognizers see the *normalised* text (spoken digits already written as runs), so they can rely
on checksums and digit counts whatever way the caller spoke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

LANGUAGES = ("en", "fr", "nl", "de")
WORD_RE = re.compile(r"\S+")
# A full stop ends a sentence only before a space: "ver.di", "3.5" and "e.g" stay inside one.
SENTENCE_END = re.compile(r"[.?!;…](?=\s|$)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float


class CallRecognizer(EntityRecognizer):
    """One entity type, one small class; subclasses implement `find` and declare `ENTITY`."""

    ENTITY: str = ""
    SCORE: float = 0.85

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:  # nothing to load: tables are module constants
        return None

    def find(self, text: str) -> list[Span]:
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return [
            RecognizerResult(
                entity_type=self.ENTITY,
                start=span.start,
                end=span.end,
                score=span.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for span in self.find(text)
            if span.end > span.start
        ]


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 12:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join (start, end) char spans that overlap or touch; the caller gives them in start order."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def alternation(*terms: str) -> str:
    """Regex fragments as one non-capturing alternative."""
    return "(?:" + "|".join(terms) + ")"


def token_end(token: tuple[int, int, str]) -> int:
    """Where a (start, end, text) token's word ends, before the punctuation Whisper put after it."""
    return token[0] + len(token[2].rstrip(",.;:?!"))


def word_pattern(*terms: str) -> re.Pattern[str]:
    """Terms matched as whole words, case-insensitively: triggers and lexicons alike."""
    return re.compile(rf"\b{alternation(*terms)}\b", re.I)


SENTENCE_BREAK = re.compile(r"[.?!](?:\s|$)")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The chars of the sentence holding [start, end), from its first word to its end mark."""
    lo = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    hi_m = SENTENCE_BREAK.search(text, end)
    hi = hi_m.start() + 1 if hi_m else len(text)
    return lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()), hi


Pause = tuple[int, int]  # chars: end of the word before a long pause, start of the word after


def within_pauses(lo: int, hi: int, start: int, end: int, pauses: Sequence[Pause]) -> tuple[int, int]:
    """[lo, hi) (a sentence around [start, end)) cut at the long pauses on either side of the
    span: on a caller's channel Whisper often runs the words before the agent's question and the
    answer after it into one sentence ("... so you get a cat, carry on with it."), and a turn
    ends at the pause whatever its punctuation says."""
    for before_end, after_start in pauses:
        if lo < after_start <= start:
            lo = after_start
        if end <= before_end < hi:
            hi = before_end
    return lo, hi


def widen_in_sentence(text: str, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    """[start, end) widened by up to `left` / `right` words, never past its sentence's ends.

    Whisper's punctuation is unreliable (a long answer may carry no full stop), hence the budget.
    """
    cut = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    before = list(WORD_RE.finditer(text, cut, start))[-left:] if left else []
    stop = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    after = list(WORD_RE.finditer(text, end, stop))[:right]
    return (before[0].start() if before else start), (after[-1].end() if after else end)
