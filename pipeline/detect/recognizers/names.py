"""Names Whisper did not write as names: in the opening line, and in answer to "your name?".

"Harbour Energy, Anna speaking, how can I help?": agents give their first name right before
"speaking", and Whisper garbles a first name it does not know into ordinary words ("... to your
own speaking"), so neither spaCy nor a capitalised-name rule sees it. In the opening of a channel
the one or two words before a bare "speaking" are taken as the name whatever they look like (fail
closed); "speaking to/with/about ..." is a different phrase, left to `NameIntroRecognizer`. The
same holds for the answer to a short question ending on "name".
"""

from __future__ import annotations

import re

from pipeline.detect.recognizers.base import CallRecognizer, Span
from pipeline.detect.recognizers.context import SLOT_RECOGNIZERS, SlotRecognizer

OPENING_CHARS = 160  # how far into a channel's text the greeting is looked for
NAME_WORDS = 2
SPEAKING = re.compile(
    r"\bspeaking\b(?!\s+(?:to|with|of|about|on|for|as|in|english|french|dutch|german|up|"
    r"slowly|loudly|now)\b)",
    re.I,
)
# "Who's speaking?", "generally speaking": the word before is no name.
NOT_A_NAME = frozenset({
    "who", "who's", "whos", "hello", "hi", "hey", "yes", "yeah", "morning", "afternoon", "evening",
    "day", "generally", "honestly", "frankly", "strictly", "roughly", "broadly", "technically",
    "personally", "publicly", "legally", "medically", "practically", "relatively",
})
BOUNDARY = re.compile(r"[,.;:?!]$")


class GreetingNameRecognizer(CallRecognizer):
    ENTITY = "PERSON"
    SCORE = 0.6

    def find(self, text: str) -> list[Span]:
        spans = []
        for m in SPEAKING.finditer(text, 0, OPENING_CHARS):
            words = list(re.finditer(r"\S+", text[:m.start()]))
            if not words or re.search(r"[.?!]$", words[-1].group()):
                continue  # "Hello. Speaking." has no name before it
            name = [words[-1]]  # "Anna, speaking" as Whisper punctuates a pause
            for w in reversed(words[-NAME_WORDS:-1]):
                if BOUNDARY.search(w.group()):
                    break
                name.append(w)
            if name[0].group().strip(",;:").lower() in NOT_A_NAME:
                continue
            spans.append(Span(name[-1].start(), name[0].end(), self.SCORE))
        return spans


class NameAnswerRecognizer(SlotRecognizer):
    """The answer to a question that ends on "name" ("And your name?", "His name?"), whatever
    words Whisper made of it: a name it does not know comes out as ordinary words."""

    ENTITY = "PERSON"
    VALUE = "words"
    WINDOW = 5
    SCORE = 0.6
    # A short sentence ("Full name?", "And your name, please?"): "the street name changed." is
    # five words and no question.
    TRIGGERS = re.compile(
        r"(?:^|(?<=[.?!]\s))(?:[\w'’-]+,?\s+){0,3}(?:name|naam|nom)s?"
        r"(?:,? please| on (?:the|your|this) \w+)?\s*[?.](?=\s|$)",
        re.I,
    )


# Slot recognizers whose triggers are also replayed across channels (`Detector.prompts`).
SLOTS: tuple[type[SlotRecognizer], ...] = (*SLOT_RECOGNIZERS, NameAnswerRecognizer)
