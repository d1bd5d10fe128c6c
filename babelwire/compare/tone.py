"""An explainable tone score per article from small hand-written lexicons.

Three word lists per language: *positive* (peace, agreement, welcome …),
*negative* (concern, threat, condemn …) and *conflict* (war, attack, missile …).
Conflict words count against the tone like negative ones, but are reported
apart so an analyst can tell "critical" coverage from "war" coverage.

    score = (P - N - C) / (P + N + C + SMOOTHING)

It is a balance, not a sum, so a long article is not more extreme than a short
one saying the same thing; it lies in (-1, 1).  The words that drove it come
back with the score.  There is no negation handling ("not a threat" counts as a
threat): this is a framing hint to read beside the quotes, not a classifier.

Lexicon entries are lowercase lemmas *and* common surface forms: a token counts
when either its surface or its simplemma lemma is listed (Arabic entries are
written without the article, as :func:`babelwire.compare.words.lemma` returns
them).  Chinese is matched by substring, having no word boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .words import _CJK_RUN, lemma, surface_tokens

#: Label cut-offs: negative < NEGATIVE_BELOW ≤ neutral ≤ POSITIVE_ABOVE < positive.
#: ±0.15 is the band the brief fixed; with SMOOTHING = 2 a single lexicon hit
#: (±1/3) already leaves it, and one positive plus one negative (0) does not.
NEGATIVE_BELOW = -0.15
POSITIVE_ABOVE = 0.15

#: Added to the hit count in the denominator so that one or two hits cannot pin a
#: text at ±1 (Laplace-style prior towards neutral); 2 makes one hit score ±1/3.
SMOOTHING = 2.0

# (positive, negative, conflict) per language, whitespace-separated.
_LEXICONS: dict[str, tuple[str, str, str]] = {
    "en": (
        "peace peaceful agreement agree agreed cooperation cooperate support welcome welcomed progress success "
        "successful hope hopeful improve strengthen partnership friendly stability stable growth benefit praise "
        "celebrate victory recovery deal breakthrough optimism optimistic commend",
        "concern concerned worry worried threat threaten crisis risk danger dangerous fear condemn criticise "
        "criticize criticism accuse fail failure loss decline collapse tension warn warning provocation provocative "
        "dispute sanction protest illegal death dead victim alarm hostile aggressive aggression destabilise destabilize",
        "war attack invasion invade bomb bombing missile kill fighting fight clash violence conflict battle shelling "
        "airstrike weapon troops combat massacre",
    ),
    "fr": (
        "paix accord coopération coopérer soutien soutenir saluer progrès succès réussite espoir améliorer renforcer "
        "partenariat amical stabilité croissance bénéfice félicite félicité victoire optimisme",
        "inquiétude inquiet préoccupation préoccupé menace menacer crise risque danger dangereux peur condamner "
        "critiquer critique accuser échec perte déclin tension avertir provocation sanction illégal mort victime",
        "guerre attaque invasion envahir bombe bombardement missile tuer combat affrontement violence conflit "
        "bataille frappe arme",
    ),
    "es": (
        "paz acuerdo cooperación cooperar apoyo apoyar acoger progreso éxito esperanza mejorar fortalecer "
        "asociación amistoso estabilidad crecimiento beneficio elogiar victoria optimismo",
        "preocupación preocupado amenaza amenazar crisis riesgo peligro peligroso miedo condenar criticar crítica "
        "acusar fracaso pérdida tensión advertir provocación sanción ilegal muerte muerto víctima",
        "guerra ataque invasión invadir bomba bombardeo misil matar combate enfrentamiento violencia conflicto batalla arma",
    ),
    "de": (
        "frieden friedlich abkommen einigung zusammenarbeit kooperation unterstützung unterstützen begrüßen "
        "fortschritt erfolg erfolgreich hoffnung verbessern stärken partnerschaft stabilität wachstum sieg lob",
        "sorge besorgt bedrohung drohen drohung krise risiko gefahr gefährlich angst verurteilen kritik kritisieren "
        "vorwerfen scheitern verlust spannung warnen warnung provokation sanktion illegal tod tot opfer",
        "krieg angriff invasion bombe bombardierung rakete töten kampf kämpfe gefecht gewalt konflikt schlacht waffe",
    ),
    "ru": (
        "мирный перемирие соглашение договорённость договоренность сотрудничество поддержка поддержать приветствовать "
        "прогресс успех успешный надежда улучшить укрепить укреплять партнёрство партнерство стабильность рост победа",
        "обеспокоенность обеспокоенный беспокойство угроза угрожать кризис риск опасность опасный страх осудить "
        "осуждать критика критиковать обвинить обвинять провал потеря напряжённость напряженность предупредить "
        "провокация санкция незаконный смерть жертва",
        "война атака нападение вторжение бомба бомбардировка ракета убить бой боевой столкновение насилие конфликт "
        "сражение удар оружие обстрел",
    ),
    "ar": (
        "سلام سلمي اتفاق اتفاقية تعاون دعم ترحيب رحب يرحب تقدم نجاح أمل تحسين تعزيز شراكة ودي ودية استقرار نمو فوز انتصار تفاؤل",
        "قلق قلقه قلقها بالقلق مخاوف مخافة تهديد تهديدات تهديدا يهدد أزمة خطر مخاطر خطير خوف إدانة يدين أدان انتقاد انتقد انتقدت اتهام فشل خسارة "
        "توتر تحذير حذر استفزاز عقوبات عقوبة غير_قانوني موت وفاة ضحية ضحايا تقويض",
        "حرب هجوم هجمات هجمة غزو قصف صاروخ صواريخ قتل قتلى قتال اشتباك اشتباكات عنف نزاع صراع معركة غارة سلاح أسلحة",
    ),
    "sw": (
        "amani makubaliano ushirikiano msaada kukaribisha alikaribisha maendeleo mafanikio fanikiwa matumaini "
        "tumaini kuimarisha imarisha urafiki utulivu ukuaji faida ushindi pongezi",
        "wasiwasi tishio vitisho tishia mgogoro hatari hofu kulaani laani lawama shutuma kushutumu kushindwa hasara "
        "mvutano onya tahadhari uchochezi vikwazo haramu kifo vifo waathiriwa",
        "vita shambulio mashambulio mashambulizi shambulizi uvamizi bomu mabomu kombora makombora kuua waliuawa "
        "mapigano pigana makabiliano mapambano vurugu ghasia silaha",
    ),
    "ha": (
        "zaman_lafiya lafiya yarjejeniya yarjejeniyar haɗin_gwiwa goyon_baya maraba cigaba ci_gaba nasara nasarar "
        "inganta ƙarfafa abota yabo jinjina",  # not "yaba" (praised): Yaba is a district of Lagos (review)
        "damuwa barazana rikici rikicin haɗari hatsari tsoro la'anci la'anta zargi zargin gazawa asara gargaɗi gargadi "
        "takunkumi takunkumin mutuwa mutu soki",
        "yaƙi yaki yaƙin hari harin hare-hare mamaya bam makami makamai kashe kisa faɗa fada tashin_hankali",
    ),
    "so": (
        # surface forms too: Somali verbs and nouns carry person and definite endings ("cambaareysay",
        # she/it condemned; "heshiiska", the agreement), which no lemmatiser here undoes
        "nabad nabadda heshiis heshiiska wadashaqeyn iskaashi iskaashiga taageero taageerada taageeray taageertay "
        "soo_dhawayn horumar horumarka guul guusha rajo rajada xoojin xoojiyay xoojisay xasilooni xasiloonida "
        "bogaadiyay bogaadisay bogaadiyeen",
        "walaac walaaca cabsi cabsida khatar khatarta hanjabaad dhibaato dhibaatada cambaareeyay cambaareysay "
        "cambaareeyeen cambaareyn eedeyn eedeeyay eedeysay fashil khasaare khasaaro xiisad xiisadda cunaqabateyn "
        "dhimasho dhimashada digay digtay digeen dhaleeceeyay dhaleeceysay dhaleeceyn",
        "dagaal dagaalka dagaallada weerar weerarka weeraro weeraray weerartay duqeyn duqeymo gantaal gantaalo "
        "dilay dileen qarax qaraxa hub hubka colaad colaadda rabshad rabshado",
    ),
    "yo": (
        "àlàáfíà alaafia àdéhùn ìfọwọ́sowọ́pọ̀ àtìlẹ́yìn ìlọsíwájú àṣeyọrí ìrètí ìyìn ìdàgbàsókè",
        "ìbẹ̀rù ewu ìhalẹ̀mọ́ ìdààmú ikú àníyàn ìṣòro ìkìlọ̀",
        # not "ogun" (war): Ogun is also a state and a god, and news names the state most (review)
        "ìkọlù ìjà bọ́ǹbù ohun_ìjà ìwà_ipá",
    ),
    "am": (
        "ሰላም ስምምነት ትብብር ድጋፍ ስኬት ተስፋ ዕድገት እድገት አድናቆት",
        "ስጋት ቀውስ አደጋ ፍርሃት ውግዘት ሞት ተቃውሞ ማስጠንቀቂያ ችግር",
        "ጦርነት ጥቃት ወረራ ቦምብ ሚሳኤል ግጭት ውጊያ ሁከት",
    ),
    "zh": (
        "和平 协议 合作 支持 欢迎 进展 成功 希望 改善 加强 伙伴 友好 稳定 增长 胜利 赞扬",
        "担忧 关切 威胁 危机 风险 危险 恐惧 谴责 批评 指责 失败 损失 紧张 警告 挑衅 制裁 非法 死亡 遇难 破坏",
        "战争 袭击 攻击 入侵 轰炸 导弹 杀害 战斗 冲突 暴力 武器 交火",
    ),
}

#: Each language's lexicon as three frozensets.  An entry with ``_`` is a
#: multi-word expression our one-token matcher cannot see; it is kept in the
#: source as a note for a later phrase matcher and skipped here.
LEXICONS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    lang: tuple(frozenset(w for w in words.split() if "_" not in w) for words in lists)  # type: ignore[misc]
    for lang, lists in _LEXICONS.items()
}


def label_for(score: float) -> str:
    """``negative``, ``neutral`` or ``positive`` for a tone score."""
    if score < NEGATIVE_BELOW:
        return "negative"
    if score > POSITIVE_ABOVE:
        return "positive"
    return "neutral"


@dataclass(frozen=True)
class Tone:
    """A tone score in (-1, 1), its label, and the lexicon words (with counts) that drove it."""

    score: float
    label: str
    positive: dict[str, int] = field(default_factory=dict)
    negative: dict[str, int] = field(default_factory=dict)
    conflict: dict[str, int] = field(default_factory=dict)

    @property
    def drivers(self) -> list[tuple[str, int]]:
        """Every matched word with its signed count, strongest first."""
        signed = [(w, n) for w, n in self.positive.items()]
        signed += [(w, -n) for w, n in self.negative.items()] + [(w, -n) for w, n in self.conflict.items()]
        return sorted(signed, key=lambda wn: (-abs(wn[1]), wn[0]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "label": self.label,
            "positive": dict(self.positive),
            "negative": dict(self.negative),
            "conflict": dict(self.conflict),
        }


def tone(text: str, lang: str) -> Tone:
    """Score the tone of ``text`` in ``lang``; a language without a lexicon scores 0 (neutral) with no drivers."""
    lexicon = LEXICONS.get(lang)
    if lexicon is None:
        return Tone(0.0, label_for(0.0))
    hits: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    if lang == "zh":
        for kind, words in enumerate(lexicon):
            for word in words:
                n = text.count(word)
                if n:
                    hits[kind][word] = n
    else:
        for tok in surface_tokens(text, lang):
            if _CJK_RUN.fullmatch(tok):
                continue
            lem = lemma(tok, lang)
            for kind, words in enumerate(lexicon):
                word = tok if tok in words else lem if lem in words else None
                if word is not None:
                    hits[kind][word] = hits[kind].get(word, 0) + 1
                    break
    p, n, c = (sum(h.values()) for h in hits)
    score = (p - n - c) / (p + n + c + SMOOTHING)
    return Tone(score, label_for(score), *hits)
