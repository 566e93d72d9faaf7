"""Where the agent's name is in a channel's opening line, when no recognizer found it as a name.

Split from `names` because these are judgements about the opening's extent and its
self-introduction cues, made on text alone; `pipeline.detect.opening` applies them to a channel.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.recognizers.base import WORD_RE, merge_spans
from pipeline.detect.recognizers.context import SENTENCE_END, bare_word
from pipeline.detect.recognizers.names import NOT_AFTER_SPEAKING

OPENING_WORDS = 20  # the longest opening taken whole
OPENING_MIN_WORDS = 8  # "Thanks for holding, Brightline. My name's Deborah." is one opening
OPENING_S = 10.0  # seconds from the channel's first word that the opening may last
OPENING_BEFORE_QUESTION = 3  # words before the opening question: fewer, and it is all the opening
SENTENCE_PIECE = re.compile(r"[^.?!]+[.?!]*")


def opening_line(text: str, breaks: Sequence[int]) -> tuple[int, int] | None:
    """The char span of a channel's opening: its sentences up to the first question ("How can I
    help?") or eight words. `breaks` are where Whisper's segments end within the opening's
    seconds: an utterance ends there as at a full stop, and the last is as far as it may go.

    An agent says their name in the opening ("Lochside Energy, Fiona speaking"), and agents are
    data subjects too. When no recognizer found a name there, Whisper most likely turned it into
    ordinary words ("you are seeking with more on", "ribbon, marcus, are you calling"), so the
    caller redacts the opening whole: a few seconds of a greeting is the price of failing closed
    (narrowed to the words beside a self-introduction cue where one was heard:
    `introduction_windows`).
    """
    limit = breaks[-1]
    cuts = sorted({m.end() for m in SENTENCE_PIECE.finditer(text, 0, limit)} | set(breaks))
    end = count = 0
    for cut in cuts:
        piece, end = text[end:cut], cut
        count += len(piece.split())
        if count >= OPENING_MIN_WORDS or piece.rstrip().endswith("?"):
            break
    words = list(WORD_RE.finditer(text, 0, end))[:OPENING_WORDS]
    if not words:
        return None
    # The name comes before the question that ends the opening ("..., Marcus, are you calling
    # about a lost card?"): the question itself, when Whisper wrote it as one, stays audible.
    asked = [m.start() for m in OPENING_QUESTION.finditer(text, words[0].start(), words[-1].end())]
    if asked and "?" in text[words[-1].start():end]:
        kept = [w for w in words if w.end() <= asked[-1]]
        if len(kept) >= OPENING_BEFORE_QUESTION:
            words = kept
    return words[0].start(), words[-1].end()


# Where an agent introduces themself, the name follows these words ("you're through to Bev",
# "my name is ...", "I'm ...") or comes before "here" / "speaking" (loosely heard).
INTRO_BEFORE_NAME = re.compile(
    r"\b(?:i['’]?m|i am|this is|it['’]?s|(?:my )?name(?:['’]s| is)?|(?:speaking|talking|through) "
    r"(?:to|with)|with)\b", re.I)
INTRO_AFTER_NAME = re.compile(r"\b(?:here|hier|ici|\w*(?:peak|eak|eek)ing)\b", re.I)
INTRO_NAME_WORDS = 4  # words taken beside a cue: a garbled name is often more words than it was


def introduction_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Char spans of the opening `text[start:end]` where the agent's name must be: each cue and
    the words beside it, up to a sentence end. Empty when the opening has no cue.

    The opening is redacted whole when no recognizer found a name in it (`opening_line`); but
    when Whisper kept the words that frame a name ("Skyline mobile airplane, you're through to a
    river" for "..., you're through to Oliver"), the garbled name sits beside them, and the
    business's greeting around it is ordinary speech. Measured on the five English sets: 0.3 to
    1.6 points less ordinary speech beeped, no item less covered. With no cue the whole opening
    still goes (fail closed).
    """
    words = list(WORD_RE.finditer(text, start, end))
    spans = []
    for cue in INTRO_BEFORE_NAME.finditer(text, start, end):
        stop = cue.end()
        for word in [w for w in words if w.start() >= cue.end()][:INTRO_NAME_WORDS]:
            stop = word.end()
            if SENTENCE_END.search(word.group()):
                break
        spans.append((cue.start(), stop))
    for cue in INTRO_AFTER_NAME.finditer(text, start, end):
        following = [w for w in words if w.start() >= cue.end()][:1]
        ends_phrase = text[cue.end():cue.end() + 1] in ",.?!"
        if following and not ends_phrase and bare_word(following[0].group()) in NOT_AFTER_SPEAKING:
            continue  # "speaking with ...", "here to help": the name is not before it
        spans.append((_words_before(words, cue.start()), cue.end()))
    # The opening's own question follows the name as "here" does ("you're through to Marisol,
    # how can I help?" heard as "... If you're married, how can I help?"): the words before it,
    # back to the comma before them, so that "damage claims, this is Sam," keeps the business.
    asked = OPENING_QUESTION.match(text, end) or OPENING_QUESTION.match(text, end + 1)
    if asked is not None and spans:
        lo = _words_before(words, end, to_comma=True)
        if lo < end:
            spans.append((lo, end))
    return merge_spans(sorted(spans))


def _words_before(words: Sequence[re.Match[str]], pos: int, to_comma: bool = False) -> int:
    """Where the up to `INTRO_NAME_WORDS` words ending before `pos` start, back to a sentence end
    (with `to_comma`, also to a comma before the last of them); `pos` when there are none."""
    lo = pos
    for i, word in enumerate(reversed([w for w in words if w.end() <= pos][-INTRO_NAME_WORDS:])):
        if SENTENCE_END.search(word.group()) or (to_comma and i > 0 and word.group().endswith(",")):
            break
        lo = word.start()
    return lo


# Where the agent's opening question starts: after a comma or a full stop, a question word.
OPENING_QUESTION = re.compile(
    r"(?<=[,.])\s*(?:how (?:can|may|could) I|what can I|are you (?:calling|ringing|"
    r"phoning)|(?:is|was) (?:it|this|that) (?:about|regarding)|can I (?:take|have|get|start|ask)|"
    r"could I (?:take|have|get|start)|may I (?:take|have)|who am I|who(?:['’]s| is) (?:calling|"
    r"this)|do you have)\b", re.I)
