"""Names Whisper did not write as names: in the opening line, and in answer to "your name?".

"Harbour Energy, Anna speaking, how can I help?": agents give their first name right before
"speaking", and Whisper garbles a first name it does not know into ordinary words ("... to your
own speaking"), so neither spaCy nor a capitalised-name rule sees it. In the opening of a channel
the one or two words before a bare "speaking" are taken as the name whatever they look like (fail
closed); "speaking to/with/about ..." is a different phrase, left to `NameIntroRecognizer`. The
marker itself is taken loosely, as Whisper hears it on a phone line ("Ciaran speaking" as "Kear
and Teaking"), and "Kevin here." / "Kevin hier." / "Kevin ici." count the same. The same holds
for the answer to a short question ending on "name".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import islice

from pipeline.detect.recognizers.base import (
    WORD_RE,
    CallRecognizer,
    Pause,
    Span,
    sentence_around,
    within_pauses,
)
from pipeline.detect.recognizers.context import (
    NAME_PARTICLES,
    SlotRecognizer,
    bare_word,
)
from pipeline.detect.recognizers.slots import SLOT_RECOGNIZERS

OPENING_CHARS = 160  # how far into a channel's text the greeting is looked for
NAME_WORDS = 2
SPEAKING = "speaking"
LOOSE = 0.75  # difflib ratio to "speaking" that still counts ("seeking", "teaking")
# After these "speaking" is a different phrase ("speaking to", "speaking slowly").
NOT_AFTER_SPEAKING = frozenset({
    "to", "with", "of", "about", "on", "for", "as", "in", "english", "french", "dutch", "german",
    "up", "slowly", "loudly", "now",
})
HERE = frozenset({"here", "hier", "ici"})  # "Kevin here." ends its phrase
ON_THE_LINE = frozenset({("am", "apparat"), ("à", "l'appareil"), ("a", "l'appareil")})
# "Who's speaking?", "generally speaking": the word before is no name.
NOT_A_NAME = frozenset({
    "who", "who's", "whos", "hello", "hi", "hey", "yes", "yeah", "morning", "afternoon", "evening",
    "day", "generally", "honestly", "frankly", "strictly", "roughly", "broadly", "technically",
    "personally", "publicly", "legally", "medically", "practically", "relatively",
})
# Before a loosely heard marker or "here" the word must look less like ordinary speech ("I'm
# here.", "right here,", "I'm seeking a refund"). Before a clear "speaking" it may not: Whisper
# writes an agent's name it does not know as "that I'm speaking", "oh it's speaking".
NOT_A_NAME_LOOSE = NOT_A_NAME | frozenset({
    "i", "i'm", "im", "am", "we", "we're", "you", "you're", "they", "they're", "is", "are", "was",
    "were", "be", "been", "it", "it's", "that", "this", "there", "still", "just", "not", "now",
    "from", "over", "right", "in", "out", "up", "down", "back", "get", "got", "come", "came",
    "click", "sign", "je", "suis", "ik", "ben", "ich", "bin",
})
BOUNDARY = re.compile(r"[,.;:?!]$")


class GreetingNameRecognizer(CallRecognizer):
    ENTITY = "PERSON"
    SCORE = 0.6

    @staticmethod
    def markers(text: str) -> list[tuple[int, bool]]:
        """Char offsets of the words in the opening that end an agent's self-introduction, and
        whether the word was only loosely such a marker."""
        tokens = list(WORD_RE.finditer(text[:OPENING_CHARS]))
        found: list[tuple[int, bool]] = []
        for i, tok in enumerate(tokens):
            bare = bare_word(tok.group())
            nxt = bare_word(tokens[i + 1].group()) if i + 1 < len(tokens) else ""
            sounds_like = bare == SPEAKING or (
                len(bare) >= 6 and SequenceMatcher(None, bare, SPEAKING).ratio() >= LOOSE)
            spoken = sounds_like and (BOUNDARY.search(tok.group())
                                      or nxt not in NOT_AFTER_SPEAKING)
            here = bare in HERE and (BOUNDARY.search(tok.group()) or i + 1 == len(tokens))
            if spoken or here:
                found.append((tok.start(), bare != SPEAKING))
            elif (bare, nxt) in ON_THE_LINE:  # "Andrea Keller am Apparat", "Marie à l'appareil"
                found.append((tok.start(), False))
        return found

    def find(self, text: str) -> list[Span]:
        spans = []
        for at, loose in self.markers(text):
            words = list(re.finditer(r"\S+", text[:at]))
            if not words:
                continue
            ended = re.search(r"[.?!]$", words[-1].group()) is not None
            if ended and loose:
                continue  # "I'm here. Seeking a refund": no marker after a full stop
            name = [words[-1]]  # "Anna, speaking" as Whisper punctuates a pause
            for w in reversed(words[-NAME_WORDS:-1]):
                if ended or BOUNDARY.search(w.group()):
                    break  # "Dental. Gemma. Speaking.": one word, as Whisper stops on pauses
                name.append(w)
            # "Hello. Speaking." has no name before it; a word Whisper ended on a full stop must
            # look as little like speech as one before a loose marker.
            if name[0].group().strip(",;:.?!").lower() in (
                    NOT_A_NAME_LOOSE if loose or ended else NOT_A_NAME):
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
    # A short sentence ending on the name asked for ("Full name?", "Thank you, and the name on
    # the card.", "Nom de famille ?"): "the street name changed." ends on no question.
    TRIGGERS = re.compile(
        r"(?:^|(?<=[.?!,]\s))(?:[\w'’-]+,?\s+){0,4}(?:sur|first |last |family |full |maiden )?"
        r"(?:name|naam|nom|achternaam|voornaam|prénom|nom de famille|nachname|vorname)"
        r"(?:,? (?:please|first|again|then|as well|too|s['’]il vous pla[iî]t|svp|alstublieft|"
        r"alsjeblieft|a\.u\.b\.?|bitte)"
        r"| on (?:the|your|this) \w+)?\s*[?.](?=\s|$)"
        # ... or asks who is there without saying "name": "Who am I speaking with?", "Who've I
        # got on the line today?" (heard as "Who am I not on the line today?"), "And you are?"
        r"|\bwho(?:['’]s| is) (?:calling|speaking)\s*\?"
        r"|\bwho(?:['’]ve| have| am| do)? i (?:[\w'’]+ ){0,2}(?:speaking|talking|chatting|"
        r"on the (?:line|phone))(?: (?:to|with))?(?: today| now)?\s*\?"
        r"|(?:^|(?<=[.?!,]\s))and you are\s*[?.](?=\s|$)"  # Whisper may end it on a full stop
        # ... or asks who holds a role: "Who's the account holder?", "Who's the homeowner?"
        # (heard as "Who's the former?"): "who" asks for a person, whatever the role.
        r"|\bwho(?:['’]s| is) the (?:[\w'’-]+ ){0,2}[\w'’-]+\s*\?",
        re.I,
    )


# Slot recognizers whose triggers are also replayed across channels (`Detector.prompts`).
SLOTS: tuple[type[SlotRecognizer], ...] = (*SLOT_RECOGNIZERS, NameAnswerRecognizer)


# A title said before a name is part of what identifies the person ("Ms Drummond").
TITLE = re.compile(
    r"(?:\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|madame|mme|monsieur|mevrouw|meneer|mevr|dhr|"
    r"herrn?|frau)\.?|\bM\.)\s*$",
    re.I,
)
CONTINUATION = re.compile(r"\s*-[^\s,.;:?!]+")  # "Asante -Boateng": Whisper splits at the hyphen
SHORT_UTTERANCE = 5  # words: a sentence this short with a name in it is a name answer or intro


def widened_name(text: str, start: int, end: int, pauses: Sequence[Pause] = ()) -> tuple[int, int]:
    """A PERSON span grown to what a listener would still hear of the name around it.

    A title before it and hyphen-joined parts after it are the same name. A short sentence
    holding a name ("Quamer -san's hoping.", "Hallo Peter, mein Zug hier.") is taken whole:
    Whisper garbles the unusual half of a name into ordinary words next to the half it knew,
    and what else such a sentence says is a word or two (fail closed). The sentence ends at a
    long pause (`pauses`) as well as at its punctuation.
    """
    title = TITLE.search(text, max(0, start - 12), start)
    if title is not None:
        start = title.start()
    while (more := CONTINUATION.match(text, end)) is not None:
        end = more.end()
    lo, hi = within_pauses(*sentence_around(text, start, end), start, end, pauses)
    if len(text[lo:hi].split()) <= SHORT_UTTERANCE:
        start, end = min(start, lo), max(end, hi)
    return start, end


# Words spaCy's small model tags PERSON next to amounts ("42 Euro"): currencies and units.
NOT_NAMES = frozenset({"euro", "euros", "eur", "dollar", "dollars", "pound", "pounds", "sterling",
                       "cent", "cents", "franc", "francs", "kwh"})
# What a business calls itself after its name ("Severn Valley Water", "CareRx Pharmacy"), in the
# four languages of a Belgian call. Plural forms that are also surnames ("Banks", "Waters") are left
# out.
BUSINESS_WORDS = frozenset({
    "bank", "banking", "banque", "insurance", "insurances", "assurance", "assurances",
    "verzekering", "verzekeringen", "versicherung", "versicherungen", "energy", "energie",
    "énergie", "power", "electric", "electricity", "gas", "water", "telecom", "telecoms", "mobile",
    "broadband", "telco", "pharmacy", "pharmacie", "apotheek", "apotheke", "clinic", "clinique",
    "kliniek", "klinik", "hospital", "hôpital", "ziekenhuis", "krankenhaus", "dental", "surgery",
    "airways", "airlines", "motors", "group", "ltd", "limited", "inc", "plc", "bv", "nv", "sa",
    "sprl", "gmbh", "ag", "services", "solutions", "hotel", "hotels", "travel", "logistics",
    "finance", "credit", "mortgages", "lending", "savings", "mutual", "federal", "utilities",
    "retail", "store", "shop"
})


def spacy_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a spaCy PERSON span, or None where it is no name at all.

    Names carry no digits: a span that starts with a number ("42 Euro") is a quantity, one that
    ends with one ("Stefan 12") is a name followed by a number, which is cut off. As Whisper writes
    names capitalised, a lower-case word other than a particle means a phrase ("My meter reading").
    A greeting opens with the company's name, which spaCy's small model calls a person as readily
    as anyone ("Kerara Rex Pharmacy", "Mali water", "Chan and Telecom"): a span ending on a
    business word, or followed by one (or by "and"/"&" and one), is a business.
    """
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    while words and any(ch.isdigit() for ch in text[words[-1][0]:words[-1][1]]):
        words.pop()
    if not words:
        return None
    value = text[words[0][0]:words[-1][1]]
    if any(ch.isdigit() for ch in value):
        return None
    if not all(w[0].isupper() or w.lower() in NAME_PARTICLES
               for w in value.replace("-", " ").split() if w[0].isalpha()):
        return None
    if value.strip(".,;:!?").lower() in NOT_NAMES:
        return None
    after = [bare_word(m.group()) for m in islice(WORD_RE.finditer(text, end), 2)]
    if value.rstrip(".,;:!?") == value:  # no punctuation between the name and what follows
        following = after[:1] + (after[1:] if after[:1] in (["and"], ["&"]) else [])
    else:
        following = []
    if {bare_word(value.split()[-1]), *following} & BUSINESS_WORDS:
        return None
    return words[0][0], words[-1][1]
