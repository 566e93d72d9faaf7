"""Spelled-out letters: names and e-mail local parts, whatever question (if any) came before."""

from __future__ import annotations

import pytest

from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers.spelled import spelled_spans


def found(text: str, language: str = "en") -> list[tuple[str, str]]:
    norm = normalize(text, language)
    out = []
    for start, end, entity in spelled_spans(norm, language):
        src_start, src_end = norm.to_source(start, end)
        out.append((entity, text[src_start:src_end]))
    return out


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the letters end their sentence: nothing after them goes
        ("Sure, it's Kowalski, K, O, W, A, L, S, K, I. Thanks.", "en",
         [("PERSON", "K, O, W, A, L, S, K, I")]),
        # the rest of the sentence goes with them, up to six words: an e-mail's domain
        ("yes, j, o, s, h, m, at example dot com", "en",
         [("EMAIL_ADDRESS", "j, o, s, h, m, at example dot com")]),
        ("j -o -s -h -m -at -e -mail .com", "en",
         [("EMAIL_ADDRESS", "j -o -s -h -m -at -e -mail .com")]),
        ("it's r, o, b, b, i, e at tenmail dot co dot uk, thanks for that", "en",
         [("EMAIL_ADDRESS", "r, o, b, b, i, e at tenmail dot co dot uk,")]),
        # letter names as Whisper writes them in Dutch, French and German; a garbled domain
        # ("apenstaartje gmail punt com") goes with them as well
        ("Jee, ha, jee, ka, ee, es, en stag je meepend om.", "nl",
         [("PERSON", "Jee, ha, jee, ka, ee, es, en stag je meepend om")]),
        ("c'est Dupuis: dé, u, pé, u, i, esse, arobase orange point fr", "fr",
         [("EMAIL_ADDRESS", "dé, u, pé, u, i, esse, arobase orange point fr")]),
        ("Zet, ypsilon, ka, ha, ist der Name.", "de",
         [("PERSON", "Zet, ypsilon, ka, ha, ist der Name")]),
    ],
)
def test_spelled_out(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We went to the B, B, C, yes.",  # an acronym
        "Oh, oh, oh, I see.",
        "I, I, I, I don't know.",  # a stammer
        "I want A B four four seven",  # an order reference with digits: the digit rules' call
        "Yes, yes, okay, right, fine.",
        # Whisper looping on a beep (the verifier hears one in every redacted call)
        "h -h -h -h -h -h -h -h -h -h -h -h",
        "E, E, E, E, E, E.",
    ],
)
def test_ordinary_speech_is_not_spelling(text: str) -> None:
    assert found(text) == []
