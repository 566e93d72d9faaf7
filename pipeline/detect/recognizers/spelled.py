"""Things spelled out letter by letter: a name ("K, O, W, A, L, S, K, I") or an e-mail's local part.

A caller spells exactly what is hardest to hear and most identifying, and a listener hears every
letter of it in the audio. Whisper writes the letters one by one ("j, o, s, h"), which the
normaliser joins into one token, or as the letters' names in the call's language ("Jee, ha, jee"
for Dutch J, H, J), which it leaves as words. Both are found here whatever came before them; what
follows decides the type: an "at" / "apenstaartje" / "dot" soon after makes it an e-mail address,
anything else a name (fail closed: a spelled street or reference is redacted as well). The words
after the letters, to the end of their sentence, go with them: an e-mail's domain ("at gmail dot
com", which Whisper may garble past any pattern: "en stag je meepend om" for "apenstaartje gmail
punt com") or the rest of what is being spelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.detect.normalize import WORD_LETTERS, NormalizedText
from pipeline.detect.recognizers.base import WORD_RE, widen_in_sentence
from pipeline.detect.recognizers.context import bare_word

MIN_LETTERS = 4  # single letters the normaliser joined ("j o s h"); "B, B, C" is an acronym
MIN_NAMED = 4  # letter names in a row ("jee, o, es, ha"): fewer is too often plain words
# Spelling uses several letters; one or two over and over ("h -h -h -h ...") is Whisper looping on
# a beep or a hum, which a verifier hears in every redacted call.
MIN_DISTINCT = 3
TAIL_WORDS = 6  # words after the letters, within their sentence, taken with them ("at gmail dot com")
_NAMES = {
    # Names that are common words too ("oh", "see", "you", "are", "why"; Dutch and French "en")
    # are left out: a run of them is speech, and a name spelled with one is split, not missed.
    "en": "bee cee dee ee ef eff gee aitch haitch jay kay el ell em pee cue queue ar ess tee vee "
          "double-u ex zed zee",
    "nl": "bee cee dee ee ef gee ha ie jee ka el em oo pee ku er es tee uu vee wee iks ij ei zet",
    "fr": "bé cé dé e effe ef gé ache i ji jé ka elle emme enne o pé cu ku erre esse té u vé "
          "double-vé ixe igrec zède",
    "de": "be ce de e ef ge ha i jot ka el em en o pe ku er es te u fau we ix ypsilon zet",
}
LETTER_NAMES = {lang: frozenset(names.split()) for lang, names in _NAMES.items()}
EMAIL_AFTER = re.compile(
    r"^[\s,.-]*(?:\S+\s+){0,3}?(?:@|at\b|apenstaartje|at-teken|arobase|klammeraffe|dot\b|punt\b|"
    r"point\b|punkt\b|gmail|hotmail|outlook|yahoo)",
    re.I,
)


def _letter(tok: str, names: frozenset[str], inside: bool) -> bool:
    bare = tok.strip(",.;:!?").lstrip("-")
    if bare in WORD_LETTERS:
        return inside  # a letter inside a spelling ("dé, u, pé"), a word to begin one ("I, I, I")
    return (len(bare) == 1 and bare.isalpha()) or bare.lower() in names


def _typed(text: str, start: int, end: int) -> tuple[int, int, str]:
    email = "@" in text[start:end] or EMAIL_AFTER.match(text[end:end + 60]) is not None
    _, tail = widen_in_sentence(text, start, end, 0, TAIL_WORDS)
    return start, tail, "EMAIL_ADDRESS" if email else "PERSON"


def spelled_spans(norm: NormalizedText, language: str) -> list[tuple[int, int, str]]:
    """Spans of the normalised text spelled out letter by letter, with their entity type."""
    found = [_typed(norm.text, run.start, run.end) for run in norm.runs
             if sum(len(p) == 1 and p.isalpha() for p in run.pieces) >= MIN_LETTERS
             and not any(ch.isdigit() for p in run.pieces for ch in p)
             and _varied(p for p in run.pieces if len(p) == 1)]
    names = LETTER_NAMES.get(language, frozenset()) | LETTER_NAMES["en"]
    run: list[re.Match[str]] = []
    for tok in [*WORD_RE.finditer(norm.text), None]:
        # Whisper separates spelled letters with commas or hyphens: "jee, ha", "j -o -s -h".
        joined = bool(run) and (run[-1].group().endswith(",")
                                or (tok is not None and tok.group().startswith("-")))
        if tok is not None and (not run or joined) and _letter(tok.group(), names, bool(run)):
            run.append(tok)
            continue
        if len(run) >= MIN_NAMED and _varied(bare_word(m.group()).lstrip("-") for m in run):
            found.append(_typed(norm.text, run[0].start(),
                                run[-1].start() + len(run[-1].group().rstrip(",.;:!?"))))
        run = [tok] if tok is not None and _letter(tok.group(), names, False) else []
    return found


def _varied(letters: Iterable[str]) -> bool:
    return len({letter.lower() for letter in letters}) >= MIN_DISTINCT
