"""Transcript-level rules that no single-text recognizer can apply.

* Repetition loops: Whisper sometimes fills a stretch it cannot decode with one phrase over and
  over ("no, no, no, ..."). The Whisper transcriber already marks a segment whose own words loop
  as unreliable (`pipeline.rescue.judged`); this rule catches loops in transcripts from any other
  transcriber. Whatever was said under a loop is unknown, so its segment goes.
* Read-backs: an agent repeating digits the customer has just said ("so that's two oh three...")
  repeats the customer's data. The PCI digit-run rule leaves the agent's channel alone (agents
  read out order references and prices), so a run on the agent's channel is redacted when it
  shares enough consecutive digits with what the other channel said.
* Expiry after a card: a caller gives the expiry date right after the card's number, and the
  question between them is short enough for Whisper to garble ("And its expiry date?" heard as
  "And it has highly made."). A month and a number said just after a card-length digit run are
  taken as the expiry without the question (PCI DSS: the expiry is cardholder data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers.dates import MONTH
from pipeline.locate import UNRELIABLE
from pipeline.rescue import has_loop
from pipeline.types import ChannelTranscript, Entity

ECHO_DIGITS = 4  # consecutive digits a read-back must share with the other channel


def looping_segments(transcript: ChannelTranscript) -> list[Entity]:
    """Segments the transcriber kept as reliable but that hold a repetition loop."""
    found = []
    for seg in transcript.segments:
        if not seg.reliable:
            continue  # already redacted whole by the pipeline
        if has_loop([w.text for w in seg.words]):
            found.append(Entity(UNRELIABLE, transcript.channel, seg.char_start, seg.char_end,
                                1.0, "RepetitionLoopRule"))
    return found


def shares_digits(run: str, heard: Iterable[str], size: int = ECHO_DIGITS) -> bool:
    """Whether `run` and one of `heard` have `size` consecutive digits in common."""
    grams = {run[i:i + size] for i in range(len(run) - size + 1)}
    return any(h[i:i + size] in grams for h in heard for i in range(len(h) - size + 1))


def digit_strings(text: str) -> list[str]:
    """The digits of each run of digit-bearing words, separators and spaces ignored."""
    return [re.sub(r"\D", "", m.group()) for m in re.finditer(r"\d[\d\s,.\-/]*", text)]


CARD_RUN_DIGITS = 8  # a digit run this long before the date is a card number, however garbled
EXPIRY_AFTER_CARD_CHARS = 120  # about twenty words: the expiry question and its answer
# The dates' month names, and the short forms a card's expiry is also written in.
MONTH_AND_NUMBER = re.compile(
    rf"\b(?:{MONTH}|sept?)\b[\s,.]*(?:of\s+)?\d{{1,4}}(?:st|nd|rd|th)?"
    r"(?:[\s,./-]+\d{2,4}\b)?", re.I)


def expiry_after_card(transcript: ChannelTranscript, entities: Iterable[Entity],
                      language: str) -> list[Entity]:
    """A month and a number said within `EXPIRY_AFTER_CARD_CHARS` after a card number."""
    text = transcript.text
    found = []
    for start, end in sorted({(e.char_start, e.char_end) for e in entities
                              if e.entity_type in ("CREDIT_CARD", "DIGIT_SEQUENCE")}):
        # A digit run may run on into the date ("... 9012. March 2028"): the date counts where
        # a card's worth of digits comes before it.
        for m in MONTH_AND_NUMBER.finditer(text, start, end + EXPIRY_AFTER_CARD_CHARS):
            before = normalize(text[start:m.start()], language).text  # "four nine ..." too
            if sum(map(str.isdigit, before)) >= CARD_RUN_DIGITS:
                found.append(Entity("CARD_EXPIRY", transcript.channel, m.start(), m.end(), 0.5,
                                    "ExpiryAfterCardRule"))
                break
    return found
