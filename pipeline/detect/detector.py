"""Run the analyzer over one channel's normalised transcript and map results back to it.

Also links the two sides of a stereo call: when the agent asks for "the security code" on channel 0,
the customer's answer on channel 1 carries no trigger of its own, so the agent's triggers are replayed
at the matching moment of the customer's transcript.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from pipeline.detect.engine import KEPT_ENTITIES, DetectorConfig, build_analyzer, recognizer_name
from pipeline.detect.lexicon import stop_words
from pipeline.detect.normalize import NormalizedText, normalize
from pipeline.detect.opening import not_the_greeting, opening_span, unnamed_opening
from pipeline.detect.recognizers.amounts import is_amount
from pipeline.detect.recognizers.base import Pause
from pipeline.detect.recognizers.context import (
    FILLERS,
    READ_OUT_DIGIT_WORDS,
    SlotRecognizer,
    bare_word,
)
from pipeline.detect.recognizers.digits import (
    dense_digit_spans,
    digit_runs,
    stand_in_words,
)
from pipeline.detect.recognizers.names import (
    SLOTS,
    GreetingNameRecognizer,
    NameAnswerRecognizer,
    spacy_name,
    widened_name,
)
from pipeline.detect.recognizers.opening_words import SENTENCE_PIECE
from pipeline.detect.recognizers.special import SPECIAL_CATEGORIES, SPECIAL_RECOGNIZERS
from pipeline.detect.recognizers.spelled import spelled_spans
from pipeline.detect.recognizers.spoken import is_country, widened_place
from pipeline.detect.rules import (
    ECHO_DIGITS,
    digit_strings,
    expiry_after_card,
    looping_segments,
    shares_digits,
)
from pipeline.detect.unsure import with_unsure_neighbours
from pipeline.types import ChannelTranscript, Entity, Speaker

ANSWER_WINDOW_S = 12.0  # how long after an agent's question the customer's answer may come
MIN_READ_OUT_DIGITS = 3  # "seven, three, one": digits read one by one are a code, not a price
MIN_PHONE_DIGITS = 6  # phonenumbers takes short numbers ("112", "85, 95") as phone numbers
# A customer's sentence that is nothing but a short number ("388.", "It's 1226.") answers a question
# about a code: Whisper writes "three eight eight" as "388", which the digit-by-digit rule misses.
SHORT_ANSWER = re.compile(r"\d{3,4}[.!?,]*")
# An agent reading this many digits is reading back a card, account or phone number even where
# the customer's side was too garbled to confirm it (a loop, a misheard digit).
AGENT_READ_OUT_DIGITS = 8
READ_BACK = "ReadBack"  # a prompt carrying digits said on its channel, not a slot trigger


@dataclass(frozen=True)
class Prompt:
    """A trigger heard on one channel: which slot, and when it was said."""

    recognizer: str
    time: float
    channel: int
    digits: str = ""  # READ_BACK prompts: the digits said, for the agent's read-back check


class Detector:
    """Holds the analyzer (expensive) and finds entities in transcripts (cheap, thread-safe)."""

    def __init__(self, config: DetectorConfig | None = None, analyzer: Any = None) -> None:
        self.config = config or DetectorConfig()
        self.analyzer = analyzer if analyzer is not None else build_analyzer(self.config)
        self._slots: dict[str, SlotRecognizer] = {cls.__name__: cls() for cls in SLOTS}
        self._introductions = (GreetingNameRecognizer(), self._slots["NameIntroRecognizer"])
        self._special = {cls.__name__: cls() for cls in SPECIAL_RECOGNIZERS}

    def language_for(self, language: str) -> str:
        lang = language.split("-")[0]
        return lang if lang in self.config.languages else self.config.languages[0]

    def prompts(self, transcript: ChannelTranscript) -> list[Prompt]:
        """Slot triggers in this channel, timed by the word they end on."""
        norm = normalize(transcript.text, self.language_for(transcript.language))
        words = transcript.words
        ends = [w.char_end for w in words]
        found = []
        for name, slot in self._slots.items():
            for m in slot.TRIGGERS.finditer(norm.text):
                _, src_end = norm.to_source(m.start(), m.end())
                idx = min(bisect.bisect_left(ends, src_end), len(words) - 1)
                if words:
                    found.append(Prompt(name, words[idx].end, transcript.channel))
        if words:
            found += [Prompt(READ_BACK, words[-1].end, transcript.channel, digits)
                      for digits in digit_strings(norm.text) if len(digits) >= ECHO_DIGITS]
        return found

    def detect(
        self, transcript: ChannelTranscript, prompts: Sequence[Prompt] = ()
    ) -> tuple[Entity, ...]:
        if not transcript.text.strip():
            return ()
        language = self.language_for(transcript.language)
        norm = normalize(transcript.text, language)
        results = self._analyze(norm.text, language)
        # The opening is read on the agent's side (a mono call's first speaker is most likely
        # the agent, for the name rule; the greeting rule needs the agent's channel).
        opening = opening_span(transcript) if transcript.speaker != Speaker.CUSTOMER else None
        if transcript.speaker == Speaker.AGENT:
            results = self._unshadowed(norm.text, language, results)
            if opening is not None:
                results = not_the_greeting(transcript, opening, norm, results, self._special)
        entities: list[Entity] = []
        for r in results:
            if r.entity_type == "DIGIT_SEQUENCE" and transcript.speaker == Speaker.AGENT:
                continue  # the PCI digit-run rule is about what the customer reads out
            if r.entity_type not in KEPT_ENTITIES:
                continue
            start, end = r.start, r.end
            if r.entity_type == "PERSON" and recognizer_name(r) == "SpacyRecognizer":
                name = spacy_name(norm.text, start, end)
                if name is None:
                    continue  # spaCy's small model calls "42 Euro" or "My meter reading" a person
                start, end = name
            if r.entity_type == "LOCATION" and recognizer_name(r) == "SpacyRecognizer" and (
                is_country(norm.text[start:end])
            ):
                continue  # "your address in Belgium?": a country alone locates no one
            digits = sum(map(str.isdigit, norm.text[start:end]))
            if r.entity_type == "PHONE_NUMBER" and (
                digits < MIN_PHONE_DIGITS or is_amount(norm.text, end)
            ):
                continue  # "2,500 euro" is an amount however phonenumbers parses it
            entities.append(self._entity(transcript, norm, start, end, r.entity_type, r.score,
                                         recognizer_name(r)))
        if transcript.speaker != Speaker.AGENT:
            entities += [
                self._entity(transcript, norm, run.start, run.end, "DIGIT_SEQUENCE", 0.5,
                             "DigitByDigitRule")
                for run in norm.runs if run.read_digit_by_digit >= MIN_READ_OUT_DIGITS
            ]
            entities += [
                self._entity(transcript, norm, start, end, "DIGIT_SEQUENCE", 0.5, "ShortAnswerRule")
                for start, end in _short_answers(norm.text)
            ]
            said = READ_OUT_DIGIT_WORDS.get(language, frozenset())
            stand_ins = stand_in_words(norm.text, said, stop_words(language))
            entities += [
                self._entity(transcript, norm, start, end, "DIGIT_SEQUENCE", 0.45, "DenseDigitsRule")
                for start, end in dense_digit_spans(
                    norm.text, {run.start: run.read_digit_by_digit for run in norm.runs}, said,
                    stand_ins,
                )
            ]
        else:
            heard = [p.digits for p in prompts if p.digits and p.channel != transcript.channel]
            for run in digit_runs(norm.text):
                if len(run.digits) < self.config.min_digits:
                    continue
                if shares_digits(run.digits, heard):
                    rule = "ReadBackRule"
                elif len(run.digits) >= AGENT_READ_OUT_DIGITS and not is_amount(norm.text, run.end):
                    rule = "AgentReadOutRule"
                else:
                    continue
                entities.append(self._entity(transcript, norm, run.start, run.end,
                                             "DIGIT_SEQUENCE", 0.5, rule))
        entities += [self._entity(transcript, norm, start, end, etype, 0.5, "SpelledOutRule")
                     for start, end, etype in spelled_spans(norm, language)]
        entities += self._answers(transcript, norm, prompts)
        entities += expiry_after_card(transcript, entities, language)
        pauses = turn_pauses(transcript)
        entities = [_widened(transcript.text, e, pauses) for e in entities]
        entities = with_unsure_neighbours(transcript.words, entities)
        entities += looping_segments(transcript)
        found = _dedupe(entities)
        if opening is None or not self.config.unnamed_opening:
            return found
        # Added after merging so that what the opening holds keeps its own type in the report.
        named = unnamed_opening(transcript, opening, found, self._introductions)
        return tuple(sorted((*found, *named), key=lambda e: (e.char_start, e.entity_type)))

    def _analyze(self, text: str, language: str) -> list[Any]:
        return list(self.analyzer.analyze(
            text=text, language=language, score_threshold=self.config.score_threshold))

    def _unshadowed(self, text: str, language: str, results: list[Any]) -> list[Any]:
        """The agent's results less the slot values the customer will give (the agent asked, the
        answer is on the customer's channel). Presidio drops a result that such a value contains
        (same type, score no higher), so the dropped value's own text is analysed again: "Who am
        I speaking with? Thanks Siobhán." keeps the name the agent said back."""
        asked = [r for r in results if self._answers_a_question(text, r)]
        kept = [r for r in results if r not in asked]
        for r in asked:
            stop = len(text) if (gap := text.find(" ", r.end)) < 0 else gap  # keep its full stop
            kept += [type(a)(a.entity_type, a.start + r.start, a.end + r.start, a.score,
                             a.analysis_explanation, a.recognition_metadata)
                     for a in self._analyze(text[r.start:stop], language)
                     if recognizer_name(a) not in self._slots]
        return kept

    def _answers_a_question(self, text: str, result: Any) -> bool:
        """A slot value found after its trigger's question mark ("Any e-mail? Anyone at home?").

        A value without a shape of its own (a name, an e-mail in words) is in its trigger's
        sentence when an agent says it ("your e-mail is ..."); after any sentence end the agent
        has asked and moved on ("And your name. I'll delete the data ..."). A digit value may
        follow a full stop: an agent reading a number back is redacted all the same.
        """
        slot = self._slots.get(recognizer_name(result))
        if slot is None:
            return False
        if isinstance(slot, NameAnswerRecognizer):
            return True  # "the name on the card." is a question however Whisper punctuates it
        ends = [m.end() for m in slot.TRIGGERS.finditer(text) if m.end() <= result.start]
        # A trigger may end on its own question mark ("Your name?").
        between = text[ends[-1] - 1:result.start] if ends else ""
        return "?" in between or (slot.VALUE != "digits" and any(c in between for c in ".!"))

    def _answers(
        self, transcript: ChannelTranscript, norm: NormalizedText, prompts: Sequence[Prompt]
    ) -> list[Entity]:
        words = transcript.words
        found = []
        if transcript.speaker != Speaker.CUSTOMER:
            return []  # only an agent's question is answered on the other channel
        for prompt in prompts:
            if prompt.channel == transcript.channel or prompt.recognizer not in self._slots:
                continue
            answer = next((w for w in words if prompt.time - 1.0 <= w.start
                           <= prompt.time + ANSWER_WINDOW_S), None)
            if answer is None:
                continue
            pos = bisect.bisect_left(norm.starts, answer.char_start)
            slot = self._slots[prompt.recognizer]
            span = slot.extract(norm.text, pos)
            if span is not None:
                found.append(self._entity(transcript, norm, span.start, span.end, slot.ENTITY,
                                          span.score, f"{prompt.recognizer}:cross-channel"))
        return found

    @staticmethod
    def _entity(transcript: ChannelTranscript, norm: NormalizedText, start: int, end: int,
                entity_type: str, score: float, recognizer: str) -> Entity:
        src_start, src_end = norm.to_source(start, end)
        return Entity(
            entity_type=entity_type,
            channel=transcript.channel,
            char_start=src_start,
            char_end=src_end,
            score=round(float(score), 3),
            recognizer=recognizer,
            special_category=entity_type in SPECIAL_CATEGORIES,
        )


def _short_answers(text: str) -> list[tuple[int, int]]:
    """Sentences that are one short number and fillers: "388.", "It's 1226.", "Yes, 502."."""
    found = []
    for sentence in SENTENCE_PIECE.finditer(text):
        words = [w for w in re.finditer(r"\S+", sentence.group()) if bare_word(w.group()) not in FILLERS]
        if len(words) == 1 and SHORT_ANSWER.fullmatch(words[0].group()):
            start = sentence.start() + words[0].start()
            found.append((start, start + len(words[0].group().rstrip(".!?,"))))
    return found


# A silence this long on one channel is room for the other party's turn; 1.5 s measured the same
# on the corpus and held-out sets.
TURN_PAUSE_S = 1.0


def turn_pauses(transcript: ChannelTranscript) -> list[Pause]:
    """Where the channel falls silent long enough for the other party to have spoken."""
    words = transcript.words
    return [(a.char_end, b.char_start) for a, b in pairwise(words)
            if b.start - a.end >= TURN_PAUSE_S]


def _widened(text: str, entity: Entity, pauses: Sequence[Pause]) -> Entity:
    if entity.entity_type == "PERSON":
        start, end = widened_name(text, entity.char_start, entity.char_end, pauses)
    elif entity.entity_type == "LOCATION":
        start, end = widened_place(text, entity.char_start, entity.char_end, pauses)
    else:
        return entity
    return replace(entity, char_start=start, char_end=end)


def _dedupe(entities: list[Entity]) -> tuple[Entity, ...]:
    """Merge overlapping spans of one type; drop a bare digit run inside a typed entity."""
    by_type: dict[str, list[Entity]] = {}
    for e in sorted(entities, key=lambda e: (e.entity_type, e.char_start, -e.char_end)):
        group = by_type.setdefault(e.entity_type, [])
        if group and e.char_start < group[-1].char_end:
            last = group[-1]
            best = last if last.score >= e.score else e
            group[-1] = Entity(best.entity_type, best.channel, last.char_start,
                               max(last.char_end, e.char_end), max(last.score, e.score),
                               best.recognizer, best.special_category)
        else:
            group.append(e)
    merged = [e for group in by_type.values() for e in group]
    typed = [e for e in merged if e.entity_type != "DIGIT_SEQUENCE"]
    kept = [
        e for e in merged
        if e.entity_type != "DIGIT_SEQUENCE"
        or not any(t.char_start <= e.char_start and e.char_end <= t.char_end for t in typed)
    ]
    return tuple(sorted(kept, key=lambda e: (e.char_start, e.entity_type)))
