"""Recognizers for numbers read aloud: the PCI digit-run rule, card numbers, national IDs.

They work on digit *runs*: consecutive digit-bearing tokens of the normalised text, bridged across one
short stray word. The bridge exists because Whisper sometimes hears a digit as a word ("zero" as
"Nero"); without it a card number splits into two harmless-looking halves and leaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.detect.recognizers.amounts import AMOUNT_UNITS, CURRENCY_SIGNS, MONEY_TOKEN, is_amount
from pipeline.detect.recognizers.base import (
    CallRecognizer,
    Span,
    luhn_ok,
    merge_spans,
    token_end,
)

TOKEN_RE = re.compile(r"\S+")
MAX_BRIDGE_CHARS = 6


@dataclass(frozen=True)
class DigitRun:
    start: int
    end: int
    digits: str
    pieces: tuple[str, ...]


def _digits(token: str) -> str:
    return "".join(ch for ch in token if ch.isdigit())


def digit_runs(text: str, bridge: bool = True) -> list[DigitRun]:
    """Maximal runs of digit tokens; with `bridge`, one short non-digit word may sit inside."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
    money = [bool(MONEY_TOKEN.search(tok)) for _, _, tok in tokens]
    # a price carries no digits of a code (`amounts.MONEY_TOKEN`)
    digits = ["" if m else _digits(tok) for (_, _, tok), m in zip(tokens, money, strict=True)]
    runs: list[DigitRun] = []
    i = 0
    while i < len(tokens):
        if not digits[i]:
            i += 1
            continue
        first = last = i
        pieces = [digits[i]]
        j = i + 1
        while j < len(tokens):
            if digits[j]:
                pieces.append(digits[j])
                last = j
                j += 1
                continue
            word = tokens[j][2].strip(",.;:")
            if (bridge and len(word) <= MAX_BRIDGE_CHARS and j + 1 < len(tokens)
                    and digits[j + 1] and not tokens[j][2].endswith(".") and not money[j]):
                j += 1
                continue
            break
        start = tokens[first][0]
        end = tokens[last][0] + len(tokens[last][2].rstrip(",.;:"))
        runs.append(DigitRun(start, end, "".join(pieces), tuple(pieces)))
        i = last + 1
    return runs


def context_before(text: str, start: int, pattern: re.Pattern[str], window: int = 80) -> bool:
    return bool(pattern.search(text[max(0, start - window):start]))


class DigitSequenceRecognizer(CallRecognizer):
    """PCI rule: N or more digits read out in a run are sensitive whatever else is said."""

    ENTITY = "DIGIT_SEQUENCE"
    SCORE = 0.6

    def __init__(self, min_digits: int = 6, supported_language: str = "en") -> None:
        self.min_digits = min_digits
        super().__init__(supported_language)

    def find(self, text: str) -> list[Span]:
        spans = []
        for r in digit_runs(text):
            end, digits = r.end, r.digits
            numbers = (list(re.finditer(r"\S*\d\S*", text[r.start:end]))
                       if len(r.pieces) > 1 and is_amount(text, end) else [])
            if len(numbers) > 1:
                # "12345678 and 50 pounds": the last number is a price or a duration said after
                # the code, not a digit of it (as a slot's value ends before an amount)
                end = r.start + numbers[-2].start() + len(numbers[-2].group().rstrip(",.;:-"))
                digits = digits[:-len(r.pieces[-1])]
            if len(digits) >= self.min_digits:
                spans.append(Span(r.start, end, self.SCORE))
        return spans


CARD_CONTEXT = re.compile(
    r"\b(card|visa|mastercard|amex|maestro|debit|credit|kaart|carte|karte|long number)\b", re.I
)


class CardNumberRecognizer(CallRecognizer):
    """13-19 digits: certain with a valid Luhn check, likely next to a card word without one."""

    ENTITY = "CREDIT_CARD"

    def find(self, text: str) -> list[Span]:
        spans = []
        for run in digit_runs(text):
            n = len(run.digits)
            if 13 <= n <= 19 and luhn_ok(run.digits):
                spans.append(Span(run.start, run.end, 0.95))
            elif 12 <= n <= 20 and context_before(text, run.start, CARD_CONTEXT):
                spans.append(Span(run.start, run.end, 0.7))
            elif any(
                luhn_ok(run.digits[off:off + k])
                for off in _piece_offsets(run)
                for k in range(13, 20)
                if off + k <= n
            ):
                # A valid number inside a longer run ("my card 4539... and the code 737").
                spans.append(Span(run.start, run.end, 0.9))
        return spans


def _piece_offsets(run: DigitRun) -> set[int]:
    offsets, pos = {0}, 0
    for piece in run.pieces:
        pos += len(piece)
        offsets.add(pos)
    return offsets


NRN_CONTEXT = re.compile(
    r"\b(national (register )?number|register number|rijksregister\w*|insz|niss|numéro national|"
    r"registre national|nationalnummer|identity number|id number)\b",
    re.I,
)


def be_nrn_ok(digits: str) -> bool:
    """Belgian national register number: YYMMDD + serial + mod-97 check (with '2' for 2000+)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if (month > 12 and not 20 <= month <= 52) or day > 31:  # 20-52: bis numbers
        return False
    body, check = digits[:9], int(digits[9:])
    return any(97 - (int(prefix + body) % 97) == check for prefix in ("", "2"))


class BeNationalRegisterNumberRecognizer(CallRecognizer):
    ENTITY = "BE_NATIONAL_REGISTER_NUMBER"

    def find(self, text: str) -> list[Span]:
        spans = []
        for run in digit_runs(text):
            if be_nrn_ok(run.digits):
                spans.append(Span(run.start, run.end, 0.95))
            elif 9 <= len(run.digits) <= 13 and context_before(text, run.start, NRN_CONTEXT):
                spans.append(Span(run.start, run.end, 0.6))
            elif any(be_nrn_ok(run.digits[off:off + 11]) for off in _piece_offsets(run)):
                spans.append(Span(run.start, run.end, 0.9))
        return spans


ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th|er|e|ste|de|te)\b", re.I)
DENSE_WINDOW = 8  # tokens
DENSE_DIGITS = 5  # digits within the window
DENSE_SINGLES = 3  # single digits within the window
YEAR = re.compile(r"^(?:19|20)\d\d[,.;:?!]?$")
YEAR_AFTER = frozenset({"in", "since", "from", "until", "till", "of", "en", "depuis", "sinds", "seit",
                        "im", "van", "de"})  # "born in 2004": a year, not digits read out
DENSE_GAP = 5  # tokens from one number of a code read out to the next (3 and 4 lost a phone number)
DENSE_HOP = 3  # tokens from a dense stretch within which a lone digit word still belongs to it


def dense_digit_spans(
    text: str, singles_at: dict[int, int] | None = None, digit_words: frozenset[str] = frozenset(),
    stand_ins: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Stretches where numbers come thick: misheard card data ("Nero 8 -20 heaven and heaven 3 -1").

    Whisper turns a customer's digits into a mix of numbers and look-alike words; no single run is
    long enough for the digit-run rule, but five digits in two numbers or more (or three digits
    read one by one) within eight words, each within five words of the last, are codes being read
    out, not conversation. One number on its own is the digit-run rule's to judge ("the meter says
    40917"), and two numbers a sentence apart are not one code. Amounts followed by a unit are left
    out.
    `singles_at` maps a token's start to how many digits were read one by one in it (the
    normaliser joins "seven two" into "72"). A word of `digit_words` (a lone "oh", "four", or
    "Nero" for zero) next to another digit is one digit read out, in a window that also holds a
    written number: "one or two, maybe three" is talk, "heaven, heaven, oh, I know oh, 625" is a
    phone number. A word of `stand_ins` (`stand_in_words`) is a digit too, and as sure a sign of
    a code as a written number.
    """
    digit_words |= stand_ins
    singles_at = singles_at or {}
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]

    def bare(i: int) -> str:
        return tokens[i][2].strip(",.;:?!-").lower()

    def said(i: int) -> bool:  # a digit word, not an amount ("three nights")
        tok = tokens[i][2]
        return (not _digits(tok) and bare(i) in digit_words
                and not is_amount(text, token_end(tokens[i])))

    written = {
        i for i, (_, _, tok) in enumerate(tokens)
        if _digits(tok) and not is_amount(text, token_end(tokens[i]))
        and not ORDINAL.match(tok)  # "on the 25th": a date, not a code
        and not tok.startswith(CURRENCY_SIGNS)  # "co-pay $10"
        and not (i and YEAR.match(tok) and tokens[i - 1][2].lower() in YEAR_AFTER)  # "in 2004"
    }
    loose = {i for i in range(len(tokens)) if said(i)}
    # A digit word counts beside another digit: "one is four and one is nine" is talk.
    spoken = {i for i in loose if {i - 1, i + 1} & (loose | written)}
    numeric = [(i, _digits(tokens[i][2]) or "0") for i in sorted(written | spoken)]
    runs: list[list[int]] = []  # [first token, last token]
    for a, (first, _) in enumerate(numeric):
        window = [numeric[a]]
        for n in numeric[a + 1:]:
            if n[0] - first >= DENSE_WINDOW or n[0] - window[-1][0] > DENSE_GAP:
                break  # "The reading is 45872. Go on so. The IBAN is IE64": two numbers, no code
            window.append(n)
        if not any(n[0] in written or bare(n[0]) in stand_ins for n in window):
            continue
        digits = sum(len(n[1]) for n in window)
        singles = sum(singles_at.get(tokens[n[0]][0], int(len(n[1]) == 1)) for n in window)
        if (digits >= DENSE_DIGITS and len(window) > 1) or singles >= DENSE_SINGLES:
            if runs and first <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], window[-1][0])
            else:
                runs.append([first, window[-1][0]])
    # Once codes are being read out, a lone digit word near them is one more of their digits
    # ("nearo big 82, free four, I'm big, seven, eight I'm one").
    for run in runs:
        while (j := max((k for k in loose if run[0] - DENSE_HOP <= k < run[0]), default=-1)) >= 0:
            run[0] = j
        while (j := min((k for k in loose if run[1] < k <= run[1] + DENSE_HOP), default=-1)) >= 0:
            run[1] = j
    return merge_spans((tokens[lo][0], tokens[hi][0] + len(tokens[hi][2].rstrip(",.;:")))
                       for lo, hi in runs)


STAND_IN_MIN = 3  # times a word must sit among digits before it is taken for one
STAND_IN_REACH = 24  # words from a stand-in's first sighting to its last
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # letters or digits: no punctuation between


def stand_in_words(
    text: str, digit_words: frozenset[str], stop_words: frozenset[str]
) -> frozenset[str]:
    """Words Whisper wrote for a digit it could not make out, learnt from the call itself.

    A voice Whisper hears badly turns one digit into the same wrong word every time it comes
    ("two nearer, nearer, one nearer" for "two zero zero one zero"). No fixed list can hold every
    such word for every voice, but the pattern gives it away: an ordinary word said three times
    within a few seconds, each time beside a digit or beside itself, with digits among them. Stop
    words ("or", "and", "for") and units ("two pounds, five pounds") sit beside numbers in any
    talk and are never taken; a counted noun said three times over ("room one, room two, room
    three") is, and beeping it costs a second of talk, not a card number.
    """
    words = [m.group().lower() for m in _WORD.finditer(text)]

    def digit(i: int) -> bool:
        return 0 <= i < len(words) and (any(c.isdigit() for c in words[i])
                                        or words[i] in digit_words)

    def same(i: int, word: str) -> bool:
        return 0 <= i < len(words) and words[i] == word

    beside: dict[str, list[tuple[int, bool]]] = {}
    for i, word in enumerate(words):
        if (len(word) < 3 or not word.isalpha() or word in stop_words or word in digit_words
                or AMOUNT_UNITS.match(" " + word)):
            continue
        near = digit(i - 1) or digit(i + 1)
        if near or same(i - 1, word) or same(i + 1, word):
            beside.setdefault(word, []).append((i, near))
    found = set()
    for word, seen in beside.items():
        for a in range(len(seen)):
            group = [s for s in seen[a:] if s[0] - seen[a][0] <= STAND_IN_REACH]
            if len(group) >= STAND_IN_MIN and sum(near for _, near in group) >= 2:
                found.add(word)
                break
    return frozenset(found)
