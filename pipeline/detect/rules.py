"""Transcript-level rules that no single-text recognizer can apply.

* Repetition loops: Whisper sometimes fills a stretch it cannot decode with one phrase over and
  over ("no, no, no, ..."). The Whisper transcriber already marks a segment whose own words loop
  as unreliable (`pipeline.rescue.judged`); this rule catches loops in transcripts from any other
  transcriber. Whatever was said under a loop is unknown, so its segment goes.
* Read-backs: an agent repeating digits the customer has just said ("so that's two oh three...")
  repeats the customer's data. The PCI digit-run rule leaves the agent's channel alone (agents
  read out order references and prices), so a run on the agent's channel is redacted when it
  shares enough consecutive digits with what the other channel said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
