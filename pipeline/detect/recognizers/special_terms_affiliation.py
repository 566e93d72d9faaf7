"""Lexicons of affiliation and origin: political opinion, trade-union membership, ethnic origin.

Split from `special_terms` (same conventions) because these three lean on names — parties,
unions, nationalities — whose lists grow by country, and on gating for names that are ordinary
words too.
"""

from __future__ import annotations

from pipeline.detect.recognizers.base import alternation

# ----------------------------------------------------------------------------- POLITICAL_OPINION
# Party names that are nothing else: they count alone.
_PARTIES = alternation(
    r"Tor(?:y|ies)", r"Lib ?Dems?", r"Liberal Democrats?", r"SNP", r"DUP", r"UUP", r"SDLP",
    r"Sinn F[eé]in", r"Fianna F[aá]il", r"Fine Gael", r"Plaid Cymru", r"Reform UK", r"UKIP",
    r"Green Party", r"Labour Party", r"Conservative Party", r"Liberal Party", r"Workers['’]? Party",
    r"(?-i:N-?VA)", r"Vlaams Belang", r"PVDA", r"PTB", r"CD ?& ?V", r"Open (?-i:VLD|Vld)",
    r"Les Engag[ée]s", r"(?-i:D[ée]FI)", r"Ecolo", r"GroenLinks", r"PvdA", r"VVD", r"PVV",
    r"D66", r"CDA", r"JA21", r"Partij voor de Dieren", r"Forum voor Democratie",
    r"AfD", r"CDU", r"CSU", r"SPD", r"FDP", r"BSW", r"(?:die|der|den) (?-i:Linke[n]?|Gr[üu]nen)",
    r"B[üu]ndnis 90", r"Rassemblement National", r"(?-i:LFI)", r"France insoumise",
    r"Front National", r"Les R[ée]publicains", r"(?-i:Reconqu[êe]te)", r"Vlaams Blok",
)
_VOTING = (r"(?:vot(?:e|ed|ing|er|ers)|support(?:ed|ing|er|ers)?|member|members|joined|campaign\w*"
           r"|canvass\w*|leaflet\w*|stand(?:ing)?|stood|activist|councill?or|MP|candidate|"
           r"elected|election|ballot)")
_SELF_ROLE = (r"(?:I['’]m|I am|I was|I['’]ve been|as|being|he['’]s|she['’]s|he is|she is|is|"
              r"je suis|ik ben|ich bin)")
POLITICAL = (
    # "I voted for the Greens", not "I'd vote for the cheaper tariff": parties are names.
    r"vot(?:e|ed|ing) for (?:the )?(?-i:[A-ZÀ-Ý])[\w-]*", _PARTIES,
    r"(?:I|we|I['’]ve|we['’]ve|I have|we have|I['’]d|always|never|usually|only|ever) "
    r"vote(?:d)? (?:the )?(?-i:[A-ZÀ-Ý])[\w-]*",
    r"(?:stood|standing|stand|ran|running) (?:as (?:a|the) (?:\w+ )?candidate|for (?:the )?(?:\w+ )?"
    r"(?:council|election|parliament|office|mayor))",
    r"political\w*", r"politics", r"politiek\w*", r"politisch\w*",
    r"(?:parti|opinion|opinions|engagement|militant\w*|convictions?) politiques?",
    r"fai[st] de la politique", r"party (?:member\w*|card|activist|politics)",
    r"member of the \w+ party", r"(?:joined|member of|lid van|membre du|Mitglied (?:der|in der)) "
    r"(?:the |a |de |een |du |der |einer )?(?:\w+ )?(?:party|partij|parti|partei)",
    r"partijlid\w*", r"parteimitglied\w*", r"encart[ée]\w*", r"adh[ée]rent\w* (?:du|au) parti",
    r"socialis(?:t|ts|m|te|tes|tisch\w*)", r"[ck]ommunis(?:t|ts|m|te|tes|tisch\w*)", r"anarchis\w*",
    r"marxis\w*", r"fascis\w*", r"nationalists?", r"separatis\w*", r"unionists?", r"loyalists?",
    r"left-wing\w*", r"right-wing\w*", r"far[- ](?:left|right)", r"extr[eê]me[- ](?:droite|gauche)",
    r"(?:suis|vote|votons|sommes) (?:[àa] |de )(?:gauche|droite)",
    r"(?:links|rechts)(?:-| )?(?:extrem|radikal|populist|georiënteerd|georienteerd|orientiert|"
    r"gesinnt)\w*", r"(?:ik stem|ich w[äa]hle|wir w[äa]hlen) (?:altijd |immer |eher |eerder )?"
    r"(?:links|rechts)", r"democrats?", r"republicans?",
    r"conservatives", r"(?-i:Labour) (?:voter|member|supporter|councill?or|MP|government|party)",
    r"voted (?:to )?(?:leave|remain|brexit|yes|no)", r"brexiteer\w*", r"referendum",
    r"councill?ors?", r"member of parliament", r"gemeenteraadslid\w*", r"conseill[eè]re? municipal\w*",
    rf"{_SELF_ROLE} (?:a |an |the |un |une |een |ein |eine )?(?:local |town |"
    r"city |county |parish |elected )?(?-i:MP|MEP|TD|MdB)",
    rf"{_SELF_ROLE} (?:a |an |the |un |une |een |ein |eine )?(?:\w+ )?(?:politician|campaigner|"
    r"canvasser|party member|schepen|burgemeester|bourgmestre|mayor|maire|b[üu]rgermeister\w*|"
    r"senator|s[ée]nateur|d[ée]put[ée]e?|kamerlid|abgeordnete\w*|militant\w*)",
    r"activists?", r"militante?s?", r"(?:I|we)(?:['’]ve| have| had)? (?:been |always |also )?"
    r"campaign(?:ed|ing)? (?:for|against)", r"canvass(?:ed|ing)",
    r"(?:at|to|on|joined?|joining|attend(?:ed|ing)?|marched in|went on|organi[sz]ed) (?:a|an|the|"
    r"that|this) (?:\w+ )?(?:protests?|demonstrations?(?! of)|rall(?:y|ies)|(?-i:march(?:es)?))",
    r"protesters?", r"extinction rebellion", r"black lives matter",
    r"vot[ée] (?:pour|pour le|pour la)", r"je vote", r"gestemd (?:op|voor)",
    r"(?:ik|wij|we) stem(?:de|den)? (?:altijd |nooit |vaak |meestal |nog )?(?:op|voor)",
    r"(?:à|à la|aux|en|une|des) manif(?:s|estations?)?", r"manifestant\w*",
    r"betoging\w*", r"(?:naar|op|aan) (?:de|een) (?:betoging|manifestatie|demonstratie|protestmars)",
    r"(?:auf|zu|bei|an) (?:der|einer|die|eine|den) (?:demo|demonstration|kundgebung)",
    r"zur (?:demo|demonstration|kundgebung)",
)
# Names that are ordinary words too ("labour costs", "ga vooruit", "het is groen", "MR" for
# "mister", "PS" at the end of a letter): only beside a vote, a party or a campaign.
POLITICAL_GATED = (
    r"(?-i:Labour)", r"(?-i:Conservatives?)", r"(?-i:Greens)", r"(?-i:Vooruit)", r"(?-i:Groen)",
    r"(?-i:MR)", r"(?-i:PS)", r"(?-i:SP)", r"(?-i:RN)", r"(?-i:Renaissance)", r"(?-i:Reform)",
    r"(?-i:Liberals?)", r"(?-i:Volt)", r"(?-i:Labor)", r"(?-i:Democrats?)", r"(?-i:Republicans?)",
)
POLITICAL_CONTEXT = (
    _VOTING, r"vot\w*", r"party", r"parti", r"partij\w*", r"partei\w*", r"politi\w*",
    r"stem(?:de|den|men)?", r"gestemd", r"verkiezing\w*", r"[ée]lection\w*", r"w[äa]hl\w*",
    r"gew[äa]hlt", r"lid", r"membre", r"mitglied\w*", r"militant\w*", r"government",
    r"regering", r"gouvernement", r"regierung", r"leaflet\w*", r"canvass\w*", r"campaign\w*",
    r"rall(?:y|ies)", r"tracts?", r"folders?", r"flyers?",
)

# ---------------------------------------------------------------------------------- ETHNIC_ORIGIN
# Nationalities and peoples a customer names as their own or their family's origin. The contact
# centres' own countries (Belgian, British, Irish, Dutch, French, German) are left out: saying so
# discloses nothing. English forms take an optional plural; other languages' forms their endings.
_ORIGINS = alternation(
    r"Afghans?", r"Africans?", r"Afro-\w+", r"Albanians?", r"Algerians?", r"Angolans?", r"Arabs?",
    r"Arabic", r"Armenians?", r"Asians?", r"Azerbaijanis?", r"Bangladeshis?", r"Bengalis?",
    r"Berbers?", r"Amazigh", r"Bosnians?", r"Brazilians?", r"Bulgarians?", r"Burundians?",
    r"Cameroonians?", r"Caribbean", r"Chechens?", r"Chileans?", r"Chinese", r"Colombians?",
    r"Congolese", r"Croat(?:ian)?s?", r"Cubans?", r"Dominicans?", r"Ecuadorians?", r"Egyptians?",
    r"Eritreans?", r"Ethiopians?", r"Filipin[oa]s?", r"Gambians?", r"Ghanaians?", r"Greeks?",
    r"Guineans?", r"Haitians?", r"Hispanics?", r"Hungarians?", r"Indians?", r"Indonesians?",
    r"Iranians?", r"Persians?", r"Iraqis?", r"Italians?", r"Ivorians?", r"Jamaicans?", r"Japanese",
    r"Jordanians?", r"Kazakhs?", r"Kenyans?", r"Koreans?", r"Kosovan?s?", r"Kosovars?",
    r"Kurd(?:ish|s)?", r"Latin[oa]s?", r"Latin American", r"Latvians?", r"Lebanese",
    r"Libyans?", r"Lithuanians?", r"Estonians?", r"Macedonians?", r"Malians?", r"Malaysians?",
    r"Mexicans?", r"Moldovans?", r"Mongolians?", r"Moroccans?", r"Nepal(?:ese|i)", r"Nigerians?",
    r"Pakistanis?", r"Palestinians?", r"Pashtuns?", r"Peruvians?", r"Polish", r"(?-i:Poles?)",
    r"Portuguese", r"Punjabis?", r"Romanians?", r"Russians?", r"Rwandans?", r"Senegalese",
    r"Serb(?:ian)?s?", r"Sierra Leonean", r"Slovaks?", r"Somalis?", r"Spanish", r"Sri Lankans?",
    r"Sudanese", r"Syrians?", r"Tamils?", r"Thai", r"Tibetans?", r"Tunisians?", r"Turk(?:ish|s)?",
    r"Ukrainians?", r"Uyghurs?", r"Venezuelans?", r"Vietnamese", r"West Indians?", r"Yemenis?",
    r"Yoruba", r"Igbo", r"Hausa", r"Ashanti", r"Akan", r"Fula(?:ni)?", r"Wolof",
    r"Mandinka", r"Zulu", r"Xhosa", r"Shona", r"Ndebele", r"Kikuyu", r"Oromo", r"Amhara",
    r"Tigray(?:an)?s?", r"Tuaregs?", r"Hazaras?", r"Baloch", r"Sindhis?", r"Gujaratis?",
    r"Hmong", r"Assyrians?", r"Zimbabweans?", r"Cape Verdeans?", r"Surinamese",
    r"biracial", r"Roma(?:ni|ny)?", r"Sinti", r"gypsy", r"gypsies", r"(?-i:Travell?ers?)",
    r"aboriginal", r"native american", r"Inuit", r"Maori",
    # French (endings: -e, -s, -ne, -nes).
    r"marocain\w{0,2}", r"alg[ée]rien\w{0,3}", r"tunisien\w{0,3}", r"turcs?", r"turques?",
    r"congolaise?s?", r"camerounaise?s?", r"s[ée]n[ée]galaise?s?", r"ivoirien\w{0,3}",
    r"malien\w{0,3}", r"guin[ée]en\w{0,3}", r"rwandaise?s?", r"burundaise?s?", r"polonaise?s?",
    r"roumaine?s?", r"bulgares?", r"albanaise?s?", r"kosovare?s?", r"portugaise?s?",
    r"espagnole?s?", r"italien\w{0,3}", r"grecs?", r"grecques?", r"russ(?:e|es)", r"ukrainien\w{0,3}",
    r"syrien\w{0,3}", r"irakien\w{0,3}", r"afghane?s?", r"iranien\w{0,3}", r"pakistanaise?s?",
    r"indien\w{0,3}", r"chinoise?s?", r"vietnamien\w{0,3}", r"kurdes?", r"arabes?",
    r"berb[eè]res?", r"kabyles?", r"maghr[ée]bin\w{0,2}", r"africain\w{0,2}", r"antillaise?s?",
    r"ha[iï]tien\w{0,3}", r"m[ée]tis(?:se)?s?", r"gitane?s?", r"tsiganes?",
    r"libanaise?s?", r"[ée]gyptien\w{0,3}", r"nig[ée]rian\w{0,2}", r"ghan[ée]en\w{0,3}",
    r"[ée]rythr[ée]en\w{0,3}", r"somalien\w{0,3}", r"[ée]thiopien\w{0,3}", r"asiatiques?",
    # Dutch.
    r"Marokka(?:ns|nse|an|anse|nen)", r"Turkse?", r"Congol(?:ees|ese)", r"Poolse", r"(?-i:Pools?)",
    r"Roemeens\w?", r"Roemeen", r"Bulgaars\w?", r"Albanees\w?", r"Syrisch\w?", r"Syri[eë]r",
    r"Afghaans\w?", r"Afghaan", r"Iraaks\w?", r"Iraans\w?", r"Koerd(?:isch\w?)?", r"Arabisch\w?",
    r"Surinaams\w?", r"Surinamer", r"Antilliaans\w?", r"Antilliaan", r"Somalisch\w?",
    r"Eritrees\w?", r"Ethiopisch\w?", r"Nigeriaans\w?", r"Ghanees\w?", r"Kameroens\w?",
    r"Chinees\w?", r"Vietnamees\w?", r"Indisch\w?", r"Indiaas\w?", r"Pakistaans\w?",
    r"Russisch\w?", r"Oekra[iï]ens\w?", r"Italiaans\w?", r"Italiaan", r"Spaans\w?",
    r"Portugees\w?", r"Grieks\w?", r"Kaapverdisch\w?", r"Moluks\w?", r"Molukker",
    r"Hindoestaans\w?", r"allochto\w*",
    # German (adjectives and the nouns "ich bin Türke" uses).
    r"\w+(?:anisch|esisch|ienisch|isch)(?:e[rnms]?)?(?= (?:herkunft|abstammung|wurzeln))",
    r"T[üu]rk(?:e|in|isch\w*)", r"marokkan(?:er|erin|isch\w*)", r"kurd(?:e|in|isch\w*)",
    r"(?-i:Pole|Polin)", r"polnisch\w*", r"rum[äa]n(?:e|in|isch\w*)", r"albaner(?:in)?", r"albanisch\w*",
    r"araber(?:in)?", r"syrer(?:in)?", r"afghan(?:e|in|isch\w*)", r"russ(?:e|in|isch\w*)",
    r"griech(?:e|in|isch\w*)", r"italiener(?:in)?", r"spanier(?:in)?", r"portugies(?:e|in)",
    r"vietnames(?:e|in)", r"chines(?:e|in)", r"afrikaner(?:in)?", r"afrikanisch\w*",
    r"kosovar(?:e|in)", r"serb(?:e|in|isch\w*)", r"kroat(?:e|in|isch\w*)", r"bosni(?:er|erin|sch\w*)",
    r"ukrainer(?:in)?", r"jenische\w?", r"eritreer(?:in)?", r"somalier(?:in)?",
    r"nigerianer(?:in)?", r"ghanaer(?:in)?", r"tunesier(?:in)?", r"algerier(?:in)?",
)
# Said of a person, a colour is an ethnicity: "I'm black", "je suis noire", "ik ben zwart".
_COLOURS = alternation(r"black(?! (?:cab|taxi|belt|friday|coffee|tea|sheep|market)\b)", r"noire?s?",
    r"zwart\w?", r"mixed[- ]race",
                r"schwarz\w?(?! (?:gefahren|gearbeitet|arbeite\w*))")
_COUNTRIES = alternation(
    r"Morocco", r"Maroc", r"Marokko", r"Turkey", r"Turquie", r"Turkije", r"T[üu]rkei", r"Congo",
    r"Kongo", r"Poland", r"Pologne", r"Polen", r"Romania", r"Roumanie", r"Roemeni[eë]", r"Rum[äa]nien",
    r"Bulgari[ae]n?", r"Albani[ae]n?", r"Albanie", r"Kosovo", r"Syri[ae]n?", r"Syri[eë]", r"Syrie",
    r"Afghanistan", r"Iraq", r"Irak", r"Iran", r"Pakistan", r"India", r"Inde", r"Indien",
    r"Bangladesh", r"Sri Lanka", r"China", r"Chine", r"Vietnam", r"the Philippines", r"Nigeria",
    r"Ghana", r"Cameroon", r"Cameroun", r"Kameroen", r"Kamerun", r"Senegal", r"S[ée]n[ée]gal",
    r"Somalia", r"Somali[eë]", r"Eritrea", r"Erythr[ée]e", r"Ethiopia", r"Sudan", r"Soudan",
    r"Kenya", r"Jamaica", r"Jama[iï]que", r"Trinidad", r"Barbados", r"Algeria", r"Alg[ée]rie",
    r"Algerije", r"Algerien", r"Tunisia", r"Tunisie", r"Tunesi[eë]", r"Tunesien", r"Egypt",
    r"[ÉE]gypte", r"Egypte", r"[ÄA]gypten", r"Lebanon", r"Liban", r"Libanon", r"Palestine",
    r"Palestina", r"Pal[äa]stina", r"Russia", r"Russie", r"Rusland", r"Russland", r"Ukraine",
    r"Oekra[iï]ne", r"Brazil", r"Br[ée]sil", r"Brazili[eë]", r"Brasilien", r"Colombia",
    r"Colombie", r"Kolumbien", r"Mexico", r"Mexique", r"Mexiko", r"Peru", r"P[ée]rou", r"Rwanda",
    r"Ruanda", r"Burundi", r"Guin[ée]e?", r"Guinea", r"Mali", r"Ivory Coast", r"C[ôo]te d['’]Ivoire",
    r"Haiti", r"Ha[iï]ti", r"Suriname", r"Cape Verde", r"Cap-Vert", r"Kaapverdi[eë]", r"Portugal",
    r"Spain", r"Espagne", r"Spanje", r"Spanien", r"Italy", r"Italie", r"Itali[eë]", r"Italien",
    r"Greece", r"Gr[eè]ce", r"Griekenland", r"Griechenland", r"Kurdistan", r"Africa", r"Afrique",
    r"Afrika", r"Asia", r"Asie", r"Azi[eë]", r"Asien", r"the Caribbean", r"West Indies",
    r"Bosnia", r"Bosnien", r"Serbia", r"Serbien", r"Croatia", r"Kroatien", r"Lithuania", r"Latvia",
    r"Hungary", r"Ungarn", r"Slovakia", r"Zimbabwe", r"Yemen", r"Jordan", r"Libya", r"Libye",
)
_SUBJECT = (
    r"(?:I['’]m|I am|I was|we['’]re|we are|we were|(?:my|our) (?:whole )?(?:family|parents|mother|"
    r"father|mum|mom|dad|husband|wife|partner|son|daughter|kids|children|grand(?:parents|mother|"
    r"father|ma|pa)|people|ancestors) (?:is|are|was|were)|je suis|j['’]suis|nous sommes|on est|"
    r"(?:mon|ma|mes) (?:famille|parents|m[eè]re|p[eè]re|mari|femme) (?:est|sont)|ik ben|wij zijn|"
    r"we zijn|mijn (?:familie|ouders|moeder|vader|man|vrouw) (?:is|zijn)|ich bin|wir sind|"
    r"meine? (?:Familie|Eltern|Mutter|Vater|Mann|Frau) (?:ist|sind))"
)
_FILLER = (r"(?:originally|half|part|partly|also|actually|both|proudly|from|of|a|an|un|une|een|"
           r"eine?|halb|half|d['’]origine|oorspronkelijk|urspr[üu]nglich|geb[üu]rtige?r?|aus|van|uit)")
_FROM = (r"(?:(?:I['’]m|I am|we['’]re|we are|he['’]s|she['’]s|they['’]re|(?:my|our) \w+ (?:is|are|was|"
         r"were)) (?:originally |actually |also |all )?from|(?:ich bin|wir sind) aus|"
         r"originally from|born in|grew up in|raised in|(?:I|we|he|she|they|(?:my|our) \w+) "
         r"(?:originally |all )?(?:come|comes|came|moved here|emigrated|fled) from|"
         r"(?:viens|vient|viennent|venons|venus?|venues?) d(?:u|e|e la|es|['’])|"
         r"originaires? d(?:u|e|e la|es|['’])|n[ée]e?s? (?:au|en|[àa])|"
         r"(?:kom|komen|komt|kwam|kwamen) uit|afkomstig uit|geboren in|"
         r"(?:komme|kommen|kommt|kam|kamen|stamme|stammen|stammt) aus)")
ETHNIC = (
    r"ethnic\w*", r"racial\w*", r"(?:my|our) race", r"of \w+ (?:origin|descent|heritage|ancestry)",
    r"migration background", r"immigrant background", r"(?:im)?migrants?", r"immigr[aeé]\w*",
    r"asylum seekers?", r"refugees?", r"r[ée]fugi[ée]e?s?", r"vluchteling\w*", r"fl[üu]chtling\w*",
    r"asielzoeker\w*", r"demandeur\w* d['’]asile", r"asylbewerber\w*",
    r"travell?er (?:community|site|family|families)", r"irish travell?ers?", r"(?-i:Roma|Sinti)",
    r"gypsy", r"gypsies", r"gens du voyage", r"woonwagen\w*", r"mixed[- ]race", r"biracial",
    r"mixed heritage", r"(?:black|asian|white) (?:british|african|caribbean|american|irish)",
    r"(?:person|people|man|woman|men|women|family|families|community) of colou?r",
    r"black (?:man|woman|person|people|guy|lady|family|community|customer|neighbour\w*)",
    r"indigenous", rf"origines? {_ORIGINS}", r"\w+e afkomst", r"\w+er herkunft",
    r"\w+er abstammung", r"migratieachtergrond", r"migrationshintergrund",
    r"issue?s? de l['’]immigration",
    rf"{_SUBJECT} (?:{_FILLER} ){{0,3}}(?:{_ORIGINS}|{_COLOURS})(?![- ]speak)",
    rf"{_FROM} (?:the |der |dem |la |le |l['’])?{_COUNTRIES}",
    rf"{_ORIGINS} (?:roots|background|heritage|descent|origin|ancestry|family|parents|community|"
    r"blood|passport|citizen(?:ship)?|nationality|wortels|roots|achtergrond|afkomst|origine|"
    r"wurzeln|herkunft|abstammung|familie)",
)

# ------------------------------------------------------------------------------------ TRADE_UNION
# Said in a call, "union" is a trade union unless it is one of these: "credit union", "Western
# Union", "European Union", "UnionPay", "a union of two accounts", "civil union", "Union Street".
_NOT_A_TRADE_UNION = (r"(?<!credit )(?<!european )(?<!western )(?<!civil )(?<!student )(?<!students )"
                      r"(?<!students' )(?<!soviet )(?<!customs )(?<!monetary )(?<!banking )")
TRADE_UNION = (
    rf"{_NOT_A_TRADE_UNION}unions?(?!['’]?s? (?:of|jack|street|road|square|bank|station|flag|between|"
    r"with|pay)\b)", r"trade unionists?", r"unioni[sz]ed", r"shop stewards?",
    r"workplace rep(?:resentative)?s?", r"(?:taking|take|took|on|in) industrial action",
    r"(?:I['’]m|we['’]re|I am|we are|been|I was|we were) striking",
    r"strike (?:action|ballot|pay|fund)", r"balloting",
    # Whisper writes a union named like a word in lower case: "a rep for unite".
    r"(?:members? of|rep (?:for|with|at)|steward (?:for|with)|organi[sz]er (?:for|with)|"
    r"belong to|lid van|lid bij|membre de|adh[ée]rent \w+|Mitglied (?:bei|in|von)) (?:the |de |het |"
    r"la |le |der |bei )?(?:unite|unison|verdi|connect|mandate|f[oó]r[sz]a)",
    r"(?:unite|unison|verdi|f[oó]r[sz]a) (?:member\w*|rep\w*|steward\w*|mitglied\w*|branch\w*|"
    r"dues|subs(?:criptions?)?|card|office|officer)",
    # Belgium, UK, Ireland, France, Netherlands, Germany: names that are nothing else.
    r"ABVV", r"FGTB", r"ACV(?:-CSC)?", r"ACLVB", r"CGSLB", r"BBTK", r"(?-i:SETCa|SETCA)",
    r"ACOD", r"CGSP", r"VSOA", r"(?-i:UNISON|Unison)", r"GMB", r"RMT", r"RCN", r"CWU", r"BMA", r"UCU",
    r"NUJ", r"FBU", r"teamsters?", r"SEIU", r"AFL-CIO", r"UAW", r"AFSCME", r"IBEW",
    r"(?:union|teamsters) local \d+",
    # Teachers', nurses' and public-sector unions in the US, Ireland, Canada, Australia, South
    # Africa: acronyms in capitals only ("into", "nea" are words).
    r"(?-i:AFT|UFT|NEA|NEU|EIS|INTO|CWA|AFGE|NNU|CUPE|PSAC|ACTU|CFMEU|AMWU|COSATU|NEHAWU|SADTU)",
    r"USDAW", r"NASUWT", r"ASLEF", r"TSSA", r"SIPTU", r"INMO", r"(?-i:ASTI)", r"F[óo]rsa", r"CGT",
    r"CFDT", r"CFE-CGC", r"UNSA", r"CFTC", r"Force ouvri[eè]re", r"FNV", r"CNV", r"IG Metall",
    r"IG (?-i:BCE|BAU)", r"DGB", r"ver\.di", r"NIPSA",
    r"vakbond\w*", r"syndica(?:l|le|les|ux|al|ale|aal|le premie)",
    r"syndicats?(?! (?:de copropri|des copropri|des eaux|intercommunal|mixte|"
    r"d['’]initiative))", r"syndiqu[ée]\w*", r"syndicalis\w*", r"d[ée]l[ée]gu[ée]e?s? syndica\w*",
    r"gewerkschaft\w*",
    # Taking part in a strike discloses more than a strike in the news.
    r"(?:I['’]m|I am|we['’]re|we are|I was|we were|been|going|go|went|came out) (?:out )?on strike",
    r"picket(?:ing)? lines?", r"picketing", r"(?:on|at|joined) the picket",
    r"(?:je suis|nous sommes|on est|j['’][ée]tais|"
    r"faire|fait) (?:en )?gr[eè]ve", r"gr[ée]viste\w*", r"(?:ik|wij|we) (?:staak|staken|staakte|"
    r"staakten)", r"(?:aan het|gaan|ging) staken", r"(?:ich|wir) streik\w*",
    r"(?:ich bin|wir sind|ich war|wir waren) (?:im|in den) streik",
)
_UNION_NAMES_AMBIGUOUS = alternation(
    r"(?-i:Unite|UNITE)", r"(?-i:Verdi)", r"(?-i:FO)", r"(?-i:SUD)", r"(?-i:CSC)", r"(?-i:PCS)",
    r"(?-i:NEU)", r"(?-i:Connect)", r"(?-i:Mandate)", r"(?-i:INTO)", r"(?-i:TUI)",
    r"(?-i:Equity)", r"(?-i:Prospect)", r"(?-i:GEW)", r"(?-i:EVG)", r"(?-i:NGG)",
)
TRADE_UNION_GATED = (_UNION_NAMES_AMBIGUOUS,)
TRADE_UNION_CONTEXT = (
    r"(?<!credit )unions?", r"member\w*", r"rep", r"reps", r"representative", r"stewards?",
    r"delegate\w*", r"dues", r"strike\w*", r"ballot\w*", r"picket\w*", r"vakbond\w*", r"lid",
    r"leden", r"syndica\w*", r"syndiqu\w*", r"membre\w*", r"adh[ée]r\w*", r"d[ée]l[ée]gu\w*",
    r"affili\w*", r"aangesloten", r"gewerkschaft\w*", r"mitglied\w*", r"streik\w*", r"gr[eè]ve\w*",
    r"staking\w*", r"joined", r"pay (?:deal|offer|dispute)", r"employer", r"werkgever",
    r"patron\w*", r"arbeitgeber", r"work", r"job", r"boss", r"colleagues", r"management",
    r"dispute", r"negotiat\w*", r"wages", r"rights",
)
