"""Transcript-level rules that no single-text recognizer can apply.

* Repetition loops: Whisper sometimes fills a stretch it cannot decode with one phrase over and
  over ("no, no, no, ..."). The transcriber flags the loops its compression check sees; shorter
  ones slip through, and whatever was said under them is unknown, so their segment goes.
* Read-backs: an agent repeating digits the customer has just said ("so that's two oh three...")
  repeats the customer's data. The PCI digit-run rule leaves the agent's channel alone (agents
  read out order references and prices), so a run on the agent's channel is redacted when it
  shares enough consecutive digits with what the other channel said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.detect.recognizers.context import bare_word
from pipeline.locate import UNRELIABLE
from pipeline.types import ChannelTranscript, Entity

MAX_NGRAM = 4
MIN_REPEATS = 4  # an n-gram of two words or more said four times in a row is a loop
MIN_REPEATS_SINGLE = 6  # "no, no, no, no" is speech; six times over is a loop
ECHO_DIGITS = 4  # consecutive digits a read-back must share with the other channel


def has_loop(words: list[str]) -> bool:
    """Whether some 1-4 word sequence repeats back to back often enough to be a decoding loop."""
    for n in range(1, MAX_NGRAM + 1):
        need = MIN_REPEATS_SINGLE if n == 1 else MIN_REPEATS
        for start in range(len(words) - n * need + 1):
            gram = words[start:start + n]
            if all(words[start + k * n:start + (k + 1) * n] == gram for k in range(1, need)):
                return True
    return False


def looping_segments(transcript: ChannelTranscript) -> list[Entity]:
    """Segments the transcriber kept as reliable but that hold a repetition loop."""
    found = []
    for seg in transcript.segments:
        if not seg.reliable:
            continue  # already redacted whole by the pipeline
        words = [w for w in (bare_word(w.text).strip("-") for w in seg.words) if w]
        if has_loop(words):
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
