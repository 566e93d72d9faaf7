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
    merge_spans,
    sentence_around,
    within_pauses,
)
from pipeline.detect.recognizers.context import (
    NAME_PARTICLES,
    SENTENCE_END,
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
            if not words or re.search(r"[.?!]$", words[-1].group()):
                continue  # "Hello. Speaking." has no name before it
            name = [words[-1]]  # "Anna, speaking" as Whisper punctuates a pause
            for w in reversed(words[-NAME_WORDS:-1]):
                if BOUNDARY.search(w.group()):
                    break
                name.append(w)
            if name[0].group().strip(",;:").lower() in (NOT_A_NAME_LOOSE if loose else NOT_A_NAME):
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
        r"(?:,? (?:please|s['’]il vous pla[iî]t|svp|alstublieft|alsjeblieft|a\.u\.b\.?|bitte)"
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


OPENING_WORDS = 20  # the longest opening taken whole
OPENING_MIN_WORDS = 8  # "Thanks for holding, Brightline. My name's Deborah." is one opening
OPENING_S = 10.0  # seconds from the channel's first word that the opening may last
OPENING_BEFORE_QUESTION = 3  # words before the opening question: fewer, and it is all the opening
SENTENCE_PIECE = re.compile(r"[^.?!]+[.?!]*")


def opening_line(text: str, breaks: Sequence[int]) -> tuple[int, int] | None:
    """The char span of a channel's opening: its sentences up to the first question ("How can I
    help?") or eight words. `breaks` are where Whisper's segments end within the opening's
    seconds: an utterance ends there as at a full stop, and the last is as far as it may go.

    An agent says their name in the opening ("Lochside Energy, Fiona speaking"), and agents are
    data subjects too. When no recognizer found a name there, Whisper most likely turned it into
    ordinary words ("you are seeking with more on", "ribbon, marcus, are you calling"), so the
    caller redacts the opening whole: a few seconds of a greeting is the price of failing closed
    (narrowed to the words beside a self-introduction cue where one was heard:
    `introduction_windows`).
    """
    limit = breaks[-1]
    cuts = sorted({m.end() for m in SENTENCE_PIECE.finditer(text, 0, limit)} | set(breaks))
    end = count = 0
    for cut in cuts:
        piece, end = text[end:cut], cut
        count += len(piece.split())
        if count >= OPENING_MIN_WORDS or piece.rstrip().endswith("?"):
            break
    words = list(WORD_RE.finditer(text, 0, end))[:OPENING_WORDS]
    if not words:
        return None
    # The name comes before the question that ends the opening ("..., Marcus, are you calling
    # about a lost card?"): the question itself, when Whisper wrote it as one, stays audible.
    asked = [m.start() for m in OPENING_QUESTION.finditer(text, words[0].start(), words[-1].end())]
    if asked and "?" in text[words[-1].start():end]:
        kept = [w for w in words if w.end() <= asked[-1]]
        if len(kept) >= OPENING_BEFORE_QUESTION:
            words = kept
    return words[0].start(), words[-1].end()


# Where an agent introduces themself, the name follows these words ("you're through to Bev",
# "my name is ...", "I'm ...") or comes before "here" / "speaking" (loosely heard).
INTRO_BEFORE_NAME = re.compile(
    r"\b(?:i['’]?m|i am|this is|it['’]?s|(?:my )?name(?:['’]s| is)?|(?:speaking|talking|through) "
    r"(?:to|with)|with)\b", re.I)
INTRO_AFTER_NAME = re.compile(r"\b(?:here|hier|ici|\w*(?:peak|eak|eek)ing)\b", re.I)
INTRO_NAME_WORDS = 4  # words taken beside a cue: a garbled name is often more words than it was


def introduction_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Char spans of the opening `text[start:end]` where the agent's name must be: each cue and
    the words beside it, up to a sentence end. Empty when the opening has no cue.

    The opening is redacted whole when no recognizer found a name in it (`opening_line`); but
    when Whisper kept the words that frame a name ("Skyline mobile airplane, you're through to a
    river" for "..., you're through to Oliver"), the garbled name sits beside them, and the
    business's greeting around it is ordinary speech. Measured on the five English sets: 0.3 to
    1.6 points less ordinary speech beeped, no item less covered. With no cue the whole opening
    still goes (fail closed).
    """
    words = list(WORD_RE.finditer(text, start, end))
    spans = []
    for cue in INTRO_BEFORE_NAME.finditer(text, start, end):
        stop = cue.end()
        for word in [w for w in words if w.start() >= cue.end()][:INTRO_NAME_WORDS]:
            stop = word.end()
            if SENTENCE_END.search(word.group()):
                break
        spans.append((cue.start(), stop))
    for cue in INTRO_AFTER_NAME.finditer(text, start, end):
        following = [w for w in words if w.start() >= cue.end()][:1]
        ends_phrase = text[cue.end():cue.end() + 1] in ",.?!"
        if following and not ends_phrase and bare_word(following[0].group()) in NOT_AFTER_SPEAKING:
            continue  # "speaking with ...", "here to help": the name is not before it
        lo = cue.start()
        for word in reversed([w for w in words if w.end() <= cue.start()][-INTRO_NAME_WORDS:]):
            if SENTENCE_END.search(word.group()):
                break
            lo = word.start()
        spans.append((lo, cue.end()))
    return merge_spans(sorted(spans))


# Where the agent's opening question starts: after a comma or a full stop, a question word.
OPENING_QUESTION = re.compile(
    r"(?<=[,.])\s*(?:how (?:can|may|could) I|what can I|are you (?:calling|ringing|"
    r"phoning)|(?:is|was) (?:it|this|that) (?:about|regarding)|can I (?:take|have|get|start|ask)|"
    r"could I (?:take|have|get|start)|may I (?:take|have)|who am I|who(?:['’]s| is) (?:calling|"
    r"this)|do you have)\b", re.I)


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
