"""The agent's opening line: where the agent's name is, and where the business names itself.

"Riverside Clinic appointments, Priyanka here, how can I help?" is said before the caller speaks.
It holds the agent's name (agents are data subjects too), which Whisper often garbles into
ordinary words, and the business's own name, which is no one's personal data even when it is a
health or union word. Both judgements need the opening's span, so they live together here; the
detector calls them for the agent's side of a call only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.detect.engine import recognizer_name
from pipeline.detect.normalize import NormalizedText
from pipeline.detect.recognizers.base import WORD_RE, CallRecognizer
from pipeline.detect.recognizers.opening_words import (
    OPENING_S,
    introduction_windows,
    opening_line,
)
from pipeline.detect.recognizers.special import SpecialCategoryRecognizer
from pipeline.types import ChannelTranscript, Entity

OPENING_NAMES = frozenset({"PERSON", "LOCATION"})  # spaCy's small model calls names places
OPENING_NAME_AFTER = 3  # words: "Roadway Rentals, damage claims" is the business, not the agent
# The business names itself in the greeting's first words, in its first segment: a term later on
# ("Oncology ward. Sorry to hear about your cancer diagnosis.") is said of the caller.
GREETING_WORDS = 6


def opening_span(transcript: ChannelTranscript) -> tuple[int, int] | None:
    """The char span of the channel's opening (`opening_words.opening_line`). A segment ends an utterance
    as a full stop does: "... the order number" with no stop, then "Got it" after the customer's
    answer, is two turns."""
    if not transcript.segments:
        return None
    first = transcript.segments[0].start
    return opening_line(transcript.text, [seg.char_end for seg in transcript.segments
                                          if seg.start <= first + OPENING_S])


def unnamed_opening(transcript: ChannelTranscript, span: tuple[int, int],
                    found: Sequence[Entity],
                    introductions: Sequence[CallRecognizer]) -> list[Entity]:
    """The agent's opening `span` when no name is heard in it, or only the words beside its
    self-introduction cues where Whisper kept any (`opening_words.introduction_windows`)."""
    # Only a self-introduction counts as the agent's name: spaCy's small model calls a
    # company in the greeting a person ("Westbay Water") as readily as the agent.
    text = transcript.text[:span[1]]
    if any(hit.start < span[1] and span[0] < hit.end
           for intro in introductions for hit in intro.find(text)):
        return []
    # A name or place found past the opening's first words, where the business names
    # itself, is most likely the agent's name said plainly in a greeting Whisper
    # garbled ("…, it is Marcus, are you calling…"): it is redacted on its own.
    if any(e.entity_type in OPENING_NAMES and span[0] <= e.char_start < span[1]
           and len(transcript.text[span[0]:e.char_start].split()) >= OPENING_NAME_AFTER
           for e in found):
        return []
    windows = introduction_windows(transcript.text, *span) or [span]
    return [Entity("PERSON", transcript.channel, a, b, 0.4, "OpeningLineRule")
            for a, b in windows]


def not_the_greeting(transcript: ChannelTranscript, span: tuple[int, int], norm: NormalizedText,
                     results: list[Any],
                     special: Mapping[str, SpecialCategoryRecognizer]) -> list[Any]:
    """The agent's analyzer results less special-category statements whose every term lies in
    the greeting's first words (`GREETING_WORDS`): "Riverside Clinic appointments, Priyanka
    here" names the business and says nothing about the caller, who has not spoken yet.
    Without this the health term widened over the agent's greeting and the next sentence
    (`holdout.py`: 3.5 points of ordinary speech). Only for a channel known to be the agent's:
    on a mono call the first words may be the caller's."""
    lo = span[0]
    greeting = list(WORD_RE.finditer(transcript.text, lo, span[1]))[:GREETING_WORDS]
    hi = min(greeting[-1].end(), transcript.segments[0].char_end) if greeting else lo
    kept = []
    for r in results:
        recognizer = special.get(recognizer_name(r))
        # A statement starting past the greeting cannot hold only greeting terms: its terms are
        # looked up again only when it starts inside.
        if recognizer is not None and norm.to_source(r.start, r.end)[0] < hi:
            terms = [norm.to_source(a, b) for a, b in recognizer.hits(norm.text)
                     if r.start <= a and b <= r.end]
            if terms and all(lo <= a and b <= hi for a, b in terms):
                continue
        kept.append(r)
    return kept
