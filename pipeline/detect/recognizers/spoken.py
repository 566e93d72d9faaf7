"""E-mail addresses and street addresses as they are *said*, not written (dates: `dates.py`).

Whisper writes a spoken address as "john dot smith at gmail dot com", "johnsmith at gmail.com" or
"john.smith@gmail.com" depending on pace; spelled parts arrive already joined by the normaliser.
Street addresses are found by shape (a number, a few words, a street type) in four languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.detect.lexicon import NUMBER_WORDS
from pipeline.detect.recognizers.amounts import is_amount
from pipeline.detect.recognizers.base import (
    WORD_RE,
    CallRecognizer,
    Pause,
    Span,
    sentence_around,
    widen_in_sentence,
    within_pauses,
    word_pattern,
)
from pipeline.detect.recognizers.context import NAME_STOP, SENTENCE_END, bare_word

# A written dot only with no space after it: "home. Me and my wife" is a sentence end, not ".me".
# Whisper hears "dot com" as "not com" on a phone line; "not" counts only before com/net/org.
_NOT_DOT = r"\s+not\s+(?=(?:com|net|org)\b)"
_DOT = rf"(?:\s?\.(?=[\w+-])|\s+(?:dot|point|punt|punkt|period)\s+|{_NOT_DOT})"
_TLD = (  # generic domains and the country codes of the callers a European centre gets
    r"(?:com|net|org|be|fr|nl|de|eu|co|uk|io|info|biz|edu|gov|lu|ch|at|us|me|au|ie|es|it|ca|nz|"
    r"pl|pt|se|dk|fi|cz|sk|hu|ro|bg|gr|hr|si|lt|lv|ee|ru|ua|tr|ma|dz|tn|za|ng|br|mx|ar|cn|jp|"
    r"app|dev|tv|ai|xyz)"
)
_AT = r"\s*(?:@|\s(?:at|arobase|apenstaartje|at sign|at symbol|ät)\s)\s*"
_PART = r"[\w+-]+"
_LOCAL = rf"{_PART}(?:(?:{_DOT}|\s+(?:underscore|dash|hyphen|tiret|streepje)\s+|[._-]){_PART})*"
# A two-part ending (".co.uk", ".com.au") is taken whole: the lazy domain stops at the first TLD.
EMAIL_RE = re.compile(
    rf"\b{_LOCAL}{_AT}{_PART}(?:{_DOT}{_PART})*?{_DOT}{_TLD}(?:{_DOT}{_TLD})?\b", re.I
)


# Whisper sometimes glues "jones at example" into one word: a dotted domain with up to two words
# before it, inside one sentence, is still treated as an address. Only "dot" or a written dot
# count here: "point", "punt" and "Punkt" are ordinary words ("sur le point de partir").
_TIGHT_DOT = rf"(?:\s?\.(?=\w)|\s+dot\s+|{_NOT_DOT})"
DOMAIN_RE = re.compile(
    rf"(?:[\w+-]+[ ]){{0,2}}[\w+-]*[a-z]{_TIGHT_DOT}{_TLD}(?:{_TIGHT_DOT}{_TLD})?\b", re.I
)


# A domain heard without its "at" ("The RP, the O, R, ThunderTorps, K, IM, F, Hotmail .com") had
# its local part garbled too: the words before it in its sentence are taken, up to a spelled
# address's length. Not when the sentence names a website ("on our website, lochside.com").
LOCAL_WORDS = 12
WEBSITE = word_pattern(
    "website", r"web ?site", r"web ?page", "www", "site", "online", "visit", "portal", "app",
    r"site (?:web|internet)", "webseite", "internetseite", r"op de site",
)
_HEARD_AT = re.compile(_AT, re.I)


class SpokenEmailRecognizer(CallRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    SCORE = 0.9

    def find(self, text: str) -> list[Span]:
        spans = [Span(m.start(), m.end(), self.SCORE) for m in EMAIL_RE.finditer(text)]
        for m in DOMAIN_RE.finditer(text):
            start = m.start()
            if not _HEARD_AT.search(m.group()):
                wide, _ = widen_in_sentence(text, start, m.end(), LOCAL_WORDS, 0)
                start = start if WEBSITE.search(text, wide, m.end()) else wide
            spans.append(Span(start, m.end(), 0.55))
        return spans


STREET_TYPES = (  # after the name: "22 Baker Street", "seven Church Lane"
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|place|square|court|close|"
    "crescent|terrace|grove|gardens|park|hill|row|mews|walk|parade|highway|alley|quay|wharf"
)
PREFIX_TYPES = (  # before the name: "rue de la Loi 16", "thirty one Avenue Louise"
    "rue|avenue|boulevard|chaussée|chaussee|place|allée|allee|impasse|quai|chemin|square|route|"
    "drève|dreve|clos|rond-point"
)
GLUED_TYPES = (  # the end of one word: "Kerkstraat 5", "Hauptstraße 12"
    "straat|laan|weg|plein|steenweg|dreef|lei|kaai|gracht|singel|markt|strasse|straße|gasse|"
    "allee|platz|damm|ufer"
)

SPACED_TYPES = "Straße|Strasse|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer|Chaussee"

ARTICLES = frozenset({"un", "une", "een", "ein", "één"})  # "one" that is mostly "a"


def _spoken_house_numbers() -> str:
    """1-99 as words in every language: 'fourteen', 'twenty two', 'trente-quatre'."""
    units = {w for t in NUMBER_WORDS.values() for w, v in t.units.items() if v} - ARTICLES
    teens = {w for t in NUMBER_WORDS.values() for w in t.teens}
    tens = {w for t in NUMBER_WORDS.values() for w in t.tens}

    def alt(words: set[str]) -> str:
        return "|".join(sorted(words, key=len, reverse=True))

    return rf"(?:(?:{alt(tens)})(?:[- ](?:{alt(units)}))?|{alt(teens)}|{alt(units)})"

_NUM = rf"(?:\d+[a-zA-Z]?|(?i:{_spoken_house_numbers()}))"
_PARTICLE = r"(?:de|la|le|du|des|d'|l'|van|der|den|von|het|ter|ten|di|da|del|della|saint|sint)"
_NAME = r"(?:St\.|(?!I\b)[A-ZÀ-Ý][\w'’-]*)"  # street names are written with capitals
_NAMES = rf"(?:{_PARTICLE}\s+)*{_NAME}(?:\s+(?:{_PARTICLE}|{_NAME})){{0,3}}"
# Whisper sometimes writes a street name it does not know in lower case ("52 long bank
# crescent"): allowed before an unambiguous street type, but not words that make a phrase of it
# ("5 miles down the road", "2 days on the road").
STRONG_TYPES = "street|road|avenue|lane|drive|boulevard|crescent|terrace|mews|gardens|grove"
_NOT_NAME = (
    r"(?:the|a|an|on|in|at|to|of|for|down|up|my|your|our|their|his|her|this|that|and|or|by|from|"
    r"off|over|along|across|per|(?:day|week|month|year|hour|minute|mile|time|kilometre)s?|km)"
)
_LOWER_NAMES = rf"(?:(?!{_NOT_NAME}\b)[a-zà-ÿ][\w'’-]*\s+){{1,3}}"
# "22 Baker Street", "rue de la Loi 16" / "16 rue de la Loi", "Kerkstraat 5" / "5 Kerkstraat".
STREET_RE = re.compile(
    rf"\b{_NUM},?\s+{_NAMES}\s+(?i:{STREET_TYPES}|{PREFIX_TYPES})\b"
    rf"|\b{_NUM},?\s+{_LOWER_NAMES}(?i:{STRONG_TYPES})\b"
    rf"|\b{_NUM},?\s+(?i:{STRONG_TYPES})\b(?=,?\s+[A-ZÀ-Ý])"  # "73 L Road, Norwich" as "73L Road"
    rf"|\b(?i:{PREFIX_TYPES})\s+{_NAMES},?\s+{_NUM}\b"
    rf"|\b{_NUM},?\s+(?i:{PREFIX_TYPES})\s+{_NAMES}"
    # ... with the word before it that is part of its name ("Lange Kievitstraat 88")
    rf"|\b(?:[A-ZÀ-Ý]\w*\s+)?[A-ZÀ-Ý]\w*(?i:{GLUED_TYPES}),?\s+{_NUM}\b"
    rf"|\b{_NUM},?\s+[A-ZÀ-Ý]\w*(?i:{GLUED_TYPES})\b"
    # German writes a street named after a town apart: "Aachener Straße 42", "Kölner Weg".
    rf"|\b[A-ZÀ-Ý]\w*er\s+(?:{SPACED_TYPES})(?:,?\s+{_NUM}\b)?"
    # A named street without its number (Whisper lost or garbled it): "Harcourt Road", both words
    # capitalised, as Whisper writes a street's name.
    rf"|(?<![.?!]\s)\b(?!(?:I|The|A|An|My|Your|Our|Their|This|That|Main|High)\b)[A-ZÀ-Ý][\w'’-]+\s+(?:{STRONG_TYPES.title()})\b"
    # ... or with the rest of its name heard as lower-case words ("Willem's low road").
    rf"|\b(?!(?:I|The|A|An|My|Your|Our|Their|This|That|It|It's|We|We're|You|You're)\b)"
    rf"[A-ZÀ-Ý][\w'’-]+(?:\s+(?!{_NOT_NAME}\b)[a-zà-ÿ][\w'’-]*){{1,2}}\s+(?i:{STRONG_TYPES})\b"
)
# The house number said before a street line Whisper wrote oddly ("50mm, Willem's low road"), with
# the flat or unit it numbers ("Flat 3, 19 Cromwell Road").
# ("Flat 3, 19 ..." is normalised to "Flat 319 ...": the flat word alone may be left before it.)
_NUMBER_BEFORE = re.compile(
    r"\b(?i:flat|apartment|apt|unit|suite|appartement|studio)\.?\s+(?:\w*\d\S*,?\s+)?$"
    r"|\b\w*\d\S*,?\s+$")
POSTCODE_RE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK
    r"|\b[A-Z]{1,2}\d{1,2}[A-Z]?\b(?=\s*(?:,|\.|$))"  # UK outward code alone ("NW1")
    r"|\b[1-9]\d{3,4}\s+[A-Z][a-zà-ÿ]+",  # BE/NL/LU 4-digit, DE 5-digit + town
)
_TAIL_RE = re.compile(r"^(?:,?\s+(?:in\s+)?[A-Z][\w'’-]*){1,3}(?:,?\s+[A-Z0-9]{2,4}\d?\w*)?")


class StreetAddressRecognizer(CallRecognizer):
    """A street line, extended over the town and postcode that usually follow it."""

    ENTITY = "LOCATION"
    SCORE = 0.8

    def find(self, text: str) -> list[Span]:
        spans = []
        for m in STREET_RE.finditer(text):
            start, end = m.start(), m.end()
            number = _NUMBER_BEFORE.search(text, max(0, start - 28), start)
            if number is not None:
                start = number.start()
            tail = _TAIL_RE.match(text[end:])
            if tail:
                end += tail.end()
            spans.append(Span(start, end, self.SCORE))
        spans.extend(Span(m.start(), m.end(), 0.6) for m in POSTCODE_RE.finditer(text)
                     if not is_amount(text, m.start() + len(m.group().split()[0])))
        return spans


POSTCODE_REACH = 5  # words after a place in which a postcode is still part of its address
# After a place and its comma, up to three capitalised words: a postcode Whisper heard as words.
_WORDED_POSTCODE = re.compile(r",\s+((?:[A-ZÀ-Þ][\w'’-]*)(?:\s+[A-ZÀ-Þ][\w'’-]*){0,2})(?=[\s,.?!]|$)")


def widened_place(text: str, start: int, end: int, pauses: Sequence[Pause] = ()) -> tuple[int, int]:
    """A LOCATION span grown over the postcode said after it ("Springfield, Illinois, six two
    seven oh four"): a town is followed by its postcode, which Whisper writes as anything from
    "62704" to "Big Boot Ammonoo 4". Up to the last word with a digit within a few words, never
    past the sentence; an address line also takes the flat and building said before it."""
    if SENTENCE_END.search(text[start:end].rstrip()):
        return start, end
    last = end
    for k, w in enumerate(WORD_RE.finditer(text, end)):
        if k >= POSTCODE_REACH:
            break
        if any(ch.isdigit() for ch in w.group()):
            last = w.start() + len(w.group().rstrip(",.;:?!"))
        if SENTENCE_END.search(w.group()):
            break
    if last == end and (code := _WORDED_POSTCODE.match(text, end)) is not None and not any(
            bare_word(w) in NAME_STOP for w in code.group(1).split()):
        last = code.end(1)  # "Springfield, Illinois, Big Boot Ammonoo": a postcode in words
    if _ADDRESS_WORD.search(text, start, last):
        start = _leading_lines(text, start)
    return _short_sentence(text, start, last, pauses)


LEADING_LINES = 2  # short lines said before a street line: "flat nine, Cobden Mill, 40 Union St"


def _leading_lines(text: str, start: int) -> int:
    """An address line's start moved back over the short comma-separated lines said before it
    in the same sentence (a flat, a building's name, each of three words at most), which Whisper
    writes as anything ("Black -Ein, Compton Mill, Forty Union Street")."""
    for _ in range(LEADING_LINES):
        before = text[:start].rstrip()
        if not before.endswith(","):
            break
        lo = max(before.rfind(c, 0, len(before) - 1) for c in ",.?!") + 1
        chunk = before[lo:-1]
        if not chunk.strip() or len(chunk.split()) > 3:
            break
        start = lo + len(chunk) - len(chunk.lstrip())
    return start


SHORT_PLACE_SENTENCE = 7  # words: a sentence this short with an address in it is that address
_ADDRESS_WORD = re.compile(rf"\d|\b(?:{STREET_TYPES}|{PREFIX_TYPES})\b|(?:{GLUED_TYPES})\b", re.I)


def _short_sentence(text: str, start: int, end: int, pauses: Sequence[Pause]) -> tuple[int, int]:
    """The whole sentence around an address (a number or a street word in it) when it is short:
    an address given as an answer is its own sentence, and Whisper turns its number and town
    into ordinary words beside the street it knew ("50th Heaven, Willem's low road, is
    written.")."""
    lo, hi = within_pauses(*sentence_around(text, start, end), start, end, pauses)
    sentence = text[lo:hi]
    if len(WORD_RE.findall(sentence)) > SHORT_PLACE_SENTENCE or not _ADDRESS_WORD.search(sentence):
        return start, end  # "We drove to Ghent.": a town alone, not an address given
    return min(start, lo), max(end, hi)


# Also given names ("Jordan", "Chad") or an island small enough to be an address ("Jersey").
NOT_ONLY_COUNTRIES = frozenset({
    "jordan", "chad", "georgia", "india", "kenya", "israel", "jersey", "guernsey", "niue", "nauru",
    "tokelau"})


@functools.cache
def _country_names() -> frozenset[str]:
    """Country names in the four languages, from the locale data `phonenumbers` ships."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = set()
    for by_lang in LOCALE_DATA.values():
        for lang in ("en", "fr", "nl", "de"):
            name = by_lang.get(lang, "")
            while name.startswith("*"):  # "*aa": the same as that language's entry
                name = by_lang.get(name[1:], "")
            if name:
                names.add(name.casefold())
    return frozenset(names)


def is_country(span: str) -> bool:
    """Whether a place is a country and nothing more ("Belgium", "the Netherlands").

    A country says nothing about where a caller lives that the call's own routing does not
    ("your address in Belgium?", "a trip to Canada"); the street, postcode and town do, and
    those stay redacted. Where a country reveals origin, the ethnic-origin lexicon catches it.
    """
    name = re.sub(r"^(?:the|la|le|les|l['’]|de|het|die|der)\s+", "", span.strip(" ,.?!").casefold())
    return name in _country_names() and name not in NOT_ONLY_COUNTRIES
