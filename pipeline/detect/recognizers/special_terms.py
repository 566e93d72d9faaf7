"""Lexicons for the special-category recognizers: regex fragments, matched case-insensitively.

Kept apart from the matching code because they are data: a reviewer adds a faith, a party or a
union here without reading the widening logic. Terms are general domain vocabulary (conditions,
faiths, sexual life, genetics here; parties, unions and origins in `special_terms_affiliation`) in
English, French, Dutch and German.

Conventions: `(?-i:...)` marks a term whose case carries the meaning ("Unite" the union, not
"unite"; "GP", not "gp" inside a word); lookaheads and lookbehinds exclude the ordinary senses a
call centre hears every day ("sick of waiting", "credit union", "traitement de votre demande").
*_GATED terms fire only with a *_CONTEXT word nearby (see `special.SpecialCategoryRecognizer`).
"""

from __future__ import annotations

from pipeline.detect.recognizers.base import alternation

# ---------------------------------------------------------------------------------------- HEALTH
# "PrEP" (HIV prevention), not "meal prep" or "prep school".
_PREP = (r"(?-i:PrEP|PREP|Prep)|(?:my|on|taking|take|started|stopped|your|the) prep"
         r"(?! (?:school|time|work|cook\w*|kitchen))")
# "I had surgery", not "the surgery" a British patient rings for an appointment.
_SURGERY = (r"(?:had|have|has|having|need|needs|needed|after|before|for|major|minor|heart|knee|"
            r"hip|back|eye|emergency|keyhole|brain|cosmetic|bypass|undergo\w*|recover\w* from|his|"
            r"her) surgery(?! (?:hours|opening|phone|number|reception|closes|opens))")
# Stems matched inside any word: Whisper glues or splits words ("impregnancy", "nondiabetic") and
# compounds carry them in Dutch and German ("zwangerschapsverlof", "Krebsbehandlung").
_HEALTH_STEMS = alternation(
    "pregnan", "diab[eèé]+t", "chemo", "chimio", "r[aä]dioth[eé]rap", "th[eé]rap(?:y|ie|ies|ist|eut)",
    "epilep", "asthm", "astma", "dement", "alzheim", "parkinson", "schizophr[eé]n", "psychiatr",
    "oncolog", "leuk[aä]?emi", "leuc[eé]mi", "lymphom", "arthrit", "arthros", "scl[eé]ros",
    "sklerose", "dialys", "insulin", "diagnos", "tumou?r", "tumeur", "cancer", "kanker", "krebs",
    "crohn", "c[o]?eliac", "c(?:oe|œ|e)liaqu", "coeliaki", "z[öo]liaki",
    "migr[aä]in", "fibromyalg", "hospitali[sz]", "zwanger", "schwanger",
    "ziekenhuis", "krankenhaus", "klinik", "kliniek", "h[oô]pita[lu]", "behindert", "handicap",
    "d[eé]press", "d[eé]prim", "alcoholi", "alkoholi", "addict", "verslaving", "demenz",
)
_SELF = (r"(?:I['’]m|I am|I was|I['’]ve been|he['’]s|she['’]s|he is|she is|been|off|fell|got|"
         r"feel(?:ing)?)")
# A charity or research body named after a condition says nothing of the speaker's health ("a
# monthly donation to your cancer charity", "Alzheimer's research").
_HEALTH_CAUSE = (r"(?!\w*(?:cancer|kanker|krebs|alzheim\w*|dement\w*|parkinson\w*|diabet\w*|"
                 r"leuk\w*)['’]?s?\s+(?:research|charity|charities|trust|foundation|fund|appeal|"
                 r"awareness|fundrais\w*)\b)")
HEALTH = (
    rf"{_HEALTH_CAUSE}\w*{_HEALTH_STEMS}\w*",
    # Medical word-endings, so a condition or procedure no list names is still found
    # ("endometriosis", "laparoscopy", "fibromyalgia"), less the everyday words that share them.
    r"\w{3,}itis", r"\w{3,}(?:ectom(?:y|ies|ie)|ektomie|oscop(?:y|ies|ie)|oskopie)",
    r"\w{3,}(?:plasty|plastie|aemia|ämie|émie)", r"(?!academia\b)\w{3,}emia",
    r"(?!(?:osm|hypn|metamorph|symbi|apothe|progn)osis\b)\w{3,}osis",
    r"(?!(?:sym|em|anti|tele|a)pathy\b)\w{2,}pathy", r"(?!nostalgia\b)\w{3,}algia",
    r"(?:carcin|melan|lymph|sarc|myel|gli|aden|mening|fibr|blast|neur)omas?",
    # Medicines by their international-name stems ("warfarin", "donepezil", "ramipril",
    # "atorvastatin", "sertraline" is a name of its own): what someone takes says what they have.
    r"\w{2,}(?:pril|sartan|olol|statin|azepam|azolam|oxetine|cillin|mycin|cycline|floxacin|"
    r"prazole|profen|parin|farin|formin|pezil|gliptin|triptan|setron|tinib|umab|ximab|zumab|"
    r"pramine|triptyline|tidine|glutide)",
    r"hole in (?:the|her|his|my|your) heart", r"sertraline", r"citalopram",
    r"paracetamol", r"levothyroxine", r"methotrexate", r"lithium",
    r"anxiety", r"panic attacks?", r"hiv", r"(?-i:AIDS)", r"hepatitis",
    r"autis\w*", r"adhd", r"(?:OCD|PTSD|COPD|MRI|MRT|ECG|EKG|GP|A&E|ICU|IRM)s?", r"bipolar",
    r"miscarriage", _SURGERY, r"surgeon", r"in (?:the )?hospital", r"disabilit\w*", r"disabled",
    r"wheelchair", r"medication", r"meds", r"prescription", r"therapist", r"mental health",
    r"heart attack", r"stroke(?! of)", r"sick (?:leave|note|pay)", r"illness", r"allerg\w*",
    r"covid", r"rehab", r"reha", r"infertil\w*", r"ivf", r"abortion", r"deaf", r"chronic \w+",
    # Conditions named by organ or kind: "a heart condition", "kidney failure", "lung disease".
    r"(?:heart|lung|kidney|liver|skin|thyroid|bowel|bladder|back|mental|medical|health|"
    r"neurological|respiratory|long-term|terminal|underlying) (?:condition|problem|disease|"
    r"failure|issue|illness|disorder)s?",
    r"diseases?", r"disorders?", r"syndromes?", r"cardiac", r"copd", r"emphysema", r"colitis",
    r"seizures?", r"paraly[sz]\w*", r"amputat\w*", r"pacemaker", r"oxygen (?:machine|supply|"
    r"concentrator|tank)", r"stairlift", r"hearing aids?", r"visually impaired",
    r"partially sighted", r"hard of hearing", r"(?:sleep )?apn(?:o)?ea", r"(?-i:C-?PAP|BiPAP)",
    r"cpap machine", r"nebuli[sz]er", r"ventilator",
    # "I've MS" (multiple sclerosis), not the title "Ms"; IBS
    r"(?-i:(?:I['’]ve|I have|I['’]ve got|has|had|with|got) MS)\b"
    r"(?! (?i:teams|word|office|excel|outlook|access|dynamics|365)\b)", r"ibs",
    # hearing or sight that fails, said plainly ("er hört sehr schlecht", "il entend mal")
    r"(?:hört|höre|hören|sieht|sehe|sehen) (?:sehr |ganz |ziemlich )?schlecht",
    r"(?:hoort|hoor|horen|ziet|zie|zien) (?:heel |erg |zeer )?slecht",
    r"(?:entend|entends|voit|vois) (?:très |vraiment )?mal", r"can['’]?t hear (?:very )?well",
    r"(?:losing|lost) (?:my|his|her) (?:hearing|sight)",
    # loss of a sense or faculty named as such ("moderate hearing loss", "sight loss")
    r"(?:hearing|sight|vision|memory) loss", r"tinnitus", r"cochlear implants?",
    r"blood (?:pressure|tests?|sugar|results|work|"
    r"thinners?|transfusion)", r"eating disorder", r"anorexi\w*", r"bulimi\w*", r"burn-?out",
    r"lupus", r"terminally ill", r"medical (?:needs|equipment|treatment|reasons?|certificate|"
    r"condition|history|records?)", r"mobility (?:issues|problems|scooter|aids?)",
    r"carers?", r"care home", r"nursing home", r"injur(?:y|ies|ed)", r"whiplash",
    r"fractur\w*", r"(?:broken|broke|fractured|sprained|dislocated|twisted|torn|tore) "
    r"(?:(?:my|his|her|their|a) )?(?:left |right |lower |upper )?"
    r"(?:leg|arm|hip|wrist|ankle|back|foot|ribs?|collarbone|nose|neck|shoulder|knee|elbow|pelvis|"
    r"jaw|ligaments?|tendons?|achilles|hamstring|cartilage|spine|skull|thumb|finger|toe)",
    r"(?:have|has|got|with|diagnosed with) (?-i:MS|ME)(?! (?-i:[A-Z]))",
    r"(?:on|needs?) oxygen",
    r"prostate", r"transplant\w*", r"(?:neuro|cardio|derma|gyn(?:a)?eco|uro|gastroentero|psycho)"
    r"log(?:ist|y)", r"antidepressants?", r"painkillers?", r"antibiotics?", r"steroids?",
    r"inhaler", r"epipen", r"morphine", r"methadone", r"statins?", r"chemotherapy",
    # Whisper's "I'm sick" is health; "I'm sick of waiting" is a complaint.
    rf"{_SELF} (?:very |really |quite |seriously |so |terribly |a bit )?(?:sick|ill|unwell|poorly)"
    r"(?! (?:of|and tired|to death))",
    r"(?:had|have|has|got|caught|with) (?:the )?flu", r"(?:had|has|have|took) a (?:bad |nasty )?fall",
    r"(?:a|my|his|her) lump(?! sum)",
    r"x-?rays?", r"(?:CT|PET|MRI|brain|hospital|heart|body|baby|pregnancy|\w+-week) scans?",
    r"(?:my|his|her|the) scan results", r"biops\w*", r"mammogram", r"ultrasound",
    r"smear test", r"(?:colono|endo)scop\w*", r"remission", r"(?:doctor|GP)['’]?s? (?:note|letter)",
    r"fit note", r"(?:my|his|her|our|the|a|see (?:a|the)|to (?:a|the)) (?:doctor|nurse|midwife|"
    r"psychologist|paediatrician|pediatrician|physio|dentist|optician)",
    r"dent(?:ist|al)", r"orthodont\w*", r"(?:hospital|clinic|medical|outpatients?|consultant|GP|"
    r"dental|doctor['’]?s?) appointments?", r"outpatients?", r"emergency room", r"ambulance",
    r"paramedics?", r"intensive care", r"operated on", r"(?:an?|my|his|her|their|major|minor|"
    r"emergency|heart|knee|hip|back|eye|shoulder|cataract) operations?",
    r"waiting list for (?:an? |my |his |her )?(?:operation|surgery|treatment|\w+ replacement)",
    r"(?:hip|knee|joint|valve) replacement", r"(?:heart |triple )?bypass (?:surgery|operation)",
    r"stents?", r"crutches", r"walking (?:stick|frame)", r"zimmer frame", r"guide dog",
    r"sign language", r"blue badge", r"motability", r"(?:my|his|her) (?:condition|illness|"
    r"treatment|diagnosis|symptoms|medication|pills|inhaler|prescription|recovery|operation)",
    r"symptoms", r"(?:my|his|her|having|under|receiving|in|course of|hospital|medical|cancer|"
    r"fertility|dental) treatments?", r"(?:chronic|back|chest|joint|nerve|neck|severe|constant) "
    r"pains?", r"in (?:a lot of |so much |constant )?pain", r"(?:nervous|mental) breakdown",
    r"suicid\w*", r"self-harm\w*", r"dyslexi\w*", r"dyspraxi\w*", r"cerebral palsy",
    r"muscular dystrophy", r"spina bifida", r"motor neurone", r"vertigo", r"tinnitus",
    r"glaucoma", r"cataracts?", r"macular", r"incontinen\w*", r"catheter", r"stoma",
    r"colostomy", r"hernia", r"gallstones?", r"kidney stones?", r"ulcers?", r"infections?",
    r"pneumonia", r"bronchitis", r"sepsis", r"eczema", r"psoriasis", r"osteopor\w*", r"angina",
    r"cholesterol", r"obes(?:e|ity)", r"thyroid", r"tuberculosis", r"meningitis", r"concussion",
    r"palliative", r"hospice", r"midwife", r"maternity (?:leave|ward|unit)", r"c-section",
    r"ca?esarean", r"expecting (?:a baby|twins|our first|my first)", r"morning sickness",
    _PREP, r"learning difficult\w*", r"special needs",
    r"(?<!roller )(?<!window )(?<!venetian )blind(?! spot)", r"clinical",
    # French.
    r"m[ée]dicament\w*", r"m[ée]decin\w*", r"docteur", r"maladie", r"malade", r"infirmi\w*",
    r"enceinte(?!s? (?:bluetooth|connect[ée]e|sans fil|portable|audio|acoustique))",
    r"grossesse", r"fausse couche", r"accouch\w*", r"cong[ée] (?:de )?(?:maternit[ée]|maladie)",
    r"arr[eê]t (?:de )?(?:maladie|travail)", r"certificat m[ée]dical", r"ordonnance",
    r"(?:mon|son|sous|un) traitement", r"traitement (?:contre|m[ée]dical|lourd)",
    r"(?:suis|me faire|se faire|vais me faire|j['’]ai [ée]t[ée]|a [ée]t[ée]) op[ée]r[ée]\w*",
    r"(?:op[ée]ration|intervention) chirurgicale", r"chirurg\w*", r"fauteuil roulant",
    r"AVC", r"infarctus", r"crise cardiaque", r"anxi[ée]t[ée]", r"aux urgences",
    r"insuffisance (?:cardiaque|r[ée]nale|respiratoire|h[ée]patique|veineuse)", r"aveugle", r"sourde?s?",
    r"malvoyant\w*", r"malentendant\w*",
    r"b[ée]quilles", r"r[ée][ée]ducation", r"proth[eè]se", r"kin[ée](?:sith[ée]rapeute\w*)?",
    r"dentiste",
    r"psycholog\w*",
    # Dutch.
    r"medicijn\w*", r"medicatie", r"pillen", r"hartaanval", r"hartinfarct", r"beroerte",
    r"hartfalen", r"depressie", r"ziek", r"zieke", r"ziekte\w*", r"ziekmelding", r"ziekenbriefje",
    r"doktersbriefje", r"medisch\w*", r"operatie\w*", r"geopereerd", r"rolstoel\w*", r"dokter\w*",
    r"huisarts\w*", r"(?:de|mijn|bij de|naar de) arts", r"bestraling\w*", r"suikerziekte",
    r"gehandicapt\w*", r"invalide", r"arbeidsongeschikt\w*", r"revalidatie", r"miskraam",
    r"bevalling", r"moederschapsrust", r"kinesist\w*", r"fysio\w*", r"psycholoog",
    r"(?:mijn|zijn|haar|onder|medische) behandeling", r"slechtziend\w*", r"doof",
    r"slechthorend\w*", r"krukken", r"tandarts\w*",
    # German.
    r"medikament\w*", r"tabletten", r"herzinfarkt", r"schlaganfall", r"krank", r"kranke",
    r"krankheit\w*", r"krankgeschrieben", r"krankschreibung", r"krankmeldung", r"attest",
    r"arbeitsunf[äa]hig\w*", r"(?:eine|meine|seine|ihre|der) operation", r"operiert",
    r"rollstuhl\w*", r"rollator", r"\w*(?:arzt|[äa]rztin|[äa]rzte)\w*", r"pflege(?:grad|stufe|"
    r"heim|dienst|bed[üu]rftig)\w*", r"bestrahlung", r"fehlgeburt", r"schmerzen",
    r"(?:habe|hab|hat) zucker", r"blutdruck", r"blut(?:untersuchung|test|abnahme|werte)",
    r"r[öo]ntgen\w*", r"ultraschall", r"h[öo]rger[äa]t\w*", r"geh[öo]rlos", r"kr[üu]cken",
    r"mutterschutz", r"entbindung", r"kaiserschnitt", r"psycholog(?:e|in)",
    # Compound diagnoses name the body part first: "Kreuzbandriss", "Handgelenksbruch",
    # "Blinddarmentzündung", "Bandscheibenvorfall"; "Vertragsbruch" and "Einbruch" are not.
    r"(?:kreuzband|meniskus|sehnen?|muskel|achilles(?:sehnen)?|bein|arm|hand|handgelenks?|fu(?:ß|ss)|"
    r"h[üu]ft|knie|schulter|wirbel|rippen|sch[äa]del|schl[üu]sselbein|kn[öo]chel|becken|nasenbein)"
    r"(?:riss|bruch|verletzung|prellung|operation|op)",
    r"\w+entz[üu]ndung", r"bandscheiben\w*", r"\w*tumor\w*", r"\w*krebs\w*",
    # ... and so does Dutch: "kruisbandletsel", "heupbreuk", "blindedarmontsteking".
    r"kruisband\w*", r"(?:been|arm|heup|pols|enkel|rib|schouder|sleutelbeen)breuk", r"\w+ontsteking",
)

# -------------------------------------------------------------------------------------- RELIGION
RELIGION = (
    r"muslim\w*", r"islam\w*", r"christians?", r"christianity", r"catholi\w*", r"protestant\w*",
    r"jewish", r"jews?", r"judaism", r"hindu\w*", r"buddhis\w*", r"sikh\w*", r"atheis\w*",
    r"agnostic", r"church", r"mosque", r"synagogue", r"ramadan", r"halal", r"kosher", r"religio\w*",
    r"my faith", r"bible", r"qur['’]?an", r"koran", r"j[eé]hovah['’]?s?", r"mormon\w*",
    r"prayers?", r"(?:go|goes|went|going|time) to pray",
    r"pray(?:s|ed|ing)? (?:five times|every day|daily|at the|in the|together)", r"sabbath", r"shabbat",
    r"fasting", r"orthodox", r"gurdwara",
    r"temple", r"(?<!der )(?<!den )(?<!einen )(?<!unter )(?-i:Eid)", r"evangeli\w*", r"pentecostal\w*",
    r"anglican", r"baptist", r"methodist",
    r"presbyterian", r"lutheran", r"calvinis\w*", r"quaker", r"adventist", r"latter-day saints?",
    r"born-again", r"scientolog\w*", r"rastafari\w*", r"(?-i:Jain)\w*", r"zoroastr\w*",
    r"pagan\w*", r"wicca\w*", r"devout", r"(?:go(?:ing|es)? to|went to|at|for|after|before|from|"
    r"attend\w*|Sunday|Easter|Christmas|midnight|morning|evening|daily) mass"
    r"(?! (?:email|mail\w*|market|production|transit|media|text|message|of))",
    r"(?:for|during|in|since|up for|start of) (?-i:Lent)", r"ash wednesday",
    r"easter (?:mass|service|vigil)", r"diwali", r"deepavali", r"(?-i:Holi)", r"navratri",
    r"[vb]aisakhi", r"passover", r"pesach", r"yom kippur", r"rosh hashanah?", r"hann?ukk?ah",
    r"chanukk?ah", r"sukkot", r"purim", r"shavuot", r"ba[rt] mitzvah", r"iftar", r"suhoor",
    r"hajj", r"umrah", r"mecca(?! bingo)", r"pilgrimage", r"imam", r"rabbi", r"(?:my|our|the "
    r"local|the parish|parish) (?:priest|pastor|vicar|minister|chaplain|rector|reverend)",
    r"priest", r"vicar", r"(?:my|our) parish", r"congregation",
    # lay roles in a congregation ("I'm a deacon", "a lay preacher", "churchwarden")
    r"deacon(?:s|ess)?", r"(?:lay )?preachers?", r"churchwardens?", r"kingdom hall", r"elders? "
    r"(?:at|of|in) (?:the |my |our )?(?:church|chapel|congregation|mosque|temple|synagogue|kirk)",
    r"hijab\w*", r"niqab",
    r"bur[qk]a", r"headscar(?:f|ves)", r"turban", r"kippah?", r"kipah", r"yarmulke", r"rosary",
    r"crucifix", r"convert(?:ed|ing|s)? to (?:islam|judaism|christianity|catholicism|buddhism|"
    r"hinduism|sikhism|orthodoxy|the faith)", r"sermon", r"scriptures?",
    r"torah", r"talmud", r"(?:to|at|from) chapel", r"(?:first|holy) communion", r"baptis\w*",
    r"baptiz\w*", r"christening", r"(?:go|went|going) to confession", r"insh?a[' ]?allah",
    r"in sha allah", r"mashallah", r"alhamdulillah", r"subhanallah", r"bismillah",
    r"hare krishna",
    # French.
    r"musulman\w*", r"juif", r"juive\w*", r"chr[ée]tien\w*", r"bouddhiste\w*", r"hindou\w*",
    r"ath[ée]e\w*", r"mosqu[ée]e", r"[ée]glise", r"[àa] la messe", r"pri[eè]re\w*", r"aller prier",
    r"car[eê]me", r"(?-i:Aïd)", r"a[iï]d (?:el|al)[- ]\w+",
    r"(?:porte|porter|portant|portes) (?:le |un )?(?:voile|foulard)",
    r"rabbin", r"curé", r"pr[eê]tre", r"(?:mon|notre|le) pasteur", r"croyant\w*",
    r"pratiquant\w*", r"bapt[eê]me", r"p[eè]lerinage", r"kippa", r"converti\w* (?:[àa] l['’]islam|"
    r"au \w+isme)", r"t[ée]moins? de j[ée]hovah", r"pentec[ôo]tiste\w*",
    # Dutch.
    r"moskee", r"kerk", r"katholie\w*", r"protestants\w*", r"jood", r"joden", r"joods\w*",
    r"moslim\w*", r"christen(?:en|dom|s)?",
    r"christelijke?(?! (?:mutualiteit|mutualiteiten|ziekenfonds))",
    r"boeddhis\w*", r"hindoe\w*", r"athe[iï]st\w*", r"synagoge", r"(?:naar de |zondags)mis", r"bidden",
    r"gebed\w*", r"vasten", r"vastenmaand", r"hoofddoek\w*", r"rabbijn",
    r"pastoor", r"dominee", r"priester", r"gelovig\w*", r"praktiserend\w*", r"suikerfeest",
    r"offerfeest", r"gedoopt", r"doopsel", r"communie", r"bekeerd tot \w+", r"jehova\w*",
    # German.
    r"moschee", r"kirche", r"katholisch\w*", r"evangelisch\w*", r"protestantisch\w*",
    r"j[üu]disch\w*", r"(?:bin|als|ein|sind) (?:jude|j[üu]din)", r"juden", r"muslimisch\w*",
    r"moslem\w*", r"christlich\w*",
    r"buddhistisch\w*", r"hinduistisch\w*", r"beten", r"gebet(?:e|s)?", r"gottesdienst\w*",
    r"kopftuch\w*", r"fasten(?:zeit|monat)", r"pfarrer\w*", r"rabbiner\w*", r"kirchensteuer",
    r"kirchenaustritt", r"aus der kirche ausgetreten", r"konfessionslos", r"gl[äa]ubig(?:e|en)?",
    r"kommunion", r"konfirmation", r"firmung", r"taufe", r"getauft",
)

# --------------------------------------------------------------------------------------- SEX_LIFE
SEX_LIFE = (
    r"gay", r"lesbian\w*", r"bisexual\w*", r"transgender\w*", r"transsexual\w*", r"homosexual\w*",
    r"heterosexual\w*", r"queer", r"lgbt\w*", r"sexual orientation", r"sex life", r"same-sex",
    r"same sex", r"sexu\w*", r"seksu\w*", r"homo", r"non-?binary", r"gender ?(?:queer|fluid)",
    r"(?:I['’]m|I am|is|as a|being|she['’]s|he['’]s|they['’]re|we['’]re) trans",
    r"trans (?:woman|women|man|men|person|people|kid|daughter|son|partner|wife|husband)",
    r"transition(?:ed|ing)? (?:to (?:a )?(?:male|female|man|woman)|gender)",
    r"gender (?:reassignment|transition|affirming|identity|dysphoria)", r"(?:my|their) pronouns",
    r"(?:came|come|coming) out to (?:my|her|his|their) (?:parents|family|mum|mom|dad|mother|"
    r"father)", r"(?-i:STIs?|STDs?)(?! codes?)",
    r"chlamydia", r"gonorrh\w*", r"syphilis", r"herpes", r"erectile", r"impoten\w*", r"viagra",
    r"contracept\w*", r"(?:on|taking|take|started|stopped|came off|morning-after) (?:the )?pill",
    # a couple who say they are both men or both women ("my husband, we're both men")
    r"(?:(?:we['’]re|we are|they['’]re|they are) both|both of (?:us|them) are) (?:men|women|"
    r"guys|girls|blokes)\b",
    r"(?:we['’]re|we are|they['’]re|they are) a (?:gay|lesbian|same-sex) couple",
    r"two (?:dads|mums|moms)",
    r"condoms?", _PREP, r"(?:in)?fertil(?:ity|e)", r"vasectomy",
    r"(?:unprotected|safe|safer|had|have|having|oral|anal) sex",
    r"sex work\w*", r"polyamor\w*", r"open relationship", r"swingers?",
    # French, Dutch, German.
    r"lesbienne\w*", r"bisexuel\w*", r"transgenre\w*", r"homosexuel\w*", r"coming[- ]out",
    r"infections? sexuellement transmissibles?", r"(?-i:MST|IST)", r"pr[ée]servatifs?",
    r"(?:prends|prendre|sous|la) pilule", r"pilule du lendemain",
    r"homoseksu\w*", r"lesbisch\w*", r"biseksu\w*", r"(?-i:soa)", r"anticonceptie",
    r"(?:aan|neem|nemen|slik) de pil", r"condoom\w*", r"vruchtbaarheid\w*",
    r"uit de kast (?:gekomen|komen|kwam)",
    r"schwul\w*", r"bisexuell\w*", r"geschlechtskrank\w*", r"verh[üu]tung\w*",
    r"(?:nehme|nimmt|nehmen) die pille", r"kondom\w*", r"fruchtbarkeit\w*", r"kinderwunsch\w*",
    r"geoutet", r"potenz(?:probleme?|mittel|st[öo]rung)\w*", r"erektions\w*",
)

# ------------------------------------------------------------------------------ GENETIC_BIOMETRIC
GENETIC_BIOMETRIC = (
    r"dna", r"adn", r"genetic\w*", r"g[eé]n[eé]ti\w*", r"genomes?", r"genomics?", r"genom", r"genoom",
    r"hereditary",
    r"inherited (?:condition|disease|gene|disorder)", r"fingerprints?", r"finger ?scan",
    r"face (?:scan|recognition)", r"facial (?:recognition|scan|biometrics?|id)", r"face ?id",
    r"touch ?id", r"thumb ?(?:print|scan)s?",
    # a device that knows its owner's body: "it only unlocks with my fingerprint / my face"
    r"unlock(?:s|ed|ing)? (?:\w+ ){0,2}with (?:my|his|her|your|their) (?:finger|thumb|face|eyes?|"
    r"voice)",
    r"retina(?:l)? scan", r"iris scan", r"palm (?:scan|print|vein)", r"voice ?prints?",
    r"voice (?:biometrics?|authentication|signature|id)", r"biometri\w*",
    r"(?:gene|genetic|brca\w*|carr(?:y|ies|ying)(?: a| the)?) mutations?",
    # "the GJB2 mutation", "a rare mutation": in a customer call a mutation is someone's genes.
    # English determiners only: French "ma mutation à Lyon" is a job transfer.
    r"[a-z]+\d+[a-z\d]* mutations?", r"(?:the|a|that|this|same|my|his|her|their) (?:\w+ )?mutation",
    r"carrier gene", r"genes", r"(?:a|the|faulty|bad|rare|cancer|recessive|dominant) gene", r"brca ?\w*",
    r"paternity test\w*", r"23 ?and ?me",
    r"ancestry test", r"gene therapy", r"sickle[- ]cell", r"cystic fibrosis", r"huntington['’]?s",
    r"ha?emophilia", r"thalass?a?emia",
    r"empreintes? (?:digitales?|g[ée]n[ée]tiques?|vocales?)", r"reconnaissance faciale",
    r"h[ée]r[ée]ditaire\w*", r"test de paternit[ée]", r"erfelijk\w*", r"vingerafdruk\w*",
    r"gezichtsherkenning", r"irisscan", r"vaderschapstest", r"erblich\w*", r"erbkrank\w*",
    r"vererb\w*", r"gentest\w*", r"fingerabdr\w*", r"gesichtserkennung", r"vaterschaftstest\w*",
)
