"""Ready-made call scripts for tests, benchmarks and the demo.

All planted values are fake but *valid* (Luhn, IBAN mod-97, Belgian national
register mod-97) so detectors that check checksums still fire. Values are
spoken as words because espeak reads "4539" as "four thousand five hundred...",
which no caller would do. Everything is deterministic: no randomness at all.
"""

from __future__ import annotations

from itertools import cycle
from typing import TypeAlias

from callvault.evaluation.synth import CallScript, Chunk, Turn

__all__ = ["digits_call", "long_call", "sample_call", "spell_digits"]

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

Part: TypeAlias = str | Chunk


def spell_digits(digits: str, groups: tuple[int, ...] = (), *, oh: bool = False) -> str:
    """Spell digits as words, comma-separated in ``groups`` so espeak pauses like a caller."""
    words = ["oh" if oh and d == "0" else _WORDS[int(d)] for d in digits if d.isdigit()]
    out: list[str] = []
    pos = 0
    for size in groups:
        out.append(" ".join(words[pos : pos + size]))
        pos += size
    if pos < len(words):
        out.append(" ".join(words[pos:]))
    return ", ".join(out)


def _turn(speaker: str, *parts: Part) -> Turn:
    return Turn(speaker, tuple(p if isinstance(p, Chunk) else Chunk(p) for p in parts))


def _a(*parts: Part) -> Turn:
    return _turn("agent", *parts)


def _c(*parts: Part) -> Turn:
    return _turn("customer", *parts)


def _pii(label: str, text: str, value: str) -> Chunk:
    return Chunk(text, label, value)


def _card(number: str) -> Chunk:
    return _pii("CREDIT_CARD", spell_digits(number, (4, 4, 4, 4)), number)


def sample_call() -> CallScript:
    """A ~45 s card payment call touching every common PII type plus numbers that must stay."""
    return CallScript(
        name="sample_call",
        turns=(
            _a(
                "Thank you for calling Northwind Energy, my name is",
                _pii("PERSON", "Daniel", "Daniel"),
                "how can I help?",
            ),
            _c(
                "Hi, this is",
                _pii("PERSON", "Sarah Jones", "Sarah Jones"),
                "I want to pay my bill of",
                Chunk("forty two euros"),
                "by card.",
            ),
            _a("Sure, your date of birth?"),
            _c(_pii("DATE_OF_BIRTH", "fourteenth of March, nineteen eighty five", "1985-03-14")),
            _a("Card number?"),
            _c(_card("4539148803436467")),
            _a("Expiry and security code?"),
            _c(
                _pii("CARD_EXPIRY", "zero eight, twenty seven", "08/27"),
                "and",
                _pii("CARD_SECURITY_CODE", "seven three one", "731"),
            ),
            _a("Email for the receipt?"),
            _c(
                _pii(
                    "EMAIL_ADDRESS", "sarah dot jones at example dot com", "sarah.jones@example.com"
                )
            ),
            _a("Phone and address?"),
            _c(
                _pii("PHONE_NUMBER", spell_digits("07700900123", (5, 3), oh=True), "07700900123"),
                "and I live at",
                _pii(
                    "LOCATION",
                    "twenty two Baker Street, London N W one",
                    "22 Baker Street, London NW1",
                ),
                "I have been diagnosed with",
                _pii("HEALTH", "diabetes", "diabetes"),
                "so please send",
                Chunk("three"),
                "spare meter cards.",
            ),
            _a("Noted, goodbye."),
        ),
        speed_wpm=175,  # brisk, as real callers reading card details are; keeps it ~45 s
    )


def digits_call() -> CallScript:
    """A short call dense with long digit strings, the hardest case for ASR-based redaction."""
    iban = "BE14063123456783"
    return CallScript(
        name="digits_call",
        turns=(
            _a("Northwind Energy billing, how can I help?"),
            _c(
                "I want to set up a direct debit. My I B A N is",
                _pii("IBAN_CODE", "B E " + spell_digits(iban[2:], (2, 4, 4, 4)), iban),
            ),
            _a("Thank you. For security, what is your national register number?"),
            _c(
                "It is",
                _pii(
                    "BE_NATIONAL_REGISTER_NUMBER",
                    spell_digits("85031412302", (6, 3, 2)),
                    "85031412302",
                ),
            ),
            _a("And your account pin?"),
            _c(_pii("PIN", spell_digits("7291"), "7291")),
            _a("Which card should we use for the first payment?"),
            _c(_pii("CREDIT_CARD", spell_digits("4929382056173844"), "4929382056173844")),
            _a("All set up. Thank you, goodbye."),
        ),
    )


# Rotating fake identities for long_call, so repeated blocks plant different values.
_NAMES = ("Sarah Jones", "Michael Brown", "Emma Wilson", "David Taylor")
_PHONES = ("07700900123", "07700900456", "07700900789")
_CARDS = ("4539148803436467", "4716520319874503", "4929382056173844")
_EMAILS = (
    ("emma dot wilson at example dot com", "emma.wilson@example.com"),
    ("d taylor at example dot org", "dtaylor@example.org"),
)
_ADDRESSES = (
    ("twenty two Baker Street, London", "22 Baker Street, London"),
    ("fourteen Station Road, Leeds", "14 Station Road, Leeds"),
    ("seven Church Lane, Bristol", "7 Church Lane, Bristol"),
)
_DOBS = (
    ("the fourteenth of March, nineteen eighty five", "1985-03-14"),
    ("the second of July, nineteen seventy", "1970-07-02"),
)
_HEALTH = ("a heart condition", "asthma", "depression")


def _long_blocks(i: int) -> list[tuple[Turn, ...]]:
    """Dialogue blocks for the ``i``-th cycle; values rotate with ``i``."""
    name, phone, card = _NAMES[i % 4], _PHONES[i % 3], _CARDS[i % 3]
    (mail, mail_v), (addr, addr_v), (dob, dob_v) = _EMAILS[i % 2], _ADDRESSES[i % 3], _DOBS[i % 2]
    return [
        (
            _a("Can I take your name to find the account?"),
            _c("Sure, it's", _pii("PERSON", name, name)),
            _a("Thanks. And to confirm security, your date of birth?"),
            _c(_pii("DATE_OF_BIRTH", dob, dob_v)),
        ),
        (
            _c(
                "My last bill was much higher than usual, it came to",
                Chunk("one hundred and twelve euros"),
            ),
            _a("Let me look. It seems the last two readings were estimated rather than actual."),
            _c("That explains it. The meter has been in the garage all winter."),
            _a("If you send a reading today I can rebill from the real figure."),
        ),
        (
            _a("How is the weather over there today?"),
            _c("Grey and wet, as usual. We are hoping for some sun next week."),
            _a("Same here. My kids want to go to the beach every weekend."),
        ),
        (
            _c("The smart meter display has gone blank."),
            _a("Please press and hold the red button for", Chunk("five seconds"), "then let go."),
            _c("Okay, it is flashing now."),
            _a("Good, it is reconnecting. Give it about", Chunk("ten minutes"), "to settle."),
        ),
        (
            _a("Is the number on file still the best one to reach you?"),
            _c("No, use", _pii("PHONE_NUMBER", spell_digits(phone, (5, 3), oh=True), phone)),
            _a("And your email for the paperless bills?"),
            _c("It's", _pii("EMAIL_ADDRESS", mail, mail_v)),
        ),
        (
            _c("I am moving house next month."),
            _a("Congratulations. What is the new address?"),
            _c(_pii("LOCATION", addr, addr_v)),
            _a("Thanks, I will open the account there from the first of the month."),
        ),
        (
            _a(
                "Our fixed tariff is",
                Chunk("twenty eight cents"),
                "per kilowatt hour for",
                Chunk("twelve months"),
            ),
            _c("Is there an exit fee?"),
            _a("Yes, it is", Chunk("fifty euros"), "per fuel if you leave early."),
        ),
        (
            _c("Can I pay the outstanding balance by card now?"),
            _a("Of course, go ahead with the long number."),
            _c(_card(card)),
            _a("And the security code?"),
            _c(_pii("CARD_SECURITY_CODE", spell_digits(card[-3:]), card[-3:])),
        ),
        (
            _a("Does anyone in the household have medical needs we should know about?"),
            _c("Yes, my husband has", _pii("HEALTH", _HEALTH[i % 3], _HEALTH[i % 3])),
            _a("I have added you to the priority services register."),
        ),
    ]


def long_call(minutes: float = 5.0) -> CallScript:
    """A long varied call (at least ``minutes`` when spoken at 155 wpm) for benchmarks."""
    words_per_second = 155 / 60
    target = minutes * 60.0
    turns: list[Turn] = [
        _a(
            "Good morning, you are through to Northwind Energy, this is",
            _pii("PERSON", "Priya", "Priya"),
            "speaking.",
        ),
        _c("Hello, I have a few questions about my account."),
    ]
    closing = (
        _a("Is there anything else I can help with today?"),
        _c("No, that is everything. Thanks for your help."),
        _a("You are welcome. Have a lovely day, goodbye."),
    )

    def estimate(ts: list[Turn]) -> float:
        # Deliberately pessimistic (espeak runs slightly faster than -s) plus the gaps.
        words = sum(len(c.text.split()) for t in ts for c in t.chunks)
        return 0.8 * words / words_per_second + 0.35 * len(ts) + 1.0

    blocks = cycle(range(len(_long_blocks(0))))
    cycle_no = -1
    while estimate([*turns, *closing]) < target:
        b = next(blocks)
        cycle_no += b == 0
        turns.extend(_long_blocks(cycle_no)[b])
    return CallScript(name=f"long_call_{minutes:g}min", turns=(*turns, *closing))
