"""Can a planted value still be heard? Re-transcribe the redacted audio and look near each span.

Coverage says how much of a span was beeped; a leak says whether what is left is enough to recover
the value. The redacted output is transcribed again by a *different* model where one exists (the
pipeline's own model would mishear the same way twice), and only the words whose timestamps fall
within `WINDOW_S` of the planted span are searched, so the same digits said elsewhere in the call
(an amount, another item) do not count. Functions here return booleans and rule names only: a
clear value is never returned, logged or printed.

Rules, by what the value is:

* digit values (card, IBAN, phone, national number, bank account, PIN, CVV): the value's digits
  against the window's digit stream, read from `pipeline.detect.normalize.normalize` of the window
  text (so "four five three nine" and "4539" both count) with separators between digits ignored.
  A value of `LONG_DIGITS` digits or more leaks when any `LONG_DIGITS` consecutive digits of it
  are heard; a shorter one only when all its digits are heard in order.
* dates of birth and card expiries: day, month and year run together ("4/12/88"), or by parts:
  a birth date leaks by its year, its month's name or an ordinal day ("fourteenth"); an expiry
  needs month and year.
* everything else (names, e-mail addresses, addresses, special categories): any distinctive word
  of the value, i.e. at least `MIN_WORD_LETTERS` letters, not a stopword, not a number word, not a
  generic word such as "street" or "example"; letters heard one by one count joined, so a spelled
  e-mail address is recognised. A value without such a word (a postcode, "M20 2RY") leaks when
  its letters and digits are heard as one stretch.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from callvault.evaluation.synth import PlantedSpan
from pipeline.detect.lexicon import NUMBER_WORDS
from pipeline.detect.normalize import normalize
from pipeline.types import ChannelTranscript, Word

WINDOW_S = 1.0
ENGLISH_LISTENER, MULTILINGUAL_LISTENER = "tiny.en", "base"
LONG_DIGITS = 6
MIN_WORD_LETTERS = 4
SHORT_WORD_LETTERS = 3
DIGIT_LABELS = frozenset(
    {"CREDIT_CARD", "CARD_SECURITY_CODE", "CARD_EXPIRY", "PHONE_NUMBER", "IBAN_CODE",
     "BANK_ACCOUNT", "BE_NATIONAL_REGISTER_NUMBER", "PIN"}
)
DATE_LABELS = frozenset({"DATE_OF_BIRTH"})
EXPIRY_LABELS = frozenset({"CARD_EXPIRY"})
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
EXPIRY = re.compile(r"(\d{1,2})\s*/\s*(\d{2}|\d{4})")
# Words that say what kind of thing a value is, not whose it is; hearing "street" is no leak.
GENERIC_WORDS = frozenset(
    {"street", "road", "avenue", "lane", "square", "drive", "place", "example", "mail", "email",
     "straat", "laan", "plein", "steenweg", "rue", "boulevard", "chemin", "strasse", "platz",
     "allee", "gasse", "weg", "flat", "apartment", "number", "house", "close", "hill",
    "com", "org", "net", "dot", "punt", "point", "punkt", "arobase", "underscore",
     "apenstaartje", "klammeraffe", "gmail", "hotmail", "outlook", "yahoo"}
)
# Month names, which stop-word lists partly hold ("may", "mai"): a spoken date's month is heard.
MONTHS = frozenset(
    " ".join((
        "january february march april may june july august september october november december",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
        "januar februar marz april mai juni juli august september oktober november dezember",
    )).split()
)
LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LeakCheck:
    """Whether one planted span can still be heard; `leaked` is None where nothing is checkable."""

    label: str
    channel: int
    start: float
    end: float
    leaked: bool | None
    rule: str  # which rule decided: "digits>=6", "digits", "year", "word", "none"


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Zürich" and "zurich" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def stopwords(language: str) -> frozenset[str]:
    """spaCy's stop words for `language` (no model needed) plus its number words."""
    lang = language.split("-")[0]
    try:
        words: Iterable[str] = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    except (ImportError, AttributeError):
        words = ()
    table = NUMBER_WORDS.get(lang, NUMBER_WORDS["en"])
    numbers = [*table.units, *table.teens, *table.tens, *table.hundred, *table.thousand]
    return frozenset(fold(w) for w in (*words, *numbers))


def distinctive_words(
    text: str, language: str, min_letters: int = MIN_WORD_LETTERS
) -> frozenset[str]:
    """Folded words of `text` that would identify it if heard: long, not stop/number/generic.

    A value with no word that long ("Tom", "Ann") falls back to its three-letter words.
    """
    stop = stopwords(language)
    words = [fold(m.group()) for m in LETTERS.finditer(text)]
    for least in dict.fromkeys((min_letters, SHORT_WORD_LETTERS)):
        found = frozenset(
            w for w in words if len(w) >= least and w not in stop and w not in GENERIC_WORDS
        )
        if found:
            return found
    return frozenset()


def heard_words(text: str) -> frozenset[str]:
    """Folded words of `text`, plus each run of spelled letters joined ("a d w" → "adw")."""
    words = [fold(m.group()) for m in LETTERS.finditer(text)]
    spelled: list[str] = []
    runs: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            spelled.append(w)
            continue
        if len(spelled) >= 2:
            runs.append("".join(spelled))
        spelled = []
    return frozenset(words) | frozenset(runs)


def window_words(
    transcript: ChannelTranscript, start: float, end: float, margin: float = WINDOW_S
) -> tuple[Word, ...]:
    """Words whose timestamps overlap [start - margin, end + margin]."""
    lo, hi = start - margin, end + margin
    return tuple(w for w in transcript.words if w.end >= lo and w.start <= hi)


def window_text(transcript: ChannelTranscript, words: Sequence[Word]) -> str:
    """The transcript text from the first to the last of `words` (keeps Whisper's separators)."""
    if not words:
        return ""
    return transcript.text[words[0].char_start : words[-1].char_end]


def digit_stream(text: str, language: str) -> tuple[str, ...]:
    """Digit strings heard in `text`: spoken numbers normalised, separators between digits
    ignored, any word of letters ending a string ("4539 1488" is one, "3 cards 12" two)."""
    norm = normalize(text, language).text
    pieces = (re.sub(r"\D", "", part) for part in LETTERS.split(norm))
    return tuple(p for p in pieces if p)


def digits_heard(value_digits: str, stream: Sequence[str]) -> tuple[bool, str]:
    """Whether `value_digits` can be read in `stream`, and by which rule."""
    if len(value_digits) >= LONG_DIGITS:
        grams = {value_digits[i : i + LONG_DIGITS] for i in range(len(value_digits) - LONG_DIGITS + 1)}
        return any(g in s for s in stream for g in grams), f"digits>={LONG_DIGITS}"
    if len(value_digits) >= 3:
        return any(value_digits in s for s in stream), "digits"
    return any(value_digits == s for s in stream), "digits"


def check_span(span: PlantedSpan, transcript: ChannelTranscript | None, language: str) -> LeakCheck:
    """Leak verdict for one planted span against the re-transcript of its channel."""
    words = window_words(transcript, span.start, span.end) if transcript is not None else ()
    text = window_text(transcript, words) if transcript is not None else ""
    leaked, rule = _verdict(span, text, language)
    return LeakCheck(span.label, span.channel, span.start, span.end, leaked, rule)


def _verdict(span: PlantedSpan, text: str, language: str) -> tuple[bool | None, str]:
    value = span.value or span.text
    value_digits = re.sub(r"\D", "", value)
    iso = ISO_DATE.fullmatch(value.strip())
    if span.label in DATE_LABELS and iso:
        year, month, day = iso.groups()
        return _date_heard(span.text, text, language, year, int(month), int(day))
    expiry = EXPIRY.fullmatch(value.strip())
    if span.label in EXPIRY_LABELS and expiry:
        return _date_heard(span.text, text, language, expiry[2], int(expiry[1]), None)
    if span.label in DIGIT_LABELS or (value_digits and not LETTERS.search(value)):
        if not value_digits:
            return None, "none"
        return digits_heard(value_digits, digit_stream(text, language))
    targets = distinctive_words(value, language)
    if targets:
        return bool(targets & heard_words(text)), "word"
    # Postcodes and the like ("M20 2RY"): the value's letters and digits in one stretch.
    needles = {n for n in (compact(value), compact(normalize(span.text, language).text)) if len(n) >= 4}
    if needles:
        heard = compact(normalize(text, language).text)
        return any(n in heard for n in needles), "compact"
    return None, "none"


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _date_heard(
    spoken: str, text: str, language: str, year: str, month: int, day: int | None
) -> tuple[bool, str]:
    """A date of birth or card expiry heard in the window, in digits or by its month's name.

    Digits: day, month and year run together in either order ("4/12/88", "twelve twenty seven"),
    or the four-digit year. A birth date also leaks by the year alone ("eighty eight"), its month
    name or another distinctive word of it ("fourteenth"); an expiry needs its month and its year.
    """
    stream = digit_stream(text, language)
    said = heard_words(text)
    yy = year[-2:]
    months = {f"{month:02d}", str(month)}
    days = {f"{day:02d}", str(day)} if day is not None else {""}
    forms = {a + b + y for d in days for m in months for a, b in ((d, m), (m, d)) for y in (yy, year)}
    if any(f in s for s in stream for f in forms if len(f) >= 3):
        return True, "date digits"
    named = {fold(m.group()) for m in LETTERS.finditer(spoken)} & MONTHS
    month_heard = bool(named & said) or any(s in months for s in stream)
    year_heard = yy in stream or (len(year) == 4 and any(year in s for s in stream))
    if day is None:
        return month_heard and year_heard, "expiry"
    if year_heard or bool(named & said):
        return True, "date"
    return bool(distinctive_words(spoken, language) & said), "word"


def check_call(
    spans: Iterable[PlantedSpan], transcripts: Sequence[ChannelTranscript], language: str
) -> tuple[LeakCheck, ...]:
    """Leak verdicts for every span; a span on a channel with no transcript hears nothing."""
    by_channel = {t.channel: t for t in transcripts}
    return tuple(check_span(s, by_channel.get(s.channel), language) for s in spans)


@dataclass(frozen=True)
class Heard:
    """One span's verdict over several listeners: leaked if any of them heard the value."""

    leaked: bool | None
    rule: str
    by: tuple[str, ...]  # the listener models that heard it


def listener_models(language: str, pipeline_model: str) -> tuple[str, ...]:
    """Models that re-listen to an output: one other than the pipeline's first where one exists.

    English gets tiny.en and base, the model that differs from the pipeline's first; there is no
    other multilingual model than base. Listening with both matters: on synthetic 8 kHz voices
    tiny.en alone often hears nothing, or loops on one phrase, where base hears the digits.
    """
    if language.split("-")[0] != "en":
        return (MULTILINGUAL_LISTENER,)
    both = (ENGLISH_LISTENER, MULTILINGUAL_LISTENER)
    return both if pipeline_model != ENGLISH_LISTENER else both[::-1]


def merge_listeners(per_model: Mapping[str, Sequence[LeakCheck]]) -> tuple[Heard, ...]:
    """Per span: heard by any listener; not checkable only where no listener could check it."""
    columns = list(per_model.items())
    merged = []
    for i in range(len(columns[0][1]) if columns else 0):
        verdicts = [(model, checks[i]) for model, checks in columns]
        by = tuple(model for model, c in verdicts if c.leaked)
        known = any(c.leaked is not None for _, c in verdicts)
        rule = next((c.rule for _, c in verdicts if c.leaked), verdicts[0][1].rule)
        merged.append(Heard(bool(by) if known else None, rule, by))
    return tuple(merged)
