"""Per-language cues for quote attribution: verbs of saying, "according to"
markers, complementisers, speaker titles, pronouns.

Each entry is a regular-expression fragment (so inflections and clitics can be
written once: Arabic ``[وف]?قال``, French ``a(?:-t-il)? déclaré``).  The lists
are short and hand-written from news usage; they are meant to be read and
extended, not to be complete.  :func:`speech_cues` compiles them once per
language; a language with no entry gets every language's cues at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class _Table:
    verbs: tuple[str, ...]  # verbs of saying; the speaker may stand before or after
    according: tuple[str, ...] = ()  # "according to": the speaker always follows
    that: tuple[str, ...] = ()  # complementisers opening reported speech
    titles: tuple[str, ...] = ()  # word stems that head a speaker phrase ("minister", "msemaji")
    determiners: tuple[str, ...] = ()  # taken into a title phrase when just before the title
    pronouns: tuple[str, ...] = ()  # a speaker to resolve from context
    verb_first: bool = False  # VSO (Arabic "وقال ناكاتاني"): look after the verb first
    cased: bool = True  # the script has capitals, so a capitalised run can be a name
    closing: tuple[str, ...] = ()  # verbs that only attribute a quote before them (Yoruba '"…," ó sọ')
    cleft: tuple[str, ...] = ()  # focus words opening the speaker right after a quote (Yoruba '"…," ni X sọ')
    # The "according to" marker is itself a verb of saying (Somali "sida uu sheegay X", as X said; Chinese
    # "据X介绍", according to X's account), so whatever it names speaks.  Elsewhere ("according to",
    # "selon", "kwa mujibu wa") it also cites papers, figures and laws, so only a person or an
    # organisation the entity step found reports the clause ("…, according to the WHO").
    according_says: bool = False


#: Chinese offices before a name (发言人毛宁, 外长王毅), simplified and traditional.
ZH_TITLES = (r"发言人", r"部长", r"外长", r"总统", r"主席", r"秘书长", r"首相", r"总理", r"官员", r"大使", r"司令", r"负责人",
             r"發言人", r"部長", r"外長", r"總統", r"秘書長", r"總理", r"官員", r"負責人")

_TABLES: dict[str, _Table] = {
    "en": _Table(
        verbs=(
            r"said",
            r"says",
            r"say",
            r"told",
            r"tells",
            r"added",
            r"adds",
            r"stated",
            r"declared",
            r"warned",
            r"warns",
            r"noted",
            r"insisted",
            r"explained",
            r"argued",
            r"replied",
            r"stressed",
            r"wrote",
            r"claimed",
            r"asserted",
        ),
        according=(r"according\s+to",),
        that=("that",),
        titles=(
            r"minist",
            r"spokes(?:man|woman|person)",
            r"official",
            r"president",
            r"secretary",
            r"ambassador",
            r"chancellor",
            r"premier",
            r"general",
            r"commander",
            r"chief",
            r"police",
            r"army",
            r"government",
            r"diplomat",
            r"envoy",
            r"leader",
            r"director",
            r"analyst",
            r"expert",
            r"source",
            r"mayor",
            r"governor",
            r"senator",
            r"lawmaker",
            r"prosecutor",
            r"agency",
            r"statement",
            r"officer",
            r"representative",
            r"delegat",
            r"negotiator",
            r"commentator",
            r"researcher",
            r"heads?$",  # "OCHA's head of office"; not "headquarters"
        ),
        determiners=("the", "a", "an", "its", "his", "her", "their"),
        pronouns=("he", "she", "they", "it", "we", "i"),
    ),
    "fr": _Table(
        verbs=(
            r"(?:a|ont)(?:-t-(?:il|elle|on))?\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|estimé|assuré|averti|indiqué|précisé|insisté)",
            r"(?:déclare|affirme|ajoute|explique|souligne|estime|assure|avertit|indique|précise)(?:-t-(?:il|elle|on))?",
            r"dit(?:-(?:il|elle))?",
            r"déclarait",
            r"affirmait",
        ),
        according=(r"selon", r"d['’]après"),
        that=("que", "qu"),
        titles=(
            r"ministr",
            r"porte-parole",
            r"présiden",
            r"responsable",
            r"ambassad",
            r"secrétaire",
            r"chef",
            r"général",
            r"diplomate",
            r"gouvernement",
            r"chancel",
            r"premier",
            r"porte-parole",
            r"source",
            r"porte-parol",
            r"commentat",
            r"chercheu",
            r"analyste",
            r"négociat",
            r"expert",
        ),
        determiners=("le", "la", "les", "l", "un", "une", "son", "sa"),
        pronouns=("il", "elle", "ils", "elles", "on"),
    ),
    "es": _Table(
        verbs=(
            r"dijo",
            r"dice",
            r"afirmó",
            r"afirma",
            r"declaró",
            r"declara",
            r"señaló",
            r"señala",
            r"añadió",
            r"añade",
            r"aseguró",
            r"asegura",
            r"explicó",
            r"explica",
            r"indicó",
            r"advirtió",
            r"subrayó",
            r"manifestó",
            r"sostuvo",
        ),
        according=(r"según",),
        that=("que",),
        titles=(
            r"ministr",
            r"portavoz",
            r"president",
            r"secretari",
            r"embajador",
            r"jefe",
            r"general",
            r"canciller",
            r"funcionari",
            r"gobierno",
            r"fuente",
            r"portavoz",
            r"vocero",
            r"vocera",
        ),
        determiners=("el", "la", "los", "las", "un", "una", "su"),
        pronouns=("él", "ella", "ellos", "ellas"),
    ),
    "de": _Table(
        verbs=(
            r"sagte",
            r"sagt",
            r"sagten",
            r"erklärte",
            r"erklärt",
            r"betonte",
            r"betont",
            r"fügte",
            r"warnte",
            r"meinte",
            r"teilte",
            r"sagte\s+dazu",
        ),
        according=(r"laut", r"zufolge"),
        that=("dass", "daß"),
        titles=(
            r"minister",
            r"sprecher",
            r"präsident",
            r"kanzler",
            r"botschafter",
            r"generalsekretär",
            r"regierung",
            r"chef",
            r"leiter",
            r"beamte",
            r"diplomat",
            r"ministerium",
            r"experte",
            r"analyst",
        ),
        determiners=("der", "die", "das", "ein", "eine"),
        pronouns=("er", "sie", "es"),
    ),
    "ru": _Table(
        verbs=(
            r"заявил[аи]?",
            r"сказал[аи]?",
            r"сообщил[аи]?",
            r"отметил[аи]?",
            r"добавил[аи]?",
            r"подчеркнул[аи]?",
            r"пояснил[аи]?",
            r"указал[аи]?",
            r"говорит",
            r"заявляет",
            r"считает",
            r"предупредил[аи]?",
            r"признал[аи]?",
        ),
        according=(r"по\s+словам", r"по\s+данным", r"как\s+сообщает"),
        that=("что",),
        titles=(
            r"министр",
            r"заместител",
            r"представител",
            r"пресс-секретар",
            r"президент",
            r"глав",
            r"посол",
            r"генсек",
            r"премьер",
            r"министерств",
            r"мид",
            r"правительств",
            r"официальн",
            r"источник",
            r"эксперт",
            r"дипломат",
        ),
        pronouns=("он", "она", "они"),
    ),
    "ar": _Table(
        verbs=(r"[وف]?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت|أخبر|أخبرت|ذكر|ذكرت|أشار|أشارت|يقول|تقول|يضيف|تضيف)",),
        according=(r"[وف]?(?:وفقا|وفقاً)", r"[وف]?(?:بحسب|حسب)"),
        that=("إن", "أن", "إنه", "إنها", "أنه", "أنها", "بأن", "بأنه", "إلى"),
        titles=(
            r"[وف]?(?:ال)?متحدث",
            r"[وف]?(?:ال)?ناطق",
            r"[وف]?(?:ال)?وزير",
            r"[وف]?(?:ال)?رئيس",
            r"[وف]?(?:ال)?مسؤول",
            r"[وف]?(?:ال)?سفير",
            r"[وف]?(?:ال)?أمين",
            r"[وف]?(?:ال)?مصدر",
            r"[وف]?(?:ال)?جنرال",
            r"[وف]?(?:ال)?مدير",
            r"[وف]?(?:ال)?قائد",
            r"[وف]?(?:ال)?بيان",
            r"[وف]?(?:ال)?خبير",
            r"[وف]?(?:ال)?محلل",
        ),
        pronouns=("هو", "هي", "هم"),
        verb_first=True,
        cased=False,
    ),
    "sw": _Table(
        verbs=(
            r"(?:a|wa|i|li)(?:li|me|na|ki)?(?:sema|ongeza|ongezea|eleza|sisitiza|endelea|bainisha|onya|dai|nukuliwa|tangaza)",
            # told / explained *to them*: "Hassan aliwaambia waandishi wa habari" (told reporters)
            r"(?:a|wa)(?:li|me|na|ki)(?:wa|m|tu|ku)?(?:ambia|eleza)",
            r"akaongeza",
            r"akasema",
        ),
        according=(r"kulingana\s+na", r"kwa\s+mujibu\s+wa"),
        that=("kwamba", "kuwa"),
        titles=(
            r"msemaji",
            r"waziri",
            r"rais",
            r"afisa",
            r"maafisa",
            r"mkuu",
            r"balozi",
            r"katibu",
            r"kamanda",
            r"mkurugenzi",
            r"serikali",
            r"wizara",
            r"mwenyekiti",
            r"kiongozi",
            r"mbunge",
            r"gavana",
            r"mchambuzi",
            r"tovuti",
            r"taarifa",
            r"shirika",
            r"ofisi",
        ),
        pronouns=("yeye", "wao"),
    ),
    "ha": _Table(
        verbs=(r"(?:ya|ta|sun|suka)\s+(?:ce|ƙara\s+da\s+cewa|kara\s+da\s+cewa|bayyana|shaida|jaddada)", r"yace", r"tace"),
        according=(r"in\s+ji", r"inji", r"a\s+cewar"),
        that=("cewa",),
        titles=(
            r"minist",
            r"shugaba",
            r"kakaki",
            r"jami['’]",
            r"jakada",
            r"gwamnati",
            r"gwamna",
            r"sakatare",
            r"kwamishina",
            r"hukuma",
            r"kwamanda",
        ),
        pronouns=("shi", "ita", "su"),
    ),
    "yo": _Table(
        verbs=(
            r"ó\s+sọ\s+pé",
            r"sọ\s+wí\s+pé",
            r"sọ\s+pé",
            r"wí\s+pé",
            r"ó\s+ní",
            r"kéde\s+pé",
            r"fi\s+kún\s+un\s+pé",
            r"sọ\s+fún",
        ),
        according=(r"gẹ́gẹ́\s+bí",),
        that=("pé",),
        # aṣojú (representative), alága (chair), olùdarí (director), akọ̀wé (secretary), onímọ̀ (expert)
        titles=(r"mínísítà", r"minisita", r"ààrẹ", r"aare", r"agbẹnusọ", r"gómìnà", r"gomina", r"olórí", r"ìjọba",
                r"aṣojú", r"alága", r"olùdarí", r"akọ̀wé", r"onímọ̀"),
        # àwọn, the plural marker, opens a plural subject ("Àwọn onímọ̀ ìlera", the health experts; "Àwọn awakọ̀", drivers)
        determiners=("àwọn",),
        pronouns=("òun", "wọ́n", "ó"),
        # '"…," ni Dókítà X, tó ń darí ètò náà, sọ' (it is X who said), '"…," ó sọ bẹ́ẹ̀' (he said so): the bare
        # verb closes the sentence after its speaker; anywhere else "sọ" is as often "throw" or "turn into"
        closing=(r"sọ", r"wí"),
        cleft=("ni",),
    ),
    "so": _Table(
        # sheegeen (they said); ka digay/digtay/digeen (warned: "Khubarada … ayaa ka digay in …", the experts warned that)
        verbs=(
            r"(?:ayuu|ayay|ayaa|wuxuu|waxay|uu|ay)\s+(?:yiri|tiri|sheegay|sheegtay|sheegeen|raaciyay|raacisay|xusay|tilmaamay"
            r"|xaqiijiyay|xaqiijisay|xaqiijiyeen)",  # xaqiiji-: confirmed ("Dowladda Japan ayaa xaqiijisay in …")
            r"(?:ayuu|ayay|ayaa|uu|ay)\s+ka\s+dig(?:ay|tay|een)",
            r"ka\s+dig(?:ay|tay|een)",
            r"yiri",
            r"tiri",
            r"sheegay",
            r"sheegtay",
            r"sheegeen",
        ),
        # "sida uu sheegay X" (as X said): "<clause>, sida uu sheegay Xafiiska … (OCHA)." reports the clause before it
        according=(r"sida\s+(?:uu|ay)\s+(?:sheegay|sheegtay|sheegeen)",),
        according_says=True,
        that=("in",),
        titles=(r"wasiir", r"madaxweyn", r"afhayeen", r"sarkaal", r"taliy", r"ra['’]iisul", r"dowladd", r"safiir", r"guddoomiy"),
        # "…, waxayna sheegtay in …" (and it said that): the subject is the clause's before it
        pronouns=("isaga", "iyada", "iyaga", "waxayna", "wuxuuna", "waxayse", "wuxuuse"),
    ),
    "am": _Table(
        # ሲሉ/ሲል/ስትል ("saying") come first: in '<speaker> “…” ሲሉ ተናግረዋል' the quote's verb is the one that touches it
        verbs=(r"ሲሉ", r"ሲል", r"ስትል", r"ብለዋል", r"ብሏል", r"ብላለች", r"አሉ", r"አለ", r"አለች", r"ገልጸዋል", r"ገልጿል", r"ተናግረዋል",
               r"ተናግሯል", r"አስታውቀዋል", r"አስታውቋል"),
        titles=(r"ሚኒስት", r"አቀባ", r"ፕሬዚዳንት", r"ፕሬዝዳንት", r"ባለሥልጣን", r"ባለስልጣን", r"ኃላፊ", r"ሃላፊ", r"አምባሳደር", r"ሊቀመንበር"),  # አቀባ: ቃል አቀባይ
        pronouns=("እሳቸው", "እሱ", "እሷ"),
        cased=False,
    ),
    "zh": _Table(
        # 说明 (shows), 说服 (persuades), 称为 (is called), 表示欢迎 (expresses welcome): no speech follows
        # Traditional forms beside the simplified (說, 稱, 強調, 聲稱, 回應): Taiwan and Hong Kong copy, 「」 quotes
        verbs=(r"表示(?!欢迎|歡迎|关切|關切|支持|反对|反對|感谢|感謝|遗憾|遺憾|祝贺|祝賀|赞赏|讚賞|担忧|擔憂|不满|不滿)",
               r"[称稱](?![为為之])", r"[说說]道", r"[说說](?![明服])", r"指出", r"[强強]调", r"[强強]調", r"宣[称稱]",
               r"[声聲][称稱]", r"透露", r"坦言", r"警告", r"回[应應]"),
        # 根据/依据 (based on), 数据 (data), 证据 (evidence) hold 据 too; 据报道/据悉 (reportedly) name no source
        according=(r"(?<![根依占证数论證數論])[据據](?!报道|報導|報道|悉|了解|介绍|介紹|称|稱)",),
        according_says=True,  # "据X介绍，<clause>" (according to X): the clause after is X's
        titles=ZH_TITLES,
        pronouns=("他", "她", "他们"),
        cased=False,
    ),
}


@dataclass(frozen=True)
class SpeechCues:
    """One language's cues, compiled."""

    lang: str
    verb_re: re.Pattern[str]  # group "according" is set for an "according to" marker, "closing" for a closing verb
    title_re: re.Pattern[str]  # a title stem at the start of a word (after an elided article: l', d')
    that: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    verb_first: bool
    cased: bool
    cjk: bool
    cleft: frozenset[str]
    according_says: bool


def _both_forms(fragments: tuple[str, ...]) -> list[str]:
    """Each fragment in NFC and, where different, NFD: Yoruba text arrives in either."""
    out: list[str] = []
    for f in fragments:
        for form in (unicodedata.normalize("NFC", f), unicodedata.normalize("NFD", f)):
            if form not in out:
                out.append(form)
    return out


def _alternation(fragments: list[str]) -> str:
    # Longest first so "sagte dazu" wins over "sagte" and "说道" over "说".
    return "|".join(sorted(fragments, key=len, reverse=True))


@lru_cache(maxsize=32)
def speech_cues(lang: str) -> SpeechCues:
    """The compiled cues of ``lang``; for a language we have no table for, all tables merged."""
    if lang in _TABLES:
        tables = [_TABLES[lang]]
    else:
        tables = list(_TABLES.values())
    verbs = _both_forms(tuple(v for t in tables for v in t.verbs))
    according = _both_forms(tuple(a for t in tables for a in t.according))
    own = [_TABLES[lang]] if lang in _TABLES else []  # closing verbs and focus words are too common to merge
    closing = _both_forms(tuple(c for t in own for c in t.closing))
    cjk = lang == "zh"
    # Word edges: CJK has none to test; elsewhere a cue must not be part of a longer word.
    lb, rb = ("", "") if cjk else (r"(?<![\w\u0300-\u036f])", r"(?![\w\u0300-\u036f])")
    # Closing verbs last: at one position "sọ pé" (a verb) wins over "sọ" (a closing verb).
    closers = _alternation(closing) if closing else "(?!)"  # (?!) never matches: the group is always there
    verb_re = re.compile(
        f"{lb}(?:(?P<according>{_alternation(according)})|(?:{_alternation(verbs)})|(?P<closing>{closers})){rb}",
        re.IGNORECASE,
    )
    titles = _both_forms(tuple(x for t in tables for x in t.titles))
    # German joins a title to what it is of in one word: "Sozialministerin", "Regierungssprecher"
    compound = r"\w*?" if lang == "de" else ""
    title_re = re.compile(f"^(?:[ld]['’])?{compound}(?:{_alternation(titles)})", re.IGNORECASE)
    return SpeechCues(
        lang=lang,
        verb_re=verb_re,
        title_re=title_re,
        that=frozenset(w for t in tables for w in t.that),
        determiners=frozenset(_both_forms(tuple(w for t in tables for w in t.determiners))),
        pronouns=frozenset(w for t in tables for w in t.pronouns),
        verb_first=all(t.verb_first for t in tables),
        cased=any(t.cased for t in tables),
        cjk=cjk,
        cleft=frozenset(unicodedata.normalize("NFC", w) for t in own for w in t.cleft),
        according_says=any(t.according_says for t in own),
    )
