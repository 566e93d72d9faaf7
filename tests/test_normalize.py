"""Table tests for spoken-form normalisation: what Whisper writes -> what recognizers see."""

from __future__ import annotations

import pytest

from pipeline.detect.normalize import normalize

# (language, transcript text, expected normalised text)
CASES = [
    # Digits read one by one, with the pauses Whisper writes as commas, hyphens or full stops.
    ("en", "it's four one seven two", "it's 4172"),
    ("en", "six, two, zero, eight", "6208"),
    ("en", "nine-eight-one-one", "9811"),
    ("en", "five five two one, eight eight", "552188"),
    ("en", "zero two nine one. Four four", "029144"),
    # double / triple
    ("en", "double five", "55"),
    ("en", "my extension is double seven", "my extension is 77"),
    ("en", "oh one double two, triple nine", "0122999"),
    ("en", "triple oh seven", "0007"),
    # "oh" is a zero only next to digits
    ("en", "nine oh four", "904"),
    ("en", "oh eight", "08"),
    ("en", "Oh, I see", "Oh, I see"),
    ("en", "Oh no, not again", "Oh no, not again"),
    ("en", "at 6 o 'clock", "at 6 o 'clock"),  # Whisper's split "o'clock"
    # teens and tens inside a run; Whisper's "twenty, seven" for a slow "twenty seven"
    ("en", "one four twenty seven", "1427"),
    ("en", "one four, twenty, seven", "1427"),
    ("en", "ninety, thirteen, twenty, seven", "901327"),
    ("en", "the code is twelve thirty four", "the code is 1234"),
    ("en", "sixty one, eighteen", "6118"),
    # years, hundreds, thousands
    ("en", "nineteen eighty five", "1985"),
    ("en", "born in nineteen oh two", "born in 1902"),
    ("en", "two thousand and five", "2005"),
    ("en", "two thousand and twenty three", "2023"),
    ("en", "twenty twenty four", "2024"),
    ("en", "four hundred and twelve", "412"),
    ("en", "three hundred", "300"),
    ("en", "twelve hundred", "1200"),
    ("en", "one thousand two hundred and fifty", "1250"),
    # spelled letters
    ("en", "S-M-I-T-H", "smith"),
    ("en", "j o h n", "john"),
    ("en", "it's spelled K, O, W, A, L, S, K, I", "it's spelled kowalski"),
    ("en", "M A R T I N E Z", "martinez"),
    ("en", "My I B A N is", "My iban is"),
    # letters joined to digits: IBAN prefixes, postcodes, flat numbers
    ("en", "B E six eight five three nine", "BE68539"),
    ("en", "G B two nine N W B K", "GB29NWBK"),
    ("en", "D E eight nine, three seven", "DE8937"),
    ("en", "S W one A one A A", "SW1A1AA"),
    ("en", "flat three B", "flat 3B"),
    # ordinary speech that must not change
    ("en", "one of them", "one of them"),
    ("en", "I have a car", "I have a car"),
    ("en", "twenty five euros", "twenty five euros"),
    ("en", "twenty seven", "twenty seven"),
    ("en", "twenty, seven", "twenty, seven"),
    ("en", "I'll take one", "I'll take one"),
    ("en", "no one else", "no one else"),
    ("en", "a two year contract", "a two year contract"),
    ("en", "I'd like a five.", "I'd like a five."),
    ("en", "four five six I think", "456 I think"),
    ("en", "thirty-one", "thirty-one"),
    ("en", "my e-mail", "my e-mail"),
    ("en", "it's john.smith@example.com", "it's john.smith@example.com"),
    ("en", "lena_martens at example dot org", "lena_martens at example dot org"),
    ("en", "Kerkstraat5", "Kerkstraat5"),
    ("en", "born on 14/03/1985.", "born on 14/03/1985."),  # a written date stays a date
    ("en", "call 0477/12.34.56", "call 0477123456"),
    # French: pairs, septante/nonante, compounds with hyphens and "et"
    ("fr", "zéro quatre, septante-sept, douze, trente-quatre, cinquante-six", "0477123456"),
    ("fr", "quatre-vingt-dix-neuf, soixante et onze", "9971"),
    ("fr", "zéro quatre quatre-vingt-deux, soixante-douze", "048272"),
    ("fr", "un deux trois", "123"),
    ("fr", "double zéro trois", "003"),
    ("fr", "dix-sept", "dix-sept"),
    ("fr", "il a deux enfants", "il a deux enfants"),
    # Dutch: glued "vierendertig"
    ("nl", "nul vier zeven zes, twaalf, vierendertig", "04761234"),
    ("nl", "dubbel negen", "99"),
    ("nl", "ik heb een auto", "ik heb een auto"),
    # German: "zwo", glued "vierunddreißig"
    ("de", "null eins sieben sechs, zwölf, vierunddreißig", "01761234"),
    ("de", "zwo drei vier", "234"),
    ("de", "ich habe ein Auto", "ich habe ein Auto"),
]


@pytest.mark.parametrize(("language", "spoken", "expected"), CASES)
def test_normalize(language: str, spoken: str, expected: str) -> None:
    assert normalize(spoken, language).text == expected


@pytest.mark.parametrize(("language", "spoken", "expected"), CASES)
def test_runs_map_back_to_their_spoken_form(language: str, spoken: str, expected: str) -> None:
    norm = normalize(spoken, language)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for run in norm.runs:
        start, end = norm.to_source(run.start, run.end)
        source = spoken[start:end]
        assert source == source.strip()
        # The mapped source span is the spoken form: read again, it gives the same written run.
        assert normalize(source, language).text == norm.text[run.start:run.end]
    for k, ch in enumerate(norm.text):
        if ch != " ":
            assert norm.starts[k] < norm.ends[k]
            assert spoken[norm.starts[k]:norm.ends[k]].strip()


def test_match_in_normalised_text_maps_to_words() -> None:
    spoken = "sure, my card is four five three nine, one two and that's it"
    norm = normalize(spoken)
    start = norm.text.index("453912")
    s, e = norm.to_source(start, start + 6)
    assert spoken[s:e] == "four five three nine, one two"
    with pytest.raises(ValueError, match="empty"):
        norm.to_source(start, start)


@pytest.mark.parametrize(
    ("spoken", "pieces", "one_by_one"),
    [
        ("seven, three, one", ("7", "3", "1"), 3),
        ("twelve thirty four", ("12", "34"), 0),
        ("oh double four nine", ("0", "44", "9"), 2),
        ("nineteen eighty five", ("19", "85"), 0),
    ],
)
def test_run_pieces(spoken: str, pieces: tuple[str, ...], one_by_one: int) -> None:
    (run,) = normalize(spoken).runs
    assert run.pieces == pieces
    assert run.read_digit_by_digit == one_by_one


def test_unknown_language_falls_back_to_english() -> None:
    assert normalize("four five six", "xx").text == "456"
    assert normalize("vier vijf zes", "nl-BE").text == "456"
