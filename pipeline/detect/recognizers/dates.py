"""Full dates as Whisper writes them from speech: "the ninth of October nineteen seventy one",
"June the third, two thousand and one", "14. März 1979", "2nd on February 1990".

Shared by the date-of-birth recognizer and the card-expiry rule (`rules.expiry_after_card`), which
reads a month and a number after a card's digits with the same month names.
"""

from __future__ import annotations

import re

from pipeline.detect.recognizers.base import CallRecognizer, Span

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    r"d[ée]cembre|januari|februari|maart|mei|juni|juli|augustus|oktober|januar|j[äa]nner|februar|"
    r"m[äa]rz|maerz|dezember)"
)
_DAY = (
    r"(?:\d{1,2}(?:st|nd|rd|th|er|e|ste|de|\.)?|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|twenty[- ]\w+|thirtieth|"
    r"thirty[- ]first|premier)"
)
# A year may run straight into the next digits: the normaliser joins "1985, 4539..." into one run
# when a card number follows the date of birth without a pause.
_YEAR = r"(?:19\d\d|20[01]\d)(?=\d|\b)"
# After a day and a month a year is often said short ("the twelfth of February, ninety-eight",
# "22nd of November 94"); a count or an amount there is not a year ("June 5, 12 people").
_NO_YEAR_BEFORE = ("(?:pounds?|euros?|dollars?|percent|people|persons|minutes?|hours?|days?|"
                   "items?|o'clock|of|to|and|or)")
_TENS = r"(?:ninety|eighty|seventy|sixty|fifty|forty|thirty)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SHORT_YEAR = (rf"(?:\d\d|(?:nineteen )?{_TENS}(?:[- ]{_ONES})?|oh[- ]{_ONES})"
               rf"(?=[.,?!]?(?:\s|$))(?![.,]?\s+{_NO_YEAR_BEFORE}\b)")
_DAY_HEARD = rf"(?:{_DAY}|\d0 (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
FULL_DATE_RE = re.compile(
    rf"\b(?:the )?{_DAY_HEARD}(?: of| on)?,? {MONTH},? (?:{_YEAR}|{_SHORT_YEAR})"
    rf"|\b{MONTH},? (?:the )?{_DAY_HEARD},? (?:{_YEAR}|{_SHORT_YEAR})"
    rf"|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_YEAR}",
    re.I,
)


class FullDateRecognizer(CallRecognizer):
    """A full date with a past year is, in a service call, nearly always a date of birth."""

    ENTITY = "DATE_OF_BIRTH"
    SCORE = 0.6

    def find(self, text: str) -> list[Span]:
        return [Span(m.start(), m.end(), self.SCORE) for m in FULL_DATE_RE.finditer(text)]
