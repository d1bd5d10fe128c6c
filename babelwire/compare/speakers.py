"""Who speaks: the speaker of a verb of saying, in many languages and scripts.

:class:`SpeakerReader` reads, over one text, the speaker next to a verb of saying
for :mod:`babelwire.compare.quotes`: the entity mention next to the verb when it
names a person; otherwise a title phrase (``the minister``, ``msemaji``,
``المتحدث``) up to the end of its noun phrase, a capitalised name, a common-noun
subject (``Aid groups``) or, in Arabic, the noun phrase after the verb.

A mention the entity step typed PER is no speaker when it names nobody: a place
after a locative, the complement of an "of" word (``Centre for Health Equity``),
an adjective before its noun (``An Egyptian delegate``), a title, a Somali noun
with its article.  A Chinese speaker with no mention must be a role or an
organisation, never a clause.

The per-language cues live in :mod:`babelwire.compare.speech`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..article import Mention
from ..entities.lexicon import ABBREVIATED_TITLES
from ..entities.normalise import AM_PREFIXES
from .speech import ZH_TITLES, SpeechCues, speech_cues
from .stopwords import stopwords

#: Opening quote mark → the marks that may close it.  ``“`` may be closed by a
#: straight quote in sloppy copy; ``”…”`` is the Swedish/Finnish style.
_CLOSERS = {'"': '"', "“": '”"', "„": '“”"', "«": "»", "「": "」", "『": "』", "”": "”", "‹": "›"}
QUOTE_MARKS = frozenset('"“”„«»「」『』‹›')
SENTENCE_END = frozenset(".!?؟。！？።")
_CLAUSE_BREAK = frozenset(",;:،؛，：；፣፤()（）—–") | QUOTE_MARKS | SENTENCE_END
COLONS = (":", "：", "፥")
#: Words after which "." is an abbreviation point, not a sentence end, and that never
#: end a name ("alisema Dkt. Amina Mwakyusa", "el Dr. Campbell"): English, French, Spanish
#: (Sr., Sra., Dra., Lic., Ing.), German (Prof., Dr.), Swahili (Dkt. daktari, Bw. bwana,
#: Bi. bibi, Mhe. mheshimiwa, Mch. mchungaji), Russian (г-н, проф.): the entity rules' abbreviated
#: titles, and the few that are no title before a name there (Lic., Ing., St.) or not Latin.
_HONORIFICS = ABBREVIATED_TITLES | frozenset("lic ing st г-н г-жа проф".split())
#: Titles written out that the entity rules may take for a one-word name ("in ji Dakta
#: Jean-Pierre Lukusa" gave the mention "Dakta"): Hausa, Swahili, Yoruba (ọ̀gbẹ́ni Mr, arábìnrin Mrs,
#: olóyè chief), European spellings.
_TITLE_WORDS = _HONORIFICS | frozenset(
    unicodedata.normalize("NFC", w)
    for w in "dakta dokta daktari doctor docteur doktor profesa professor profesor professeur bwana bibi mheshimiwa "
    "alhaji hajiya malam dókítà ọ̀jọ̀gbọ́n ọ̀gbẹ́ni arábìnrin olóyè".split()
)


#: A word and its abbreviation point, if any: the title a name may follow ("Dr. ", "Dokta ").
_WORD_AT = re.compile(r"([^\W\d_][\w\u0300-\u036f]*)\.?")


def _title_word(word: str) -> bool:
    """Whether ``word`` (its core, no full stop) is an abbreviated or written-out title ("Dr", "Dkt", "Dókítà")."""
    return unicodedata.normalize("NFC", word).casefold() in _TITLE_WORDS


def _bare_title(name: str) -> bool:
    """Whether ``name`` is only titles and abbreviations ("Dkt", "Dakta", "Prof. Dr."): no name at all."""
    words = [w.strip(".") for w in name.split()]
    return bool(words) and all(_title_word(w) for w in words)


#: Lower-case particles allowed inside a capitalised name (Ursula von der Leyen, Department of Health, Wizara ya Mambo ya Nje).
_NAME_PARTICLES = frozenset("de du des la le van von der den bin ben ibn al el da dos del di ya wa of for".split())

#: Words that make a name the complement of the noun before it ("the head *of* NATO",
#: "Waziri *wa* … *wa* Kenya", "le président *du* NLC", "مفاوضون *من* الصومال"): the
#: organisation or place after one is part of the speaker's role, not the speaker.
_OF_WORDS = frozenset("of to for at de du des d del della der des von wa ya la za cha vya kwa na ee من ل لدى".split())

#: An "of" word (and its article or elision) right before a position: what follows is a complement.
_OF_BEFORE = re.compile(
    r"(?<![\w\u0300-\u036f])(?:(?:of|for|to|de|du|des|del|della|der|von|wa|ya|la|za|cha|vya|ee)"
    r"(?:\s+(?:the|la|le|les|der|die|das|dem|den))?(?:\s+l['’]|\s+)|d['’])$"
)
#: Somali definite suffixes (-ka, -ga, -ha, -ta, -da, -dha): "Caafimaadka" is *the* health, a noun.
_SO_DEFINITE = re.compile(r"(?:k|g|h|t|d|dh)a$", re.IGNORECASE)
#: Endings of adjectives written with a capital (English demonyms and compass adjectives, Russian
#: adjectives in a proper name): such a word before a lower-case noun is that noun's modifier.
#: English "-an" also ends names (Hassan): a name is only taken for one before a word that is no
#: verb of saying and no stop word, which a name next to its verb rarely is.
ADJECTIVE_ENDINGS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(?:an|ese|ish|ern|ic|i)$"),
    "ru": re.compile(r"[сц]к(?:ом|ой|их|им|ого|ому|ие|ая|ое|ую|ими)$"),
}

#: Words that name the audience a speaker spoke to ("заявил журналистам", "told reporters"): they end a role.
_AUDIENCE = frozenset("reporters journalists журналистам репортёрам репортерам корреспондентам прессе".split())
#: Prepositions that put the audience right after a verb of saying ("a déclaré *à* Djibouti Matin une
#: responsable …", "declaró *a* este diario"): what they name is who was told, not who spoke.
_TO_AUDIENCE = {"fr": frozenset("à au aux".split()), "es": frozenset("a al".split())}
#: A Russian adjective before a title ("российский дипломат", "постоянный представитель").
_RU_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ые|ие)$")

#: Languages whose organisation names after a role are capitalised inflected nouns ("глава Минздрава
#: России"): a capitalised run after a role word is no name there unless a title marks it.
_INFLECTED_ORG_NAMES = frozenset({"ru"})

#: Relative pronouns that open an apposition about the subject before them ("An EU official,
#: *who* asked not to be named, said"; Swahili *ambaye*, Arabic *الذي*).
_RELATIVES = frozenset("who which qui lequel laquelle quien quienes ambaye ambao который которая которые الذي التي".split())
#: Relative pronouns and articles that open an aside after a subject in German and Spanish ("das am
#: Montag tagte", "que emplea"), beside _RELATIVES and the languages' determiners.
_ASIDE_OPENERS = frozenset("that der die das dem den des welche welcher welches que cuyo cuya el la los las".split())

#: Amharic prepositions that open a circumstance after a role (``normalise.AM_PREFIXES`` but "of").
_AM_CIRCUMSTANCE = AM_PREFIXES.replace("የ", "")

#: A person mention this sure or surer may stand for a whole subject it is part of
#: ("رئيس مفوضية الاتحاد الأفريقي محمود علي يوسف"): a run of capitalised words (0.65),
#: a name after a title, a known name.  A lone capitalised word (0.55) is too often a
#: word the entity rules mistyped (Santé, Agbẹnusọ, Wakiilka) to outrank the role.
STANDS_FOR_SUBJECT = 0.65

#: Most characters between a closing quote mark and the verb that attributes it
#: ("…," the defence ministry's chief spokesman said): about ten words.
MAX_ATTRIBUTION_GAP = 80
#: Longest outlet name read as the audience between a verb and its speaker, in words ("Вестнику Евразии" is 2).
MAX_AUDIENCE_NAME = 3
#: Longest speaker phrase we read, in words ("afisa huyo wa Wizara ya Mambo ya Nje" is 8).
MAX_SPEAKER_TOKENS = 10
#: The commas that set a name beside its role ("Mark Rutte, Katibu Mkuu …"; Arabic ، and the full-width ，).
_COMMAS = (",", "،", "，")
#: Longest apposition between a subject and its verb, in words ("mratibu wa shirika la kiraia
#: la Hali ya Hewa Yetu mjini Arusha" is 12; "who asked not to be named because talks were
#: continuing" 10).
MAX_APPOSITION_TOKENS = 16
#: Longest speaker read after an Arabic verb with no title or name to anchor it, in words
#: ("وزارة الدفاع اليابانية" is 3, "وزارة الخارجية والتعاون الدولي المصرية" 5).
MAX_NOUN_PHRASE = 5
#: A mention is "next to" the verb when it overlaps one of this many words nearest it.
ADJACENT_TOKENS = 3
#: How far back a sentence start is looked for; news sentences rarely run longer.
MAX_SENTENCE_LOOKBACK = 400
#: How far on a sentence end is looked for: over three times the longest sentence of NTREX-128 (582
#: characters) and six times the sample corpus's (313), so only a run-on text is cut.
MAX_SENTENCE_LOOKAHEAD = 2000
#: Longest Chinese speaker kept, in characters ("北约秘书长吕特" is 7, a role and a
#: name such as "尼日利亚劳工大会主席阿杰罗" 13).
MAX_CJK_SPEAKER = 16

WORD_CH = r"\w\u0300-\u036f"
_CORE = re.compile(rf"[{WORD_CH}](?:[{WORD_CH}'’\-.]*[{WORD_CH}])?")
_RAW_TOKEN = re.compile(r"\S+")
#: Words of when and how between a Chinese speaker and the verb ("发言人还说", "吕特再次表示"), trimmed off the speaker.
_CJK_ADVERBS = (
    r"(?:[周週][一二三四五六日天]|星期[一二三四五六日天]|今天|昨天|[当當]天|日前|此前|[随隨]后|[随隨]後|再次|也|[还還]|[则則]|又|[并並]|已|在)"
)
_CJK_SPEAKER_TRIM = re.compile(rf"{_CJK_ADVERBS}+$")
_CJK_ADVERB = re.compile(_CJK_ADVERBS)
_CJK_NAME_CH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff·•A-Za-z]")
#: Where a Chinese speaker's circumstances start: a date (15日), a place or occasion
#: (在会后, 在首都), the audience (对记者, 对本网记者), a partner (与政府代表会谈后).
_CJK_CIRCUMSTANCES = re.compile(r"\d+[月日号號]|在|[对對](?:本网|本报|本網|本報|媒体|媒體)?[记記]者|[与與]")
#: A Chinese speaker with no mention must hold a role ("发言人", "研究员", "分析人士") or end in the head
#: noun of an organisation or a side ("外交部", "通讯社", "委员会", "以色列方面", "中方"): Chinese puts the
#: head last, so anything else before a verb is a clause ("油价下降说明…", the oil price fell).
_CJK_PERSON_ROLES = "|".join(ZH_TITLES + (
    r"代表", r"人士", r"学者", r"专家", r"研究员", r"教授", r"分析师", r"记者", r"议员", r"领导人",
    r"學者", r"專家", r"研究員", r"分析師", r"記者", r"議員", r"領導人",  # traditional forms
))
_CJK_ROLE = re.compile(
    _CJK_PERSON_ROLES
    + r"|(?:方面|方|部|局|署|委员会|委員會|委|会|會|院|府|社|台|臺|中心|组织|組織|联盟|聯盟|集团|集團|公司|大学|大學|机构|機構"
    r"|党|黨|军|軍|队|隊|厅|廳|处|處|团|團|馆|館|国|國)$"
)
#: How far back a Chinese clause is read for its speaker, before the circumstances are cut off.
MAX_CJK_CLAUSE = 40
#: Lengths of a Chinese personal name written alone (毛宁, 王立新, 欧阳明高; a surname and one to three
#: characters): a run this long before a verb may be a name, if the article names it after a role elsewhere.
CJK_NAME_LENGTHS = (2, 4)


@dataclass(frozen=True)
class _Tok:
    start: int  # of the word core
    end: int
    word: str  # the core: punctuation stripped from both ends
    lead: str  # punctuation before the core
    trail: str  # punctuation after the core


@dataclass(frozen=True)
class SpeakerSpan:
    name: str
    entity: str | None
    start: int
    end: int


#: Marks a speaker to resolve from context (a pronoun, or none written).
IMPLICIT = SpeakerSpan("", None, -1, -1)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` indices of paired quote marks; pairs never cross a line break or nest."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closers = ""
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
        elif open_at is not None:
            if ch in closers:
                spans.append((open_at, i))
                open_at = None
        elif ch in _CLOSERS:
            open_at, closers = i, _CLOSERS[ch]
    return spans


def tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    out = []
    for raw in _RAW_TOKEN.finditer(text, lo, hi):
        core = _CORE.search(raw.group())
        if core is None:
            out.append(_Tok(raw.start(), raw.end(), "", raw.group(), ""))
        else:
            s = raw.start()
            out.append(
                _Tok(s + core.start(), s + core.end(), core.group(), raw.group()[: core.start()], raw.group()[core.end() :])
            )
    return out


def end_before_spaces(text: str, pos: int, spaces: str | None = None) -> int:
    """``len(text[:pos].rstrip(spaces))``, without copying the text before ``pos`` (done for
    every quote, that copy made a long article's reading quadratic)."""
    k = pos
    while k > 0 and (text[k - 1].isspace() if spaces is None else text[k - 1] in spaces):
        k -= 1
    return k


def start_after_spaces(text: str, pos: int) -> int:
    """Where the text from ``pos`` goes on after its spaces (``len(text)`` when only spaces are left)."""
    k = pos
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def breaks_after(tok: _Tok) -> bool:
    if tok.trail == "." and (tok.word.lower() in _HONORIFICS or (len(tok.word) == 1 and tok.word.isupper())):
        return False
    return any(c in _CLAUSE_BREAK for c in tok.trail)


def _breaks_outside_brackets(marks: str) -> bool:
    return any(c in _CLAUSE_BREAK and c not in "()（）" for c in marks)


def breaks_before(tok: _Tok) -> bool:
    return not tok.word or any(c in _CLAUSE_BREAK for c in tok.lead)


def _ends_sentence(text: str, k: int) -> bool:
    """Whether the mark at ``text[k]`` ends a sentence (not an abbreviation or a decimal point)."""
    ch = text[k]
    if ch == "\n":
        return True
    if ch not in SENTENCE_END:
        return False
    if ch != ".":
        return True
    nxt = text[k + 1 : k + 3]
    if nxt and not (nxt[0].isspace() or nxt[0] in QUOTE_MARKS):
        return False
    after = nxt.strip()[:1]
    if after and after.islower():
        return False
    word = re.search(rf"[{WORD_CH}\-]+$", text[max(0, k - 12) : k])
    return not (word and (word.group().lower() in _HONORIFICS or (len(word.group()) == 1 and word.group().isupper())))


def sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - MAX_SENTENCE_LOOKBACK)
    for k in range(pos - 1, lo - 1, -1):
        if _ends_sentence(text, k):
            return k + 1
    return lo


def sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends; at most MAX_SENTENCE_LOOKAHEAD characters on: a run-on
    text with no sentence end (QA: 122 KB of clauses joined by commas and semicolons took 47 s, each of
    its thousands of verbs scanning to the end of the text) is read in pieces of that length."""
    hi = min(len(text), pos + MAX_SENTENCE_LOOKAHEAD)
    for k in range(pos, hi):
        if _ends_sentence(text, k):
            return k + (0 if text[k] == "\n" else 1)
    return hi


#: Words that put a place after them ("in Brussels", "mjini Nairobi", "في بروكسل"): a place
#: named after one of these, just before a speech verb, is where the speaker was.
LOCATIVES: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "in at", "fr": "à au aux en dans", "es": "en", "de": "in im", "ru": "в во",
        "sw": "mjini katika huko nchini", "ar": "في", "ha": "cikin", "so": "magaalada", "yo": "ní",
    }.items()
}


#: Languages whose verb of saying, right after the comma that ends the reported clause, is followed
#: by its speaker ("…, sagte X", "…, a déclaré X", "…, dijo X", "…, said X", "…, — заявил X").
_INVERTS_AFTER_COMMA = frozenset({"de", "fr", "es", "en", "ru"})

#: Verbs of telling, whose object is the audience: the name after one is never the speaker.
_TELLS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:told|tells?)$", re.IGNORECASE),
    "sw": re.compile(r"ambia$", re.IGNORECASE),
}


_T = TypeVar("_T")


class ByStart(Generic[_T]):
    """Spans sorted by start, found by position in logarithmic time: the mentions and verbs of
    a long text are looked up for every token and quote, and a scan of them all each time made
    reading a 240 KB article take 4 s (QA: an 830 KB article took 105 s to compare)."""

    def __init__(self, items: Sequence[_T], start: Callable[[_T], int], end: Callable[[_T], int]) -> None:
        self.items = sorted(items, key=start)
        self.starts = [start(x) for x in self.items]
        self.end = end
        self.longest = max((end(x) - start(x) for x in self.items), default=0)

    def overlapping(self, lo: int, hi: int) -> list[_T]:
        """The spans with ``start < hi`` and ``lo < end``, by start."""
        a = bisect_left(self.starts, lo - self.longest)
        b = bisect_left(self.starts, hi)
        return [x for x in self.items[a:b] if self.end(x) > lo]

    def first_from(self, pos: int) -> int:
        """The index of the first span that starts at ``pos`` or later."""
        return bisect_left(self.starts, pos)

    def first_in(self, lo: int, hi: int) -> _T | None:
        """The first span that starts in ``[lo, hi)``, if any."""
        k = self.first_from(lo)
        return self.items[k] if k < len(self.items) and self.starts[k] < hi else None


def _m_start(m: Mention) -> int:
    return m.start


def _m_end(m: Mention) -> int:
    return m.end


class SpeakerReader:
    """Speaker reading over one text: its mentions, verbs of saying and quote spans, read once."""

    def __init__(self, text: str, lang: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.lang = lang
        self.cues: SpeechCues = speech_cues(lang)
        self.stop = stopwords(lang) if lang in ("en", "fr", "es", "de", "ru", "ar", "sw", "ha", "yo", "so", "am") else frozenset()
        self.locatives = LOCATIVES.get(lang, frozenset())
        #: Small words inside a noun phrase or a name ("of", "von", "the"): never its end, nor a pronoun.
        self.glue = _OF_WORDS | _NAME_PARTICLES | self.cues.determiners
        if lang == "so":  # "cilmi-baare ka tirsan wasaaradda" (a researcher *of* the ministry)
            self.glue = self.glue | {"ka"}
        self.mentions = sorted(
            (m for m in mentions if m.type != "DATE" and 0 <= m.start < m.end <= len(text)), key=lambda m: m.start
        )
        self.verbs = list(self.cues.verb_re.finditer(text))
        #: The verbs by position (finditer gives them in order, never overlapping).
        self.verb_index: ByStart[re.Match[str]] = ByStart(self.verbs, re.Match.start, re.Match.end)
        # A title the entity rules took for a one-word name ("Dakta", "Representative") names nobody.
        self.mentions = [m for m in self.mentions if not (m.type == "PER" and self._only_titles(text[m.start : m.end]))]
        #: Mentions the entity step typed PER that name no person (:meth:`_unnamed_person`): never
        #: a speaker, nor who a later "he said" means.
        self.placed = {id(m) for m in self.mentions if m.type == "PER" and self._unnamed_person(m)}
        #: Person mentions sure enough to stand for a subject they are part of (STANDS_FOR_SUBJECT).
        self.people = [
            m for m in self.mentions if m.type == "PER" and m.confidence >= STANDS_FOR_SUBJECT and id(m) not in self.placed
        ]
        self.mention_index = ByStart(self.mentions, _m_start, _m_end)
        #: The mentions by where they end, in text order: who stands just before a comma.
        self.ending_at: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.ending_at.setdefault(m.end, []).append(m)
        self.people_index = ByStart(self.people, _m_start, _m_end)
        self.spans = quote_spans(text)
        #: Each quote's closing mark by its opening one, and the openings in order (pairs never nest).
        self.close_of = dict(self.spans)
        self._opens = [o for o, _ in self.spans]

    def quote_holding(self, lo: int, hi: int, *, strict: bool = True) -> tuple[int, int] | None:
        """The quote pair whose marks hold ``[lo, hi)``: opened before ``lo`` (at ``lo`` too unless
        ``strict``), closed at ``hi`` or after."""
        k = bisect_left(self._opens, lo if strict else lo + 1) - 1
        if k >= 0 and hi <= self.spans[k][1]:
            return self.spans[k]
        return None

    def _only_titles(self, name: str) -> bool:
        """Whether ``name`` is only titles: abbreviations, written-out titles, or this language's
        role words ("Representative", "Wasiirka"): no name at all."""
        return _bare_title(name) or all(_bare_title(w) or self.cues.title_re.match(w) for w in name.split())

    def _unnamed_person(self, m: Mention) -> bool:
        """Whether PER mention ``m`` stands where no person does.

        * a place after a locative ("told reporters at the World Conference Center Bonn");
        * the complement of an "of" word ("Centre for Health Equity", "kambi ya Dadaab",
          "Afrique de l'Ouest", "barrage de la Renaissance", "des Auswärtigen Amts"): a
          person there is whose spokesman or office speaks, and a name there is no person;
        * an adjective before its noun ("An Egyptian delegate", "North Korean troops",
          "при Африканском союзе"): :data:`ADJECTIVE_ENDINGS`;
        * in Somali, a noun with the definite suffix ("Wasiirka Caafimaadka", minister of *the
          health*): Somali names take no article.
        """
        text = self.text
        if self._after_locative(m.start) or _OF_BEFORE.search(text, max(0, m.start - 30), m.start):
            return True
        words = text[m.start : m.end].split()
        if self.lang == "so" and all(_SO_DEFINITE.search(w) for w in words):
            return True
        ending = ADJECTIVE_ENDINGS.get(self.lang)
        if ending is None or not ending.search(words[-1]):
            return False
        if len(words) >= 3:
            return False  # "Ali Haji Adan visited": a name of three words is a person, whatever its last letters
        nxt = re.match(rf"[ \t\u00a0]+([{WORD_CH}]+)", text[m.end : m.end + 40])
        if nxt is None or not nxt.group(1)[:1].islower() or nxt.group(1).lower() in self.stop:
            return False
        at = m.end + nxt.start(1)
        return not self.verb_index.overlapping(at, at + 1)

    def _after_locative(self, pos: int) -> bool:
        """Whether a locative word ("at", "in the", "mjini", "في") stands right before ``pos``."""
        words = [t.word.lower() for t in tokens(self.text, max(0, pos - 30), pos)[-2:]]
        if words and words[-1] in self.cues.determiners:
            words = words[:-1]
        return bool(words) and words[-1] in self.locatives

    def is_person(self, m: Mention) -> bool:
        """Whether ``m`` may be a speaker as a person: typed PER and not standing where a place does."""
        return m.type == "PER" and id(m) not in self.placed

    # ---- speakers -------------------------------------------------------------------------
    def _is_verb(self, tok: _Tok) -> bool:
        return bool(self.verb_index.overlapping(tok.start, tok.end))

    def before_segment(self, pos: int) -> list[_Tok]:
        lo = max(0, pos - MAX_ATTRIBUTION_GAP * 2)
        toks = tokens(self.text, lo, pos)
        if toks and lo > 0 and not self.text[lo - 1].isspace():
            toks = toks[1:]  # cut in the middle by the window
        out: list[_Tok] = []
        for k, tok in enumerate(reversed(toks)):
            apposition = k == 0 and tok.trail.strip() in (",", "،", "，")  # "Kim Seol-hwa, alisema"
            if (
                not tok.word
                or (breaks_after(tok) and not apposition)
                or tok.word.lower() in self.cues.that
                or self._is_verb(tok)
            ):
                break
            out.append(tok)
            if breaks_before(tok) or len(out) >= MAX_SPEAKER_TOKENS:
                break
        seg = out[::-1]
        # "Analysts in Nairobi say", "Wachambuzi … mjini Nairobi wanasema": the place after a
        # locative word is where they spoke, not who; the speaker is what comes before it.
        places_at = [k for k, tok in enumerate(seg) if k > 0 and tok.word.lower() in self.locatives]
        return seg[: places_at[-1]] if places_at else seg

    def after_segment(self, pos: int) -> list[_Tok]:
        out: list[_Tok] = []
        for tok in tokens(self.text, pos, min(len(self.text), pos + MAX_ATTRIBUTION_GAP * 2)):
            if breaks_before(tok) or tok.word.lower() in self.cues.that or self._is_verb(tok):
                break
            out.append(tok)
            if breaks_after(tok) or len(out) >= MAX_SPEAKER_TOKENS:
                break
        return out

    def _mention(self, lo: int, hi: int, nearest_end: bool) -> Mention | None:
        hits = [m for m in self.mention_index.overlapping(lo, hi) if id(m) not in self.placed]
        if not hits:
            return None
        return max(hits, key=lambda m: m.end) if nearest_end else min(hits, key=lambda m: m.start)

    def _from_mention(self, m: Mention) -> SpeakerSpan:
        """The speaker a mention names; a person's title is context, not part of the name
        ("Alhaji Kàmọ̀rú Àjàyí", "Dr. Hassan Abdi Noor" when the entity rules took the title in)."""
        start = m.start
        if m.type == "PER":
            toks = tokens(self.text, m.start, m.end)
            k = 0
            while k < len(toks) - 1 and _title_word(toks[k].word) and toks[k].trail in ("", "."):
                k += 1
            start = toks[k].start if toks else start
        return SpeakerSpan(self.text[start : m.end], m.id, start, m.end)

    def _span(self, toks: list[_Tok]) -> SpeakerSpan:
        s, e = toks[0].start, toks[-1].end
        m = self._mention(s, e, nearest_end=True)
        if m is not None:
            return self._from_mention(m)
        return SpeakerSpan(self.text[s:e], None, s, e)

    def _role(self, toks: list[_Tok]) -> SpeakerSpan:
        """A title phrase: the person it names if any ("Defence Minister Gen Nakatani"),
        else the phrase itself ("the minister", "ein Sprecher der Mercedes-Benz Group"),
        never an organisation or place inside it."""
        s, e = toks[0].start, toks[-1].end
        people = self.people_index.overlapping(s, e)
        if people:
            return self._from_mention(max(people, key=lambda m: m.end))
        whole = [m for m in self.mention_index.overlapping(s, e) if m.start <= s and e <= m.end]
        if whole:  # the title phrase is itself a name ("Wizara ya Afya", "Hukumar Africa CDC")
            return self._from_mention(whole[0])
        holder = self._holder(toks)
        if holder is not None:
            return holder
        return SpeakerSpan(self.text[s:e], None, s, e)

    def _holder(self, toks: list[_Tok]) -> SpeakerSpan | None:
        """The name a role phrase ends with ("Wasiirka Caafimaadka Dkt. Hassan Abdi Noor", "Minister of Health
        Dr Jane Doe", "Mínísítà Hakan Fidan"): the person holding the role speaks, the role is context.

        After a title ("Dr", "Dkt.", "Dókítà") any capitalised run is the name.  After a role word
        ("Minister", "Wasiirka") the run must be two words or more, none a role word, a stop word or part of
        an organisation or place ("глава Минздрава России", "Afhayeenka Wasaaradda Arrimaha Dibadda" are
        roles); in Somali a noun with its article ("Caafimaadka") still belongs to the role."""
        if not self.cues.cased:
            return None
        marks = [k for k, t in enumerate(toks[:-1]) if (_title_word(t.word) and t.trail in ("", "."))
                 or self.cues.title_re.match(t.word)]
        if not marks:
            return None
        h = marks[-1]
        name = toks[h + 1 :]
        if not _title_word(toks[h].word):
            if self.lang == "so":
                while name and _SO_DEFINITE.search(name[0].word):
                    name = name[1:]
            if len(name) < 2 or self.lang in _INFLECTED_ORG_NAMES or any(
                t.word.lower() in self.stop or any(m.type != "PER" for m in self.mention_index.overlapping(t.start, t.end))
                for t in name
            ):
                return None
        if not name or not name[0].word[:1].isupper() or not all(
            t.word[:1].isupper() or t.word in _NAME_PARTICLES for t in name
        ):
            return None
        return self._span(name)

    def _named(self, tok: _Tok) -> bool:
        """Whether ``tok`` is inside an entity mention."""
        return any(m.start <= tok.start and tok.end <= m.end for m in self.mention_index.overlapping(tok.start, tok.end))

    def _ends_role(self, tok: _Tok) -> bool:
        """A word after which a role read after its verb stops: the circumstances begin
        ("الوزير في تصريحات", "ein Sprecher … am Dienstagabend")."""
        word = tok.word.lower()
        if self.lang == "ru" and word == "при":  # "представитель РФ при ООН": the post, not where it was said
            return False
        if self.lang == "ar" and word.startswith("لل"):  # "للصحفيين" (to the reporters): the audience, not the role
            return True
        return (word in self.stop and word not in _OF_WORDS and word not in self.cues.determiners
                and word not in _NAME_PARTICLES and not self._named(tok) and not _title_word(word)) \
            or any(c in _CLAUSE_BREAK for c in tok.lead) or word in _AUDIENCE  # "Minister of Health Dr Jane Doe": Dr goes on

    def _person_of(self, seg: list[_Tok], before: bool) -> SpeakerSpan | None:
        """A person who is the subject the segment describes: named inside it, or set
        beside it between commas ("Mark Rutte, Katibu Mkuu wa NATO, alisema";
        "alisema Katibu Mkuu wa NATO, Mark Rutte,")."""
        if not before and self.cues.cased:  # "заявил постоянный представитель РФ … на заседании Совета Безопасности"
            seg = seg[: next((k for k in range(1, len(seg)) if self._ends_role(seg[k])), len(seg))]
        s, e = seg[0].start, seg[-1].end
        inside = self.people_index.overlapping(s, e)
        if inside:
            return self._from_mention(max(inside, key=lambda m: m.end) if before else min(inside, key=lambda m: m.start))
        # set off by commas: the structure is the evidence, any person will do ("X, …" ends just
        # before the segment, ", X" starts just after it, spaces of any length around the comma)
        text = self.text
        if before:
            k = end_before_spaces(text, s)
            if k == 0 or text[k - 1] not in _COMMAS:
                return None
            at = end_before_spaces(text, k - 1)
            return next((self._from_mention(m) for m in self.ending_at.get(at, ()) if self.is_person(m)), None)
        k = start_after_spaces(text, e)
        if k >= len(text) or text[k] not in _COMMAS:
            return None
        k = start_after_spaces(text, k + 1)
        for _ in range(2):  # titles before the name: "in ji Shugaban Hukumar …, Dokta Samuel Bekele"
            m = _WORD_AT.match(text, k)
            if m is None or not _title_word(m[1]):
                break
            k = start_after_spaces(text, m.end())
        index = self.mention_index
        i = index.first_from(k)
        while i < len(index.items) and index.starts[i] == k:
            if self.is_person(index.items[i]):
                return self._from_mention(index.items[i])
            i += 1
        return None

    def _role_around(self, seg: list[_Tok], m: Mention, before: bool) -> SpeakerSpan | None:
        """The role an organisation or place is part of ("Waziri wa Mambo ya Nje wa Kenya",
        "Russia's ambassador to the AU", "مفاوضون من الصومال"), or None when the mention
        is the subject itself ("Wizara ya Afya imesema", "Masar ayaa sheegtay")."""
        lead = [t for t in seg if t.end <= m.start]
        rest = [t for t in seg if t.start >= m.end]
        if before and rest and self.text[m.end : m.end + 2] in ("'s", "’s") and not any(t.word[:1].isupper() for t in rest):
            return SpeakerSpan(self.text[m.start : seg[-1].end], None, m.start, seg[-1].end)  # "Chile's electoral service said"
        if not lead or lead[-1].word.lower() not in _OF_WORDS:
            return None
        if before:
            k = 0
            while k < len(lead) - 1 and lead[k].word.lower() in self.stop and lead[k].word.lower() not in self.cues.determiners:
                k += 1  # "while Russia's ambassador": not "while"
            s, e = lead[k].start, seg[-1].end
        else:
            s, e = seg[0].start, m.end
        return SpeakerSpan(self.text[s:e], None, s, e)

    def pick(self, seg: list[_Tok], before: bool, according: bool = False) -> SpeakerSpan | None:
        """The speaker named in ``seg``, a segment just before (``before``) or after the verb."""
        if not before:
            seg = self._skip_audience(seg)
            if seg and not self.cues.verb_first and seg[0].word.lower() in self.locatives:
                return None  # "said in a statement": where and how, the speaker stood before the verb
        if not seg:
            return None
        near = seg[-ADJACENT_TOKENS:] if before else seg[:ADJACENT_TOKENS]
        m = self._mention(near[0].start, near[-1].end, nearest_end=before)
        if m is not None and self.is_person(m):
            return self._from_mention(m)
        person = self._person_of(seg, before)
        if person is not None:  # "Katibu Mkuu wa NATO, Mark Rutte", "رئيس مفوضية الاتحاد الأفريقي محمود علي يوسف"
            return person  # also after "according to" (Hausa "in ji"): "in ji Shugaban Hukumar Tarayyar Afirka, Dokta Samuel Bekele"
        if m is not None and according:
            return self._from_mention(m)  # "according to the WHO"
        if m is not None and not any(self.cues.title_re.match(t.word) for t in seg):
            role = self._role_around(seg, m, before)
            return role if role is not None else self._from_mention(m)
        edge = seg[-1] if before else seg[0]
        if edge.word.lower() in self.cues.pronouns:
            return IMPLICIT
        titled = [i for i, t in enumerate(seg) if self.cues.title_re.match(t.word)]
        if titled:
            i = titled[0]
            if before:
                j = i
                # "Japan's defence minister", "the minister"; Amharic puts the whole role before its
                # head ("የቻይና የውጭ ጉዳይ ሚኒስቴር ቃል አቀባይ", China's foreign ministry's spokesman)
                for _ in range(len(seg) if self.lang == "am" else 3):
                    if j == 0:
                        break
                    w = seg[j - 1].word.lower()
                    if w in self.cues.determiners:
                        j -= 1
                        break
                    if (w in self.stop and not self._named(seg[j - 1])) or (  # "the WHO Representative": WHO, not "who"
                        self.lang == "am" and len(w) >= 4 and w[0] in _AM_CIRCUMSTANCE
                    ):
                        break
                    j -= 1
                k = len(seg)
                while k > i + 1 and seg[k - 1].word.lower() in self.stop and not self._named(seg[k - 1]):
                    k -= 1  # "the Scottish government has argued": not "has"; "Wizara ya Mambo ya Nje" kept whole
                if self.lang == "am":  # "ቃል አቀባይ በበኩላቸው", "… ዩሱፍ በመክፈቻው ሥነ ሥርዓት": the circumstance starts with
                    # a preposition (በ in, ለ for, ከ from; not የ "of", which belongs to the role)
                    k = next((x for x in range(i + 1, k) if len(seg[x].word) >= 4 and seg[x].word[0] in _AM_CIRCUMSTANCE), k)
                return self._role(seg[j:k])
            if i <= 2:  # "said the minister", "dijo el portavoz del Gobierno"
                j = i - 1 if i > 0 and seg[i - 1].word.lower() in self.cues.determiners else i  # not "заявил журналистам"
                if i > 0 and self.lang == "ru" and _RU_ADJECTIVE.search(seg[i - 1].word):
                    j = i - 1  # "заявил российский дипломат", "постоянный представитель"
                k = i + 1  # the role runs to the end of its noun phrase ("le ministre de la Santé publique lors …")
                while k < len(seg) and not self._ends_role(seg[k]):
                    k += 1
                while k > i + 1 and seg[k - 1].word.lower() in self.glue:
                    k -= 1  # "un responsable du ministère … de la": never end on "de la"
                return self._role(seg[j:k])
        if according:  # "according to the Nikkei Asia website": the named source, whatever it is
            return self._span(seg[:6])
        if self.cues.cased:
            run = self._capitalised_run(seg, before)
            if run and before:  # "Chiamaka Okafor of the … Centre for Health Equity said": the name before "of" speaks
                lead = seg[: next(k for k, t in enumerate(seg) if t.start == run[0].start)]
                if len(lead) > 1 and lead[-1].word.lower() in self.cues.determiners:
                    lead = lead[:-1]
                if len(lead) > 1 and lead[-1].word.lower() in _OF_WORDS:
                    head = self.pick(lead[:-1], before=True)
                    if head is not None and head is not IMPLICIT:
                        return head
            if run:
                return self._span(run)
            return self._subject_phrase(seg) if before else None
        if not before and self.cues.verb_first and seg[0].word.lower() not in self.stop:
            # Arabic "وقال ناكاتاني", "وأوضحت وزارة الدفاع اليابانية في بيان": the head and the words
            # that complete it (its iḍāfa and adjectives), up to where the circumstances begin
            k = 1
            while k < min(len(seg), MAX_NOUN_PHRASE) and not self._ends_role(seg[k]):
                k += 1
            return self._role(seg[:k])
        return None

    def _skip_audience(self, seg: list[_Tok]) -> list[_Tok]:
        """``seg`` (read after a verb) less the audience it opens with ("à Djibouti Matin", "à la presse")."""
        if not seg or seg[0].word.lower() not in _TO_AUDIENCE.get(self.lang, ()):
            return seg
        k = 1
        if k < len(seg) and seg[k].word.lower() in self.cues.determiners:
            k += 2  # "à la presse"
        else:
            while k < len(seg) and re.sub(r"^[ld]['’]", "", seg[k].word)[:1].isupper():
                k += 1  # "à Afrique Horizon", "à l'AFP"
        return seg[k:]

    def _subject_phrase(self, seg: list[_Tok]) -> SpeakerSpan | None:
        """A common-noun subject right before its verb ("An Egyptian delegate said", "Aid groups
        said", "Wafanyabiashara wa mifugo walisema"): the whole segment, once the words that only
        link it to what came before ("while", "balse") are set aside.  It must open the clause and
        start with an article or a capital (Somali marks its subject with "ayaa" instead)."""
        if len(seg) >= MAX_SPEAKER_TOKENS:
            return None  # cut by the window: where the subject starts is unknown
        k = 0
        while k < len(seg) and seg[k].word.lower() in self.stop and seg[k].word.lower() not in self.cues.determiners:
            k += 1
        np = seg[k:]
        if not np or len(np) > MAX_NOUN_PHRASE + 1 or np[-1].word.lower() in self.stop:
            return None
        if any(t.word.lower() in self.stop and t.word.lower() not in self.glue for t in np):
            return None  # "he later": a pronoun or an adverb, no noun phrase
        if not (np[0].word.lower() in self.cues.determiners or np[0].word[:1].isupper() or self.lang == "so"):
            return None
        v = self.verb_index.first_in(np[-1].end, len(self.text))
        verb_at = v.start() if v is not None else len(self.text)
        if any(c in ",،;" for c in self.text[np[-1].end : verb_at]):
            return None  # "Россия приветствует … коридора в Газу, заявил …": a clause before a comma, not a subject
        return self._role(np)

    def _capitalised_run(self, seg: list[_Tok], before: bool) -> list[_Tok]:
        def cap(t: _Tok) -> bool:
            return t.word[:1].isupper()

        run: list[_Tok] = []
        order = reversed(seg) if before else iter(seg)
        for t in order:
            if cap(t) or (run and t.word in _NAME_PARTICLES):
                run.append(t)
            elif not run and not before and t.word.lower() in _HONORIFICS:
                run.append(t)
            else:
                break
        if before:
            run.reverse()
        while run and (run[0].word in _NAME_PARTICLES or run[0].word.lower() in self.stop or run[0].word.lower() in _HONORIFICS):
            run = run[1:]
        while run and run[-1].word in _NAME_PARTICLES:
            run = run[:-1]
        return run

    def cjk_speaker(self, verb_start: int, verb_end: int, according: bool) -> SpeakerSpan | None:
        text = self.text
        if according:  # 据X报道 / 据X称
            lo = verb_end
            hi = lo
            while hi < len(text) and hi - lo < MAX_CJK_SPEAKER and _CJK_NAME_CH.match(text[hi]):
                hi += 1
            m = self._mention(lo, min(hi, lo + 4), nearest_end=False)
            if m is not None:
                return self._from_mention(m)
            name = re.split(r"报道|称|表示|说", text[lo:hi])[0]
            return SpeakerSpan(name, None, lo, lo + len(name)) if len(name) >= 2 else None
        lo = verb_start
        while lo > 0 and verb_start - lo < MAX_CJK_CLAUSE and (_CJK_NAME_CH.match(text[lo - 1]) or text[lo - 1].isdigit()):
            lo -= 1
        if lo == verb_start and lo > 0 and text[lo - 1] in "，,":
            # "朝鲜中央通讯社16日发表评论，批评…“亚洲版北约”，称…": a verb in a chain of clauses says what the
            # sentence's subject said
            lo = sentence_start(text, verb_start)
            while lo < verb_start and not _CJK_NAME_CH.match(text[lo]):
                lo += 1
            end = lo
            while end < verb_start and (_CJK_NAME_CH.match(text[end]) or text[end].isdigit()):
                end += 1
            return self._cjk_name(lo, end)
        return self._cjk_name(lo, verb_start)

    def _cjk_name(self, lo: int, end: int) -> SpeakerSpan | None:
        """The Chinese speaker in ``text[lo:end]``, the run of name characters before a verb: a
        mention at its end, else the run less its circumstances if it is a role or an
        organisation (:data:`_CJK_ROLE`); a clause ("油价下降", the oil price fell) is no speaker."""
        text = self.text
        # "吕特15日在会后表示", "王立新对记者表示": the speaker ends where the when, where and to whom begin
        hi = lo + len(_CJK_CIRCUMSTANCES.split(text[lo:end], maxsplit=1)[0])
        hi = lo + len(_CJK_SPEAKER_TRIM.sub("", text[lo:hi]))
        lo = max(lo, hi - MAX_CJK_SPEAKER)
        m = self._mention(max(lo, hi - 6), hi + 1, nearest_end=True)
        if m is not None:
            return self._from_mention(m)
        name = text[lo:hi]
        if name in self.cues.pronouns:
            return IMPLICIT
        if len(name) < 2 or not _CJK_ROLE.search(name):
            return self._cjk_bare_name(lo, hi)
        return SpeakerSpan(name, None, lo, lo + len(name))

    def _cjk_bare_name(self, lo: int, hi: int) -> SpeakerSpan | None:
        """A personal name alone before the verb ("毛宁说：", with no entity mention): the longest run of
        :data:`CJK_NAME_LENGTHS` characters ending at ``hi`` that the article writes elsewhere right after a
        person's role ("外交部发言人毛宁表示"), ended there by a verb, a circumstance or punctuation.  A clause
        ("油价下降表示…", the oil price fell) is never written after a role, so it stays no speaker."""
        text = self.text
        shortest, longest = CJK_NAME_LENGTHS
        for n in range(min(longest, hi - lo), shortest - 1, -1):
            name = text[hi - n : hi]
            if not all(_CJK_NAME_CH.match(ch) and ch.isalpha() and not ch.isascii() for ch in name):
                continue
            for m in re.finditer(rf"(?:{_CJK_PERSON_ROLES}){re.escape(name)}", text):
                at = m.end()
                if at == hi:
                    continue  # this very run: the role before it was cut off as no part of the speaker
                if at >= len(text) or not _CJK_NAME_CH.match(text[at]) or self.cues.verb_re.match(text, at) \
                        or _CJK_CIRCUMSTANCES.match(text, at) or _CJK_ADVERB.match(text, at):
                    return SpeakerSpan(name, None, hi - n, hi)
        return None

    def cleft_speaker(self, seg: list[_Tok]) -> SpeakerSpan | None:
        """The speaker between a focus word and its verb (Yoruba '"…," ni aṣojú WHO ní Sòmálíà sọ'): up to
        the first comma, as an apposition follows one ("ni Dókítà X, tó ń darí ètò náà ní Limete, sọ"),
        and before a locative, which says where they were."""
        k = next((i + 1 for i, t in enumerate(seg) if breaks_after(t)), len(seg))
        seg = seg[:k]
        places = [i for i, t in enumerate(seg) if i > 0 and unicodedata.normalize("NFC", t.word).casefold() in self.locatives]
        seg = seg[: places[0]] if places else seg
        return self.pick(seg, before=True) if seg else None

    def before_verb(self, verb_start: int) -> SpeakerSpan | None:
        """The speaker named before the verb at ``verb_start``: the subject of an apposition
        when the verb follows one, else what :meth:`pick` reads next to the verb."""
        head = self._apposed_subject(verb_start)
        if head is not None:
            return head
        return self.pick(self.before_segment(verb_start), before=True)

    def _apposed_subject(self, verb_start: int) -> SpeakerSpan | None:
        """The subject when an apposition set off by commas stands between it and the verb.

        "Andre Campbell, del Instituto Caribeño de Resiliencia, advirtió", "Bw. Juma Ole Sankale,
        mratibu wa shirika la … Hali ya Hewa Yetu mjini Arusha, alisema", "An EU official, who
        asked not to be named, said": a name inside the apposition is the subject's employer or
        home, not the speaker.  The subject before the first comma speaks when the apposition
        opens with a relative pronoun or an "of" word, or when the subject is a person and the
        apposition names nobody in its own right ("Onímọ̀ ọrọ̀ ajé, Dókítà Fúnmiláyọ̀ Ògúnlẹ́yẹ,
        sọ pé" keeps the name in the apposition; a name after an "of" word is a complement).
        """
        text = self.text
        close = end_before_spaces(text, verb_start) - 1
        if close < 0 or text[close] not in ",،":
            return None
        app: list[_Tok] = []
        comma = -1
        for tok in reversed(tokens(text, max(0, close - MAX_ATTRIBUTION_GAP * 2), close)):
            if tok.word and tok.trail.strip() in (",", "،"):
                comma = tok.end + len(tok.trail) - 1
                break
            # a bracketed short name stays inside: "…, head of the … Agency (SoDMA), told"
            if not tok.word or _breaks_outside_brackets(tok.trail) or _breaks_outside_brackets(tok.lead) or self._is_verb(tok):
                return None
            app.append(tok)
            if len(app) > MAX_APPOSITION_TOKENS:
                return None
        if comma < 0 or not app:
            return None
        app.reverse()
        head_seg = self.before_segment(comma)
        head = self.pick(head_seg, before=True) if head_seg else None
        if head is None or head is IMPLICIT:
            return None
        first = app[0].word.lower()
        if first in _RELATIVES or first in _OF_WORDS or (self.lang == "en" and first.endswith("ing")):
            return head  # "An EU official, who asked …,", "A NATO official, speaking on condition of anonymity,"
        if first in self.locatives and len(app) > 1:
            return head  # "Le porte-parole du gouvernement, à Tokyo, a assuré": where, not who
        if not any(self.is_person(m) and (m.start, m.end) == (head.start, head.end)
                   for m in self.mention_index.overlapping(head.start, head.end)):
            return None
        for m in self.mention_index.overlapping(app[0].start, app[-1].end):  # a person in the apposition, not after an "of" word: the apposition is a name
            if self.is_person(m) and app[0].start <= m.start < app[-1].end:
                k = next(i for i, t in enumerate(app) if m.start < t.end)
                if k == 0 or app[k - 1].word.lower() not in _OF_WORDS:
                    return None
        return head

    def aside_before(self, verb_start: int) -> int:
        """Whether the comma before the verb closes an aside set off after the subject ("The company,
        which employs 2,000 people, said …", "The African Union, the continent's main body, said …",
        "Das Ministerium, das am Montag tagte, sagte …"): an earlier comma in the sentence, and the
        words between open with a relative pronoun or an article (review: the verb's object was
        taken for its inverted subject).  Where the aside opens (its comma), or -1."""
        text = self.text
        close = end_before_spaces(text, verb_start) - 1
        if close < 0 or text[close] not in _COMMAS:
            return -1
        start = sentence_start(text, close)
        opening = close
        while True:  # the comma before, not one inside a number ("2,000")
            opening = max(text.rfind(c, start, opening) for c in _COMMAS)
            if opening < 0:
                return -1
            if not (0 < opening < len(text) - 1 and text[opening - 1].isdigit() and text[opening + 1].isdigit()):
                break
        toks = tokens(text, opening + 1, close)
        if not toks or len(toks) > MAX_APPOSITION_TOKENS:
            return -1
        first = toks[0].word.lower()
        return opening if first in _RELATIVES or first in self.cues.determiners or first in _ASIDE_OPENERS else -1

    def _impersonal_source(self, v: re.Match[str]) -> tuple[SpeakerSpan, bool] | None:
        """Russian "в <organisation> заявили/сообщили" (they said in the MFA) with no subject: the
        organisation speaks ("Ранее в МЧС России сообщили", "заявили в МИД России"), not the word
        before it ("Ранее", earlier).  A place alone ("в Москве заявили") is left to the usual rules."""
        text = self.text

        def source(toks: list[_Tok]) -> SpeakerSpan | None:
            run = []
            for t in toks[1 : 1 + MAX_NOUN_PHRASE]:
                if not (t.word[:1].isupper() or self._named(t)) or breaks_before(t):
                    break
                run.append(t)
                if breaks_after(t):
                    break
            if not toks or toks[0].word.lower() not in ("в", "во") or not run:
                return None
            spk = self._role(run)  # the whole "МЧС России", not its last word
            placed = [m for m in self.mention_index.overlapping(spk.start, spk.end)
                      if (m.start, m.end) == (spk.start, spk.end) and m.type == "LOC"]
            return None if placed else spk

        before = tokens(text, max(0, v.start() - MAX_ATTRIBUTION_GAP), v.start())
        for k in range(len(before) - 1, -1, -1):
            if before[k].word.lower() in ("в", "во"):
                spk = source(before[k:])
                if spk is not None and spk.end == before[-1].end:
                    return spk, True
                break
            if breaks_after(before[k]) or not before[k].word:
                break
        spk = source(tokens(text, v.end(), min(len(text), v.end() + MAX_ATTRIBUTION_GAP)))
        return (spk, False) if spk is not None else None

    def role_phrases(self) -> list[SpeakerSpan]:
        """Every role phrase with its article ("le chef de la diplomatie nigérienne", "the minister"),
        read as after a verb: who a later "he said" may mean when no person was named since."""
        out: list[SpeakerSpan] = []
        if not self.cues.determiners:
            return out
        toks = tokens(self.text, 0, len(self.text))
        for k, t in enumerate(toks[:-1]):
            if t.word.lower() in self.cues.determiners and self.cues.title_re.match(toks[k + 1].word) \
                    and not breaks_after(t):
                seg = [t]
                for u in toks[k + 1 : k + MAX_SPEAKER_TOKENS]:
                    if breaks_before(u) or self._is_verb(u):
                        break
                    seg.append(u)
                    if breaks_after(u):
                        break
                found = self.pick(seg, before=False)
                if found is not None and found is not IMPLICIT:
                    out.append(found)
        return out

    def audience_quote(self, pos: int) -> int | None:
        """Where a short name in quote marks right after ``pos`` (a verb's end) closes, when a name
        follows it: the outlet told ("— заявил «Вестнику Евразии» Дмитрий Соколов"), not a quote."""
        k = pos
        while k < len(self.text) and self.text[k] in " \t\u00a0":
            k += 1
        close = self.close_of.get(k)
        if close is None or len(self.text[k + 1 : close].split()) > MAX_AUDIENCE_NAME:
            return None
        rest = self.text[close + 1 : close + 40].lstrip(" \t\u00a0")
        if rest[:1].isupper():
            return close
        # "заявил «Востоку-Вестнику», что …": the outlet told, then what was said
        that = rest.lstrip(",، \t\u00a0").split(maxsplit=1)
        quoted = self.text[k + 1 : close]
        if that and that[0].lower() in self.cues.that and quoted[:1].isupper():
            return close
        return None

    def sentence_subject(self, pos: int) -> SpeakerSpan | None:
        """The subject that opens the sentence holding ``pos``, for a verb with no subject written
        ("Qatar ayaa ku baaqday …, iyadoo sheegtay in …"; "የኢትዮጵያ … ሚኒስትር በበኩላቸው … ገልጸው፣ “…” ብለዋል"):
        the role phrase it opens with, else the mention it opens with."""
        text = self.text
        s = sentence_start(text, pos)
        seg: list[_Tok] = []
        for t in tokens(text, s, pos)[:MAX_SPEAKER_TOKENS]:
            if not t.word or self._is_verb(t) or (seg and breaks_before(t)) or any(c in QUOTE_MARKS for c in t.lead):
                break
            seg.append(t)
            if breaks_after(t):
                break
        if not seg:
            return None
        titled = [k for k, t in enumerate(seg) if self.cues.title_re.match(t.word)]
        if titled:
            role = self.pick(seg[: titled[-1] + 1], before=True)
            if role is not None and role is not IMPLICIT:
                return role
        opening = [m for m in self.mention_index.overlapping(seg[0].start, seg[0].end + 1)
                   if seg[0].start <= m.start and id(m) not in self.placed]
        return self._from_mention(opening[0]) if opening else None

    def speaker(self, v: re.Match[str], gap_before: bool = True) -> tuple[SpeakerSpan | None, bool]:
        """The speaker of verb match ``v`` and whether it stood before the verb.

        ``gap_before`` is False when the verb directly follows a closing quote mark,
        so nothing before it can be the speaker.
        """
        according = v.group("according") is not None
        if self.cues.cjk:
            return self.cjk_speaker(v.start(), v.end(), according), not according
        if self.lang == "ru" and v.group().lower().endswith("ли"):
            source = self._impersonal_source(v)
            if source is not None:
                return source
        after_at = self.audience_quote(v.end())
        after_at = v.end() if after_at is None else after_at + 1  # "заявил «Вестнику Евразии» Дмитрий Соколов"
        tells = _TELLS.get(self.lang)
        if tells is not None and tells.search(v.group()):
            # "… told Reuters by phone", "aliwaambia waandishi wa habari": who was told, not who spoke
            after = lambda: None  # noqa: E731
        else:
            after = lambda: self.pick(self.after_segment(after_at), before=False, according=according)  # noqa: E731
        before = lambda: self.before_verb(v.start()) if gap_before else None  # noqa: E731
        if according or self.cues.verb_first:
            found = after()
            if found is not None:
                return found, False
            return before(), True
        aside = self.aside_before(v.start()) if self.lang in _INVERTS_AFTER_COMMA else -1
        if aside >= 0 and gap_before:
            head_seg = self.before_segment(aside)  # "The company, which employs 2,000 people, said": the company
            head = self.pick(head_seg, before=True) if head_seg else None
            if head is not None:
                return head, True
        if (self.lang in _INVERTS_AFTER_COMMA and self.text[: v.start()].rstrip().endswith(",")
                and self._apposed_subject(v.start()) is None and aside < 0):
            # "<clause>, sagte die frühere Sozialministerin", "<clause>, said Foreign Minister Hakan Fidan":
            # a verb right after a comma closes the clause before it, and its speaker follows
            found = after()
            if found is not None and found is not IMPLICIT:
                return found, False
        found = before()
        if found is not None:
            return found, True
        return after(), False
