"""GDPR Art. 9 special categories, found by lexicon and redacted as a whole clause.

A single word ("diabetes") is rarely the whole disclosure: "my son was diagnosed with" says as much.
So a lexicon hit widens to its clause (to the nearest punctuation or conjunction, a few words each
side): more is beeped, which is the side to err on for special-category data. Lexicons cover English,
French, Dutch and German terms, because a Belgian call switches language mid-sentence.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pipeline.detect.recognizers.base import CallRecognizer, Span
from pipeline.detect.recognizers.spoken import PREFIX_TYPES, STREET_RE, STREET_TYPES

BOUNDARY = re.compile(r"[,.;:?!]|\b(?:but|because|so|although|mais|parce|maar|omdat|aber|weil)\b",
                      re.I)
LEFT_WORDS, RIGHT_WORDS = 7, 4


def _lexicon(*terms: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(terms) + r")\b", re.I)


class SpecialCategoryRecognizer(CallRecognizer):
    TERMS: ClassVar[re.Pattern[str]]
    SCORE = 0.7

    def find(self, text: str) -> list[Span]:
        streets = [(m.start(), m.end()) for m in STREET_RE.finditer(text)]
        return [Span(*clause(text, m.start(), m.end()), self.SCORE)
                for m in self.TERMS.finditer(text)
                if not _in_place_name(text, m.start(), m.end(), streets)]


# "Church Lane", "Temple Road", "Chapel Street": a lexicon word that names a street.
_STREET_AFTER = re.compile(
    rf"\s+(?:[A-ZÀ-Ý][\w'’-]*\s+){{0,2}}(?i:{STREET_TYPES}|{PREFIX_TYPES})\b"
)


def _in_place_name(text: str, start: int, end: int, streets: list[tuple[int, int]]) -> bool:
    if any(s <= start and end <= e for s, e in streets):
        return True
    return text[start].isupper() and bool(_STREET_AFTER.match(text, end))


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to its clause, bounded by punctuation/conjunctions and a word budget."""
    left = text[:start]
    cut = max((m.end() for m in BOUNDARY.finditer(left)), default=0)
    words = list(re.finditer(r"\S+", left[cut:]))
    if len(words) > LEFT_WORDS:
        cut += words[-LEFT_WORDS].start()
    elif words:
        cut += words[0].start()
    else:
        cut = start
    right = text[end:]
    stop = next((m.start() for m in BOUNDARY.finditer(right)), len(right))
    rwords = list(re.finditer(r"\S+", right[:stop]))[:RIGHT_WORDS]
    new_end = end + (rwords[-1].end() if rwords else 0)
    return cut, new_end


class HealthRecognizer(SpecialCategoryRecognizer):
    ENTITY = "HEALTH"
    TERMS = _lexicon(
        r"diagnos\w*", r"diabet\w*", r"cancer", r"tumou?r", r"chemo\w*", r"radiotherapy",
        r"depress(?:ion|ed)", r"anxiety", r"panic attacks?", r"asthma", r"hiv", r"aids",
        r"hepatitis", r"epilep\w*", r"dementia", r"alzheimer'?s?", r"parkinson'?s?", r"autis\w*",
        r"adhd", r"bipolar", r"schizophreni\w*", r"pregnan\w*", r"miscarriage", r"surgery",
        r"hospitali[sz]ed", r"in (?:the )?hospital", r"disabilit\w*", r"disabled", r"wheelchair",
        r"medication", r"prescription", r"insulin", r"therapist", r"psychiatri\w*",
        r"mental health", r"heart attack", r"stroke", r"sick leave", r"illness", r"allerg\w*",
        r"covid", r"arthritis", r"multiple sclerosis", r"rehab", r"addiction", r"alcoholi\w*",
        r"infertil\w*", r"ivf", r"abortion", r"dialysis", r"blind", r"deaf", r"chronic \w+",
        # Conditions named by organ or kind: "a heart condition", "kidney failure", "lung disease".
        r"(?:heart|lung|kidney|liver|skin|thyroid|bowel|bladder|back|mental|medical|health|"
        r"neurological|respiratory|long-term|terminal|underlying) (?:condition|problem|disease|"
        r"failure|issue|illness|disorder)s?",
        r"diseases?", r"disorders?", r"syndromes?", r"cardiac", r"oncolog\w*", r"leuk(?:a)?emia",
        r"lymphoma", r"copd", r"emphysema", r"crohn'?s", r"colitis", r"c(?:o)?eliac", r"migraines?",
        r"seizures?", r"paraly[sz]\w*", r"amputat\w*", r"pacemaker", r"oxygen (?:machine|supply|"
        r"concentrator|tank)", r"stairlift", r"hearing aids?", r"visually impaired",
        r"partially sighted", r"hard of hearing", r"(?:high |low )?blood pressure", r"ptsd",
        r"eating disorder", r"anorexi\w*", r"bulimi\w*", r"burn-?out", r"fibromyalgia", r"lupus",
        r"terminally ill", r"medical (?:needs|equipment|treatment|reasons?)",
        r"(?:physio|chemo|radio)therap\w*", r"mobility (?:issues|problems|scooter)",
        r"carer", r"care home", r"nursing home", r"injur(?:y|ies|ed)", r"whiplash", r"fractur\w*",
        r"broken (?:leg|arm|hip|wrist|ankle|back)", r"prostate", r"transplant\w*", r"sclerosis",
        r"(?:neuro|cardio|derma|gyn(?:a)?eco|uro|gastroentero|psycho)log(?:ist|y)",
        r"blood thinners?", r"antidepressants?", r"painkillers?", r"prep", r"methadone",
        r"handicap\w*", r"gehandicapt", r"behinder\w*",
        r"médicament\w*", r"medicijn\w*", r"medikament\w*", r"zwangerschap", r"grossesse",
        r"chimio\w*", r"hartaanval", r"crise cardiaque", r"herzinfarkt", r"depressie",
        r"maladie", r"malade", r"enceinte", r"hôpital", r"diabète", r"ziekenhuis", r"ziek",
        r"zwanger", r"suikerziekte", r"krankenhaus", r"krank", r"schwanger", r"krebs",
    )


class ReligionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "RELIGION"
    TERMS = _lexicon(
        r"muslims?", r"islam\w*", r"christians?", r"catholic", r"protestant", r"jewish", r"jews?",
        r"judaism", r"hindu\w*", r"buddhis\w*", r"sikh", r"atheist", r"church", r"mosque",
        r"synagogue", r"ramadan", r"halal", r"kosher", r"religio\w*", r"my faith", r"bible",
        r"qur'?an", r"koran", r"jehovah'?s?", r"mormon", r"pray(?:er|ing)?", r"musulman\w*",
        r"sabbath", r"shabbat", r"fasting", r"orthodox", r"gurdwara", r"temple", r"eid",
        r"église", r"moskee", r"kerk", r"moschee", r"kirche", r"gelovig", r"croyant",
    )


class PoliticalOpinionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "POLITICAL_OPINION"
    TERMS = _lexicon(
        # "I voted for the Greens", not "I'd vote for the cheaper tariff": parties are names.
        r"vot(?:e|ed|ing) for (?:the )?(?-i:[A-ZÀ-Ý])[\w-]*",
        r"political(?: party| views?| opinions?)?", r"politics",
        r"party member", r"member of the \w+ party", r"socialists?", r"communists?",
        r"green party", r"labour party", r"conservative party", r"liberal party",
        r"democrats?", r"republicans?", r"n-va", r"vlaams belang", r"groen", r"vooruit", r"ptb",
        r"pvda", r"ecolo", r"mr party", r"cd&v", r"open vld", r"les engagés", r"activist",
        r"gestemd op", r"voté pour", r"gewählt",
    )


class EthnicOriginRecognizer(SpecialCategoryRecognizer):
    ENTITY = "ETHNIC_ORIGIN"
    TERMS = _lexicon(
        r"ethnic\w*", r"racial\w*", r"my race", r"of \w+ (?:origin|descent|heritage)",
        r"migration background", r"immigrant background", r"roma", r"asylum seeker", r"refugee",
        r"travell?er community", r"irish travell?er", r"gypsy", r"mixed race",
        r"(?:black|asian|white) (?:british|african|caribbean|american)", r"indigenous",
        r"origine \w+", r"afkomst", r"herkunft",
    )


class TradeUnionRecognizer(SpecialCategoryRecognizer):
    ENTITY = "TRADE_UNION"
    TERMS = _lexicon(
        r"trade union", r"labou?r union", r"union (?:member\w*|rep\w*|card|dues|delegate)",
        r"shop steward", r"member of the union", r"in the union", r"(?:our|my) union",
        r"abvv", r"acv", r"aclvb",
        r"fgtb", r"csc", r"cgslb", r"vakbond\w*", r"syndicat", r"syndiqué", r"gewerkschaft",
    )


class SexLifeRecognizer(SpecialCategoryRecognizer):
    ENTITY = "SEX_LIFE"
    TERMS = _lexicon(
        r"gay", r"lesbian", r"bisexual", r"transgender", r"homosexual", r"heterosexual", r"queer",
        r"lgbt\w*", r"sexual orientation", r"sex life", r"same-sex", r"sexual\w*", r"homo",
        r"homoseksueel", r"homosexuel\w*", r"schwul", r"lesbisch",
    )


class GeneticBiometricRecognizer(SpecialCategoryRecognizer):
    ENTITY = "GENETIC_BIOMETRIC"
    TERMS = _lexicon(
        r"dna", r"genetic\w*", r"genome", r"hereditary", r"fingerprints?", r"facial recognition",
        r"face id", r"iris scan", r"voiceprint", r"voice print", r"biometric\w*",
        r"mutations?", r"carrier gene", r"genes?", r"brca ?\w*", r"paternity test",
        r"génétique", r"empreinte\w*", r"genetisch\w*", r"vingerafdruk\w*", r"fingerabdr\w*",
    )


SPECIAL_RECOGNIZERS: tuple[type[SpecialCategoryRecognizer], ...] = (
    HealthRecognizer, ReligionRecognizer, PoliticalOpinionRecognizer, EthnicOriginRecognizer,
    TradeUnionRecognizer, SexLifeRecognizer, GeneticBiometricRecognizer,
)
SPECIAL_CATEGORIES = frozenset(r.ENTITY for r in SPECIAL_RECOGNIZERS) | {"NRP"}
