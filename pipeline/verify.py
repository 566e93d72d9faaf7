"""Verification stage: listen to the redacted audio again and redact whatever is still heard.

A second model hears differently from the first: where the pipeline's model wrote "Nero" for "zero"
and so missed a card number, the verifier often writes the digits. Everything it still hears outside
the beeps — an entity the detector finds, or any run of digits that is not an amount — is redacted
too (fail closed), and the first transcript's words at that time are redacted in the text as well.
Heard again, a redacted call is full of triggers whose values are beeps; the rules that would take
the speech after such a beep for the value are held back (`_across_a_beep`, `NOT_HEARD_AGAIN`).

Digits the first model heard as the same digits at the same time, and left audible, are no news:
the detector saw them with their context (a price, a quantity, an order reference) and left them.
The verifier's digit rules know no context, so they are there for digits the first model heard as
something else ("Nero nine seven" for "zero nine seven"), not to overrule the first pass on a
number both heard. This holds per run of digits, for every rule that judges digits by shape alone
(`SHAPE_ONLY`); a trigger the verifier heard ("card number") is news and is kept. Digits the first
pass meant to beep are always news: heard again, the beep missed them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pydub import AudioSegment

from pipeline.decode import asr_samples
from pipeline.detect.detector import Detector
from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers.amounts import is_amount
from pipeline.detect.recognizers.base import WORD_RE
from pipeline.detect.recognizers.context import READ_OUT_DIGIT_WORDS, bare_word
from pipeline.detect.recognizers.digits import digit_runs
from pipeline.detect.recognizers.names import SLOTS
from pipeline.detect.recognizers.special import (
    SPECIAL_CATEGORIES,
    SPECIAL_RECOGNIZERS,
    SpecialCategoryRecognizer,
)
from pipeline.locate import LocateConfig, entity_interval
from pipeline.transcribe import Transcriber
from pipeline.types import ChannelAudio, ChannelTranscript, Entity, Interval

MIN_HEARD_DIGITS = 3
SAME_PLACE_S = 0.5  # Whisper's word times drift this much between two models
# spaCy's NER on a second, noisier transcript mostly finds company names and greetings. The
# agent's opening is settled by the first pass: its self-introduction was beeped, or the whole
# opening was. Heard again around that beep, "Lochside Energy, [beep] speaking" reads as a greeting
# with the company for a name, or as an opening with no name.
# The cued-name rules (`cued_names`) read capitalised words by their cue; the second transcript of
# beeped audio is full of capitalised fragments ("Maple Ammonoo, Ringfield."), and at the eval
# before those rules existed the verifier let no name through without them.
NOT_HEARD_AGAIN = frozenset({"SpacyRecognizer", "OpeningLineRule", "GreetingNameRecognizer",
                             "AddressedNameRecognizer", "VocativeNameRecognizer",
                             "KinNameRecognizer", "NameSentenceRecognizer"})
ALREADY_COVERED = 0.8  # a heard item mostly inside a beep is the beep, not a leak
# Rules that judge digits by their shape alone, with no question or trigger word heard.
SHAPE_ONLY = frozenset({
    "DigitSequenceRecognizer", "DigitByDigitRule", "DenseDigitsRule", "CardNumberRecognizer",
    "PhoneRecognizer", "CreditCardRecognizer", "UsBankRecognizer",
})
# Slots whose value has no shape of its own (a name, an address, free words, a date in words).
SHAPELESS_SLOTS = frozenset(cls.__name__ for cls in SLOTS if cls.VALUE != "digits")


@dataclass(frozen=True)
class Heard:
    """Something the verifier still heard: where, and which rule flagged it (no value kept)."""

    entity_type: str
    channel: int
    start: float
    end: float


@dataclass(frozen=True)
class Verification:
    model: str
    heard: tuple[Heard, ...]
    intervals: tuple[Interval, ...]  # new intervals to redact (not yet merged)
    entities: tuple[tuple[Entity, Interval], ...]  # first-transcript words under them


def covered(iv: Interval, intervals: Sequence[Interval]) -> float:
    overlap = sum(
        max(0.0, min(iv.end, o.end) - max(iv.start, o.start))
        for o in intervals
        if o.channel == iv.channel
    )
    return overlap / iv.duration if iv.duration > 0 else 1.0


def _beeped(intervals: Sequence[Interval], channel: int, lo: float, hi: float) -> bool:
    """Whether a redaction interval of `channel` overlaps [lo, hi] seconds."""
    return any(iv.channel == channel and iv.start < hi and lo < iv.end for iv in intervals)


def _across_a_beep(again: ChannelTranscript, entity: Entity, intervals: Sequence[Interval]) -> bool:
    """Whether a beep lies between a slot's trigger and the end of the value it took.

    Heard again, "date of birth? [beep] What's it regarding? ... Tuesday, 10" gives the date slot
    the speech after the beep: the value itself is under the beep. Values with a shape (digits)
    are kept whatever lies between: digits after a beep may be the tail of a number the beep
    cut short.
    """
    words = again.words
    idx = _word_indices(again, entity.char_start, entity.char_end)
    if not idx:
        return False
    lo = words[idx[0] - 1].end if idx[0] > 0 else 0.0
    hi = words[idx[-1]].start
    return _beeped(intervals, entity.channel, lo, hi)


def _word_indices(transcript: ChannelTranscript, start: int, end: int) -> list[int]:
    """Indices of the transcript's words overlapping chars [start, end)."""
    return [i for i, w in enumerate(transcript.words) if w.char_start < end and start < w.char_end]


def _first_pass_digits(first: ChannelTranscript, lo: float, hi: float,
                       intervals: Sequence[Interval]) -> str:
    """The digits the first transcript holds in words lying within [lo, hi] seconds, or "" if the
    first pass redacted any of those words: what it meant to beep and the verifier still hears
    is a beep that missed, not a number the first pass chose to leave."""
    words = [w for w in first.words if lo <= w.start and w.end <= hi]
    if not words:
        return ""
    carrying = [w for w in words if any(map(str.isdigit, normalize(
        first.text[w.char_start:w.char_end], first.language).text))]
    if any(_beeped(intervals, first.channel, w.start, w.end) for w in carrying):
        return ""
    said = first.text[words[0].char_start:words[-1].char_end]
    return "".join(ch for ch in normalize(said, first.language).text if ch.isdigit())


Run = tuple[int, int, str, bool]  # (start, end) in the transcript's chars, digits, an amount


@dataclass(frozen=True)
class AgainDigits:
    """What the verifier's digit checks need of its transcript, worked out once per channel."""

    runs: tuple[Run, ...]
    stand_ins: tuple[tuple[int, int], ...]  # chars of words that stand for a digit ("Nero")


def again_digits(again: ChannelTranscript) -> AgainDigits:
    """Unbridged runs of digits and digit stand-ins in `again`.

    Unbridged: "10 and 12" is a time, "100 and 4" an amount; a code is read without "and".
    """
    norm = normalize(again.text, again.language)
    runs = []
    for run in digit_runs(norm.text, bridge=False):
        start, end = norm.to_source(run.start, run.end)
        runs.append((start, end, run.digits, is_amount(norm.text, run.end)))
    words = READ_OUT_DIGIT_WORDS.get(again.language, frozenset())
    stand_ins = [norm.to_source(m.start(), m.end()) for m in WORD_RE.finditer(norm.text)
                 if bare_word(m.group()) in words]
    return AgainDigits(tuple(runs), tuple(stand_ins))


def _left_by_first_pass(again: ChannelTranscript, first: ChannelTranscript, start: int, end: int,
                        digits: str, intervals: Sequence[Interval]) -> bool:
    """Whether the first transcript holds `digits` at the time of again's chars [start, end),
    within `SAME_PLACE_S`, in words the first pass left audible."""
    idx = _word_indices(again, start, end)
    if not idx:
        return False
    words = again.words
    return digits in _first_pass_digits(first, words[idx[0]].start - SAME_PLACE_S,
                                        words[idx[-1]].end + SAME_PLACE_S, intervals)


def _heard_digits(again: ChannelTranscript, first: ChannelTranscript, heard: AgainDigits,
                  intervals: Sequence[Interval]) -> list[Entity]:
    """Runs of digits still heard that the first pass did not hold and leave at that time."""
    found = []
    for start, end, digits, amount in heard.runs:
        if len(digits) < MIN_HEARD_DIGITS or amount:
            continue
        if _left_by_first_pass(again, first, start, end, digits, intervals):
            continue
        found.append(Entity("DIGIT_SEQUENCE", again.channel, start, end, 0.5, "Verifier:digits"))
    return found


def no_news(again: ChannelTranscript, first: ChannelTranscript, entity: Entity,
             heard: AgainDigits, intervals: Sequence[Interval]) -> bool:
    """A shape-only finding whose every run of digits the first pass held and left, and that
    holds no word standing for a digit ("Nero") the first transcript may have missed.

    The two models write one time or amount differently ("10 and 12 ... one hundred and four
    pounds" against "10, 12 ... 104"): the verifier's dense-digit rule then fires on a window the
    first pass judged in its context. Per run, not per finding: a finding spans several numbers.
    """
    if entity.recognizer.split(":")[0] not in SHAPE_ONLY:
        return False

    def inside(span: tuple[int, int] | Run) -> bool:
        return span[0] < entity.char_end and entity.char_start < span[1]

    runs = [r for r in heard.runs if inside(r)]
    if not runs or any(inside(s) for s in heard.stand_ins):
        return False  # a word standing for a digit ("Nero") the first transcript may have missed
    # An amount or a quantity ("36 items") is no code, whichever way the first model wrote it.
    return all(amount or _left_by_first_pass(again, first, start, end, digits, intervals)
               for start, end, digits, amount in runs)


@lru_cache(maxsize=1)
def _special_recognizers() -> dict[str, SpecialCategoryRecognizer]:
    return {cls.__name__: cls() for cls in SPECIAL_RECOGNIZERS}


def _islands(again: ChannelTranscript, entity: Entity,
             intervals: Sequence[Interval]) -> list[tuple[int, int]]:
    """The entity's chars cut where a beep lies between two of its words."""
    words = again.words
    idx = _word_indices(again, entity.char_start, entity.char_end)
    if not idx:
        return [(entity.char_start, entity.char_end)]
    groups: list[list[int]] = []
    for i in idx:
        if groups and not _beeped(intervals, again.channel, words[groups[-1][-1]].end,
                                  words[i].start):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [(words[g[0]].char_start, words[g[-1]].char_end) for g in groups]


def _between_beeps(again: ChannelTranscript, entity: Entity,
                   intervals: Sequence[Interval]) -> list[Entity]:
    """A special-category statement heard again, kept to the stretches between beeps that hold
    one of its terms.

    The first pass takes a statement's whole sentence, by a budget of words. On redacted audio
    the words on either side of a beep belong to other sentences the first pass already judged,
    and a budget of words reaches across beeps: one term heard again had taken 20 s of a call.
    """
    recognizer = _special_recognizers().get(entity.recognizer.split(":")[0])
    if recognizer is None:
        return [entity]
    parts = []
    for lo, hi in _islands(again, entity, intervals):
        parts += [replace(entity, char_start=lo + s.start, char_end=lo + s.end)
                  for s in recognizer.find(again.text[lo:hi])]
    return parts


def verify(
    redacted: AudioSegment,
    transcripts: Sequence[ChannelTranscript],
    intervals: Sequence[Interval],
    verifier_for: Callable[[str], Transcriber],
    detector: Detector,
    locate_config: LocateConfig,
) -> Verification:
    """Re-transcribe `redacted` per channel; return what must still be redacted."""
    channels = redacted.split_to_mono() if redacted.channels > 1 else [redacted]
    heard: list[Heard] = []
    new: list[Interval] = []
    models: list[str] = []
    for tr, segment in zip(transcripts, channels, strict=True):
        audio = ChannelAudio(tr.channel, tr.speaker, asr_samples(segment))
        verifier = verifier_for(tr.language)
        models.append(verifier.name)
        again = verifier.transcribe(audio, language=tr.language)
        # The verifier keeps to patterns, checksums, triggers, lexicons and digits.
        found = [part for e in detector.detect(again) if e.recognizer not in NOT_HEARD_AGAIN
                 for part in _between_beeps(again, e, intervals)]
        digits_again = again_digits(again)
        found += _heard_digits(again, tr, digits_again, intervals)
        for entity in found:
            if entity.recognizer in SHAPELESS_SLOTS and _across_a_beep(again, entity, intervals):
                continue
            if no_news(again, tr, entity, digits_again, intervals):
                continue
            iv = entity_interval(again, entity, locate_config, redacted.duration_seconds)
            if covered(iv, [*intervals, *new]) >= ALREADY_COVERED:
                continue  # under a beep, or already flagged by another rule
            heard.append(Heard(entity.entity_type, tr.channel, round(iv.start, 3), round(iv.end, 3)))
            new.append(iv)
    model = ",".join(dict.fromkeys(models))
    return Verification(model, tuple(heard), tuple(new), first_pass_words(transcripts, new))


def first_pass_words(
    transcripts: Sequence[ChannelTranscript], new: Sequence[Interval], recognizer: str = "Verifier"
) -> tuple[tuple[Entity, Interval], ...]:
    """Words of the first transcript under each new interval, so the text is redacted as well."""
    out = []
    for iv in new:
        tr = next(t for t in transcripts if t.channel == iv.channel)
        for w in tr.words:
            if w.start < iv.end and iv.start < w.end:
                # Special-category words stay marked so: the report's Art. 9 summary gates
                # access to the recording.
                kind = iv.entity_types[0]
                entity = Entity(kind, tr.channel, w.char_start, w.char_end, 0.5, recognizer,
                                special_category=kind in SPECIAL_CATEGORIES)
                out.append((entity, iv))
    return tuple(out)
