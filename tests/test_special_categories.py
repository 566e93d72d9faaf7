"""GDPR Art. 9 special categories: what each lexicon must find, and what it must leave alone.

Tables in Presidio's style: (transcript text, entity type, the exact substring reported), or None
where nothing of that type may be reported. The phrasings are general ones, in the four languages a
Belgian, British or Irish contact centre hears; the evaluation corpus is not copied here, so the
tests say what the lexicons cover rather than what one benchmark contains.
"""

from __future__ import annotations

import pytest

from pipeline.detect.normalize import normalize
from pipeline.detect.recognizers import special as sp

RECOGNIZERS = {cls.ENTITY: cls() for cls in sp.SPECIAL_RECOGNIZERS}


def reported(entity: str, text: str, language: str = "en") -> list[str]:
    """Transcript substrings the recognizer of `entity` reports on the normalised text."""
    norm = normalize(text, language)
    out = []
    for r in RECOGNIZERS[entity].analyze(norm.text, entities=[], nlp_artifacts=None):
        start, end = norm.to_source(r.start, r.end)
        out.append(text[start:end])
    return out


def every_special(text: str, language: str = "en") -> dict[str, list[str]]:
    hits = {entity: reported(entity, text, language) for entity in RECOGNIZERS}
    return {entity: h for entity, h in hits.items() if h}


# (text, entity, the reported substring): a hit covers its whole sentence.
POSITIVES = [
    # HEALTH
    ("It's my breast cancer, the radiotherapy has finished but I'm tired", "HEALTH",
     "It's my breast cancer, the radiotherapy has finished but I'm tired"),
    ("My husband had a stroke last year and he can't use the stairs", "HEALTH",
     "My husband had a stroke last year and he can't use the stairs"),
    ("I'm on the waiting list for an operation on my knee", "HEALTH",
     "I'm on the waiting list for an operation on my knee"),
    ("She's in remission now, thank you", "HEALTH", "She's in remission now, thank you"),
    ("I can send you a sick note from my GP", "HEALTH", "I can send you a sick note from my GP"),
    ("I had an MRI scan on Tuesday so I missed the engineer", "HEALTH",
     "I had an MRI scan on Tuesday so I missed the engineer"),
    ("I've been off sick with my back since March", "HEALTH",
     "I've been off sick with my back since March"),
    ("the doctor says it's an impregnancy of twelve weeks", "HEALTH",
     "the doctor says it's an impregnancy of twelve weeks"),  # Whisper's split of "pregnancy"
    ("I had surgery on my hip in May", "HEALTH", "I had surgery on my hip in May"),
    ("he needs his oxygen concentrator running all night", "HEALTH",
     "he needs his oxygen concentrator running all night"),
    ("my daughter is on PrEP, the pharmacy knows", "HEALTH",
     "my daughter is on PrEP, the pharmacy knows"),
    ("je suis enceinte de cinq mois, donc pas de cartons", "HEALTH",
     "je suis enceinte de cinq mois, donc pas de cartons"),
    ("mon mari est en fauteuil roulant depuis l'accident", "HEALTH",
     "mon mari est en fauteuil roulant depuis l'accident"),
    ("j'ai un certificat médical pour le mois de juin", "HEALTH",
     "j'ai un certificat médical pour le mois de juin"),
    ("ik heb kanker gehad en ben nog in behandeling bij de oncoloog", "HEALTH",
     "ik heb kanker gehad en ben nog in behandeling bij de oncoloog"),
    ("mijn moeder zit in een rolstoel sinds haar operatie", "HEALTH",
     "mijn moeder zit in een rolstoel sinds haar operatie"),
    ("ich bin schwanger und darf nichts Schweres heben", "HEALTH",
     "ich bin schwanger und darf nichts Schweres heben"),
    ("mein Vater hat Krebs und ist oft im Krankenhaus", "HEALTH",
     "mein Vater hat Krebs und ist oft im Krankenhaus"),
    ("I've got MS so I can't always get to the phone", "HEALTH",
     "I've got MS so I can't always get to the phone"),
    ("I broke my leg skiing and can't get to the door", "HEALTH",
     "I broke my leg skiing and can't get to the door"),
    ("I sprained my right ankle on the ice, the stairs are hard", "HEALTH",
     "I sprained my right ankle on the ice, the stairs are hard"),
    ("ik ben diabeet en heb een koelkast nodig voor mijn insuline", "HEALTH",
     "ik ben diabeet en heb een koelkast nodig voor mijn insuline"),
    ("ich bin krankgeschrieben bis Ende des Monats", "HEALTH",
     "ich bin krankgeschrieben bis Ende des Monats"),
    ("I've got moderate hearing loss in my left ear, so texts are better", "HEALTH",
     "I've got moderate hearing loss in my left ear, so texts are better"),
    ("the tinnitus keeps me awake, that's why I call early", "HEALTH",
     "the tinnitus keeps me awake, that's why I call early"),
    # RELIGION
    ("I'm a deacon at St Luke's, so Sunday mornings are no good", "RELIGION",
     "I'm a deacon at St Luke's, so Sunday mornings are no good"),
    ("my father is an elder at the chapel and does the books", "RELIGION",
     "my father is an elder at the chapel and does the books"),
    ("We're Muslim, so during Ramadan please call after sunset", "RELIGION",
     "We're Muslim, so during Ramadan please call after sunset"),
    ("I go to mass on Sunday mornings, so not then", "RELIGION",
     "I go to mass on Sunday mornings, so not then"),
    ("I'm away for Diwali with the family", "RELIGION", "I'm away for Diwali with the family"),
    ("I converted to Islam two years ago, my name changed", "RELIGION",
     "I converted to Islam two years ago, my name changed"),
    ("she wears a hijab in the photo on the ID", "RELIGION",
     "she wears a hijab in the photo on the ID"),
    ("our pastor helps me with the paperwork", "RELIGION",
     "our pastor helps me with the paperwork"),
    ("nous sommes juifs et pratiquants, pas d'appel le samedi", "RELIGION",
     "nous sommes juifs et pratiquants, pas d'appel le samedi"),
    ("ik ga elke vrijdag naar de moskee", "RELIGION", "ik ga elke vrijdag naar de moskee"),
    ("ich bin aus der Kirche ausgetreten, wegen der Kirchensteuer", "RELIGION",
     "ich bin aus der Kirche ausgetreten, wegen der Kirchensteuer"),
    # POLITICAL_OPINION
    ("I'm a Labour councillor, so my address is public anyway", "POLITICAL_OPINION",
     "I'm a Labour councillor, so my address is public anyway"),
    ("I've always voted Sinn Féin and I'm not ashamed of it", "POLITICAL_OPINION",
     "I've always voted Sinn Féin and I'm not ashamed of it"),
    ("I was campaigning for the Greens last weekend", "POLITICAL_OPINION",
     "I was campaigning for the Greens last weekend"),
    ("I support the Lib Dems, for what it's worth", "POLITICAL_OPINION",
     "I support the Lib Dems, for what it's worth"),
    ("I was at the climate protest in Brussels on Sunday", "POLITICAL_OPINION",
     "I was at the climate protest in Brussels on Sunday"),
    ("je suis militante au PTB depuis dix ans", "POLITICAL_OPINION",
     "je suis militante au PTB depuis dix ans"),
    ("ik ben lid van Vooruit en sta op de lijst", "POLITICAL_OPINION",
     "ik ben lid van Vooruit en sta op de lijst"),
    ("ich habe immer die SPD gewählt", "POLITICAL_OPINION", "ich habe immer die SPD gewählt"),
    ("I stood as a candidate in the local elections", "POLITICAL_OPINION",
     "I stood as a candidate in the local elections"),
    ("ich war auf der Demo gegen das Gesetz", "POLITICAL_OPINION",
     "ich war auf der Demo gegen das Gesetz"),
    # ETHNIC_ORIGIN
    ("I'm Nigerian, so my name has a different spelling", "ETHNIC_ORIGIN",
     "I'm Nigerian, so my name has a different spelling"),
    ("my family is Kurdish and my mother only speaks Kurmanji", "ETHNIC_ORIGIN",
     "my family is Kurdish and my mother only speaks Kurmanji"),
    ("we're Travellers, we move the caravan every few months", "ETHNIC_ORIGIN",
     "we're Travellers, we move the caravan every few months"),
    ("I'm originally from Jamaica, that's why the bank asked", "ETHNIC_ORIGIN",
     "I'm originally from Jamaica, that's why the bank asked"),
    ("as a black woman I get stopped at the door all the time", "ETHNIC_ORIGIN",
     "as a black woman I get stopped at the door all the time"),
    ("je suis d'origine marocaine, mon nom s'écrit avec un k", "ETHNIC_ORIGIN",
     "je suis d'origine marocaine, mon nom s'écrit avec un k"),
    ("ik ben Turks en mijn man is Marokkaans", "ETHNIC_ORIGIN",
     "ik ben Turks en mijn man is Marokkaans"),
    ("ich bin Türkin und lebe seit zehn Jahren hier", "ETHNIC_ORIGIN",
     "ich bin Türkin und lebe seit zehn Jahren hier"),
    ("mijn ouders komen uit Turkije, vandaar de naam", "ETHNIC_ORIGIN",
     "mijn ouders komen uit Turkije, vandaar de naam"),
    ("mes parents sont venus du Maroc en soixante-dix", "ETHNIC_ORIGIN",
     "mes parents sont venus du Maroc en soixante-dix"),
    # TRADE_UNION
    ("I'm the CWU rep for our depot, they all know me", "TRADE_UNION",
     "I'm the CWU rep for our depot, they all know me"),
    ("I'm a member of Unite, they gave me this number", "TRADE_UNION",
     "I'm a member of Unite, they gave me this number"),
    ("we're on strike next week so I'll be home", "TRADE_UNION",
     "we're on strike next week so I'll be home"),
    ("I'm in SIPTU and the union pays half", "TRADE_UNION", "I'm in SIPTU and the union pays half"),
    ("it's the night of our unison branch meeting", "TRADE_UNION",
     "it's the night of our unison branch meeting"),
    ("je suis délégué syndical à la CGT", "TRADE_UNION", "je suis délégué syndical à la CGT"),
    ("ik ben lid van het ABVV sinds mijn eerste job", "TRADE_UNION",
     "ik ben lid van het ABVV sinds mijn eerste job"),
    ("ich bin bei Verdi Mitglied und zahle den Beitrag", "TRADE_UNION",
     "ich bin bei Verdi Mitglied und zahle den Beitrag"),
    ("ich bin in der IG Metall", "TRADE_UNION", "ich bin in der IG Metall"),
    ("I'm a member of the Communication Workers Union", "TRADE_UNION",
     "I'm a member of the Communication Workers Union"),
    ("the union pays for my phone line", "TRADE_UNION", "the union pays for my phone line"),
    ("I'm a rep for unite at the depot", "TRADE_UNION", "I'm a rep for unite at the depot"),
    # SEX_LIFE
    ("I'm gay, the other account is my husband's", "SEX_LIFE",
     "I'm gay, the other account is my husband's"),
    ("my son is trans and changed his name last year", "SEX_LIFE",
     "my son is trans and changed his name last year"),
    ("it's for my contraception, the pill ran out", "SEX_LIFE",
     "it's for my contraception, the pill ran out"),
    ("the letter from the sexual health clinic went to my old address", "SEX_LIFE",
     "the letter from the sexual health clinic went to my old address"),
    ("je suis homosexuel et mon compagnon est sur le contrat", "SEX_LIFE",
     "je suis homosexuel et mon compagnon est sur le contrat"),
    ("ik ben lesbisch, mijn vrouw staat ook op het contract", "SEX_LIFE",
     "ik ben lesbisch, mijn vrouw staat ook op het contract"),
    ("I'm on the pill, so it's a repeat prescription", "SEX_LIFE",
     "I'm on the pill, so it's a repeat prescription"),
    ("wir sind in einer Kinderwunschbehandlung", "SEX_LIFE",
     "wir sind in einer Kinderwunschbehandlung"),
    # GENETIC_BIOMETRIC
    ("I don't want my voiceprint stored, please delete it", "GENETIC_BIOMETRIC",
     "I don't want my voiceprint stored, please delete it"),
    ("my daughter has the GJB2 mutation, that's why she's deaf", "GENETIC_BIOMETRIC",
     "my daughter has the GJB2 mutation, that's why she's deaf"),
    ("I carry the BRCA gene so they watch me closely", "GENETIC_BIOMETRIC",
     "I carry the BRCA gene so they watch me closely"),
    ("mon fils a une maladie génétique rare", "GENETIC_BIOMETRIC",
     "mon fils a une maladie génétique rare"),
    ("ich will meinen Fingerabdruck nicht abgeben", "GENETIC_BIOMETRIC",
     "ich will meinen Fingerabdruck nicht abgeben"),
    # a word Whisper wrote in two parts
    ("no one asked me about the finger -prints. Fine.", "GENETIC_BIOMETRIC",
     "no one asked me about the finger -prints"),
    ("she's on chemo -therapy until June", "HEALTH", "she's on chemo -therapy until June"),
    ("I finished chemo, so I give to cancer research now", "HEALTH",
     "I finished chemo, so I give to cancer research now"),
    ("I've MS and I can't do the long walk to the gate", "HEALTH",
     "I've MS and I can't do the long walk to the gate"),
    ("I have IBS so I need an aisle seat", "HEALTH", "I have IBS so I need an aisle seat"),
    ("Er kann nicht mehr gut telefonieren, er hört sehr schlecht", "HEALTH",
     "Er kann nicht mehr gut telefonieren, er hört sehr schlecht"),
    ("mijn moeder hoort heel slecht", "HEALTH", "mijn moeder hoort heel slecht"),
    ("my CPAP is in the case, I can't sleep without it for the apnoea", "HEALTH",
     "my CPAP is in the case, I can't sleep without it for the apnoea"),
    ("he's on a ventilator at night", "HEALTH", "he's on a ventilator at night"),
    ("it's my husband's car, we're both men so they always get it wrong", "SEX_LIFE",
     "it's my husband's car, we're both men so they always get it wrong"),
    ("the kids have two mums, both names go on the form", "SEX_LIFE",
     "the kids have two mums, both names go on the form"),
    ("my laptop only unlocks with my thumb and it was stolen", "GENETIC_BIOMETRIC",
     "my laptop only unlocks with my thumb and it was stolen"),
    ("we're Zulu, the ceremony lasts the whole weekend", "ETHNIC_ORIGIN",
     "we're Zulu, the ceremony lasts the whole weekend"),
]


@pytest.mark.parametrize(("text", "entity", "expected"), POSITIVES,
                         ids=[f"{e}:{t[:40]}" for t, e, _ in POSITIVES])
def test_disclosure_is_found_with_its_sentence(text: str, entity: str, expected: str) -> None:
    assert expected in reported(entity, text), reported(entity, text)


# Ordinary call-centre talk that shares words with the lexicons: no special category at all.
ORDINARY = [
    "I'd vote for the cheaper tariff",
    "can we do a union of two accounts into one",
    "that's the party line, I'm afraid",
    "I live at twelve Church Street",
    "the depot is on Temple Road",
    "I'll take the green option please",
    "that sounds like a fair trade",
    "my partner at the firm handles the invoices",
    "labour costs are included in the quote",
    "I'm sick of waiting on hold",
    "I'm sick and tired of calling you",
    "that was a stroke of luck",
    "the roller blind in the bedroom is broken",
    "I have a loan with the credit union",
    "I'm a credit union member",
    "please unite the two bills",
    "can you connect me to billing",
    "the direct debit mandate was cancelled",
    "the rail strike made me late",
    "there's a postal strike so the letter is late",
    "the CSC is the three digits on the back of the card",
    "a conservative estimate is two weeks",
    "we're going to reform the process",
    "I spoke to MR Jones at the shop",
    "PS I also need a receipt",
    "I'd like a demonstration of the new router",
    "I'll attend the mass email webinar",
    "the surgery opening hours changed",
    "I'm polishing the floor at the moment",
    "Hi, I'm Russ from the flat upstairs",
    "I'm a pool cleaner by trade",
    "the screen has a black background now",
    "the payment came from my savings account",
    "I'm a frequent traveller so I need roaming",
    "I had a party last week for my birthday",
    "it fell in price last month",
    "a fall in prices would help",
    "I need the meal prep box delivered",
    "the white picket fence is damaged",
    "my tablet won't charge",
    "my care plan for the phone covers the screen",
    "mon enceinte bluetooth ne marche plus",
    "le traitement de votre demande prend deux jours",
    "une opération sur votre compte a été refusée",
    "le chargeur d'origine ne fonctionne plus",
    "à l'origine de la panne il y a un câble",
    "je vous prie de m'excuser",
    "le syndicat des eaux a coupé l'eau",
    "suite à ma mutation professionnelle je résilie",
    "je viens de payer la facture",
    "votre demande est en cours de traitement",
    "uw klacht is in behandeling",
    "ga maar vooruit met de bestelling",
    "het lampje is groen",
    "ik wil vooruit betalen",
    "er is een staking bij de NMBS",
    "haal de modem uit de kast",
    "log in met uw eID kaartlezer",
    "ich habe die falsche Nummer gewählt",
    "ich habe die Option zwei gewählt",
    "ich habe Sie gebeten mich zurückzurufen",
    "ich bin rechts abgebogen",
    "der Gläubiger hat das Konto gepfändet",
    "die Bahn ist im Streik",
    "Sie haben mich besucht",
    "die Herkunft der Mittel ist geklärt",
    "I'd rather pay it as a lump sum",
    "that got me thinking about switching",
    "ik wil kip en rijst bestellen",
    "I'm a black cab driver",
    "I'm Spanish speaking, is there someone who speaks Spanish?",
    "The parcel came from Poland according to the tracking",
    "Honestly I'm sick to death of your service",
    "we're in a civil union",
    "I sent the money by Western Union",
    "I pay with UnionPay",
    "the students union sent the letter",
    "Uw aanvraag is in behandeling genomen",
    "Ich bin schwarz gefahren, das war ein Fehler",
    "Die Krankenkasse hat das bezahlt",
    "Der Eid auf die Verfassung",
    "I joined connect broadband last year",
    "I'm a member of the community centre",
    "My name's Gene",
    "the clinic opening hours on the website are wrong",
    "I'll pray it works this time",
    "Our union with the other company completed last year",
    "I broke my phone screen",
    "I spoke with Ms Peters yesterday",
    "can you share the form with MS Teams",
    "we're both busy, so call after six",
    "I unlocked it with my password",
    "the two men came to fix the boiler",
    "my two kids, they're girls, both at school",
    # a charity or research body named after a condition
    "I want to start a monthly donation to your cancer charity",
    "I give to Alzheimer's research every month",
    # an elder is a relative, not a church office, unless a congregation is named
    "my elder brother is the other account holder",
    # French "mutation" is a job transfer
    "suite à ma mutation à Lyon, je change d'adresse",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_speech_is_no_special_category(text: str) -> None:
    assert every_special(text) == {}


# Gated names count only beside a word of their domain.
@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ("I'm with Unite", "TRADE_UNION", None),
        ("I'm with Unite, I'm the union rep", "TRADE_UNION", "I'm with Unite, I'm the union rep"),
        ("the strike was on the news", "TRADE_UNION", None),
        ("Unite sent me a letter about my membership", "TRADE_UNION",
         "Unite sent me a letter about my membership"),
        ("Ich bin bei Verdi", "TRADE_UNION", None),
        ("het is groen", "POLITICAL_OPINION", None),
        ("ik heb op Groen gestemd", "POLITICAL_OPINION", "ik heb op Groen gestemd"),
        ("Labour is a big part of the cost", "POLITICAL_OPINION", None),
        ("I voted Labour all my life", "POLITICAL_OPINION", "I voted Labour all my life"),
        ("I've voted Plaid since I could vote", "POLITICAL_OPINION",
         "I've voted Plaid since I could vote"),
        ("we've voted for the same tariff for years", "POLITICAL_OPINION", None),
        ("the MR will call you back", "POLITICAL_OPINION", None),
        ("je vote MR depuis toujours", "POLITICAL_OPINION", "je vote MR depuis toujours"),
    ],
)
def test_gated_terms_need_context(text: str, entity: str, expected: str | None) -> None:
    got = reported(entity, text)
    assert got == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sentence, not the clause: commas and conjunctions no longer stop the widening.
        ("Okay. I have diabetes, so the insulin is in the fridge and stays cold. Anyway, "
         "the bill is wrong.",
         "I have diabetes, so the insulin is in the fridge and stays cold"),
        # Sentence punctuation bounds it on both sides ...
        ("My meter is broken? Yes. My wife has been diagnosed with epilepsy! Please send someone.",
         "My wife has been diagnosed with epilepsy"),
        ("First this; my wife has been treated for epilepsy; then the rest",
         "my wife has been treated for epilepsy"),
        # ... but a statement of six words or fewer runs on into the next sentence, which
        # Whisper split off though the caller said it in one breath.
        ("My meter is broken? Yes. I'm pregnant! Please send someone.",
         "I'm pregnant! Please send someone"),
        ("First this; my wife has epilepsy; then the rest", "my wife has epilepsy; then the rest"),
        # Without punctuation, the word budget does: ten words each side.
        ("aa bb cc dd ee ff gg hh ii jj kk ll diabetes mm nn oo pp qq rr ss tt uu vv ww xx",
         "cc dd ee ff gg hh ii jj kk ll diabetes mm nn oo pp qq rr ss tt uu vv"),
        # Two terms of one sentence make one span, widened from both.
        ("my wife is diabetic and partially sighted and she needs large print letters from you "
         "now", "my wife is diabetic and partially sighted and she needs large print letters "
         "from you now"),
        # "ver.di" and decimals keep their full stop inside the sentence.
        ("I take 2.5 mg of insulin every day", "I take 2.5 mg of insulin every day"),
    ],
)
def test_hit_widens_to_its_sentence(text: str, expected: str) -> None:
    assert reported("HEALTH", text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement of more than six words ends at its sentence
        ("I have been a union member for years. My account number is in the letter.",
         "I have been a union member for years"),
        # a short one takes the next sentence, and only that one
        ("We're a gay couple. Forty one years together. No civil partnership though.",
         "We're a gay couple. Forty one years together"),
        # a question runs on into no answer
        ("Are you a union member? My account number is in the letter.", "Are you a union member"),
    ],
)
def test_widening_stops_at_the_next_sentence(text: str, expected: str) -> None:
    entity = "SEX_LIFE" if "gay" in text else "TRADE_UNION"
    assert reported(entity, text) == [expected]


def test_a_dotted_union_name_stays_one_sentence() -> None:
    assert reported("TRADE_UNION", "Ich bin Mitglied bei ver.di seit Jahren.", "de") == [
        "Ich bin Mitglied bei ver.di seit Jahren"]


def test_street_names_are_not_disclosures() -> None:
    for text in ("seven Church Lane, Bristol", "we moved to Temple Road last year",
                 "the Chapel Street branch"):
        assert every_special(text) == {}, text
