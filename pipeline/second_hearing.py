"""Second hearing: the original audio transcribed again by a second model, its findings redacted too.

Whisper garbles hard audio (an 8 kHz line, an unfamiliar accent, digits read one by one) and
each model garbles it its own way: where `base` wrote "I'm a young -oys -johnian rift", "I got
rupus" or "Twenty -fourty -fix", `tiny.en` heard a union rep, lupus and a card number. A value
one model loses the other often keeps, so the detector reads both transcripts and the union of
what they hold is redacted (fail closed). This is not the verification pass: that one listens to
the redacted audio, where the beeps cut every value off from its question, so the rules that
read an answer by its question ("your name?" → the next words) cannot run there. The second
hearing hears the call whole.

What a second transcript is not trusted with:
- spaCy's NER and the name-shape rules (`verify.NOT_HEARD_AGAIN`): on a noisier transcript they
  mostly take garbled fragments for names. Letting them in gained no item ≥ 90 % covered on the
  corpus or the held-out sets and beeped up to 1.1 points more ordinary speech;
- the second model's own loops: redacting its looping stretches whole as the first pass does
  beeped 5-20 points more ordinary speech. An entity read inside such a stretch is still taken
  (it sits on the hard audio: a card number heard as "20, 20, 20, ...");
- "[inaudible]", the word standing for speech the second model wrote nothing for: a name rule
  took it for the answer to "your name?" where the first model had heard the name and more;
- digits that both models heard alike at the same place (`verify.no_news`): the first pass judged
  them in their context (a price, a quantity, an order reference) and that judgement stands.

Measured on the first pass of the English corpus and the four held-out sets (`detect_loop`
replays, 2-core AMD EPYC, benchmarks README): items ≥ 90 % covered +0 (corpus) to +13.8 points
(`holdout3.py`), ordinary speech beeped +2.4 to +9.4 points; the second model takes 40-60 % of
the first one's transcription time. Languages with no second
model (Dutch, French and German have only `base`) are heard once: the same model at temperature
0 would write the same words again. The stage is pure: models and detector come in as arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.detect.detector import Detector
from pipeline.locate import LocateConfig, entity_interval
from pipeline.rescue import INAUDIBLE
from pipeline.transcribe import Transcriber
from pipeline.types import ChannelAudio, ChannelTranscript, Entity, Interval
from pipeline.verify import (
    ALREADY_COVERED,
    NOT_HEARD_AGAIN,
    Heard,
    again_digits,
    covered,
    first_pass_words,
    no_news,
)

RECOGNIZER = "SecondHearing"

# language -> the second model for it, or None where there is none
ListenerFn = Callable[[str], Transcriber | None]


@dataclass(frozen=True)
class SecondHearing:
    model: str  # "" when no channel had a second model
    found: tuple[Heard, ...]  # what only the second transcript held: types and times, no values
    intervals: tuple[Interval, ...]  # located on the second transcript, not yet merged
    entities: tuple[tuple[Entity, Interval], ...]  # first-transcript words under them


def _trusted(again: ChannelTranscript, first: ChannelTranscript,
             entities: Sequence[Entity]) -> list[Entity]:
    digits = again_digits(again)
    return [e for e in entities
            if e.recognizer.split(":")[0] not in NOT_HEARD_AGAIN
            and again.text[e.char_start:e.char_end].replace(INAUDIBLE, "").strip(" ,.")
            and not no_news(again, first, e, digits, ())]


def second_hearing(
    channels: Sequence[ChannelAudio],
    first: Sequence[ChannelTranscript],
    intervals: Sequence[Interval],
    listener_for: ListenerFn,
    detector: Detector,
    locate_config: LocateConfig,
    duration: float,
    progress: Callable[[float], None] | None = None,
) -> SecondHearing:
    """Transcribe each channel that has a second model again; return what must also be redacted
    beyond the first pass's `intervals`. `progress` gets the share of the channels' audio heard."""
    notify = progress or (lambda _share: None)
    total = sum(audio.duration for audio in channels) or 1.0
    done = 0.0
    heard_again: list[tuple[ChannelTranscript, ChannelTranscript]] = []
    models: list[str] = []
    for tr, audio in zip(first, channels, strict=True):
        listener = listener_for(tr.language)
        if listener is not None:
            models.append(listener.name)

            def on_progress(seconds: float, base: float = done) -> None:
                notify((base + seconds) / total)

            again = listener.transcribe(audio, on_progress, language=tr.language)
            heard_again.append((again, tr))
        done += audio.duration
        notify(done / total)
    # Questions are read across channels: the agent asks, the caller answers.
    prompts = [p for again, _ in heard_again for p in detector.prompts(again)]
    found: list[Heard] = []
    new: list[Interval] = []
    for again, tr in heard_again:
        for entity in _trusted(again, tr, detector.detect(again, prompts)):
            iv = entity_interval(again, entity, locate_config, duration)
            if covered(iv, [*intervals, *new]) >= ALREADY_COVERED:
                continue  # the first pass redacts it already, or another finding does
            found.append(Heard(entity.entity_type, iv.channel, round(iv.start, 3), round(iv.end, 3)))
            new.append(iv)
    model = ",".join(dict.fromkeys(models))
    return SecondHearing(model, tuple(found), tuple(new),
                         first_pass_words(first, new, RECOGNIZER))
