"""Spoken-form normalisation with an offset map back to the transcript.

Callers read card numbers, phone numbers and IBANs as words ("four five three nine", "double seven",
"oh nine"), in groups with pauses that Whisper writes as commas, or letter by letter ("B E six eight").
Pattern and checksum recognizers only work on the written form, so each run of spoken digits and
spelled letters becomes one contiguous token ("4539148803436467", "BE68...") in a normalised text.
Every normalised character remembers the transcript span it came from, so a match in the normalised
text maps back to transcript characters, then to words, then to audio time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.detect.lexicon import NUMBER_WORDS, NumberWords

TOKEN_RE = re.compile(
    r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:st|nd|rd|th|er|e|de|ste|te)\b|\d+|[^\w\s]", re.UNICODE
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

    def kind(self, i: int) -> str | None:
        if i >= len(self.tokens):
            return None
        t = self.tokens[i].text
        low = t.lower()
        if t.isdigit():
            return "digits"
        if low in self.w.units or low in self.w.teens or low in self.w.tens:
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

    def value_at(self, i: int) -> tuple[str, int] | None:
        """Digits for the number expression starting at token i, and the next token index."""
        kind = self.kind(i)
        if kind is None or kind in ("sep", "scale"):
            return None
        low = self.tokens[i].text.lower()
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
        value = self._small(i)
        if value is None:
            return None
        number, j = value
        # "four hundred and twelve", "two thousand and five": compose scales into one number.
        if self.kind(j) == "scale":
            scale = 100 if self.tokens[j].text.lower() in self.w.hundred else 1000
            total, j = number * scale, j + 1
            k = j + 1 if j < len(self.tokens) and self.tokens[j].text.lower() in self.w.conj else j
            rest = self._small(k)
            if rest is not None and rest[0] < scale:
                total, j = total + rest[0], rest[1]
            return str(total), j
        return (f"{number:02d}" if number >= 10 else str(number)), j

    def _small(self, i: int) -> tuple[int, int] | None:
        """0-99 from 'seven', 'seventeen', 'seventy', 'seventy seven' or a digit token."""
        if i >= len(self.tokens):
            return None
        low = self.tokens[i].text.lower()
        if low in self.w.units:
            return self.w.units[low], i + 1
        if low in self.w.teens:
            return self.w.teens[low], i + 1
        if low in self.w.tens:
            base = self.w.tens[low]
            # "twenty seven", also "twenty, seven" as Whisper punctuates slow speech.
            k = i + 2 if self.kind(i + 1) == "sep" else i + 1
            nxt = self.tokens[k].text.lower() if k < len(self.tokens) else ""
            if nxt in self.w.units and self.w.units[nxt] > 0:
                return base + self.w.units[nxt], k + 1
            return base, i + 1
        if self.tokens[i].text.isdigit() and len(self.tokens[i].text) <= 2:
            return int(self.tokens[i].text), i + 1
        return None


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

    def emit(piece: str, start: int, end: int, space: bool = True) -> None:
        if out and space:
            out.append(" ")
            starts.append(start)
            ends.append(start)
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))

    i = 0
    while i < len(tokens):
        run = _collect_run(parser, i)
        if run is not None:
            pieces, j = run
            for n, (piece, s, e) in enumerate(pieces):
                emit(piece, s, e, space=n == 0)
                if n == 0:
                    run_start = len(starts) - len(piece)
            runs.append(Run(run_start, len(starts), tuple(p for p, _, _ in pieces)))
            i = j
            continue
        tok = tokens[i]
        emit(tok.text, tok.start, tok.end, space=not (tok.text in SEPARATORS and out))
        i += 1
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends), tuple(runs))


def _letter_context(parser: _RunParser, pieces: list[tuple[str, int, int]], nxt: int) -> bool:
    if pieces:
        return pieces[-1][0].isalpha()
    return parser.kind(nxt) == "letter"


def _collect_run(parser: _RunParser, i: int) -> tuple[list[tuple[str, int, int]], int] | None:
    """A run: number expressions and spelled letters, joined across separators.

    A lone number word ("one of them") or lone letter ("a", "I") is not a run; letters only join
    when at least three come together or they sit next to digits (postcodes, IBAN prefixes).
    """
    pieces: list[tuple[str, int, int]] = []
    j = i
    while True:
        value = parser.value_at(j)
        if value is None:
            break
        piece, nxt = value
        if piece == "0" and _is_letter(parser.tokens[j]) and _letter_context(parser, pieces, nxt):
            piece = parser.tokens[j].text.upper()  # the "o" in "j o h n" is a letter
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
        return None
    letters = sum(1 for p, _, _ in pieces if p.isalpha())
    digits = sum(1 for p, _, _ in pieces if _is_number_piece(p))
    if digits == 0 and letters < 3:
        return None
    if digits == 1 and letters == 0 and parser.kind(i) not in ("digits",):
        # One number word alone stays a word unless written as digits: "one" is often a pronoun.
        only = pieces[0][0]
        if len(pieces) == 1 and len(only) <= 2:
            return None
    if letters and digits == 0:
        pieces = [(p.lower(), s, e) for p, s, e in pieces]
    elif letters and letters > 2 and digits and not pieces[0][0].isalpha():
        # Digits then many letters ("4 B C D") are two things; keep letters only as a prefix.
        return None
    return pieces, j
