"""Amounts and prices: numbers that are said as quantities, never as the digits of a code.

Kept apart from the digit-run recognizers because several stages ask the same question ("is this
number an amount?"): the slot recognizers end a value before one, the detector keeps an agent's
read-out price audible, the verification pass ignores one it hears again.
"""

from __future__ import annotations

import re

# "199 euros", "30 minutes", "12 months": amounts and durations stay audible.
AMOUNT_UNITS = re.compile(
    # "%" is no word character: a "\b" after it would need a word to follow ("25 % discount")
    r"^[\s,]*-?(?:%|(?:percent|per ?cent|euros?|eur|dollars?|pounds?|cents?|(?:per |a )?(?:minutes?|"
    r"hours?|days?|nights?|weeks?|months?|years?)|kwh|kilowatts?|items?|boxes|gb|mb|pieces?|"
    r"kilos?|litres?|liters?|digits?|characters?|letters?|points?|miles?|yards?|feet|foot|"
    r"metres?|meters?|km|kilometres?|grams?|mg|milligrams?|ml|people|guests?|adults?|seats?|"
    r"tickets?|payments?|instalments?|installments?)\b)",
    re.I,
)
CURRENCY_SIGNS = ("$", "€", "£", "¥")
# "$5 .90p, for $9 .90p": a price is no digit of a code, so a run neither starts nor goes on
# through one (Whisper writes a looped price list as one long run that always holds a Luhn-valid
# piece). A card or account number is never written with a currency sign or a pence mark.
MONEY_TOKEN = re.compile(
    rf"^[(\"']?[{re.escape(''.join(CURRENCY_SIGNS))}]|^[.,]?\d+(?:[.,]\d+)?p[,.;:?!]?$")


def is_amount(text: str, end: int) -> bool:
    """True when the number ending at `end` is followed by a currency or unit word, or is a
    percentage written as one token ("25%")."""
    return text[end - 1:end] == "%" or bool(AMOUNT_UNITS.match(text[end:]))
