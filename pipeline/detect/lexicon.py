"""Number words per language, as tables, so adding a language is data rather than code."""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    zero_aliases: frozenset[str] = frozenset()
    repeaters: dict[str, int] = field(default_factory=dict)
    hundred: frozenset[str] = frozenset()
    thousand: frozenset[str] = frozenset()
    conj: frozenset[str] = frozenset()
    # Multi-word forms read as one number, words joined by a space: French "dix sept" is 17.
    compounds: dict[str, int] = field(default_factory=dict)
    tens_link: frozenset[str] = frozenset()  # French "vingt et un": a word between tens and unit
    tens_teens: frozenset[int] = frozenset()  # French "soixante-douze": tens that take a teen
    glue: str = ""  # Dutch "vierentwintig", German "vierundzwanzig": unit + glue + tens, one word


def _table(words: str, first: int = 0, step: int = 1) -> dict[str, int]:
    return {w: first + i * step for i, w in enumerate(words.split())}


NUMBER_WORDS: dict[str, NumberWords] = {
    "en": NumberWords(
        units=_table("zero one two three four five six seven eight nine"),
        teens=_table(
            "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10
        ),
        tens=_table("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
        | {"fourty": 40},
        zero_aliases=frozenset({"oh", "o", "nought", "nil"}),
        repeaters={"double": 2, "triple": 3},
        hundred=frozenset({"hundred"}),
        thousand=frozenset({"thousand"}),
        conj=frozenset({"and"}),
    ),
    "fr": NumberWords(
        units=_table("zéro un deux trois quatre cinq six sept huit neuf", 0) | {"une": 1, "zero": 0},
        teens=_table("dix onze douze treize quatorze quinze seize", 10)
        | {"dix-sept": 17, "dix-huit": 18, "dix-neuf": 19},
        tens=_table("vingt trente quarante cinquante soixante", 20, 10)
        | {"septante": 70, "huitante": 80, "octante": 80, "nonante": 90},
        repeaters={"double": 2, "triple": 3},
        hundred=frozenset({"cent", "cents"}),
        thousand=frozenset({"mille"}),
        conj=frozenset({"et"}),
        compounds={"dix sept": 17, "dix huit": 18, "dix neuf": 19, "quatre vingt": 80,
                   "quatre vingts": 80},
        tens_link=frozenset({"et"}),
        tens_teens=frozenset({60, 80}),
    ),
    "nl": NumberWords(
        units=_table("nul een twee drie vier vijf zes zeven acht negen") | {"één": 1},
        teens=_table(
            "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien", 10
        ),
        tens=_table("twintig dertig veertig vijftig zestig zeventig tachtig negentig", 20, 10),
        repeaters={"dubbel": 2, "dubbele": 2, "driedubbel": 3},
        hundred=frozenset({"honderd"}),
        thousand=frozenset({"duizend"}),
        conj=frozenset({"en"}),
        glue="ën|en",
    ),
    "de": NumberWords(
        units=_table("null eins zwei drei vier fünf sechs sieben acht neun") | {"zwo": 2, "ein": 1},
        teens=_table(
            "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn", 10
        ),
        tens=_table("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 20, 10)
        | {"dreissig": 30},
        repeaters={"doppel": 2, "doppelt": 2},
        hundred=frozenset({"hundert"}),
        thousand=frozenset({"tausend"}),
        conj=frozenset({"und"}),
        glue="und",
    ),
}


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop-word list for `language` (plain data, no model): words too common to stand
    for a digit. Imported on first use, one language at a time: `spacy.lang.fr` alone takes
    about 2 s to import, which every process importing this module would otherwise pay."""
    if language not in NUMBER_WORDS:
        return frozenset()
    module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    return frozenset(w.lower() for w in module.STOP_WORDS)
