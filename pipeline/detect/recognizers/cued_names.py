"""Names found by what is said around them, where spaCy's small models miss a lone first name.

Four cues a contact centre hears all day, in the four languages of a Belgian call:
- a name said back to its owner: "Thanks, Bridget.", "No worries, Lachlan.", "Danke, Frau Mertes!",
  or at the end of a question: "And the postcode, Kirsty?";
- a relative, a colleague or a landlord named: "my son Imran's mobile", "Her dad, Owain, might
  come", "ik ben haar zoon, Youssef", "my fiancée is Rivka Feldman";
- a sentence that is a name and nothing else: "I am, yeah. Siobhán Kelleher."

The name is one to three capitalised words (after a title, if any), as Whisper writes names. A
greeting word, a word that also opens a sentence ("Right", "Sure"), a company ("Hello, Brookside
Dental.") or a month or day is no name.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pipeline.detect.recognizers.base import CallRecognizer, Span
from pipeline.detect.recognizers.context import MONTHS, NAME_STOP, bare_word
from pipeline.detect.recognizers.names import BUSINESS_WORDS
from pipeline.detect.recognizers.spoken import is_country

_TITLE = r"(?:(?:mr|mrs|ms|miss|mx|dr|herrn?|frau|madame|monsieur|meneer|mevrouw)\.?\s+)?"
_CAPITALISED = r"[A-ZÀ-Þ][\w'’-]+"
OPENERS = re.compile(
    r"\b(?:thanks|thank you|cheers|lovely|perfect|brilliant|great|grand|sorry|hi|hello|hey|"
    r"bye|goodbye|okay|ok|right|alright|all right|no worries|no problem|sure|of course|"
    r"certainly|welcome(?: aboard| back)?|morning|afternoon|evening|merci|bonjour|bonsoir|"
    r"au revoir|d'accord|dank (?:u|je)|bedankt|dag|hallo|prima|goed|danke|danke sch[öo]n|"
    r"tsch[üu]ss|auf wiederh[öo]ren|gut|alles klar)(?:,\s*|\s+)", re.I)
KIN = re.compile(
    r"\b(?:(?:my|his|her|our|their|your) (?:son|daughter|dad|father|mum|mom|mother|husband|wife|"
    r"partner|boyfriend|girlfriend|fianc[ée]e?|brother|sister|grandson|granddaughter|gran|granny|"
    r"grandma|grandmother|grandad|grandpa|grandfather|nan|uncle|aunt|auntie|cousin|nephew|niece|"
    r"colleague|manager|landlord|landlady|neighbou?r|friend|carer|child|kid|baby|ex)|"
    r"(?:mon|ma|son|sa|notre|votre) (?:fils|fille|mari|femme|p[èe]re|m[èe]re|fr[èe]re|s[œo]e?ur|"
    r"compagnon|compagne|conjointe?|voisine?|coll[èe]gue|propri[ée]taire)|"
    r"(?:mijn|zijn|haar|onze|uw|je) (?:zoon|dochter|vader|moeder|man|vrouw|partner|broer|zus|"
    r"zuster|buurman|buurvrouw|collega|vriend|vriendin|huisbaas)|"
    r"(?:mein|meine|meinen|meinem|meiner|sein|seine|ihr|ihre|unser|unsere) (?:sohn|tochter|"
    r"vater|mutter|mann|partner|partnerin|bruder|schwester|nachbar|nachbarin|kollege|kollegin|"
    r"freund|freundin|vermieter|vermieterin))"
    r"(?:,\s*|(?:\s+is|\s+was|['’]s)\s+(?:called|named)\s+|"
    r"\s+(?P<be>(?:is|was|heet|hei(?:ß|ss)t|s['’]appelle)\s+)?)", re.I)
NOT_NAMES = frozenset({"sir", "madam", "all", "everyone", "everybody", "again", "so", "very",
                       "much", "guys", "folks", "mate", "love", "dear", "bye", "goodbye",
                       "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "visa", "mastercard", "amex", "maestro", "paypal"})


def _no_name(words: list[str]) -> bool:
    bare = [bare_word(w).removesuffix("'s").removesuffix("’s") for w in words]
    return bare[-1] in BUSINESS_WORDS or any(
        w in NAME_STOP or w in NOT_NAMES or w in MONTHS or OPENERS.fullmatch(f"{w} ")
        for w in bare)


class CuedNameRecognizer(CallRecognizer):
    ENTITY = "PERSON"
    SCORE = 0.6
    CUE: ClassVar[re.Pattern[str]]
    NAME: ClassVar[re.Pattern[str]]

    def find(self, text: str) -> list[Span]:
        spans = []
        for cue in self.CUE.finditer(text):
            m = self.name_after(cue).match(text, cue.end())
            if m is not None and not _no_name([w for w in m.groups() if w]):
                spans.append(Span(m.start(), m.end(), self.SCORE))
        return spans

    def name_after(self, cue: re.Match[str]) -> re.Pattern[str]:
        """The shape of the name this cue announces."""
        return self.NAME


class AddressedNameRecognizer(CuedNameRecognizer):
    """One or two capitalised words that end their phrase: "Thanks, I'll wait" names no one."""

    CUE = OPENERS
    NAME = re.compile(rf"{_TITLE}({_CAPITALISED})(?:\s+({_CAPITALISED}))?(?=[.,!?](?:\s|$))")


class VocativeNameRecognizer(CuedNameRecognizer):
    """A name said to its owner at the end of a sentence: "And the keeper's address, Kirsty?",
    "Is that right, Mrs Calloway?". One capitalised word after a comma, then the sentence ends;
    a country ("..., Belgium?") is a place, not a person."""

    CUE = re.compile(r"(?<=\w),\s+")
    NAME = re.compile(rf"(?i:{_TITLE})({_CAPITALISED})(?=\s?[?!.](?:\s|$))")

    def find(self, text: str) -> list[Span]:
        return [s for s in super().find(text) if not is_country(text[s.start:s.end])]


class KinNameRecognizer(CuedNameRecognizer):
    """The name right after "my son", "her dad,", "ma fille", "mijn buurman", "meine Tochter",
    "my husband's called Tomasz". After a bare "is" it takes a first name and a surname only
    ("my fiancée is Rivka Feldman"): "my wife is French" names no one."""

    CUE = KIN
    NAME = re.compile(rf"{_TITLE}({_CAPITALISED})(?:\s+({_CAPITALISED}))?")
    FULL_NAME = re.compile(rf"{_TITLE}({_CAPITALISED})\s+({_CAPITALISED})")

    def name_after(self, cue: re.Match[str]) -> re.Pattern[str]:
        return self.FULL_NAME if cue.group("be") else self.NAME


class NameSentenceRecognizer(CallRecognizer):
    """Two or three capitalised words that make up their sentence, or open it before a comma:
    a name given as the answer to whatever was asked ("Siobhán Kelleher.", "Pieter Janssens,
    en mijn rijksregisternummer is ..."). Whisper writes ordinary nouns in lower case ("Direct
    debit."); a product it capitalises on its own ("Direct Debit.") is beeped as a name, which
    is the side to err on."""

    ENTITY = "PERSON"
    SCORE = 0.5
    SENTENCE = re.compile(
        r"(?:^|(?<=[.?!]\s))([A-ZÀ-Þ][a-zà-ÿ'’-]*(?:\s+[A-ZÀ-Þ][a-zà-ÿ'’-]*){1,2})(?=[.,](?:\s|$))")

    def find(self, text: str) -> list[Span]:
        return [Span(m.start(1), m.end(1), self.SCORE) for m in self.SENTENCE.finditer(text)
                if not _no_name(m.group(1).split())]


CUED_NAME_RECOGNIZERS: tuple[type[CallRecognizer], ...] = (
    AddressedNameRecognizer, VocativeNameRecognizer, KinNameRecognizer, NameSentenceRecognizer,
)
