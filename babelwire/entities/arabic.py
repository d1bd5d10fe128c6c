"""Arabic-script rules: names after titles and speech verbs, given names, organisations' head nouns.

Arabic has no capital letters, so a person is found by what stands before the
name (``وقال ناكاتاني``, ``الرئيس``) or by a given name that opens it
(``محمد علي نور``); :mod:`.extract` runs these beside the capitalised-run rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import word_set
from .normalise import norm_token
from .spans import CONF_ARABIC_TRIGGER, Span, Tok

#: Words right before a person's name in Arabic (titles and speech verbs).
AR_TRIGGERS = word_set(
    "الرئيس الجنرال السيد السيدة الملك الأمير الشيخ الدكتور المستشار قال وقال قالت وقالت أخبر أخبرت وأضاف صرح "
    # titles a name follows (QA: "وقالت النائبة سعاد الشامي" found no one)
    "الرئيسة الأميرة الوزير الوزيرة النائب النائبة السفير السفيرة اللواء العقيد العميد القاضي القاضية "
    "المحامي المحامية الإمام الصحفي الصحفية الكاتب الكاتبة"
)
AR_STOP = word_set(
    "إن أن أنه أنها في من على إلى عن مع ذلك هذا هذه التي الذي الذين كان كانت لا لم لن قد ثم كما بعد قبل عند حيث "
    "بشأن رحلة للصحفيين لهم له لها أيضا أيضًا إنه وإن يوم العام الخارجية الدفاع الوزراء "
    # times (QA: "في شرم الشيخ عام 2022", Sharm el-Sheikh in 2022, made "عام" a sheikh)
    "عام عاما سنة شهر أسبوع أمس غدا مساء "
    # after "قال" comes the speaker, often a role, not a name: "قال رئيس …", "قال متحدث …"
    # (QA found رئيس, مدير, وزارة, متحدث, مواطنون, سائق stored as people)
    "رئيس مدير وزير وزيرة وزارة متحدث متحدثة مسؤول مسؤولون مسؤولة مواطن مواطنون مواطنة سائق مصدر مصادر "
    "خبير خبراء محلل محللون شهود سكان مراسل ممثل نائب قائد زعيم عضو أمين مبعوث سفير رئيسة "
    # found after "قال" in NTREX's Arabic, none a name (roles, verbs, particles)
    "قائلا قائلًا أحد لقد ما بأن به بها إننا إنني يجب يتعين كل شركة هيئة إدارة لجنة حملة عدد مؤلف مدرب "
    "حارس مفتش سيدة كبير أعتقد بصفتي سبب ظهر بصورة أخبروني "
    # more roles a speaker is named by ("قال أستاذ بجامعة القاهرة", "قال دبلوماسي غربي")
    "أستاذ أستاذة دبلوماسي دبلوماسيون طبيب طبيبة باحث باحثة ناشط ناشطة ضابط جندي موظف موظفة مسعف لاجئ "
    "مزارع تاجر معلم معلمة طالب طالبة"
)
#: Arabic given names that begin a person's name wherever they stand, when another
#: name part follows (``محمد علي نور``, ``فاطمة بنت أحمد``).  Names that are also
#: common words (نور light, سعيد happy, صباح morning, أمين secretary, رياض the city)
#: only continue a name, in ``AR_NAME_MORE``.
AR_GIVEN = word_set(
    """محمد أحمد محمود مصطفى خالد إبراهيم يوسف عثمان عمار ياسر طارق وليد هشام حسين حسام
    موسى عيسى سليمان داود يحيى زكريا إسماعيل يعقوب هارون نبيل فيصل فهد ماجد راشد حمدان ناصر جاسم
    زياد أيمن أسامة باسل بشار رامي سامي سمير شادي عماد غسان فادي فراس مازن مروان نزار هاني وائل ياسين
    يونس حمزة بلال أنس معاذ عبدالله عبدالرحمن عبدالعزيز حسني إدريس عبدي
    فاطمة عائشة مريم خديجة زينب ليلى سارة نادية سعاد هدى منى رانيا ريم دينا علياء عبير رشا لينا ميساء
    هالة هبة نسرين شيماء آمنة حنان سلمى نجلاء لبنى"""
)
AR_NAME_MORE = AR_GIVEN | word_set(
    """علي عمر حسن حسين نور سعيد صالح منصور سلطان عادل شريف كمال جمال كريم أمين فرح أمل سلام
    عبده حامد حمد رشيد سالم سعد طه عبيد عوض فتحي قاسم مبارك مختار مراد مصباح نصر هادي يسري"""
)
#: Words that join two parts of an Arabic name: ``بن سلمان``, ``عبد الرحمن``, ``أبو مازن``.
AR_NAME_LINKS = word_set("بن بنت ابن ولد أبو ابو عبد")
#: Longest Arabic name the rules take, in tokens (``عبد الرحمن ولد سيدي`` is four).
AR_NAME_MAX_TOKENS = 4
AR_ORG_HEADS = word_set("وزارة منظمة حركة حزب مجلس جامعة بنك شركة وكالة هيئة مؤسسة")
#: Remits that complete an organisation's head noun though no name follows them
#: (``AR_STOP``): ``وزارة الخارجية`` (foreign ministry), ``وزارة الدفاع``, ``مجلس الوزراء``.
AR_REMITS = word_set("الخارجية الدفاع الوزراء")
AR_ORG_STOP = AR_STOP - AR_REMITS


def arabic_proclitic(word: str) -> int:
    """Letters of ``word`` before an organisation's head noun: ``وشركة`` (and a company) → 1, ``بالمجلس`` → 1."""
    for k in (2, 1):
        if len(word) - k >= 3 and all(c in "وفبلك" for c in word[:k]) and norm_token(word[k:]) in AR_ORG_HEADS:
            return k
    return 0


def arabic_name_end(toks: Sequence[Tok], start: int, k: int, taken: list[bool]) -> int:
    """One past the last token of an Arabic name that begins at ``start`` and runs at least to ``k``.

    It goes on over given names, linked parts (``بن سلمان``, ``عبد الرحمن``) and a
    final family adjective (``الشامي``), never over punctuation.
    """
    n = len(toks)

    def free(x: int) -> bool:
        # علي (Ali) folds to the preposition على: as written, with its dots, it is the name
        return (x < n and not taken[x] and toks[x].script == "Arab" and not toks[x].punct
                and (toks[x].norm not in AR_STOP or toks[x].text == "علي"))

    while k - start < AR_NAME_MAX_TOKENS and free(k):
        t = toks[k].norm
        if t in AR_NAME_LINKS and free(k + 1) and k + 1 - start < AR_NAME_MAX_TOKENS:
            k += 2
        elif t in AR_NAME_MORE:
            k += 1
        elif t.startswith("ال") and len(t) >= 5 and t.endswith(("ي", "يه")):
            return k + 1  # a nisba ends the name: الشامي, الهاشمية
        else:
            break
    return k


def arabic_triggers(toks: Sequence[Tok], taken: list[bool]) -> list[Span]:
    """Arabic people: the name after a title or a speech verb, and names that begin with a given name."""
    out = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.script != "Arab" or taken[i]:
            i += 1
            continue
        if t.norm in AR_TRIGGERS:
            j = i + 1
            if j < n and not taken[j] and toks[j].script == "Arab" and toks[j].norm not in AR_STOP and not toks[j].norm.startswith(("ال", "و")):
                if toks[j].norm in AR_NAME_LINKS:  # "قال أبو مازن"
                    end = arabic_name_end(toks, j, j, taken)
                else:
                    end = arabic_name_end(toks, j, j + 1, taken)
                if end > j:
                    out.append(Span(j, end, "PER", CONF_ARABIC_TRIGGER))
                    i = end
                    continue
        elif t.norm in AR_GIVEN or (t.norm in ("عبد", "ابو") and i + 1 < n):
            end = arabic_name_end(toks, i, i + 1 if t.norm in AR_GIVEN else i, taken)
            if end - i >= 2:  # a given name alone may be anyone's, or not a name at all
                out.append(Span(i, end, "PER", CONF_ARABIC_TRIGGER))
                i = end
                continue
        i += 1
    return out
