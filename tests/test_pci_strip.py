"""PCI DSS: card data removed from the kept original (audio and transcript), and nothing else.

The tables check interval selection and transcript masking on hand-made transcripts; the end-to-end
tests run the real model on the bundled sample call, whose customer reads a card number, expiry and
security code, and compare the stripped original with the input sample by sample.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from pydub import AudioSegment

from callvault.evaluation.scripts import sample_call
from pipeline.decode import probe
from pipeline.locate import LocateConfig, locate
from pipeline.pci import PCI_ENTITIES, original_transcript, pci_entities, strip_intervals
from pipeline.runner import RedactionResult, Redactor
from pipeline.transcribe import build_text
from pipeline.types import ChannelTranscript, Entity, Interval, Speaker

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample-call.wav"
CFG = LocateConfig(pad_before=0.1, pad_after=0.1, merge_gap=0.3, digit_s=0)  # timing: test_locate

# --- interval selection ------------------------------------------------------------------------


def _iv(etype: str, start: float, end: float, channel: int = 0) -> tuple[Entity, Interval]:
    entity = Entity(etype, channel, int(start * 10), int(end * 10), 0.9, "test")
    return entity, Interval(channel, start, end, (etype,))


def _spans(intervals: tuple[Interval, ...]) -> list[tuple[int, float, float, tuple[str, ...]]]:
    return [(iv.channel, round(iv.start, 3), round(iv.end, 3), iv.entity_types) for iv in intervals]


@pytest.mark.parametrize(
    ("items", "types", "expected"),
    [
        pytest.param([_iv("PERSON", 1.0, 2.0), _iv("CARD_SECURITY_CODE", 5.0, 6.0)], PCI_ENTITIES,
                     [(0, 5.0, 6.0, ("CARD_SECURITY_CODE",))], id="only-card-data"),
        pytest.param([_iv("CREDIT_CARD", 1.0, 4.0), _iv("CARD_EXPIRY", 4.2, 5.0)], PCI_ENTITIES,
                     [(0, 1.0, 5.0, ("CREDIT_CARD", "CARD_EXPIRY"))], id="near-items-merge"),
        pytest.param([_iv("CREDIT_CARD", 1.0, 4.0), _iv("PIN", 5.0, 6.0)], PCI_ENTITIES,
                     [(0, 1.0, 4.0, ("CREDIT_CARD",)), (0, 5.0, 6.0, ("PIN",))], id="far-apart"),
        pytest.param([_iv("PIN", 1.0, 2.0, channel=1), _iv("PIN", 1.5, 2.5, channel=0)],
                     PCI_ENTITIES, [(0, 1.5, 2.5, ("PIN",)), (1, 1.0, 2.0, ("PIN",))],
                     id="channels-apart"),
        pytest.param([_iv("PERSON", 1.0, 2.0), _iv("PHONE_NUMBER", 3.0, 4.0)], PCI_ENTITIES, [],
                     id="no-card-data"),
        pytest.param([_iv("CREDIT_CARD", 1.0, 4.0)], frozenset(), [], id="switched-off"),
        pytest.param([_iv("CREDIT_CARD", 1.0, 4.0), _iv("PHONE_NUMBER", 1.0, 4.0)],
                     frozenset({"PHONE_NUMBER"}), [(0, 1.0, 4.0, ("PHONE_NUMBER",))],
                     id="chosen-types"),
    ],
)  # fmt: skip
def test_strip_intervals(
    items: list[tuple[Entity, Interval]], types: frozenset[str], expected: list[Any]
) -> None:
    assert _spans(strip_intervals(dict(items), types, merge_gap=0.3)) == expected


def test_a_word_between_two_card_items_goes_too() -> None:
    """Beyond the merge gap but one word apart: usually a misheard digit of the same number."""
    tr = _transcript([[("4539", 1.0, 1.5), ("Nero", 1.6, 2.0), ("6467", 2.1, 2.5)]])
    per_entity = dict([_iv("CREDIT_CARD", 0.9, 1.6), _iv("CREDIT_CARD", 2.0, 2.6)])
    assert len(strip_intervals(per_entity, PCI_ENTITIES, 0.3)) == 2
    joined = strip_intervals(per_entity, PCI_ENTITIES, 0.3, {0: tr.words})
    assert _spans(joined) == [(0, 0.9, 2.6, ("CREDIT_CARD",))]


# --- transcript masking ------------------------------------------------------------------------

Words = list[tuple[str, float, float]]
SEGMENTS: list[Words] = [
    [("my", 0.0, 0.2), ("card", 0.2, 0.5), ("is", 0.5, 0.6), ("4539", 0.7, 1.4),
     ("1488,", 1.5, 2.0)],
    [("0343", 3.0, 3.5), ("6467,", 3.6, 4.0), ("code", 4.2, 4.5), ("731", 4.6, 5.0),
     ("thanks", 5.5, 6.0)],
]  # fmt: skip


def _transcript(segments: list[Words], channel: int = 0) -> ChannelTranscript:
    text, segs = build_text(
        [(w[0][1], w[-1][2], [(f" {t}", s, e, 0.9) for t, s, e in w]) for w in segments]
    )
    return ChannelTranscript(channel, Speaker.CUSTOMER, "en", 1.0, text, segs)


def _entity(tr: ChannelTranscript, needle: str, etype: str, channel: int = 0) -> Entity:
    start = tr.text.index(needle)
    return Entity(etype, channel, start, start + len(needle), 0.9, "test")


@pytest.mark.parametrize(
    ("needles", "texts", "words"),
    [
        pytest.param([], ["my card is 4539 1488,", "0343 6467, code 731 thanks"],
                     [["my", "card", "is", "4539", "1488,"],
                      ["0343", "6467,", "code", "731", "thanks"]], id="nothing-masked"),
        pytest.param([("731", "CARD_SECURITY_CODE")],
                     ["my card is 4539 1488,", "0343 6467, code [CARD_SECURITY_CODE] thanks"],
                     [["my", "card", "is", "4539", "1488,"],
                      ["0343", "6467,", "code", "[CARD_SECURITY_CODE]", "thanks"]],
                     id="security-code"),
        pytest.param([("4539 1488, 0343 6467", "CREDIT_CARD")],
                     ["my card is [CREDIT_CARD]", "[CREDIT_CARD] code 731 thanks"],
                     [["my", "card", "is", "[CREDIT_CARD]", "[CREDIT_CARD]"],
                      ["[CREDIT_CARD]", "[CREDIT_CARD]", "code", "731", "thanks"]],
                     id="across-segments-with-punctuation"),
        pytest.param([("53", "CREDIT_CARD")], ["my card is [CREDIT_CARD] 1488,", None],
                     [["my", "card", "is", "[CREDIT_CARD]", "1488,"], None],
                     id="part-of-a-word-hides-the-word"),
        pytest.param([("0343 6467", "CREDIT_CARD"), ("6467, code 731", "CARD_SECURITY_CODE")],
                     [None, "[CREDIT_CARD][CARD_SECURITY_CODE] thanks"],
                     [None, ["[CREDIT_CARD]", "[CREDIT_CARD][CARD_SECURITY_CODE]",
                             "[CARD_SECURITY_CODE]", "[CARD_SECURITY_CODE]", "thanks"]],
                     id="overlapping-items"),
        pytest.param([("1488,", "PIN"), ("0343", "PIN")],
                     ["my card is 4539 [PIN]", "[PIN] 6467, code 731 thanks"], None,
                     id="two-items"),
    ],
)  # fmt: skip
def test_original_transcript_masks_card_data(
    needles: list[tuple[str, str]], texts: list[str | None], words: list[list[str] | None] | None
) -> None:
    tr = _transcript(SEGMENTS)
    entities = [_entity(tr, needle, etype) for needle, etype in needles]
    out = original_transcript([tr], entities)
    segments = out["channels"][0]["segments"]
    assert out["variant"] == "original" and len(segments) == 2
    for seg, text in zip(segments, texts, strict=True):
        if text is not None:
            assert seg["text"] == text
    for seg, expected in zip(segments, words or [None, None], strict=True):
        if expected is not None:
            assert [w["text"] for w in seg["words"]] == expected
    # Timings are the words' own: masking never moves anything in time.
    assert [w["start"] for s in segments for w in s["words"]] == [
        w[1] for seg_words in SEGMENTS for w in seg_words
    ]


def test_masks_stay_on_their_channel() -> None:
    left, right = _transcript(SEGMENTS, channel=0), _transcript(SEGMENTS, channel=1)
    out = original_transcript([left, right], [_entity(right, "731", "CARD_SECURITY_CODE", 1)])
    left_text, right_text = (
        " ".join(s["text"] for s in ch["segments"]) for ch in out["channels"]
    )
    assert "731" in left_text and "[CARD_SECURITY_CODE]" not in left_text
    assert "731" not in right_text and "[CARD_SECURITY_CODE]" in right_text


def test_only_card_types_are_selected() -> None:
    tr = _transcript(SEGMENTS)
    kinds = ["CREDIT_CARD", "PERSON", "PIN", "DIGIT_SEQUENCE", "CARD_EXPIRY", "CARD_SECURITY_CODE"]
    entities = [Entity(k, 0, i, i + 1, 0.9, "test") for i, k in enumerate(kinds)]
    assert [e.entity_type for e in pci_entities(entities, PCI_ENTITIES)] == [
        "CREDIT_CARD", "PIN", "CARD_EXPIRY", "CARD_SECURITY_CODE"
    ]  # fmt: skip
    assert pci_entities(entities, frozenset()) == ()
    _, per_entity = locate([tr], [_entity(tr, "731", "CARD_SECURITY_CODE")], CFG, 6.0)
    assert _spans(strip_intervals(per_entity, PCI_ENTITIES, 0.3)) == [
        (0, 4.5, 5.1, ("CARD_SECURITY_CODE",))
    ]


# --- the real pipeline on the sample call --------------------------------------------------------

PLANTED = {
    c.label: c.value
    for t in sample_call().turns
    for c in t.chunks
    if c.label in PCI_ENTITIES and c.value
}


def _frames(path: Path) -> npt.NDArray[Any]:
    audio = AudioSegment.from_file(path)
    return np.array(audio.get_array_of_samples()).reshape(-1, audio.channels)


def _digit_runs(text: str) -> list[str]:
    return [re.sub(r"\D", "", m) for m in re.findall(r"\d(?:[\d\s,./-]*\d)?", text)]


@pytest.fixture(scope="module")
def stripped(redactor: Redactor, tmp_path_factory: pytest.TempPathFactory) -> RedactionResult:
    out = tmp_path_factory.mktemp("pci")
    return redactor.redact_file(SAMPLE, out, keep_transcript=True)


def test_sample_plants_card_data() -> None:
    assert {"CREDIT_CARD", "CARD_EXPIRY", "CARD_SECURITY_CODE"} <= set(PLANTED)


def test_stripped_original_keeps_the_input_format(stripped: RedactionResult) -> None:
    assert stripped.original_path == stripped.audio_path.with_name("sample-call.original.wav")
    assert stripped.original_path.is_file()
    src, out = probe(SAMPLE), probe(stripped.original_path)
    assert (out.container, out.codec, out.sample_rate, out.channels) == (
        src.container, src.codec, src.sample_rate, src.channels
    )  # fmt: skip
    assert abs(out.duration - src.duration) < 1e-3
    assert _frames(stripped.original_path).shape == _frames(SAMPLE).shape
    assert stripped.report["settings"]["strip_from_original"] == sorted(PCI_ENTITIES)


def test_only_card_data_is_removed_from_the_original(stripped: RedactionResult) -> None:
    assert stripped.original_path is not None
    before, after = _frames(SAMPLE), _frames(stripped.original_path)
    redacted = _frames(stripped.audio_path)
    rate = probe(SAMPLE).sample_rate
    pci = [r for r in stripped.report["redactions"] if r["entity_type"] in PCI_ENTITIES]
    assert {r["entity_type"] for r in pci} & {"CREDIT_CARD", "CARD_SECURITY_CODE"}
    for r in pci:  # every card item is beeped over its whole interval
        a, b, ch = int(np.ceil(r["start"] * rate)), int(r["end"] * rate), r["channel"]
        changed = np.mean(after[a:b, ch] != before[a:b, ch])
        assert changed > 0.9, (r["entity_type"], r["start"], changed)
    # Outside the stretch holding card data, every sample is the input's own, including other
    # personal data the redacted copy beeps (the original is for DPO-approved access).
    may_change = np.zeros(before.shape, dtype=bool)
    for ch in range(before.shape[1]):
        mine = [r for r in pci if r["channel"] == ch]
        if mine:
            lo = int((min(r["start"] for r in mine) - 0.01) * rate)
            hi = int((max(r["end"] for r in mine) + 0.01) * rate) + 1
            may_change[max(lo, 0) : hi, ch] = True
    assert np.array_equal(after[~may_change], before[~may_change])
    kept = [
        r for r in stripped.report["redactions"]
        if not may_change[int(r["start"] * rate) : int(r["end"] * rate), r["channel"]].any()
    ]  # fmt: skip
    assert kept, "the sample has personal data away from the card data"
    for r in kept:
        a, b, ch = int(np.ceil(r["start"] * rate)), int(r["end"] * rate), r["channel"]
        assert not np.array_equal(redacted[a:b, ch], before[a:b, ch]), r["entity_type"]


def test_original_transcript_has_no_card_data(stripped: RedactionResult) -> None:
    assert stripped.transcript_path is not None
    raw = stripped.transcript_path.read_text(encoding="utf-8")
    transcript = json.loads(raw)
    assert transcript["variant"] == "original"
    assert "[CREDIT_CARD]" in raw
    texts = [
        t
        for ch in transcript["channels"]
        for s in ch["segments"]
        for t in (s["text"], *(w["text"] for w in s["words"]))
    ]
    card = PLANTED["CREDIT_CARD"]
    for text in texts:
        for run in _digit_runs(text):
            assert not any(card[i : i + 4] in run for i in range(len(card) - 3)), text
            assert PLANTED["CARD_SECURITY_CODE"] not in run, text
    # Other personal data stays in the original transcript: only card data is masked.
    assert "Sarah" in raw


def test_switched_off_keeps_the_original(
    redactor: Redactor, tmp_path: Path, stripped: RedactionResult
) -> None:
    plain = Redactor(
        config=replace(redactor.config, strip_from_original=frozenset()),
        transcriber=redactor.transcriber,
        detector=redactor.detector,
    )
    result = plain.redact_file(SAMPLE, tmp_path, keep_transcript=True)
    assert result.original_path is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sample-call.json", "sample-call.redacted.wav", "sample-call.transcript.json"
    ]  # fmt: skip
    raw = (tmp_path / "sample-call.transcript.json").read_text(encoding="utf-8")
    assert "[CREDIT_CARD]" not in raw and "[CARD_SECURITY_CODE]" not in raw
    # What the masked transcript hides is really there unmasked (the model hears the digits).
    card = PLANTED["CREDIT_CARD"]
    assert card[:4] in raw and card[-4:] in raw
    assert result.report["settings"]["strip_from_original"] == []
    # The redacted copy does not depend on the option.
    assert np.array_equal(_frames(result.audio_path), _frames(stripped.audio_path))
