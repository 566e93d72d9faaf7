"""Table tests per recognizer, in the style of Presidio's own: text, entity, covered substring.

Each text is what Whisper could write for a caller; recognizers see it normalised, and what they
find is mapped back to the transcript so the expectation reads as the caller's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import IbanRecognizer

from pipeline.detect.engine import DetectorConfig, _our_recognizers
from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers import cued_names as cued
from pipeline.detect.recognizers import names, slots, spoken
from pipeline.detect.recognizers import special as sp
from pipeline.detect.recognizers.amounts import is_amount
from pipeline.detect.recognizers.base import luhn_ok
from pipeline.detect.recognizers.dates import FullDateRecognizer
from pipeline.detect.recognizers.digits import (
    BeNationalRegisterNumberRecognizer,
    CardNumberRecognizer,
    DigitSequenceRecognizer,
    be_nrn_ok,
)
from pipeline.detect.recognizers.spoken import SpokenEmailRecognizer, StreetAddressRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str, float]]:
    """(entity type, transcript substring, score) for each result on the normalised text."""
    norm = normalize(text)
    results = recognizer.analyze(norm.text, entities=[], nlp_artifacts=None)
    out = []
    for r in results:
        start, end = norm.to_source(r.start, r.end)
        out.append((r.entity_type, text[start:end], r.score))
    return out


def covered(recognizer: EntityRecognizer, text: str, entity: str) -> list[str]:
    return [sub for typ, sub, _ in found(recognizer, text) if typ == entity]


IBAN = IbanRecognizer()
DIGITS = DigitSequenceRecognizer(6)
CARD = CardNumberRecognizer()
NRN = BeNationalRegisterNumberRecognizer()
EMAIL = SpokenEmailRecognizer()
STREET = StreetAddressRecognizer()
DATE = FullDateRecognizer()
GREETING = names.GreetingNameRecognizer()
NAME_ANSWER = names.NameAnswerRecognizer()

# (recognizer, text, entity, the exact transcript substring it must report)
POSITIVES = [
    (DIGITS, "my customer number is two four six eight one three", "DIGIT_SEQUENCE",
     "two four six eight one three"),
    (DIGITS, "that would be 204 719", "DIGIT_SEQUENCE", "204 719"),
    # an amount said after the code is no digit of it
    (DIGITS, "the account is 12345678 and 50 pounds goes out monthly", "DIGIT_SEQUENCE",
     "12345678"),
    (DIGITS, "four five six Nero seven eight nine", "DIGIT_SEQUENCE",
     "four five six Nero seven eight nine"),  # a digit misheard as a word does not split the run
    (CARD, "that's $12 .50p, and the card is 4539 1488 0343 6467", "CREDIT_CARD",
     "4539 1488 0343 6467"),  # a price before the card is no digit of it
    (CARD, "it's five two nine nine, seven nine one oh, three nine one oh, four four five three",
     "CREDIT_CARD", "five two nine nine, seven nine one oh, three nine one oh, four four five three"),
    (CARD, "six oh one one, double oh nine nine, oh one three nine, four two four", "CREDIT_CARD",
     "six oh one one, double oh nine nine, oh one three nine, four two four"),
    (CARD, "three seven one four four nine six three five three nine eight four three one",
     "CREDIT_CARD", "three seven one four four nine six three five three nine eight four three one"),
    (CARD, "that would be 3566 0020 2036 0505", "CREDIT_CARD", "3566 0020 2036 0505"),
    (CARD, "my visa is 4917 6100 0000 0001", "CREDIT_CARD", "4917 6100 0000 0001"),  # card word
    (CARD, "4917 6100 0000 0000 737", "CREDIT_CARD", "4917 6100 0000 0000 737"),  # valid inside
    (NRN, "eight five zero seven three zero, three three three, one nine",
     "BE_NATIONAL_REGISTER_NUMBER", "eight five zero seven three zero, three three three, one nine"),
    (NRN, "zero five, zero three, fourteen, zero six two, sixty one", "BE_NATIONAL_REGISTER_NUMBER",
     "zero five, zero three, fourteen, zero six two, sixty one"),
    (NRN, "my national register number is 85 07 30 333 18", "BE_NATIONAL_REGISTER_NUMBER",
     "85 07 30 333 18"),
    (IBAN, "N L nine one A B N A zero four one seven one six four three zero zero", "IBAN_CODE",
     "N L nine one A B N A zero four one seven one six four three zero zero"),
    (IBAN, "it's D E eight nine three seven oh four oh oh four four oh five three two oh one three "
     "oh oh oh", "IBAN_CODE", "D E eight nine three seven oh four oh oh four four oh five three two "
     "oh one three oh oh oh"),
    (IBAN, "E S nine one, two one zero zero, zero four one eight, four five zero two, zero zero "
     "zero five, one three three two", "IBAN_CODE", "E S nine one, two one zero zero, zero four one "
     "eight, four five zero two, zero zero zero five, one three three two"),
    (IBAN, "I T six zero X zero five four two eight one one one zero one zero zero zero zero zero "
     "zero one two three four five six", "IBAN_CODE", "I T six zero X zero five four two eight one "
     "one one zero one zero zero zero zero zero zero one two three four five six"),
    (IBAN, "that's LU28 0019 4006 4475 0000", "IBAN_CODE", "LU28 0019 4006 4475 0000"),
    (IBAN, "I E twenty nine A I B K nine three one one five two one two three four five six seven "
     "eight", "IBAN_CODE", "I E twenty nine A I B K nine three one one five two one two three four "
     "five six seven eight"),
    (EMAIL, "my email is lena dot martens at proximus dot be", "EMAIL_ADDRESS",
     "lena dot martens at proximus dot be"),
    (EMAIL, "it's t dot okafor at outlook dot com", "EMAIL_ADDRESS", "t dot okafor at outlook dot com"),
    # "dot com" as Whisper hears it on a phone line
    (EMAIL, "it's harlow dot baker at outlook not com.", "EMAIL_ADDRESS",
     "harlow dot baker at outlook not com"),
    (EMAIL, "r u i z underscore ana at gmail dot com", "EMAIL_ADDRESS",
     "r u i z underscore ana at gmail dot com"),
    (EMAIL, "send it to p.vermeulen@telenet.be please", "EMAIL_ADDRESS", "p.vermeulen@telenet.be"),
    # the "at" lost: the letters before the domain, garbled, go with it
    (EMAIL, "my money back. Jay, oh, Anne, Esther Vee, Gmail .com", "EMAIL_ADDRESS",
     "Jay, oh, Anne, Esther Vee, Gmail .com"),
    (EMAIL, "c'est jdupont arobase orange point fr", "EMAIL_ADDRESS",
     "jdupont arobase orange point fr"),
    (EMAIL, "it's k dot brennan at eircom dot co dot uk, thanks", "EMAIL_ADDRESS",
     "k dot brennan at eircom dot co dot uk"),  # a two-part ending is taken whole
    (EMAIL, "write to sales@harbourline.com.au today", "EMAIL_ADDRESS", "sales@harbourline.com.au"),
    (STREET, "fifty two Rosebank Crescent, Galway", "LOCATION", "fifty two Rosebank Crescent, Galway"),
    (STREET, "it's eighteen Mill Lane", "LOCATION", "eighteen Mill Lane"),
    (STREET, "that would be thirty one Avenue Louise, Brussels", "LOCATION",
     "thirty one Avenue Louise, Brussels"),
    (STREET, "rue de la Loi sixteen", "LOCATION", "rue de la Loi sixteen"),
    (STREET, "Molenstraat twenty-four, Leuven", "LOCATION", "Molenstraat twenty-four, Leuven"),
    (STREET, "I moved to 9 Queen's Road", "LOCATION", "9 Queen's Road"),
    (STREET, "it's 44 willow grove, Sligo", "LOCATION", "44 willow grove, Sligo"),  # lower case
    (STREET, "73 L Road, Norwich.", "LOCATION", "73 L Road, Norwich"),  # a name heard as a letter
    # the rest of a street name heard as lower-case words, with the house number before it
    (STREET, "it's 12, Gardner's old road, Leeds", "LOCATION", "12, Gardner's old road, Leeds"),
    (STREET, "Ich wohne in der Bonner Straße 17", "LOCATION", "Bonner Straße 17"),  # spaced
    (STREET, "die Postleitzahl ist 10115 Berlin", "LOCATION", "10115 Berlin"),  # German postcode
    (DATE, "I was born on the ninth of October nineteen seventy one", "DATE_OF_BIRTH",
     "the ninth of October nineteen seventy one"),
    (DATE, "it's June the third, two thousand and one", "DATE_OF_BIRTH",
     "June the third, two thousand and one"),
    (DATE, "03/07/1988", "DATE_OF_BIRTH", "03/07/1988"),
    # Whisper drops accents: "décembre" as "decembre", "März" as "Marz".
    (DATE, "je suis née le 3 decembre 1985", "DATE_OF_BIRTH", "3 decembre 1985"),
    (DATE, "geboren am 14. Marz 1979", "DATE_OF_BIRTH", "14. Marz 1979"),
    (DATE, "2nd on February 1990.", "DATE_OF_BIRTH", "2nd on February 1990"),  # "of" misheard
    (slots.SecurityCodeRecognizer(), "the security code is seven three one", "CARD_SECURITY_CODE",
     "seven three one"),
    (slots.SecurityCodeRecognizer(), "CVV? It's zero four two", "CARD_SECURITY_CODE", "zero four two"),
    (slots.SecurityCodeRecognizer(), "the code on the back is eight two six", "CARD_SECURITY_CODE",
     "eight two six"),
    (slots.SecurityCodeRecognizer(), "the three digit code, five five one", "CARD_SECURITY_CODE",
     "five five one"),
    # "three digits" alone asks for the security code; the words on the card's side are the question.
    (slots.SecurityCodeRecognizer(), "and the four digits on the front, two Nero eight one",
     "CARD_SECURITY_CODE", "two Nero eight one"),
    (slots.SecurityCodeRecognizer(), "what are the 3 digits? 4 1 7", "CARD_SECURITY_CODE", "4 1 7"),
    # A first name before "speaking" in the opening line, written as a name or garbled.
    (GREETING, "Northgate Water, Imogen speaking, how can I help?", "PERSON", "Imogen"),
    (GREETING, "Good morning, Ferris and Co, deli mar speaking.", "PERSON", "deli mar"),
    (GREETING, "Thanks for holding, Rufus, speaking.", "PERSON", "Rufus,"),
    (GREETING, "Brightwater Telecom, Orla and Teaking.", "PERSON", "Orla and"),
    (GREETING, "Grüezi, Andrea Keller am Apparat, was kann ich tun?", "PERSON", "Andrea Keller"),
    (GREETING, "Bonjour, Hélène Dupuis à l'appareil.", "PERSON", "Hélène Dupuis"),
    (GREETING, "Greenleaf deliveries, Bram here. What can I do?", "PERSON", "Bram"),
    (GREETING, "Meridian claims that I'm speaking, what's the policy number?", "PERSON",
     "that I'm"),  # a name Whisper did not know, before a clearly heard "speaking"
    (GREETING, "Kundenservice Nordbahn, Jörg hier.", "PERSON", "Jörg"),
    # Whisper ends each word on a full stop where the agent paused: the word before still counts.
    (GREETING, "Good morning. Brightsmile dental. Yemmer. Speaking.", "PERSON", "Yemmer."),
    # A named street whose house number Whisper lost ("62" as "6 to", "sixty" as "60s").
    (STREET, "it's 6 to and Carrow Crescent, Norwich", "LOCATION", "Carrow Crescent, Norwich"),
    # The answer to a short question that ends on "name", whatever Whisper made of it.
    (NAME_ANSWER, "And the full name? Ottoline Brackwater-Hess.", "PERSON",
     "Ottoline Brackwater-Hess"),
    (NAME_ANSWER, "Your name, please? tuck a wobbly ferret. Great.", "PERSON",
     "tuck a wobbly ferret"),
    (NAME_ANSWER, "And the name on the policy? Priya Venkataraman", "PERSON", "Priya Venkataraman"),
    (NAME_ANSWER, "Can I take your surname? Man, the thing.", "PERSON", "Man, the thing"),
    (NAME_ANSWER, "Can I take the surname first? Okafor.", "PERSON", "Okafor"),
    (NAME_ANSWER, "Your surname again? Okonjo-Reid.", "PERSON", "Okonjo-Reid"),
    (NAME_ANSWER, "Et votre nom de famille? Dubois-Martin.", "PERSON", "Dubois-Martin"),
    (slots.NationalIdRecognizer(), "Your national register number? 8. I'm nearo 3 1, 7", "NATIONAL_ID",
     "8. I'm nearo 3 1, 7"),
    (slots.AccountNumberRecognizer(),
     "The Iban in GBA I paid. M .I .B. Hale. Or Nero Fine. 1 .511 -9145.",
     "BANK_ACCOUNT", "in GBA I paid. M .I .B. Hale. Or Nero Fine. 1 .511 -9145"),
    (slots.AccountNumberRecognizer(), "Which account do you pay from? NL big one, IMGV, Nero, 2 .1.",
     "BANK_ACCOUNT", "NL big one, IMGV, Nero, 2 .1"),
    (slots.NationalIdRecognizer(), "uw rijksregisternummer? 85 03 17 062 70", "NATIONAL_ID",
     "85 03 17 062 70"),
    (slots.NationalIdRecognizer(), "national number? 8. I'm nearo free one, Perman, nearo big two.",
     "NATIONAL_ID", "8. I'm nearo free one, Perman, nearo big two"),
    (slots.CardExpiryRecognizer(), "expiry date is oh nine twenty eight", "CARD_EXPIRY",
     "oh nine twenty eight"),
    (slots.CardExpiryRecognizer(), "it expires in March twenty twenty seven", "CARD_EXPIRY",
     "March twenty twenty seven"),
    (slots.CardExpiryRecognizer(), "valid until eleven, twenty six", "CARD_EXPIRY",
     "eleven, twenty six"),
    (slots.CardNumberSlotRecognizer(), "the long number, four nine one seven six one", "CREDIT_CARD",
     "four nine one seven six one"),
    (slots.PinRecognizer(), "my PIN is four nine one seven", "PIN", "four nine one seven"),
    (slots.PinRecognizer(), "pin code, two two eight one", "PIN", "two two eight one"),
    (slots.PinRecognizer(), "the PIN for your online account. It's 2281", "PIN", "2281"),
    (slots.CardNumberSlotRecognizer(), "card number is 4916 3385. And the CVV? 388", "CREDIT_CARD",
     "4916 3385"),  # a later question is not this one: its answer is no card number
    # an amount said after the value is no part of it
    (slots.AccountNumberRecognizer(), "which account? 12345678, and 50 pounds a month",
     "BANK_ACCOUNT", "12345678"),
    (slots.DateOfBirthRecognizer(), "date of birth? the 3rd of May, 800 and 12 pounds go out",
     "DATE_OF_BIRTH", "3rd of May"),
    (slots.AccountNumberRecognizer(), "my account number is three one four one five nine two six",
     "BANK_ACCOUNT", "three one four one five nine two six"),
    (slots.AccountNumberRecognizer(), "sort code two oh, one five, four two", "BANK_ACCOUNT",
     "two oh, one five, four two"),
    (slots.AccountNumberRecognizer(), "my customer number is A B one two three four five",
     "BANK_ACCOUNT", "A B one two three four five"),
    (slots.PhoneContextRecognizer(), "my mobile is oh four seven five, one two, thirty four, fifty six",
     "PHONE_NUMBER", "oh four seven five, one two, thirty four, fifty six"),
    (slots.PhoneContextRecognizer(), "you can call me on oh two, five one two, three four five six",
     "PHONE_NUMBER", "oh two, five one two, three four five six"),
    (slots.PhoneContextRecognizer(), "the mobile ending in twelve, correct? No, the new one is oh "
     "seven nine one one, one two three four five six", "PHONE_NUMBER",
     "oh seven nine one one, one two three four five six"),
    (slots.DateOfBirthRecognizer(), "date of birth is the second of April, eighty eight",
     "DATE_OF_BIRTH", "second of April, eighty eight"),
    (slots.DateOfBirthRecognizer(), "I was born on twelve oh four eighty", "DATE_OF_BIRTH",
     "twelve oh four eighty"),
    (slots.DateOfBirthRecognizer(), "date of birth? 9th of October 1971. Then 4 5", "DATE_OF_BIRTH",
     "9th of October 1971"),
    (slots.NameIntroRecognizer(), "my name is Ingrid Olsen", "PERSON", "Ingrid Olsen"),
    (slots.NameIntroRecognizer(), "hi, this is Kwame Mensah calling", "PERSON", "Kwame Mensah"),
    (slots.NameIntroRecognizer(), "my surname is Van den Berg", "PERSON", "Van den Berg"),
    (slots.NameIntroRecognizer(), "my name is ahmed", "PERSON", "ahmed"),
    (slots.NameIntroRecognizer(), "it's spelled K O W A L S K I", "PERSON", "K O W A L S K I"),
    (slots.NameIntroRecognizer(), "it's Mrs. Papadopoulos", "PERSON", "Papadopoulos"),
    (slots.NameIntroRecognizer(), "oui, Madame Lefèvre", "PERSON", "Lefèvre"),
    (slots.NameIntroRecognizer(), "your name please? Sure, Tomasz Nowak", "PERSON", "Tomasz Nowak"),
    (slots.NameIntroRecognizer(), "mein Name ist Katrin, was kann ich tun?", "PERSON", "Katrin"),
    (slots.NameIntroRecognizer(), "my name is Olu, how can I help?", "PERSON", "Olu"),
    (slots.NameIntroRecognizer(), "je m'appelle Inès, que puis-je faire?", "PERSON", "Inès"),
    (slots.AddressIntroRecognizer(), "my address is Flat two, Harbour View, Cork.", "LOCATION",
     "Flat two, Harbour View, Cork"),
    (slots.AddressIntroRecognizer(), "I live in Ghent", "LOCATION", "Ghent"),
    (slots.AddressIntroRecognizer(), "Where should the final bill go? Um, flat two, nine Canal Row.",
     "LOCATION", "flat two, nine Canal Row"),
    # an address is said in parts that Whisper garbles into clauses: the answer runs to its end
    # where it should go, asked in French, Dutch and German
    (slots.AddressIntroRecognizer(), "Wohin soll es geliefert werden? Lindenweg neun, Bonn.",
     "LOCATION", "Lindenweg neun, Bonn"),
    (slots.AddressIntroRecognizer(), "À quelle adresse ? Douze rue des Lilas, Namur.", "LOCATION",
     "Douze rue des Lilas, Namur"),
    (slots.AddressIntroRecognizer(), "Waar mag het pakket naartoe? Dorpsplein drie, Lier.",
     "LOCATION", "Dorpsplein drie, Lier"),
    (slots.AddressIntroRecognizer(), "Votre nouvelle adresse ? Rue Haute dix, Liège.", "LOCATION",
     "Rue Haute dix, Liège"),
    (slots.AddressIntroRecognizer(), "Your new address? Er, unit four, I see the mill, Tralee.",
     "LOCATION", "unit four, I see the mill, Tralee"),
    # ... unless a conjunction opens a clause of its own
    (slots.AddressIntroRecognizer(), "I've moved to Leuven and need to change my direct debit.",
     "LOCATION", "Leuven"),
    (slots.AddressIntroRecognizer(), "my address is 3 Mill Lane and I'd like paper bills.",
     "LOCATION", "3 Mill Lane"),
    (slots.AddressIntroRecognizer(), "ik woon in Gent en wil mijn contract overzetten.",
     "LOCATION", "Gent"),
    (slots.AddressIntroRecognizer(), "I moved to Leuven and went to open an account.",
     "LOCATION", "Leuven"),
    (slots.AddressIntroRecognizer(), "I live in Mechelen and changed banks last year.",
     "LOCATION", "Mechelen"),
    (slots.AddressIntroRecognizer(), "I live at the corner of Hill Street and Park Avenue, Cobh.",
     "LOCATION", "corner of Hill Street and Park Avenue, Cobh"),
    (slots.AddressIntroRecognizer(), "Whereabouts? Outside number 8, Ocean Glow, Whistle.",
     "LOCATION", "Outside number 8, Ocean Glow, Whistle"),
    (slots.AddressIntroRecognizer(), "And the house number? 50mm, Willem's low road.", "LOCATION",
     "50mm, Willem's low road"),
    (slots.AddressIntroRecognizer(), "Und die Postleitzahl? Fünf null sechs sieben sieben.",
     "LOCATION", "Fünf null sechs sieben sieben"),
    (NAME_ANSWER, "Je peux avoir votre nom, s'il vous plaît ? Oui, c'est Lina Haddad.", "PERSON",
     "Lina Haddad"),
    (slots.EmailSlotRecognizer(), "my email is ana ruiz at yahoo dot es", "EMAIL_ADDRESS",
     "ana ruiz at yahoo dot es"),
    (slots.EmailSlotRecognizer(), "email for the receipt. Sure, mia .chenatexample .com",
     "EMAIL_ADDRESS", "mia .chenatexample .com"),
    (sp.HealthRecognizer(), "Since the accident my father uses a wheelchair, so please write",
     "HEALTH", "Since the accident my father uses a wheelchair, so please write"),
    (sp.HealthRecognizer(), "yes, my wife has a heart condition", "HEALTH",
     "yes, my wife has a heart condition"),
    (sp.HealthRecognizer(), "I'm pregnant and off work", "HEALTH", "I'm pregnant and off work"),
    (sp.ReligionRecognizer(), "we're Jewish so no calls on Saturday", "RELIGION",
     "we're Jewish so no calls on Saturday"),
    (sp.PoliticalOpinionRecognizer(), "I voted for the Greens last time", "POLITICAL_OPINION",
     "I voted for the Greens last time"),
    (sp.EthnicOriginRecognizer(), "I'm of Moroccan descent", "ETHNIC_ORIGIN",
     "I'm of Moroccan descent"),
    (sp.TradeUnionRecognizer(), "I'm a union rep at work", "TRADE_UNION", "I'm a union rep at work"),
    (sp.SexLifeRecognizer(), "we're a same-sex couple", "SEX_LIFE", "we're a same-sex couple"),
    (sp.GeneticBiometricRecognizer(), "I did a DNA test", "GENETIC_BIOMETRIC", "I did a DNA test"),
    # a condition, a procedure or a medicine no list names, by its medical word-ending
    (sp.HealthRecognizer(), "they want to do a colonoscopy because of the diverticulitis",
     "HEALTH", "they want to do a colonoscopy because of the diverticulitis"),
    (sp.HealthRecognizer(), "he's on ramipril and bisoprolol since March", "HEALTH",
     "he's on ramipril and bisoprolol since March"),
    (sp.HealthRecognizer(), "I've got sarcoidosis", "HEALTH", "I've got sarcoidosis"),
    (sp.HealthRecognizer(), "seit dem Kreuzbandriss trägt sie eine Schiene", "HEALTH",
     "seit dem Kreuzbandriss trägt sie eine Schiene"),
    (sp.HealthRecognizer(), "hij heeft een heupbreuk gehad", "HEALTH", "hij heeft een heupbreuk gehad"),
    (sp.TradeUnionRecognizer(), "I'm a teacher and I'm in the AFT", "TRADE_UNION",
     "I'm a teacher and I'm in the AFT"),
    (sp.SexLifeRecognizer(), "we had unprotected sex last month", "SEX_LIFE",
     "we had unprotected sex last month"),
    (sp.TradeUnionRecognizer(), "I'm with Teamsters Local 89 at the depot", "TRADE_UNION",
     "I'm with Teamsters Local 89 at the depot"),
    # a name said back to its owner
    (cued.AddressedNameRecognizer(), "No worries, Aoife. Let me check that.", "PERSON", "Aoife"),
    (cued.AddressedNameRecognizer(), "Thank you, Mrs Achterberg!", "PERSON", "Mrs Achterberg"),
    (cued.AddressedNameRecognizer(), "Merci Youssef, je regarde.", "PERSON", "Youssef"),
    (cued.AddressedNameRecognizer(), "Danke, Frau Schmitz.", "PERSON", "Frau Schmitz"),
    # ... or at the end of the sentence that asks them something
    (cued.VocativeNameRecognizer(), "Could I take the reg, Kirsty?", "PERSON", "Kirsty"),
    (cued.VocativeNameRecognizer(), "Is that still right, Mr Adeyemi?", "PERSON", "Mr Adeyemi"),
    (cued.VocativeNameRecognizer(), "C'est bien ça, Margaux ?", "PERSON", "Margaux"),
    # a relative or neighbour named, and a sentence that is only a name
    (cued.KinNameRecognizer(), "It's my daughter Grainne's phone really", "PERSON",
     "Grainne's"),
    (cued.KinNameRecognizer(), "His wife, Marisol Ocampo, handles the bills", "PERSON",
     "Marisol Ocampo"),
    (cued.KinNameRecognizer(), "Dat is mijn buurman Koen.", "PERSON", "Koen"),
    (cued.KinNameRecognizer(), "and my fiancée is Rivka Feldman", "PERSON", "Rivka Feldman"),
    (cued.KinNameRecognizer(), "my husband's called Tomasz, he pays", "PERSON", "Tomasz"),
    (cued.KinNameRecognizer(), "Meine Tochter Leonie wohnt bei mir.", "PERSON", "Leonie"),
    (cued.NameSentenceRecognizer(), "Is it yourself? It is. Eoghan Ó Súilleabháin.", "PERSON",
     "Eoghan Ó Súilleabháin"),
    (sp.GeneticBiometricRecognizer(), "I'd rather not use face recognition to log in",
     "GENETIC_BIOMETRIC", "I'd rather not use face recognition to log in"),
]


def _id(case: tuple[object, ...]) -> str:
    return f"{type(case[0]).__name__}:{case[1]}"[:70]


@pytest.mark.parametrize(("recognizer", "text", "entity", "expected"), POSITIVES,
                         ids=[_id(c) for c in POSITIVES])
def test_positive(recognizer: EntityRecognizer, text: str, entity: str, expected: str) -> None:
    assert expected in covered(recognizer, text, entity), found(recognizer, text)


# Ordinary speech: none of callvault's recognizers (nor Presidio's IBAN one) may fire.
ORDINARY = [
    "Is that going to Belgium, Ireland?",  # a vocative-looking country is a place
    "Es gab einen Einbruch und einen Vertragsbruch.",  # no body part: no diagnosis
    "I walked into the shop near the river.",
    "I forgot my password so I can't log in.",  # a secret talked about, not given
    "I'll send you a password reset link now.",
    "We arrive on the 14th of May, 10 of us.",  # a count after a date is no short year
    "The party is on June 5, 12 people.",
    "I paid by card, Visa.",
    "Can I take the postcode, please?",
    "I paid forty two euros last month",
    "can you call me back at ten thirty tomorrow",
    "the engineer came at half past ten",
    "I'd like to order two hundred and fifty leaflets",
    "I ordered twelve hundred units in two thousand and nineteen",
    "it came to one hundred and twenty nine euros ninety nine",
    "this is about my bill",
    "this is the third time I call",
    "I miss having a paper bill",
    "the name is wrong on my bill",
    "I'm at home. Me and my wife both work.",
    "My son is at school. At the moment I'm free.",
    "I'll look at it. Be right back",
    "il est sur le point de partir",
    "It's close to one hundred and twenty euros",
    "I have two kids on the way",
    "I walk to the shop in five minutes",
    "Just five minutes please",
    "Bring two boxes to the Park",
    "I paid 20 Euros. Then I walk home",
    "we drove five miles down the road",
    "it took two days on the road",
    "I have 2 road bikes",
    "my phone bill was one hundred and twelve euros",
    "I forgot my PIN again",
    "I have a question about my account number",
    "the security code is on the back of the card",
    "the offer expires at the end of the month",
    "I don't have an email address, sorry.",
    "I don't have an email, I use the post.",
    "date of birth? one moment please",
    "happy birthday to you",
    "we're meeting on the fifth of May",
    "the boiler is twelve years old",
    "terms and conditions apply",
    "I'd vote for the cheaper tariff",
    "I have a car and two bikes",
    "give it about ten minutes to settle",
    "Who's speaking?",
    "Hello. Speaking.",
    "I'm not comfortable with that, it's not me who signed",
    "Yes, I'm here. Speaking of the bill, it's wrong.",
    "generally speaking the line is fine",
    "I was speaking to your colleague yesterday",
    "I'd like to change the name on the bill. It's spelled wrong.",
    "The street name changed last year. We moved anyway.",
    "The Road to recovery is long",
    "we took the main road. Road works everywhere",
    "Hi, I'm seeking a refund for the kettle",
    "I'm still here. The engineer never came",
    "Is it from here?",
    "The street name changed last year, nobody knows why",
    "Is the postcode checker on your website broken",
    "I have some sympathy for that, a bit of nostalgia even",
    "She works in academia now",
    "Thanks, I'll wait. Right, Lovely. Okay, Sure. Thanks, Sir.",
    "Thanks. The bill came today.",
    "My wife is French and my son is Belgian.",
    "My son is at school and my wife The Economist reader is at work. Direct debit.",
    "Good Morning. Customer Services, Thursday.",
    "It takes 10 working names. Sorry, days.",
    "We drove down the road to the shop",
    "Tom and his new road bike",
    "Das kostet 12000 Euro im Jahr",
    "Ich bin auf der Straße gefallen",
    "Which account? The one my salary of 4 ,200 Euro goes to.",
    "the 300th and 10 -year -old return",
    "Votre adresse ne change pas, merci.",
    # a looped price list: prices are no digits of a code, however many there are
    "So it's $5 .90p, for $9 .90p, for $19 .90p, for $19 .90p in total.",
]


def test_a_website_is_not_widened_into_its_sentence() -> None:
    """A domain named as a website keeps to its own words: no local part was said before it."""
    text = "You can also pay it on our website, at the bottom of lochside.com"
    assert [t for _, t, _ in found(EMAIL, text)] == ["bottom of lochside.com"]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_speech_is_left_alone(text: str) -> None:
    recognizers = [*_our_recognizers("en", DetectorConfig()), IBAN]
    hits = {r.name: found(r, text) for r in recognizers}
    assert not {name: h for name, h in hits.items() if h}


@pytest.mark.parametrize(
    ("min_digits", "text", "fires"),
    [
        (6, "one two three four five", False),
        (6, "one two three four five six", True),
        (6, "12 34 56", True),
        (7, "one two three four five six", False),
        (4, "nine oh one two", True),
        (4, "at ten thirty", True),  # a deployment this strict accepts times as codes
    ],
)
def test_digit_sequence_threshold(min_digits: int, text: str, fires: bool) -> None:
    assert bool(found(DigitSequenceRecognizer(min_digits), text)) is fires


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("85073033319", True),  # born 1985
        ("85073033318", False),
        ("05031406261", True),  # born 2005: checksum over "2" + the first nine digits
        ("05031406262", False),
        ("92021104519", True),
        ("85133033319", False),  # month 13
        ("8507303331", False),  # ten digits
    ],
)
def test_be_national_register_checksum(digits: str, ok: bool) -> None:
    assert be_nrn_ok(digits) is ok


def test_be_national_register_scores() -> None:
    assert [s for *_, s in found(NRN, "eight five zero seven three zero three three three one nine")
            ] == [0.95]
    assert [s for *_, s in found(NRN, "national number 85073033318")] == [0.6]
    assert found(NRN, "reference 85073033318") == []


@pytest.mark.parametrize(
    ("digits", "ok"),
    [("5299791039104453", True), ("5299791039104456", False), ("371449635398431", True),
     ("12345678901", False)],
)
def test_luhn(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok


def test_invalid_iban_and_card_are_not_reported() -> None:
    assert found(IBAN, "B E seven two zero nine six one two three four five six seven six nine") == []
    assert found(CARD, "reference 1234 5678 9012 3456") == []


@pytest.mark.parametrize(
    "text",
    ["seven Church Lane, Bristol", "I live on Church Street", "the hospital car park on Mill Road"],
)
def test_lexicon_words_in_street_names_are_not_special_categories(text: str) -> None:
    for cls in sp.SPECIAL_RECOGNIZERS:
        assert found(cls(), text) == [], cls.__name__


NAME, PLACE = names.widened_name, spoken.widened_place


@pytest.mark.parametrize(
    ("widen", "text", "found", "expected"),
    [
        (NAME, "Thank you, Ms. Roman, what's happened to the dog?", "Roman", "Ms. Roman"),
        (NAME, "Merci, Madame Lefèvre, je vérifie votre dossier maintenant.", "Lefèvre",
         "Madame Lefèvre"),
        (NAME, "I spoke to Kwame -Boateng yesterday about the outage", "Kwame", "Kwame -Boateng"),
        (NAME, "Quamer -san's hoping.", "Quamer", "Quamer -san's hoping."),
        (NAME, "Yes. Hallo Peter, mein Zug hier. Meine Bestellung ist nicht angekommen.", "Peter",
         "Hallo Peter, mein Zug hier."),
        (NAME, "I spoke to Anna yesterday about the outage on our street", "Anna", "Anna"),
        # a place takes the postcode said after it, never past its sentence, and an address
        # line the short lines said before it (at most two, of three words at most each)
        (PLACE, "to 1420 Maple, Springfield, Illinois, Big Boot Ammonoo 4, correct.", "Illinois",
         "to 1420 Maple, Springfield, Illinois, Big Boot Ammonoo 4"),
        (PLACE, "Can I kick the other way? Black -Ein, Compton Mill, Forty Union Street, Tho -L "
         "-1 -1 -DV, you need to run the concierge.", "Forty Union Street, Tho -L -1 -1",
         "Black -Ein, Compton Mill, Forty Union Street, Tho -L -1 -1"),
        # (whatever they hold: two lines at most, so "Well" stays)
        (PLACE, "Well, the thing is, I moved house, 12 Quay Street, last May.", "12 Quay Street",
         "the thing is, I moved house, 12 Quay Street"),
        # ... a postcode Whisper heard as capitalised words, with no digit left in it
        (PLACE, "1420 Maple Ammonoo, Ringfield, Illinois, Big Boot Ammonoo for correct.",
         "Illinois", "Illinois, Big Boot Ammonoo"),
        (PLACE, "We drove to Leeds, Thanks for asking.", "Leeds", "Leeds"),
        (PLACE, "Riverside surgery, Helen, speaking.", "Helen", "Helen"),  # no address line
        (PLACE, "I live in Edinburgh, EH3 6QG, since May.", "Edinburgh", "Edinburgh, EH3 6QG"),
        (PLACE, "We drove to Ghent. It took 3 hours.", "Ghent", "Ghent"),
        (PLACE, "I moved to Ghent last spring with my whole family and 2 cats", "Ghent", "Ghent"),
    ],
)
def test_spans_grow_to_what_is_still_heard_of_them(
    widen: Callable[[str, int, int], tuple[int, int]], text: str, found: str, expected: str
) -> None:
    start = text.index(found)
    a, b = widen(text, start, start + len(found))
    assert text[a:b] == expected


# " ‖ " marks a silence of a second or more on the channel (`Detector` finds them from word times):
# the other party's turn. Whisper runs the words on either side into one sentence.
@pytest.mark.parametrize(
    ("widen", "said", "found", "expected"),
    [
        (NAME, "so you get a cat, ‖ carry on with it.", "carry", "carry on with it."),
        (NAME, "so you get a cat, carry on with it.", "carry", "carry"),  # no pause: one sentence
        (NAME, "Sure. Marcus Diakawa, ‖ and the policy is in my name too.", "Marcus",
         "Marcus Diakawa,"),
        (PLACE, "I was just saying to my husband we moved in may ‖ the 22 Cedar Road. ‖ Lester.",
         "22 Cedar Road", "the 22 Cedar Road."),
    ],
)
def test_a_long_pause_ends_the_sentence_a_span_grows_in(
    widen: Callable[..., tuple[int, int]], said: str, found: str, expected: str
) -> None:
    parts = said.split(" ‖ ")
    text, pauses, at = " ".join(parts), [], 0
    for part in parts[:-1]:
        at += len(part)
        pauses.append((at, at + 1))
        at += 1
    start = text.index(found)
    a, b = widen(text, start, start + len(found), pauses)
    assert text[a:b] == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("25 % discount", True),  # "%" apart ...
        ("25% discount", True),  # ... and in the number's token
        ("128 points on the offer", True),
        ("20 mg twice a day", True),
        ("4 adults and a child", True),
        ("32.50 per month", True),
        ("4821 is the code", False),
        ("4821, and the expiry", False),
    ],
)
def test_a_number_before_a_unit_is_an_amount(text: str, amount: bool) -> None:
    number = re.match(r"[\d.]+%?", text)
    assert number is not None
    assert is_amount(text, number.end()) is amount
