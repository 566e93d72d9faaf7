"""Spoken-form normalisation with an offset map back to the transcript.

Callers read card numbers, phone numbers and IBANs as words ("four five three nine", "double seven",
"oh nine"), in groups with pauses that Whisper writes as commas, or letter by letter ("B E six eight").
Pattern and checksum recognizers only work on the written form, so each run of spoken digits and
spelled letters becomes one contiguous token ("4539148803436467", "BE68...") in a normalised text.
Every normalised character remembers the transcript span it came from, so a match in the normalised
text maps back to transcript characters, then to words, then to audio time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.detect.lexicon import NUMBER_WORDS, NumberWords

TOKEN_RE = re.compile(
    r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:st|nd|rd|th|er|e|de|ste|te)\b|\d+|[^\w\s]|_", re.UNICODE
)
SEPARATORS = frozenset({",", ".", "-", "/", "–", "—", ":", ";"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    """One joined run in the normalised text and the pieces it was read as."""

    start: int
    end: int
    pieces: tuple[str, ...]

    @property
    def read_digit_by_digit(self) -> int:
        """How many pieces were single digits: "seven, three, one" reads codes, not prices."""
        return sum(1 for p in self.pieces if len(p) == 1 and p.isdigit())


@dataclass(frozen=True)
class NormalizedText:
    """`text` plus, per character, the transcript span that produced it."""

    source: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    runs: tuple[Run, ...] = ()

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the transcript text."""
        if end <= start:
            raise ValueError("empty span")
        return min(self.starts[start:end]), max(self.ends[start:end])


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _is_letter(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.text.isalpha()


class _RunParser:
    """Greedy parser of one run of number words, digits and spelled letters."""

    def __init__(self, tokens: list[Token], words: NumberWords) -> None:
        self.tokens = tokens
        self.w = words
        self._glued = (
            re.compile(rf"^({'|'.join(sorted(u for u, v in words.units.items() if v))})"
                       rf"(?:{words.glue})({'|'.join(sorted(words.tens))})$")
            if words.glue else None
        )

    def low(self, i: int) -> str:
        return self.tokens[i].text.lower() if i < len(self.tokens) else ""

    def kind(self, i: int) -> str | None:
        if i >= len(self.tokens):
            return None
        t = self.tokens[i].text
        low = t.lower()
        if t.isdigit():
            return "digits"
        if low in self.w.units or low in self.w.teens or low in self.w.tens or self._glue(low):
            return "number"
        if low in self.w.zero_aliases:
            return "zero_alias"
        if low in self.w.repeaters:
            return "repeat"
        if low in self.w.hundred or low in self.w.thousand:
            return "scale"
        if _is_letter(self.tokens[i]):
            return "letter"
        if t in SEPARATORS:
            return "sep"
        return None

    def _glue(self, low: str) -> int | None:
        """Dutch "vierentwintig", German "vierundzwanzig": 24 in one word."""
        m = self._glued.match(low) if self._glued else None
        return self.w.tens[m.group(2)] + self.w.units[m.group(1)] if m else None

    def value_at(self, i: int) -> tuple[str, int] | None:
        """Digits for the number expression starting at token i, and the next token index."""
        kind = self.kind(i)
        if kind is None or kind in ("sep", "scale"):
            return None
        low = self.low(i)
        if kind == "digits":
            return self.tokens[i].text, i + 1
        if kind == "zero_alias":
            return "0", i + 1
        if kind == "repeat":
            nxt = self.value_at(i + 1)
            if nxt is None or len(nxt[0]) != 1:
                return None
            return nxt[0] * self.w.repeaters[low], nxt[1]
        if kind == "letter":
            return self.tokens[i].text.upper(), i + 1
        value = self._below_thousand(i)
        if value is None:
            return None
        number, j = value
        # "two thousand and five", "one thousand two hundred": compose thousands.
        if self.low(j) in self.w.thousand:
            total, j = self._scaled(number, j, 1000, self._below_thousand)
            return str(total), j
        if number >= 100:
            return str(number), j
        return (f"{number:02d}" if number >= 10 else str(number)), j

    def _below_thousand(self, i: int) -> tuple[int, int] | None:
        """0-999: 'twelve', 'four hundred and twelve', 'twelve hundred'."""
        value = self._small(i)
        if value is None:
            return None
        number, j = value
        if self.low(j) in self.w.hundred:
            return self._scaled(number, j, 100, self._small)
        return number, j

    def _scaled(
        self, number: int, j: int, factor: int, rest_of: Callable[[int], tuple[int, int] | None]
    ) -> tuple[int, int]:
        """`number` times the scale word at j, plus what follows ("and twelve"), and the next index."""
        total, j = number * factor, j + 1
        k = j + 1 if self.low(j) in self.w.conj else j
        rest = rest_of(k)
        return (total + rest[0], rest[1]) if rest is not None else (total, j)

    def _skip_sep(self, i: int) -> int:
        """Index after one separator ("twenty, seven", "trente-quatre"), or i itself."""
        return i + 1 if self.kind(i) == "sep" else i

    def _compound(self, i: int) -> tuple[int, int] | None:
        """Longest multi-word form from the lexicon starting at i ("quatre-vingt", "dix-sept")."""
        best = None
        for phrase, value in self.w.compounds.items():
            j = i
            for n, word in enumerate(phrase.split()):
                if n:
                    j = self._skip_sep(j)
                if self.low(j) != word:
                    break
                j += 1
            else:
                if best is None or j > best[1]:
                    best = (value, j)
        return best

    def _word(self, i: int) -> tuple[int, int] | None:
        """One number word or lexicon compound, without combining tens and units."""
        compound = self._compound(i)
        if compound is not None:
            return compound
        low = self.low(i)
        for table in (self.w.units, self.w.teens, self.w.tens):
            if low in table:
                return table[low], i + 1
        glued = self._glue(low)
        return (glued, i + 1) if glued is not None else None

    def _small(self, i: int) -> tuple[int, int] | None:
        """0-99 from 'seven', 'seventeen', 'seventy', 'seventy seven' or a digit token."""
        if i >= len(self.tokens):
            return None
        if self.tokens[i].text.isdigit() and len(self.tokens[i].text) <= 2:
            return int(self.tokens[i].text), i + 1
        word = self._word(i)
        if word is None:
            return None
        base, j = word
        if base < 20 or base % 10:
            return base, j
        # "twenty seven", also "twenty, seven" as Whisper punctuates slow speech, "vingt et un",
        # "soixante-douze" (60 + 12), "quatre-vingt-dix-neuf" (80 + 19).
        k = self._skip_sep(j)
        if self.low(k) in self.w.tens_link:
            k += 1
        nxt = self._word(k)
        if nxt is not None and (0 < nxt[0] < 10 or (base in self.w.tens_teens and 10 <= nxt[0] < 20)):
            return base + nxt[0], nxt[1]
        return base, j


def _is_number_piece(piece: str) -> bool:
    return any(ch.isdigit() for ch in piece)


def normalize(text: str, language: str = "en") -> NormalizedText:
    """Rewrite spoken digits and spelled letters as written runs; keep every other token as is."""
    words = NUMBER_WORDS.get(language.split("-")[0], NUMBER_WORDS["en"])
    tokens = tokenize(text)
    parser = _RunParser(tokens, words)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    runs: list[Run] = []

    def emit(piece: str, start: int, end: int, joined: bool = False) -> None:
        # Keep the transcript's own spacing ("e-mail", "john.smith@x.com", "thirty-one" stay as
        # written); only the pieces of a run are joined.
        if out and not joined and start > ends[-1]:
            out.append(" ")
            starts.append(start)
            ends.append(start)
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))

    i = 0
    while i < len(tokens):
        pieces, j = _collect_run(parser, i)
        if pieces:
            run_start = len(starts) + (1 if out and pieces[0][1] > ends[-1] else 0)
            for n, (piece, s, e) in enumerate(pieces):
                emit(piece, s, e, joined=n > 0)
            runs.append(Run(run_start, len(starts), tuple(p for p, _, _ in pieces)))
            i = j
            continue
        for tok in tokens[i:j]:  # a rejected run stays words as a whole ("quatre-vingt-dix")
            emit(tok.text, tok.start, tok.end)
        i = j
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends), tuple(runs))


# One-letter words: the article "a", the pronoun "I", French "à"/"y", Dutch "u". They are letters
# only among other spelled letters ("I B A N", "S W one A"), never just because a digit is next.
WORD_LETTERS = frozenset({"a", "I", "i", "à", "y", "u"})


def _letter_context(parser: _RunParser, pieces: list[tuple[str, int, int]], nxt: int) -> bool:
    if pieces:
        return pieces[-1][0].isalpha()
    return parser.kind(nxt) == "letter"


def _spelling_context(parser: _RunParser, pieces: list[tuple[str, int, int]], nxt: int) -> bool:
    return any(p.isalpha() for p, _, _ in pieces) or parser.kind(nxt) == "letter"


def _written_date(tokens: list[Token], i: int) -> bool:
    """Day, month and a four-digit year written with one separator and no spaces."""
    part = tokens[i:i + 5]
    if len(part) < 5 or any(a.end != b.start for a, b in itertools.pairwise(part)):
        return False
    day, sep, month, sep2, year = (t.text for t in part)
    if sep != sep2 or sep not in "/.-" or not all(x.isdigit() for x in (day, month, year)):
        return False
    return len(day) <= 2 and len(month) <= 2 and len(year) == 4 and 0 < int(day) <= 31 and (
        0 < int(month) <= 31) and year[:2] in ("19", "20")


def _collect_run(parser: _RunParser, i: int) -> tuple[list[tuple[str, int, int]], int]:
    """A run: number expressions and spelled letters, joined across separators.

    Returns the pieces and the index after the run; no pieces where tokens i..j-1 stay words.

    A lone number word ("one of them") or lone letter ("a", "I") is not a run; letters only join
    when at least three come together or they sit next to digits (postcodes, IBAN prefixes).
    """
    if _written_date(parser.tokens, i):
        return [], i + 5  # "14/03/1985" stays a date, for the date recognizers
    pieces: list[tuple[str, int, int]] = []
    j = i
    while True:
        value = parser.value_at(j)
        if value is None:
            break
        piece, nxt = value
        if piece == "0" and _is_letter(parser.tokens[j]) and _letter_context(parser, pieces, nxt):
            piece = parser.tokens[j].text.upper()  # the "o" in "j o h n" is a letter
        if parser.tokens[j].text in WORD_LETTERS and not _spelling_context(parser, pieces, nxt):
            break  # "a two year contract", "il a deux enfants"
        if parser.kind(j) == "zero_alias" and parser.low(nxt) in ("'", "’"):
            break  # "six o 'clock", as Whisper sometimes splits "o'clock"
        is_alias_only = parser.kind(j) == "zero_alias" and not pieces
        if is_alias_only and parser.value_at(nxt) is None:
            break  # "oh" on its own is an interjection, not a zero
        pieces.append((piece, parser.tokens[j].start, parser.tokens[nxt - 1].end))
        j = nxt
        # Skip separators between pieces only if another piece follows.
        k = j
        while parser.kind(k) == "sep":
            k += 1
        if k != j and parser.value_at(k) is not None:
            j = k
    if not pieces:
        return [], i + 1
    letters = sum(1 for p, _, _ in pieces if p.isalpha())
    digits = sum(1 for p, _, _ in pieces if _is_number_piece(p))
    if digits == 0 and letters < 3:
        return [], i + 1
    if digits == 1 and letters == 0 and parser.kind(i) not in ("digits", "repeat"):
        # One number word alone stays a word unless written as digits: "one" is often a pronoun,
        # "twenty five euros" a price. "double seven" is only ever read out digits.
        only = pieces[0][0]
        if len(pieces) == 1 and len(only) <= 2:
            return [], max(j, i + 1)
    if letters and digits == 0:
        pieces = [(p.lower(), s, e) for p, s, e in pieces]
    elif letters and letters > 2 and digits and not pieces[0][0].isalpha():
        # Digits then many letters ("4 B C D") are two things; keep letters only as a prefix.
        return [], i + 1
    return pieces, j
