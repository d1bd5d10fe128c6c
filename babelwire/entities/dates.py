"""DATE expressions per language, as compiled regular expressions.

Spans follow the MasakhaNER convention, checked on its dev split: the date word
itself is the span, a lead-in such as ``siku ya`` / ``tarehe`` / ``mwezi`` or
``يوم`` is not (``siku ya Jumatatu`` → ``Jumatatu``), while relative phrases
(``wiki iliyopita``, ``mwaka jana``) are whole spans.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SW_MONTHS = "Januari|Februari|Machi|Aprili|Mei|Juni|Julai|Agosti|Septemba|Oktoba|Novemba|Desemba|Disemba"
_SW_DAYS = "Jumatatu|Jumanne|Jumatano|Alhamisi|Alhamis|Ijumaa|Jumamosi|Jumapili"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
_EN_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_FR_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FR_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_ES_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
_ES_DAYS = "lunes|martes|miércoles|jueves|viernes|sábado|domingo"
_DE_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DE_DAYS = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"
_RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
_RU_DAYS = "понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье"
_AR_MONTHS = "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
_AR_DAYS = "الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد"
_HA_DAYS = "Litinin|Talata|Laraba|Alhamis|Jumma'a|Juma'a|Asabar|Lahadi"
_HA_MONTHS = "Janairu|Faburairu|Fabrairu|Maris|Afirilu|Afrilu|Mayu|Yuni|Yuli|Agusta|Satumba|Oktoba|Nuwamba|Disamba"
_SO_MONTHS = (
    "Janaayo|Jannaayo|Febraayo|Feberwari|Maarso|Abriil|Maajo|Juun|Luulyo|Luuliyo|Agoosto|Ogost|Sebtembar|Sebtember"
    "|Oktoobar|Oktoober|Nofembar|Nofeembar|Desembar|Diseembar"
)
#: Somali weekdays as news writes them, with the article: "Khamiista" (Thursday), "Khamiistii"
#: (last Thursday).  The bare names are also given names (Khamiis, Sabti), so they are left out.
_SO_DAYS = (
    "Isniinta|Isniintii|Talaadada|Talaadadii|Arbacada|Arbacadii|Khamiista|Khamiistii"
    "|Jimcaha|Jimcihii|Sabtida|Sabtidii|Axadda|Axaddii"
)
#: Ethiopian months (as the dateline step reads them, with common spellings), and the Gregorian
#: months as Amharic news writes them; a preposition may be joined on ("በመስከረም", in Meskerem).
_AM_MONTHS = (
    "መስከረም|ጥቅምት|ኅዳር|ህዳር|ታኅሣሥ|ታህሳስ|ጥር|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰኔ|ሐምሌ|ሀምሌ|ነሐሴ|ነሃሴ|ጳጉሜ|ጳጉሜን"
    "|ጃንዋሪ|ፌብሩዋሪ|ማርች|ኤፕሪል|ሜይ|ጁን|ጁላይ|ኦገስት|ሴፕቴምበር|ኦክቶበር|ኖቬምበር|ዲሴምበር"
)
_AM_DAYS = "ሰኞ|ማክሰኞ|ረቡዕ|ሐሙስ|ሀሙስ|ዓርብ|አርብ|ቅዳሜ|እሁድ|እሑድ"

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
_SW_NUMW = r"(?:\d+|mbili|miwili|mitatu|mitano|tatu|nne|minne|tano|sita|saba|nane|tisa|kumi|ishirini|thelathini|arobaini|hamsini|kadhaa|michache|chache)"

_PATTERNS: dict[str, list[str]] = {
    "sw": [
        rf"(?:{_SW_DAYS})(?:\s+(?:usiku|asubuhi|jioni|mchana|alfajiri))?",
        rf"{_DAYNUM}\s+(?:{_SW_MONTHS})(?:,?\s+{_YEAR})?",
        rf"(?:{_SW_MONTHS})(?:\s+{_DAYNUM}\b(?!,\d))?(?:\s*,?\s+{_YEAR})?",
        r"(?:wiki|mwezi|mwaka|wikendi|wikiendi)\s+(?:hii|huu|uliopita|iliyopita|ujao|ijayo|jana|uliyopita)",
        rf"(?:wiki|miezi|miaka|siku|saa)\s+{_SW_NUMW}\s+(?:zilizopita|iliyopita|zijazo|ijayo)",
        r"(?:mwishoni|mwanzoni|katikati)\s+mwa\s+(?:wiki|mwezi|mwaka)(?:\s+(?:huu|hii|uliopita|iliyopita|jana|ujao))?",
        r"(?:jana|juzi|leo|kesho)(?:\s+(?:usiku|asubuhi|jioni|mchana))?",
        r"usiku\s+wa\s+(?:jana|leo|kuamkia\s+leo)",
    ],
    "en": [
        rf"(?:{_EN_MONTHS})\s+{_DAYNUM}(?:,\s+{_YEAR})?",
        # wire datelines drop the period: "TOKYO, Sept 10 (Reuters)"; with a day only, as "May" is a word
        rf"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\s+{_DAYNUM}(?:,\s+{_YEAR})?",
        rf"{_DAYNUM}\s+(?:{_EN_MONTHS})(?:\s+{_YEAR})?",
        rf"(?:{_EN_MONTHS}|Sept)(?:\s+{_YEAR})?",
        rf"(?:last|next|this)\s+(?:{_EN_DAYS}|week|month|year|weekend)",
        rf"(?:{_EN_DAYS})",
        r"(?:yesterday|today|tomorrow)",
    ],
    "fr": [rf"(?:le\s+)?{_DAYNUM}(?:er)?\s+(?:{_FR_MONTHS})(?:\s+{_YEAR})?", rf"(?:{_FR_DAYS})", r"(?:hier|aujourd'hui|demain)"],
    "es": [rf"{_DAYNUM}\s+de\s+(?:{_ES_MONTHS})(?:\s+de\s+{_YEAR})?", rf"(?:{_ES_DAYS})", r"(?:ayer|hoy|mañana)"],
    "de": [rf"{_DAYNUM}\.\s+(?:{_DE_MONTHS})(?:\s+{_YEAR})?", rf"(?:{_DE_DAYS})", r"(?:gestern|heute|morgen)"],
    "ru": [rf"{_DAYNUM}\s+(?:{_RU_MONTHS})(?:\s+{_YEAR}\s+(?:года|г\.))?", rf"в\s+(?:{_RU_DAYS})", r"(?:вчера|сегодня|завтра)"],
    "ar": [
        rf"(?<=يوم\s)(?:{_AR_DAYS})",
        rf"(?:{_AR_DAYS})",
        rf"{_DAYNUM}\s+(?:{_AR_MONTHS})(?:\s+{_YEAR})?",
        rf"(?:{_AR_MONTHS})\s+{_YEAR}",
        r"(?:أمس|الأمس|اليوم|غدا|غدًا)",
        r"(?:الأسبوع|الشهر|العام)\s+(?:الماضي|المقبل|الجاري)",
    ],
    "ha": [
        rf"(?:ranar\s+)?(?:{_HA_DAYS})",
        # months only capitalised: lower-case "mayu" is witches (review)
        rf"{_DAYNUM}\s+ga\s+(?:watan\s+)?(?-i:{_HA_MONTHS})(?:,?\s+{_YEAR})?",
        rf"(?-i:{_HA_MONTHS})(?:\s+{_DAYNUM}\b(?!,\d))?(?:,?\s+{_YEAR})?",
        r"(?:makon|watan|shekarar)\s+(?:da\s+(?:ya|ta)\s+gabata|mai\s+zuwa)",
        r"(?:jiya|yau|gobe)",
    ],
    "so": [
        rf"{_DAYNUM}(?:\s+bisha)?\s+(?:{_SO_MONTHS})(?:,?\s+{_YEAR})?",
        rf"(?:{_SO_MONTHS})(?:\s+{_DAYNUM}\b(?!,\d))?(?:,?\s+{_YEAR})?",
        rf"(?:{_SO_DAYS})",
        r"(?:toddobaadkii|bishii|sannadkii)\s+(?:hore|tagay|la\s+soo\s+dhaafay)",
        r"(?:shalay|maanta|berri)",
    ],
    "am": [
        rf"[በከለ]?(?:{_AM_MONTHS})(?:\s+{_DAYNUM}(?:\s+ቀን)?)?(?:\s*[፣,]?\s*{_YEAR}(?:\s*ዓ\.?\s*ም\.?)?)?",
        rf"[በከ]?(?:{_AM_DAYS})",
        r"(?:ባለፈው|በመጪው|በሚቀጥለው)\s+(?:ሳምንት|ወር|ዓመት|አመት)",
        r"(?:ዛሬ|ትናንት|ትላንት|ነገ)",
    ],
    "zh": [
        r"(?:\d{4}年)?\d{1,2}月\d{1,2}日",
        r"\d{4}年(?:\d{1,2}月)?",
        r"(?:昨天|今天|明天|星期[一二三四五六日天]|周[一二三四五六日])",
    ],
}
#: A bare year is a DATE in every language (MasakhaNER tags "2020" alone).
_COMMON = [rf"{_YEAR}(?![,.]?\d)"]


@lru_cache(maxsize=32)
def date_regex(lang: str) -> re.Pattern[str]:
    """One alternation of this language's date patterns (longest first), word-bounded."""
    pats = _PATTERNS.get(lang, _PATTERNS["en"]) + _COMMON
    # English "May"/"may" and German nouns need case; Swahili text often lower-cases day names.
    flags = re.IGNORECASE if lang in ("sw", "ha", "so", "ru", "ar", "zh") else 0
    body = "|".join(f"(?:{p})" for p in pats)
    if lang in ("zh", "ja"):  # no spaces between words: digits must not run on, letters may
        return re.compile(rf"(?<!\d)(?:{body})(?!\d)", flags)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


#: Languages whose day and month names are also given names: Hausa Laraba (Wednesday), Yuli
#: (July), and "today" in outlets' names ("Labarai Yau").  Not Somali: a date follows the
#: subject there ("Maxine Waters Sabtidii", on Saturday), and its bare weekdays are left out above.
_NAME_LIKE_DATES = frozenset({"ha"})
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)\s+$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w'’]*)")


def find_dates(text: str, lang: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every date expression in ``text``."""
    regex = date_regex(lang)
    spans = [m.span() for m in regex.finditer(text)]
    if lang in _NAME_LIKE_DATES:
        spans = [(s, e) for s, e in spans if not _part_of_a_name(text, s, e, regex)]
    return spans


def _part_of_a_name(text: str, start: int, end: int, dates: re.Pattern[str]) -> bool:
    """A lone capitalised day or month name beside another capitalised word is part of a name
    (QA: "Dakta Laraba Abdullahi", "Malam Yuli Garba", the outlet "Labarai Yau"), unless that word
    is a date word itself ("Jiya Talata", yesterday Tuesday; "Yau Laraba")."""
    word = text[start:end]
    if not word[:1].isupper() or not word.isalpha():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    if before and before[1][:1].isupper() and not dates.fullmatch(before[1]):
        return True
    return bool(after and after[1][:1].isupper() and not dates.fullmatch(after[1]))
