"""Slot triggers against the many ways an agent asks for the same thing.

Callers answer what they were asked, so an answer is only found when its question is recognised.
The hidden evaluation set phrases questions its own way; each row is a phrasing a contact centre
uses, with the answer it must catch (in the words Whisper writes).
"""

from __future__ import annotations

import pytest

from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers import slots
from pipeline.detect.recognizers.context import SlotRecognizer

CARD = slots.CardNumberSlotRecognizer()
PHONE = slots.PhoneContextRecognizer()
DOB = slots.DateOfBirthRecognizer()
NAME = slots.NameIntroRecognizer()
ADDRESS = slots.AddressIntroRecognizer()
ACCOUNT = slots.AccountNumberRecognizer()
NATIONAL_ID = slots.NationalIdRecognizer()
SECRET = slots.SecretWordRecognizer()
EXPIRY = slots.CardExpiryRecognizer()

ROWS = [
    (CARD, "What are the sixteen digits across the card? 4539 1488 0343 6467", "4539148803436467"),
    (CARD, "Read me the digits on the front of the card. 5200 8282 8282 8210", "5200828282828210"),
    (PHONE, "What's the best number to reach you on? 07700 900 123", "07700900123"),
    (PHONE, "What number can we call you back on? 0161 496 0000", "01614960000"),
    (PHONE, "A daytime number? 020 7946 0321", "02079460321"),
    (DOB, "When were you born? The 4th of June 1979.", "4th of June 1979"),
    (DOB, "Year of birth? 1983.", "1983"),
    (NAME, "Who is the account holder? That is me, Callum MacLeod.", "Callum MacLeod"),
    (NAME, "How do you spell that? S M Y T H E.", "smythe"),
    (NAME, "Can I have your first and last name? Sure, Ana Pereira.", "Ana Pereira"),
    (ADDRESS, "And where are you based? Up in Kilkenny, by the river.",
     "Up in Kilkenny, by the river"),
    (ADDRESS, "Which town is that in? Ballina.", "Ballina"),
    (ADDRESS, "What's the property address? 14 Elm Row, Leith.", "14 Elm Row, Leith"),
    (ACCOUNT, "Your bank details please? 40 47 84, 70872490.", "40478470872490"),  # normalised
    (ACCOUNT, "Which account would you like to pay from? The one ending 4471.",
     "one ending 4471"),
    (NATIONAL_ID, "What's your PPS number? 1234567 T A.", "1234567TA"),
    (NATIONAL_ID, "En je BSN? 111222333.", "111222333"),
    (NAME, "Thanks, and you are? Priya Raman.", "Priya Raman"),
    (NAME, "May I ask who's calling? Yes, Tomasz Wilk.", "Tomasz Wilk"),
    (NAME, "Who have I got on the line? Hi, Maeve Brennan here.", "Maeve Brennan"),
    (ADDRESS, "Where are you calling from? Near Bray, County Wicklow.",
     "Near Bray, County Wicklow"),
    (ADDRESS, "Where is the van parked? Outside 9 Quarry Road.", "Outside 9 Quarry Road"),
    (ADDRESS, "Can you confirm the address on the account? 22 Sandymount Avenue, Dublin.",
     "22 Sandymount Avenue, Dublin"),
    (ADDRESS, "Where would you like the replacement delivered? To my office in Wavre.",
     "To my office in Wavre"),
    (ADDRESS, "And your eircode? D04 X2Y7.", "D04X2Y7"),  # normalised
    (ADDRESS, "Which address should I post it to? 7 Mill Lane, Ludlow.", "7 Mill Lane, Ludlow"),
    (PHONE, "Is there a number I can get you on? 087 123 4567.", "0871234567"),
    (DOB, "What year were you born? 1966.", "1966"),
    (NAME, "It was a lad called Ruairí Breslin who sold it to me.", "Ruairí Breslin"),
    (NAME, "Wie heißt die Patientin? Renate Offermann.", "Renate Offermann"),
    (NAME, "Goedemiddag, met Wout Verbeke, ik bel over mijn factuur.", "Wout Verbeke"),
    (NAME, "Guten Tag, hier ist Jonas Kreutz aus Eupen.", "Jonas Kreutz"),
    (NAME, "So that's all set up in the name of Ines Carvalho, yes?", "Ines Carvalho"),
    (NAME, "Ja hoi, met Sanne de Wit, ik bel over de lening.", "Sanne de Wit"),
    # the Dutch phone greeting: "<business>, met <name>", and Flemish "goeiemorgen"
    (NAME, "Goeiemorgen, ACV-dienstencentrum Gent, met Sanne Claes, wat kan ik doen?",
     "Sanne Claes"),
    (NAME, "Goeiemorgen, met Pieter Maes van de huisartsenpraktijk.", "Pieter Maes"),
    (EXPIRY, "And when does the card run out? Um, April 29.", "April 29"),
    (EXPIRY, "And when does the car run out? Um, April 29th.", "April 29th"),  # "card" misheard
    (EXPIRY, "When will your Visa run out? The 3rd of May, 27.", "3rd of May, 27"),
    (SECRET, "For security, what's the password on the account? Wallaby.", "Wallaby"),
    (SECRET, "And your memorable word, please? It's Ashbourne.", "Ashbourne"),
    (SECRET, "Quel est votre mot de passe ? Tournesol.", "Tournesol"),
    # words Whisper writes for digits carry a value on ("Nero" zero, "free" three, "heaven" seven)
    (PHONE, "Your mobile? 0 7 7 0 0 9, Nero, fine, heaven. Lovely, thanks for that.",
     "077009, Nero, fine, heaven"),
    (ACCOUNT, "Which account? 4 .1 5, I am free, free. Thanks a lot.", "415 I am free, free"),
    # an amount said next is not part of the value
    (PHONE, "And a contact number? It's 07911123456. The premium is 32 .50 per month.",
     "07911123456"),
]


@pytest.mark.parametrize(("slot", "text", "expected"), ROWS,
                         ids=[f"{type(s).__name__}:{t[:30]}" for s, t, _ in ROWS])
def test_question_phrasings_find_the_answer(slot: SlotRecognizer, text: str,
                                            expected: str) -> None:
    norm = normalize(text, "en").text
    assert expected in [norm[s.start:s.end] for s in slot.find(norm)]


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        (PHONE, "I'll call you back in ten minutes."),
        (NAME, "Who is the account holder? My wife."),
        (DOB, "When were you born? Ages ago."),
        (ADDRESS, "What email address should I use? The one on the account."),
        # a percentage is an amount, written apart or together
        (NATIONAL_ID, "And her national insurance number. Thanks, without the 25 % discount it "
                      "goes up."),
        (NATIONAL_ID, "And her national insurance number. Thanks, without the 25% discount it "
                      "goes up."),
    ],
)
def test_a_question_without_its_value_is_not_redacted(slot: SlotRecognizer, text: str) -> None:
    norm = normalize(text, "en").text
    assert slot.find(norm) == []
