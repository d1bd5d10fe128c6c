"""Word lists the rules use: titles, triggers, organisation heads, common words.

Written by hand from general knowledge of each language (nothing here is
extracted from an annotated corpus).  Everything is lower-cased and compared
with :func:`babelwire.entities.normalise.norm_token`.
"""

from __future__ import annotations

from .normalise import norm_token


def word_set(s: str) -> frozenset[str]:
    """The words of ``s`` as tokens are compared: folded by :func:`norm_token`, so
    ``président`` meets the token ``President`` (``norm`` drops the accent)."""
    return frozenset(norm_token(w) for w in s.split())


#: Titles and roles: never part of a PER span (MasakhaNER keeps "Rais" outside the
#: name), and a capitalised run right after one is a person.
TITLES = word_set(
    """
    rais raisi waziri mkuu makamu katibu jaji jenerali gen maj lt col brig dkt dk dr bw bi bwana mheshimiwa mhe
    balozi seneta mbunge mwenyekiti mkurugenzi kamanda kiongozi askofu papa profesa prof meja kanali luteni spika
    gavana meya mfalme malkia mwanamfalme naibu msemaji mwandishi kocha mchungaji padri imamu marehemu mama mzee
    mwanasheria mtendaji mratibu afisa mkuu wakili nahodha sajenti koplo inspekta kamishna mwendesha mashtaka
    president vice prime minister secretary general chancellor king queen prince princess mr mrs ms miss sir lord
    senator judge justice pope governor mayor chairman chairwoman chairperson chair chief spokesman spokeswoman ambassador envoy
    commander lieutenant colonel captain sergeant major professor sheikh ayatollah emir crown deputy foreign defence
    defense director leader
    président présidente ministre premier secrétaire général roi reine m mme pape chancelier porte-parole
    presidente ministro primer secretario general rey reina sr sra papa canciller portavoz
    präsident präsidentin ministerin bundeskanzler kanzler kanzlerin herr frau papst aussenminister außenminister
    shugaba ministan gwamna sarki janar sakatare mai magana
    shugaban gwamnan sarkin kocin kwamishina kwamishinan darakta daraktan kakakin jakada jakadan malam alhaji alhaja hajiya
    aare gomina oba alaga minisita oloye ogbeni arabinrin omowe oga komisona kominsanna alakoso dokita agbenuso ojogbon
    wasiirka wasiir madaxweyne madaxweynaha guddoomiye guddoomiyaha taliye taliyaha gudoomiyaha afhayeen
    afhayeenka duqa agaasime agaasimaha safiir safiirka
    президент министр премьер премьер-министр генсек генеральный секретарь глава госсекретарь канцлер король
    господин генерал посол спикер председатель
    dakta dokta daktari doctor docteur doktor onímọ̀
    commissioner commissaire comisario kommissar kommissarin комиссар еврокомиссар
    """
)
# (the last line: sample corpus QA, "EU Trade Commissioner Maroš Šefčovič" was one person's name;
# likewise the Hausa honorifics malam, alhaji, alhaja, hajiya: "Malam Sani Garba", "Alhaji Bashir Ɗanmalam")

#: Endings of German role and profession nouns, written as one word with what they qualify
#: ("Agrarökonomin", "Politologe", "Geschäftsführer"): such a word is a title (sample corpus
#: QA: "Die Agrarökonomin Sabine Hartmann" was one name).  Masculine and feminine (-in) forms.
DE_TITLE_ENDINGS = tuple(
    norm_token(w)
    for w in (
        "ökonom ökonomin ologe ologin experte expertin analyst analystin forscher forscherin wissenschaftler "
        "wissenschaftlerin sprecher sprecherin minister ministerin direktor direktorin präsident präsidentin "
        "berater beraterin führer führerin leiter leiterin kommissar kommissarin botschafter botschafterin "
        "sekretär sekretärin chef chefin vorsitzender vorsitzende beauftragter beauftragte"
    ).split()
)


def is_title(norm: str, lang: str) -> bool:
    """A title or role word: in ``TITLES``, or, in German, a noun ending in a role (``DE_TITLE_ENDINGS``)."""
    return norm in TITLES or (lang == "de" and norm.endswith(DE_TITLE_ENDINGS))


#: Titles written short with a full stop: the word after "Bw." or "Dr." opens no sentence
#: (QA: "Bw. Juma Ole Sankale" gave "Ole Sankale", as "Juma", a sentence's first word,
#: is also Swahili for "week").  English, French, Spanish, German, Swahili, Somali.
ABBREVIATED_TITLES = word_set(
    "dr dkt dk bw bi mhe mch prof pr mr mrs ms m mme mlle sr sra srta dra gen col lt maj brig capt sgt hon rev sen gov"
)

#: Verbs of speech: a capitalised run right before or after one is a person.
SPEECH = word_set(
    """
    alisema amesema anasema walisema wamesema aliongeza ameongeza alieleza ameeleza aliambia alisisitiza
    said says told added stated warned announced
    déclaré déclare dit affirmé
    dijo afirmó declaró sagte erklärte
    заявил заявила сказал сказала сообщил
    """
)

#: Speech verbs of two words, matched as a pair: alone, French/English "a" and Swahili
#: "ya" (of) are among the commonest words ("chanjo ya Mpox", "A Western diplomat").
SPEECH_PAIRS = frozenset(
    (norm_token(a), norm_token(b)) for a, b in (p.split() for p in ("a déclaré", "a dit", "a affirmé", "ya ce", "ta ce", "sun ce"))
)

#: Words that mark the next capitalised run as a place (Swahili locatives and prepositions).
LOC_TRIGGERS = word_set(
    """
    mjini jijini nchini mkoani wilayani kijijini kisiwani huko barani mji jiji mkoa wilaya kijiji kisiwa jimbo
    jimboni eneo kaunti kaunta mtaa mitaa
    city province region capital town village
    mto ziwa mlima
    gobolka gobollada magaalada degmada degmooyinka xerada xeryaha webiga webiyada tuulada xaafadda xaafadaha
    dalka wadanka jasiiradda
    birnin garin jihar jihohin yankin yankunan kasuwar
    ìlú ìpínlẹ̀ agbègbè
    soko sokoni ọjà suuqa suuqyada
    """
)
# (xaafadda, neighbourhood; dalka, wadanka, country; jasiiradda, island: QA's Somali report, "xaafadda
# Islii (Eastleigh)" made Islii a person, and a speaker)
# (the markets, Swahili, Yoruba and Somali: low-resource QA, "ọjà Balogun" (Balogun market) was a
# person, who was then credited with a quote)
# (the three lines before: sample corpus QA, Somali words for region(s), city, district(s), camp(s),
# river(s), village; Hausa city, town, state(s), area(s), market of; Yoruba town, state, area:
# "gobollada Banaadir, Bay, Bakool iyo Gedo", "a yankin Limete", "ní ìpínlẹ̀ Èkó" gave people)

#: First words that make a capitalised run of two words or more a place: "Khan Younès" (a
#: caravanserai, Arabic), "Kerem Shalom" (a vineyard, Hebrew), "Deir al-Balah" (a monastery),
#: "Beit Hanoun" (a house), "Kafr" (a village), "Tel" (a mound), "Ras" (a cape), "Port Harcourt",
#: "Mount Kenya", "Lake Turkana"; Yoruba "Òkun Dúdú" (the Black Sea: òkun is sea), "Odò" (river);
#: Hausa "Kantin Kwari" (a market: kanti is a shop), "Kogin", "Tafkin", "Dutsen" (river, lake,
#: mountain of).  Sample corpus QA found Khan Younès, Kerem Shalom, Òkun Dúdú and Kantin Kwari
#: typed as people.  "Khan" and "Kerem" are names too (Imran Khan; Kerem, a Turkish given name):
#: a run they open is a place all the same, as a title or a speech verb types a run first.
LOC_HEADS = word_set(
    """
    khan kerem deir beit kafr tel ras port mount lake cape
    òkun odò kantin kogin tafkin dutsen
    marinka
    """
)
# (Somali "marinka", the corridor: sample corpus QA, "gaaray Marinka Gaza" (reached the Gaza corridor) gave the person Marinka)

#: Heads of organisation names: "Wizara ya …", "Ministry of …", "Министерство …".
#: (shirikisho, federation: QA's "Shirikisho la Soka Tanzania (TFF)" gave the person Shirikisho and a
#: place Soka, linked to the Japanese city Sōka)
ORG_HEADS = word_set(
    """
    wizara shirika chama chuo tume benki kampuni umoja jumuiya baraza mahakama bunge jeshi idara taasisi mamlaka
    halmashauri kituo kanisa klabu ofisi muungano kamati bodi hospitali shule mfuko kikosi kitengo vuguvugu
    shirikisho
    ministry department university bank party council court agency organisation organization commission
    institute committee corporation company association federation union authority foundation fund
    ministère banque université parti conseil commission agence organisation
    ministerio banco universidad partido consejo comisión agencia
    ministerium bank universität partei rat kommission
    ma'aikatar hukumar kungiyar jam'iyyar kamfanin bankin jami'ar majalisar cibiyar
    institut instituto centre center centro
    министерство банк университет партия совет комиссия агентство служба
    alliance alianza allianz reederei behörde
    xafiiska wasaaradda hay'adda ururka guddiga ciidamada adeegyada isku-duwidda
    isbitaalka jaamacadda bangiga shirkadda golaha maxkamadda wakaaladda machadka xisbiga
    iléeṣẹ́ ilé-iṣẹ́ àjọ ẹgbẹ́
    """
)
# (the last two lines: low-resource QA, hand-written Somali and Yoruba reports: "Isbitaalka Guud"
# (the General Hospital), "Iléeṣẹ́ Panápaná Ìpínlẹ̀" (the State Fire Service) and "Àjọ NEMA" were
# people. Somali hospital, university, bank, company, council, court, agency, institute, party;
# Yoruba agency/company (two spellings), organisation, association)
# (the last two lines: sample corpus QA: "la Alianza de Pequeños Estados Insulares"; a German
# shipping company ("Reederei Lüthje") and authority; Somali office, ministry, agency,
# organisation, committee, forces, services, coordination: "Xafiiska QM ee Isku-duwidda Arrimaha
# Bini'aadannimada" (OCHA) and "Adeegyada Aadanaha" (Human Services) were people)

#: Last words that make a capitalised run an organisation ("Fox News", "Zamalek SC").
ORG_TAILS = word_set(
    """
    news times post journal herald tribune press agency party bank group inc ltd plc corp corporation company
    university college institute foundation council fc sc united airways airlines club network tv radio
    international commission committee ministry parliament senate congress assembly court army police government
    institut instituto universidad université hospital academy centre center
    force forces forum conseil amt amts wire dispatch refinery raffinerie refinería
    совет комиссия комитет министерство агентство служба
    """
)
# (the last two lines: sample corpus QA: "Ground Self-Defense Force", "Europa Forum", "Agrimer
# Conseil", "Auswärtigen Amts", outlets ("Meridian Wire", "Atlantic Dispatch"), "Dangote Petroleum
# Refinery", Russian "Совета Безопасности", "Комиссии" in any case form (``extract._org_word``))
#: Lower-case nouns for a company written right before its name, in French and Spanish: "la
#: raffinerie Dangote", "le groupe Wagner", "la empresa Pemex" (sample corpus QA: "la raffinerie
#: Dangote" was the person Aliko Dangote, named earlier in the article).
ORG_NOUNS_BEFORE_NAME = word_set("raffinerie société groupe entreprise compagnie firme refinería empresa compañía àjọ ẹgbẹ́ iléeṣẹ́ ilé-iṣẹ́")
# (the last four, Yoruba organisation, association, agency: low-resource QA, "Àjọ Africa CDC" (the agency
# Africa CDC) became a new body instead of Africa CDC)

#: Last words that make an organisation of a run of two words or more only: alone,
#: "l'Initiative céréalière" is a word ("Black Sea Grain Initiative" is a name).
ORG_TAILS_AFTER_NAME = word_set("initiative fund facility programme program alliance")
#: Tails of organisations named after two things joined by "and": "Loss and Damage Fund",
#: "Food and Agriculture Organization" (QA: "Loss and Damage Fund talks" gave "Damage Fund").
AND_NAME_TAILS = ORG_TAILS_AFTER_NAME | word_set("commission organization organisation committee council agency")
#: "and" in the languages whose names may be joined by it (Somali "iyo", Yoruba "àti": sample corpus
#: QA, "webiyada Shabeelle iyo Jubba", the rivers, gave the person Jubba).
AND_WORDS = word_set("and et y e und na iyo àti")
#: "and" in one language only, where elsewhere the word is something else: Hausa "da" (and,
#: with) is Portuguese and Italian "of", a particle of names ("da Silva").  Sample corpus QA:
#: "jihohin Legas, Bayelsa da Kuros Riba" (the states of Lagos, Bayelsa and Cross River)
#: gave the person "Kuros Riba".
AND_WORDS_BY_LANG = {"ha": word_set("da")}


def is_and(norm: str, lang: str) -> bool:
    """Whether ``norm`` is "and" in ``lang``: ``AND_WORDS``, or ``AND_WORDS_BY_LANG`` for the language."""
    return norm in AND_WORDS or norm in AND_WORDS_BY_LANG.get(lang, ())


#: Words that introduce the places a place word lists, between the two: Yoruba "bíi" and Hausa
#: "kamar" (such as, like): "àwọn agbègbè bíi Limete àti Masina" (areas such as Limete and
#: Masina; sample corpus QA: Limete was a person).
LOC_LIST_OPENERS = word_set("bíi kamar")
#: English prepositions after which a list of three names or more is a list of places: "a
#: drought in Bay, Bakool and Gedo" (Somali regions; sample corpus QA: Bakool and Gedo were
#: people).  Alone, a name after "in" may be anything ("in Congress", "in Trump's view").
LOC_LIST_PREPOSITIONS = word_set("in across throughout")
#: Fewest names in a list after ``LOC_LIST_PREPOSITIONS`` that makes it a list of places (three
#: names joined by commas and "and"; two, "in Smith and Jones", may still be people).
LOC_LIST_MIN_ITEMS = 3
#: Bodies every country has: "Kenya Government" is said of Kenya, and stays Kenya.
STATE_BODIES = word_set("government army police parliament senate congress assembly court ministry")

#: Last words that make a capitalised run a place ("Black Sea", "Lake Chad" has its own trigger).
LOC_TAILS = word_set(
    """
    sea ocean river lake mountains mountain desert valley gulf strait canal peninsula island islands coast
    basin delta plateau highlands province region county district
    dam palace stadium airport
    nile nil niil
    """
)
# (the last line: sample corpus QA, "Blue Nile" and Khartoum's "Sharq el Nil" were people)

#: Words that stand in no person's name: a run of two words or more holding one is a group of
#: states, an organisation (sample corpus QA: "Alianza de Pequeños Estados Insulares" gave the
#: person "Pequeños Estados Insulares"; "Small Island Developing States").
GROUP_WORDS = word_set("estados états states staaten nations naciones nationen")

#: Endings of abstract nouns (assistance, provision, agreement): a run of two words or more whose
#: last word ends so, and that a dictionary lists as a common word, names a programme or a body,
#: not a person (sample corpus QA: "Security Assistance", of NATO's NSATU, and the International
#: Coordinating Group on "Vaccine Provision" were people).  Surnames such as Vance or Lance are
#: shorter than ``ABSTRACT_NOUN_MIN_CHARS``; "-ence" is left out for Clarence and Florence.
ABSTRACT_NOUN_ENDINGS = ("ance", "tion", "sion", "ment", "ness", "ship", "ism", "ity")
ABSTRACT_NOUN_MIN_CHARS = 7

#: Words before a place: a capitalised run after one is no person (QA: "at the World
#: Conference Center", "à l'Institut", "Hali ya Hewa Yetu mjini Arusha").  Pairs are a
#: preposition and an article ("at the", "en el", Hausa "a cikin", in).
PLACE_PREPOSITIONS = word_set("at katika cikin")
PLACE_PREPOSITION_PAIRS = frozenset(
    (norm_token(a), norm_token(b))
    for a, b in (p.split() for p in ("at the", "à la", "en el", "en la", "a cikin", "dans le", "dans la"))
)
#: "à l'Institut": the elided article is left out of the token, so "à" stands right before it.
PLACE_PREPOSITIONS_BEFORE_ELISION = word_set("à dans")

#: Endings of English compound adjectives made from a name: "Lagos-based", "Chinese-made",
#: "United Nations-run", "African Union-brokered" were people.
ADJECTIVE_ENDINGS = word_set(
    "based made run led backed brokered owned born funded sponsored linked controlled held affiliated allied aligned"
)

#: Common words of one language only, that in another may be a name (Yoruba "Mọ́ndè",
#: Monday, is French "monde"): ``COMMON`` holds the rest.
COMMON_BY_LANG = {
    # months (Ṣẹ́rẹ́ … Ọ̀pẹ̀) and the weekdays borrowed from English (Sọ́ndè … Sátidé):
    # QA found Òkúdu, Ọ̀wàrà and Tọ́sìdé guessed as people
    "yo": word_set(
        # (not Ògún, the month, written as Ògùn, the state, once tones are folded)
        "ṣẹ́rẹ́ èrèlè ẹrẹ̀nà ìgbé ẹ̀bìbí òkúdu agẹmọ owewe ọ̀wàrà bélú ọ̀pẹ̀ "
        "sọ́ndè mọ́ndè túsìdé túsdé wẹ́sìdé tọ́sìdé fúráìdé sátidé ọjọ́ oṣù"
    ),
}

#: A minister's remit, named after the title and before the name: Somali "Wasiirka
#: Caafimaadka Cali Xaaji" (the Minister of Health, Cali Xaaji), "Wasiirka Arrimaha
#: Dibadda iyo Iskaashiga Caalamiga" (Foreign Affairs and International Cooperation).
#: No name starts with one (they may sit inside one: "Xafiiska Isku-duwidda Arrimaha
#: Bani'aadamnimada", OCHA), and a name after them has a title.
PORTFOLIOS = word_set(
    """
    caafimaadka arrimaha dibadda gudaha gaashaandhigga difaaca maaliyadda waxbarashada tacliinta sare beeraha
    ganacsiga warshadaha warfaafinta amniga cadaaladda garsoorka tamarta biyaha macdanta batroolka qorsheynta
    horumarinta maalgashiga dhaqaalaha dekedaha gaadiidka duulista kalluumeysiga xoolaha haweenka shaqada
    shaqaalaha bulshada diinta awqaafta dastuurka isgaarsiinta deegaanka dhalinyarada ciyaaraha hawlaha guud
    dalxiiska dhaqanka hiddaha iskaashiga caalamiga xiriirka gargaarka maareynta federaalka bani'aadamnimada
    bini'aadannimada masiibooyinka musiibooyinka
    """
)
#: Words that join two remits: Somali "iyo" (and).
PORTFOLIO_LINKS = word_set("iyo")

#: Administrative units named after a place, written after it: "Tigray Region", "Kano
#: State" are the registry's Tigray and Kano.  (A sea or a delta named after a place,
#: ``LOC_TAILS``, is another place: "Niger Delta".)
ADMIN_DESIGNATORS = word_set("region province state county district governorate prefecture oblast territory")

#: Connectors that may sit inside an organisation or place name (Somali "iyo", and, "ee", of: sample
#: corpus QA, "Wasaaradda Caafimaadka iyo Adeegyada Aadanaha", "Xafiiska QM ee Isku-duwidda …").
CONNECTORS = word_set("ya la cha wa za vya kwa na of the for and de du des la le el al von der van bin ibn iyo ee")

#: Capitalised words that are not names: pronouns, function words and common nouns that
#: start sentences or headlines, and title complements ("Waziri wa Mambo ya Nje").
COMMON = word_set(
    """
    mimi wewe yeye sisi nyinyi wao hii hiyo huu huo hizi hizo hao hawa hapa pale huko kwa na ya wa la za cha vya
    katika kutoka kwenye baada kabla wakati lakini hata pia tena sasa bado kama ili ingawa ambapo ambaye ambao
    ambayo kwamba zaidi kila kuna hakuna pamoja ndani nje juu chini mbele nyuma kati kuhusu dhidi bila badala
    hivyo hivi vile hata licha kufuatia aidha mbali ama au wala nini nani lini wapi vipi gani kwanini mwaka mwezi
    wiki siku saa leo jana kesho tarehe habari taarifa ripoti serikali wizara mambo ulinzi fedha afya elimu usalama
    uchumi kilimo maji nishati sheria katiba mahakama polisi jeshi bunge baraza ikulu ofisi idara chama tume
    kaskazini kusini mashariki magharibi kati kuu mkuu taifa kitaifa kimataifa dunia ulimwengu nchi mji jiji
    watu mtu watoto mama baba rais waziri wananchi wabunge viongozi maafisa afisa askari wanajeshi madaktari
    wanafunzi walimu wafanyakazi wakulima wanawake wanaume vijana corona covid covid-19 ebola ukimwi virusi mpox monkeypox
    mungu allah twitter facebook youtube instagram whatsapp tiktok internet intaneti
    hata hivyo hatahivyo vilevile mnamo tangu hadi mpaka kisha halafu basi ndiyo hapana la sio si ni ndio
    imetayarishwa imehaririwa picha video sauti maoni kulingana hapo kupitia iwapo nina tuna hoteli mpira kikapu
    ligi haki imani muungano maandamano makubaliano uamuzi mradi kijiji kituo jumuia jumuiya binadamu televisheni
    redio gazeti olimpiki olympiki wakristo waislamu waarabu wayahudi uislamu ukristo kiislamu kiislam kikristo
    kiswahili kiingereza kiarabu kifaransa waandamanaji wapiganaji wanamgambo waasi wakimbizi mapinduzi uhuru
    uchaguzi kampeni mkutano mazungumzo vita amani msaada misaada chanjo ugonjwa hospitali shule chuo benki kampuni
    ndiyo mheshimiwa lakini hatimaye awali baadaye mara mwanzo mwisho wakati huo hapa kwa sababu ingawa isipokuwa
    ukweli kweli jambo suala hali tatizo changamoto lengo kauli swali jibu mpango hatua juhudi ushirikiano
    the a an this that these those he she it we they his her their its our in on at by for with from to of and
    but or if when while after before as since because although however meanwhile also yet so then there here
    what who where why how which many some all more most other such no not one two three
    le la les un une des ce cette ces il elle ils elles nous vous dans sur pour avec mais et ou si quand
    el los las una unos unas este esta estos estas en con por para pero y o cuando
    der die das ein eine dieser diese dieses er sie es wir ihr im am mit für von und oder aber wenn als
    apres selon cependant toutefois ensuite amma kuma sai haka ранее однако также кроме после сегодня вчера
    позднее затем впрочем между
    в на с по из за для и но а или как что это этот эта он она они мы вы
    awon mo o a e won emi iwo oun awa eyin eyi yii naa ko ki ti si ni fun ati pelu sugbon amo atipe nitori
    leyin ninu nigba bi lati lori gege tabi bayii odun osu ojo ose ijoba aiku aje isegun ojoru ojobo eti abameta
    kinni keji keta kerin karun kefa keje kejo kesan kewaa kewa kokanla kejila oja aja iwa
    bei masuala kibinadamu usimamizi maafa januari februari machi aprili julai agosti septemba oktoba novemba desemba
    wannan wani wata wasu mun mu sun ruwa kungiyar hukumar gwamnatin janairu fabrairu maris afirilu mayu yuni yuli
    agusta satumba nuwamba disamba litinin talata laraba alhamis jumma'a asabar lahadi
    waxaan waxay wuxuu waxa waxaa hay'adda dowladda maamulka wasaaradda dekedda dekeddu ciidamada isniin isniinta
    talaado talaadada arbaco arbacada khamiis khamiista jimce jimcaha sabti sabtida axad axadda janaayo febraayo
    maarso abriil maajo luuliyo ogost sebtembar oktoobar nofembar desembar
    """
)
# (diseases are no entities, as in MasakhaNER: sample corpus QA, "chanjo ya Mpox", "cutar Mpox" gave the person Mpox)

#: Swahili noun-class prefixes that turn a place into a demonym or language
#: (Wamarekani, Mmarekani, Kijapani): such words are not entities.
DEMONYM_PREFIXES = ("wa", "mw", "m", "ki")
