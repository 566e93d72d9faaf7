"""Slot recognition: a trigger phrase ("security code", "date of birth") and the answer after it.

In a call the value follows its question or label, and Whisper often mishears the value itself
("oh nine" as "mode I'm"). Anchoring on the trigger and redacting from the first word after it up to
the last value-like word is robust to those errors, which is why these recognizers exist beside the
checksum ones. `extract` is public so the detector can apply a trigger heard on the agent's channel
to the customer's answer on the other channel. The slots themselves are in `slots`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from pipeline.detect.lexicon import NUMBER_WORDS
from pipeline.detect.recognizers.amounts import is_amount
from pipeline.detect.recognizers.base import CallRecognizer, Span, token_end

TOKEN_RE = re.compile(r"\S+")
MAX_GAP = 3  # words between two digits of one value, where Whisper wrote a digit as a word or two


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FILLERS = _words(
    "is it's its it was the my me a an number code : - um uh er erm ehm yes yeah sure ok okay so "
    "that's thats that be would please right well and c'est est le la mon ma de is het mijn ist die "
    "mein meine der hi hello hiya hey yep yup oui ja"
)
COPULAS = _words("is it's its was are be is: c'est est ist")
CLAUSE_START = _words(
    "and but so because then i i'm we my it that which who et mais puis je en maar dan ik und aber "
    "dann ich"
)
PURPOSE = _words("for from to on about regarding pour voor für")  # "e-mail for the receipt?"
CONJUNCTIONS = _words("and but because so et mais parce en maar omdat und aber weil")
# After a conjunction, a subject or a verb starts a clause of its own; a street or a number does not.
NEW_CLAUSE = _words(
    "i i'm i've i'd we we're we've you he she they it my our want wanted need needed would will "
    "can could have has had am was were just also now then je j'ai nous il elle on veux voudrais "
    "dois ik we wij wil moet heb ben ich wir will muss habe bin möchte "
    # a verb in the past: "moved to Belgium and went to open an account"
    "went got came left lost paid took bought found made sent saw told said gave thought rang "
    "began spent kept sold"
)
PAST_TENSE = re.compile(r"[a-z]{2,}ed")  # "... and moved on": a regular verb, as Whisper wrote it
EMAIL_END = re.compile(r"(?:\.|^)(?:com|net|org|be|fr|nl|de|eu|co\.uk|uk|io|info)[.,?!]?$", re.I)
SENTENCE_END = re.compile(r"[.!?]$")
MONTHS = _words(
    "january february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec janvier février fevrier mars avril mai juin juillet août "
    "aout septembre octobre novembre décembre decembre januari februari maart mei juni juli augustus "
    "oktober januar februar märz juni juli oktober dezember"
)
ORDINALS = re.compile(
    r"^(\d+(st|nd|rd|th|er|e|de|ste|te)?|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth|premier|première)$",
    re.I,
)
# Number words a lone year or day stays as after normalisation ("eighty eight", "twelve").
NUMBER_WORD_SET = frozenset(
    w for t in NUMBER_WORDS.values() for table in (t.units, t.teens, t.tens) for w in table
)
# What Whisper writes for a digit on a phone line ("Nero" for zero, "free" for three, "heaven" for
# seven): inside a value already begun, these are its digits too. Words as common as "for" and
# "to" are left out: they would stretch every value over the sentence after it.
SOUND_ALIKE_DIGITS = _words("nero hero free tree fine heaven evan niner ate won")
DIGIT_WORDS = NUMBER_WORD_SET | SOUND_ALIKE_DIGITS
# A digit said as a lone word among numbers being read out ("heaven, heaven, oh, I know oh, 625"):
# the units of each language and their sound-alikes; "oh" is how English reads a zero. The
# articles that double as "one" ("un", "een", "ein") and sound-alikes as common as "fine" and
# "won" are left out: they are in every other sentence.
READ_OUT_DIGIT_WORDS = {
    lang: frozenset(t.units) - {"un", "une", "een", "ein"}
    | SOUND_ALIKE_DIGITS - {"fine", "won", "ate"} | ({"oh"} if lang == "en" else set())
    for lang, t in NUMBER_WORDS.items()
}
DATE_GLUE = frozenset({"of", "the", "/", "-", ",", "de", "du", "van", "den", "der", "am", "on"})
# A caller correcting a date goes on with the date ("the fourteenth of, no, the fifteenth of
# August"): these words inside a date do not end it.
CORRECTIONS = frozenset({"no", "sorry", "wait", "i", "mean", "actually", "nee", "non", "nein",
                         "pardon"})
NAME_STOP = _words(
    "and or the i from calling here speaking how with on about please for to in at i'm im "
    "is was can could would thank thanks hello hi good morning afternoon evening today my your "
    "yes no ok okay so not a an just still also actually really very back up down out over later "
    "again now then there that this it it's you we they he she me him her them us when if as by "
    "after before wrong correct different missing like spelled spelt same someone somebody anyone "
    "anybody everyone nobody people colleague customer manager agent service support advisor "
    "adviser team person supervisor "
    # greetings and answers in the other languages a Belgian call is held in
    "hallo bonjour bonsoir salut merci oui non madame monsieur goedemorgen goedemiddag goedenavond "
    "dag dank bedankt ja nee graag guten tag morgen abend danke nein bitte"
)
# Lower-case words inside a name: "Jan de Vries", "Ludwig van Beethoven", "Omar bin Said".
NAME_PARTICLES = _words(
    "de la le du des van der den von het ter ten di da del della dos bin ibn al el"
)


class SlotRecognizer(CallRecognizer):
    """A trigger regex and a value shape: digits, a date, a name, or free words."""

    TRIGGERS: ClassVar[re.Pattern[str]]
    VALUE: ClassVar[str] = "digits"
    WINDOW: ClassVar[int] = 12
    MIN_DIGITS: ClassVar[int] = 0  # fewer digits than this in the value: not this kind of value
    # The value may open with spelled letters ("G B 8 8, M I D L, ..."), which Whisper breaks into
    # sentences of their own ("GBA I paid. M .I .B. Hale. 1 .511"): nothing before the first
    # digit is cut off.
    LEADING_LETTERS: ClassVar[bool] = False
    SCORE = 0.75

    def find(self, text: str) -> list[Span]:
        spans = []
        for m in self.TRIGGERS.finditer(text):
            span = self.extract(text, m.end())
            if span is not None:
                spans.append(span)
        return spans

    def extract(self, text: str, pos: int) -> Span | None:
        """The value starting at char `pos` (just after a trigger), or None if none is there."""
        tokens = [(m.start() + pos, m.end() + pos, m.group()) for m in TOKEN_RE.finditer(text[pos:])]
        tokens = tokens[: self.WINDOW]
        # "...your card number? Yes, it's 4539": the answer starts after the question mark, if
        # that question is the trigger's own ("the mobile ending in 12, correct?" is not).
        asked = next((i for i, t in enumerate(tokens[:-1]) if t[2].endswith("?")), None)
        if asked is not None and not self.value_before_question(tokens[:asked + 1]) and not any(
            SENTENCE_END.search(t[2]) or any(map(str.isdigit, t[2])) for t in tokens[:asked]
        ):
            tokens = tokens[asked + 1:]
        tokens = _skip_fillers(tokens)
        if not tokens:
            return None
        if self.VALUE == "digits":
            tokens = _value_start(tokens, _has_digit, self.LEADING_LETTERS)
        elif self.VALUE == "email":
            tokens = _value_start(tokens, _email_like)
        if (self.VALUE in ("email", "words", "address") and re.match(r"[,.;!]", text[pos:pos + 1])
                and bare_word(tokens[0][2]) in CLAUSE_START):
            return None  # "I don't have an e-mail, I use the post": a new clause, not a value
        last = getattr(self, f"_last_{self.VALUE}")(tokens)
        if last is not None and self.VALUE in ("digits", "date"):
            last = _before_amount(text, tokens, last, self.VALUE == "digits")
        if last is None:
            return None
        if (self.VALUE == "email" and bare_word(tokens[0][2]) in PURPOSE
                and tokens[last][2].endswith("?")):
            return None  # "Best email for the dispatch note?": what it is for, still asking
        end = token_end(tokens[last])
        if sum(ch.isdigit() for ch in text[tokens[0][0]:end]) < self.MIN_DIGITS:
            return None  # "call me back at 1030" is a time, not a phone number
        return Span(tokens[0][0], end, self.SCORE)

    def value_before_question(self, tokens: list[tuple[int, int, str]]) -> bool:
        """Whether the words up to a later question mark hold the value itself, so the question is
        another sentence ("my name is Katrin, how can I help?"), not the trigger's own."""
        return False

    @staticmethod
    def _last_digits(tokens: list[tuple[int, int, str]]) -> int | None:
        last = None
        for i, (_, _, tok) in enumerate(tokens):
            # Once the value has begun, a number word is one of its digits ("8. I'm nearo free
            # one" for "eight five zero three one"): the normaliser leaves a lone "one" a word;
            # so is a word Whisper writes for a digit.
            if any(ch.isdigit() for ch in tok) or (
                    last is not None and bare_word(tok) in DIGIT_WORDS):
                last = i
            elif last is not None and (i - last > MAX_GAP or tok.endswith("?")):
                break  # a question is the next slot's ("... 3385. And the CVV? 388")
        return last

    # Number words alone count as the date ("twenty eight" after a month Whisper lost): for an
    # expiry, asked for just before, the year is the part most often heard.
    BARE_NUMBERS: ClassVar[bool] = False

    def _last_date(self, tokens: list[tuple[int, int, str]]) -> int | None:
        last, seen_value = None, False
        for i, (_, _, tok) in enumerate(tokens):
            bare = bare_word(tok)
            # Number words are a date's day or year only beside the rest of it: "the second of
            # April, eighty eight", "twelve May", but not "one moment please".
            nxt = bare_word(tokens[i + 1][2]) if i + 1 < len(tokens) else ""
            number = bare in NUMBER_WORD_SET and (seen_value or nxt in MONTHS or self.BARE_NUMBERS)
            if bare in MONTHS or ORDINALS.match(bare) or number or any(map(str.isdigit, bare)):
                last, seen_value = i, True
                if SENTENCE_END.search(tok) and not re.fullmatch(r"\d{1,2}\.", tok):
                    break  # "... 1971. Then ..." ("9. Oktober" is a German day, not an end)
            elif bare in DATE_GLUE or bare in FILLERS or bare in CORRECTIONS:
                continue
            elif seen_value and i - (last or 0) > 1:
                break
        return last

    @staticmethod
    def _last_name(tokens: list[tuple[int, int, str]]) -> int | None:
        last = None
        tokens = tokens[:4]
        for i, (_, _, tok) in enumerate(tokens):
            bare = bare_word(tok)
            if not bare or bare in NAME_STOP or any(ch.isdigit() for ch in bare):
                break
            if i > 0 and not tok.lstrip("'’-")[:1].isupper():
                if bare in NAME_PARTICLES and i + 1 < len(tokens) and tokens[i + 1][2][0].isupper():
                    continue  # "Jan de Vries"
                break
            last = i
            if SENTENCE_END.search(tok) or tok.endswith(","):
                break
        return last

    @staticmethod
    def _last_email(tokens: list[tuple[int, int, str]]) -> int | None:
        for i, (_, _, tok) in enumerate(tokens):
            if "@" in tok or EMAIL_END.search(tok):
                return i
        # Whisper may garble a spoken address beyond any pattern, but not into a single word
        # ("no e-mail address, sorry").
        last = SlotRecognizer._last_words(tokens)
        return last if last else None

    @staticmethod
    def _last_address(tokens: list[tuple[int, int, str]]) -> int | None:
        # An address is said in comma-separated parts, which Whisper garbles into clauses of
        # their own ("Um, last two, I can outlaw, ..." for "flat two, nine Canal Row"): the
        # answer runs to the end of its sentence, unless a conjunction opens a new clause there
        # ("moved to Leuven and need to change my direct debit").
        last = SlotRecognizer._last_words(tokens, clauses=False)
        for i in range(1, last or 0):
            nxt = tokens[i + 1][2]
            if (bare_word(tokens[i][2]) in CONJUNCTIONS and not tokens[i - 1][2].endswith(",")
                    and (bare_word(nxt) in NEW_CLAUSE or PAST_TENSE.fullmatch(nxt))):
                return i - 1
        return last

    @staticmethod
    def _last_words(tokens: list[tuple[int, int, str]], clauses: bool = True) -> int | None:
        for i, (_, _, tok) in enumerate(tokens):
            if (clauses and i > 0 and tokens[i - 1][2].endswith(",")
                    and bare_word(tok) in CLAUSE_START):
                return i - 1  # "..., and I have" starts a new clause
            if SENTENCE_END.search(tok) and not re.search(r"\d\.$", tok) and i > 0:
                return i
        return len(tokens) - 1


Token = tuple[int, int, str]


def _skip_fillers(tokens: list[Token]) -> list[Token]:
    first = 0
    while first < len(tokens) and bare_word(tokens[first][2]) in FILLERS | {""}:
        first += 1
    return tokens[first:]


def _before_amount(text: str, tokens: list[Token], last: int, digits_only: bool) -> int | None:
    """The value's last token once an amount said at its end is cut off: "29th of February, 94,
    800 and 12 pounds will come", "which account? ... my salary of 4 ,200 Euro". A number before
    a currency or unit word is no digit of a code, and neither is the number "and" or a
    thousands comma joins to it."""
    if not is_amount(text, token_end(tokens[last])):
        return last
    i = last - 1
    while i >= 0:
        if tokens[i + 1][2].startswith((",", ".")):  # "4 ,200", "32 .50"
            i -= 1
        elif bare_word(tokens[i][2]) == "and" and i >= 1 and _hundreds(tokens[i - 1][2]):
            i -= 2  # "800 and 12", but not "12345678, and 50"
        else:
            break
    # what led up to the amount ("... The premium is") is no part of the value either
    while i >= 0 and (bare_word(tokens[i][2]) == "and"
                      or (digits_only and not _has_digit(tokens[i][2]))):
        i -= 1
    if i < 0 or not any(_has_digit(t[2]) for t in tokens[:i + 1]):
        return None
    return i


def _hundreds(tok: str) -> bool:
    """A number that goes on with "and ..." in an amount: "800", ",300" ("1 ,300 and 40")."""
    digits = sum(ch.isdigit() for ch in tok)
    return digits > 0 and not tok.endswith(",") and (digits <= 3 or tok.startswith(","))


def _has_digit(tok: str) -> bool:
    return any(ch.isdigit() for ch in tok)


def _email_like(tok: str) -> bool:
    return "@" in tok or bool(EMAIL_END.search(tok))


def _value_start(
    tokens: list[Token], is_value: Callable[[str], bool], leading_letters: bool = False
) -> list[Token]:
    """Where a value starts: at the first word after the trigger, unless a sentence or a clause
    ending in "is" comes first ("the PIN for your online account. It's 2281", "no, my new mobile
    is 0791"). Other words before the first value word stay in: they may be misheard digits
    ("OEM and pair a no 0, 901" for "oh seven seven oh oh, nine oh oh").
    """
    first = next((i for i, t in enumerate(tokens) if is_value(t[2])), None)
    if first is None or leading_letters:
        return tokens
    ended = [i for i, t in enumerate(tokens[:first]) if SENTENCE_END.search(t[2])]
    if ended:
        tokens = _skip_fillers(tokens[ended[-1] + 1:])
        first = next(i for i, t in enumerate(tokens) if is_value(t[2]))
    return tokens[first:] if first and bare_word(tokens[first - 1][2]) in COPULAS else tokens


def bare_word(tok: str) -> str:
    return tok.strip(",.;:?!\"'()").lower()
