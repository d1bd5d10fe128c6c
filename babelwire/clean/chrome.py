"""Strip page chrome: share bars, comment headings, related-links blocks, ads,
subscribe lines and copyright lines, in many languages, plus lines that
recur across one source's documents (:class:`BoilerplateModel`).

Known chrome is removed only **at the ends** of an article (trailers from the
end inward, a few headers from the start), a whole line at a time, so a real
sentence in the middle is never touched.  The exceptions are whole lines that
can never be prose: advertisement markers (``Advertisement``, ``إعلان``) and
lines the model learned recur in a source's documents.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ..article import strip_combining

__all__ = ["BoilerplateModel", "line_key", "strip_chrome", "chrome_kind"]

_EDGE_PUNCT = " .:;,!?·•|>»«<-–—*#_=~/\\\"'“”‘’…؛،؟。：！？、|"


def line_key(line: str) -> str:
    """Case-, mark-, digit- and space-insensitive key of one line (``Comments (12)`` → ``comments (0)``)."""
    s = unicodedata.normalize("NFKD", line)
    s = strip_combining(s).casefold()
    s = re.sub(r"\d+", "0", s)
    s = " ".join(s.split())
    return s.strip(_EDGE_PUNCT)


def _keys(phrases: str) -> frozenset[str]:
    return frozenset(line_key(p) for p in phrases.split("|") if p.strip())


# Phrases are written naturally and keyed with line_key, so diacritics, case and
# hamza forms (أ/ا) do not matter.  Languages: en, ar, sw, fr, ru, zh, es, de, ha, am, so, yo.
_SHARE = _keys(
    "share|share this|share this article|share this story|share article|share via|share on facebook|share on twitter"
    "|share on whatsapp|share via email|tweet|print|print this article|email|e-mail|like|copy link|copy the link"
    "|شارك|شاركها|شارك الخبر|شارك المقال|شارك هذا المقال|مشاركة|مشاركة الخبر|طباعة|اطبع|غرد|تغريد|أعجبني|انشر|نسخ الرابط|أرسل لصديق"
    "|shiriki|shiriki hii|shiriki habari hii|shirikisha|chapisha|nakili kiungo"
    "|partager|partagez|partager cet article|partager sur facebook|partager sur twitter|imprimer|tweeter|j'aime"
    "|copier le lien|envoyer par e-mail|поделиться|поделитесь|печать|распечатать|версия для печати|твитнуть"
    "|скопировать ссылку|分享|分享到|分享至|打印|转发|点赞|收藏|复制链接|分享到微信|分享到微博"
    "|compartir|comparte|compartir en facebook|compartir en twitter|imprimir|tuitear|me gusta|copiar enlace"
    "|teilen|artikel teilen|drucken|twittern|gefällt mir|link kopieren|per e-mail teilen"
    "|raba|raba wannan|raba wannan labari|raba wannan labarin|አጋራ|ያጋሩ|አትም|ይህንን ዜና ያጋሩ|ዜናውን ያጋሩ|la wadaag|wadaag"
    "|daabac|pín|pín èyí|pín ìròyìn yìí|ẹ pín|ẹ pín èyí|ẹ pín ìròyìn yìí|ẹ pín ìròyìn náà"
    "|شارك هذا الخبر|شارك الموضوع|شارك هذه المقالة|شارك عبر|la wadaag warkan|wadaag warkan"
)
#: Single words that make up share bars (``Facebook Twitter WhatsApp``, ``Share | Tweet | Email``).
_SHARE_TOKENS = _keys(
    "share|tweet|email|e-mail|print|facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|messenger|vk"
    "|вконтакте|одноклассники|weibo|微信|微博|qq|qq空间|qq好友|朋友圈|豆瓣|viber|تويتر|فيسبوك|واتساب|تلغرام|تيليجرام|شارك|طباعة"
    "|partager|imprimer|teilen|drucken|compartir|imprimir|поделиться|分享|shiriki|raba|አጋራ|wadaag"
    # the small words of "Share on …", "Partager sur …", "Поделиться в …"
    "|on|via|sur|en|auf|на|в|kwenye|على|عبر|a"
)
_COMMENTS = _keys(
    "comments|comment|leave a comment|leave a reply|add a comment|add comment|post a comment|join the conversation"
    "|show comments|view comments|التعليقات|تعليقات|تعليق|أضف تعليق|أضف تعليقك|اترك تعليقا|اكتب تعليقك"
    "|maoni|toa maoni|acha maoni|maoni yako|andika maoni|commentaires|commentaire|laisser un commentaire"
    "|ajouter un commentaire|réagir|réagissez|voir les commentaires|комментарии|комментарий|оставить комментарий"
    "|добавить комментарий|комментировать|评论|发表评论|网友评论|留言|我要评论|查看评论"
    "|comentarios|comentario|deja un comentario|dejar un comentario|deja tu comentario|añadir comentario"
    "|kommentare|kommentar|kommentar schreiben|kommentieren|kommentar verfassen|sharhi|sharhin|yi sharhi|sharhi naku"
    "|አስተያየት|አስተያየቶች|አስተያየት ይስጡ|አስተያየትዎን ይጻፉ|አስተያየት ይጻፉ|faallo|faallooyin|faallooyinka|faallo ka bixi"
    "|ka faallo|qor faalladaada|qor faalladaada halkan|rubuta sharhi|rubuta sharhinka|rubuta sharhinki"
    "|àsọyé|èrò yín|ọ̀rọ̀ ìwòye|fi ọ̀rọ̀ sílẹ̀|èsì|àwọn èsì|kọ èsì|kọ èsì rẹ|fi èsì sílẹ̀|ìdáhùn|àwọn ìdáhùn"
    "|faallo ka dhiib|faallo ka dhiibo|ka dhiib faallo|bixi faallo"
)
_RELATED = _keys(
    "related|related articles|related stories|related news|related content|related topics|read also|also read"
    "|read more|continue reading|see also|more on this story|more stories|you may also like|you might also like|recommended"
    "|recommended for you|most read|most popular|top stories|more news"
    "|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|اقرأ المزيد|مواضيع ذات صلة|أخبار ذات صلة|مقالات ذات صلة|ذات صلة|الأكثر قراءة"
    "|المزيد من الأخبار|قد يعجبك أيضا|شاهد أيضا|soma pia|soma zaidi|habari zinazohusiana|habari zaidi|habari nyingine"
    "|zilizosomwa zaidi|makala zinazohusiana|unaweza pia kupenda|lire aussi|à lire aussi|lire la suite|voir aussi"
    "|à voir aussi|sur le même sujet|articles similaires|les plus lus|читайте также|читайте ещё|смотрите также"
    "|похожие новости|материалы по теме|по теме|новости по теме|самое читаемое|другие новости"
    "|相关新闻|相关阅读|相关文章|相关报道|延伸阅读|推荐阅读|热门新闻|更多新闻|热门推荐"
    "|lee también|lea también|leer más|lee más|te puede interesar|le puede interesar|también te puede interesar"
    "|noticias relacionadas|artículos relacionados|más leídas|lo más leído|ver también"
    "|lesen sie auch|auch interessant|mehr zum thema|weitere artikel|das könnte sie auch interessieren|meistgelesen"
    "|weitere nachrichten|karanta kuma|labarai masu alaka|labarai masu alaƙa|karin labarai|wasu labaran"
    "|labarai masu dangantaka|ተዛማጅ ዜናዎች|ተጨማሪ ያንብቡ|ይህንንም ያንብቡ|ተዛማጅ ርዕሶች|ተጨማሪ ዜናዎች"
    "|akhri sidoo kale|wararka la xiriira|warar la xiriira|warar kale|ẹ tún le ka|ka síwájú|àwọn ìròyìn tó jọmọ́|ìròyìn míràn"
    "|ka síwájú sí i|ìròyìn míì|àwọn ìròyìn míì|sidoo kale ka akhriso|ka akhriso|موضوعات ذات صلة|أخبار متعلقة"
)
#: Counters of readers under an article (``عدد المشاهدات: 1,254``, ``Views: 877``, ``1 254 просмотра``).
_COUNTERS = _keys(
    "views|view|reads|readers|page views|عدد المشاهدات|المشاهدات|مشاهدات|مشاهدة|عدد القراءات|قراءات|قراءة"
    "|vues|lectures|lu|просмотров|просмотра|просмотры|просмотр|阅读|阅读量|浏览|浏览量|visitas|lecturas|vistas"
    "|aufrufe|gelesen|imesomwa|mara zilizosomwa|wasomaji|an karanta|masu karatu|la akhriyay|akhristayaal|ìgbà tí wọ́n kà á|ጊዜ ታይቷል|ዕይታ|እይታ"
)
_ADS = _keys(
    "advertisement|advertisements|advertising|ad|sponsored|sponsored content|story continues below advertisement"
    "|article continues below advertisement|scroll to continue with content|إعلان|إعلانات|محتوى مدعوم|tangazo|matangazo"
    "|publicité|contenu sponsorisé|реклама|广告|推广|publicidad|anuncio|contenido patrocinado|anzeige|werbung"
    "|talla|tallace-tallace|ማስታወቂያ|xayeysiis|ìpolówó|ìpolówó ọjà"
)
#: Lines that open with one of these (and are short) invite the reader to subscribe or follow.
_SUBSCRIBE_PREFIXES = tuple(
    sorted(
        _keys(
            "subscribe|subscribe to|sign up for our|follow us|join our|download our app|click here to"
            "|تابعونا|تابعنا|اشترك في|اشترك الآن|اشتركوا|للاشتراك|تابعوا|tufuate|tufuatilie|fuata habari zetu|jiunge nasi|jisajili"
            "|suivez-nous|abonnez-vous|inscrivez-vous|rejoignez-nous|подписывайтесь|подпишитесь|следите за нами"
            "|подписаться|关注我们|订阅|扫码关注|欢迎关注|síguenos|suscríbete|suscríbase|folgen sie uns"
            "|newsletter abonnieren|jetzt abonnieren|ku biyo mu|ku bi mu|ይከተሉን|ይቀላቀሉን|nala soco|nagala soco"
            "|ẹ tẹ̀lé wa|tẹ̀lé wa"
            # paywalls: "La suite est réservée aux abonnés." ("Il vous reste 62 % …": _PAYWALL)
            "|la suite est réservée|cet article est réservé aux abonnés|this article is for subscribers"
            "|subscribe to continue reading|este contenido es exclusivo para suscriptores"
            "|dieser artikel ist nur für abonnenten"
        ),
        key=len,
        reverse=True,
    )
)
#: Most words a subscribe/follow line has; a longer line is prose that happens to start that way.
_SUBSCRIBE_MAX_WORDS = 16
_COPYRIGHT = re.compile(
    r"^(©|\(c\) |copyright\b|حقوق)|all rights reserved|جميع الحقوق محفوظة|tous droits réservés|все права защищены"
    r"|版权所有|todos los derechos reservados|alle rechte vorbehalten|haki zote zimehifadhiwa|መብቱ በ(ህ|ሕ)ግ|xuquuqda"
)
#: Photo credits and captions, removed wherever they stand: a label, a comma or colon, then the
#: credit or the caption ("Chanzo cha picha, Getty Images", "Bayanan hoto, Magoya baya a Kano").
_CAPTION = re.compile(
    # labels of two words or more, after which a comma is enough (BBC pages in every language) ...
    r"^(?:image source|image caption|photo credit|picture credit|crédit photo|fuente de la imagen|pie de foto"
    r"|bildquelle|bildunterschrift|автор фото|подпись к фото|图片来源|图片说明|chanzo cha picha|maelezo ya picha"
    r"|asalin hoton|bayanan hoto|oríṣun àwòrán|àkọlé àwòrán|የፎቶው ባለመብት|የምስሉ መግለጫ|مصدر الصورة|التعليق على الصورة)"
    r"\s*[,:،：]\s*\S"
    # ... a single word only before a colon, on a short line ("Photo: Reuters", "Picha: Ikulu"); "Photo, video
    # and satellite evidence show …" and "Фото, опубликованные в соцсетях, …" are prose (review)
    r"|^(?:photo|foto|фото|picha|sawir|sawirka|légende|الصورة)\s*[:：]\s*\S(?:\S*\s+){0,9}\S*$",
    re.IGNORECASE,
)
#: Credit and source lines that close an article ("Reporting by …; Editing by …", "المصدر: الجزيرة +
#: وكالات", "Mwandishi: Ali Mohamud, VOA, Mogadishu", "Ku saabsan: Fatahaad, Hiiraan"), removed from the
#: end; not one that ends like a sentence ("Mada: Serikali itaendelea …." is the last paragraph; review).
_CREDIT = re.compile(
    r"^(?:\(?(?:additional )?reporting by|writing by|editing by|edited by|compiled by|rédigé par|édité par"
    r"|editado por|mit material von|imeandikwa na|imehaririwa na)\b"
    r"|^(?:avec afp|redacción|المصدر|تحرير|إعداد|مصدر|mhariri|mwandishi|tafsiri|ku saabsan|tags|topics|mada)\s*[:：]",
    re.IGNORECASE,
)
#: A credit line that does end with a full stop.
_CREDIT_WITH_STOP = re.compile(r"^our standards\s*:", re.IGNORECASE)
#: "Updated 2 hours ago", "Imeboreshwa Saa 2 zilizopita", "Last updated: 14 November 2024": a page's time
#: stamp at the top, short and with a number in it ("Updated vaccine guidance issued" is a headline; review).
_UPDATED = re.compile(
    r"^(?:updated|last updated|mis à jour|actualizado|aktualisiert|обновлено|更新|imeboreshwa|an sabunta"
    r"|la cusboonaysiiyay|تم التحديث|آخر تحديث|wakati wa kusoma|reading time)\b(?=.*\d)", re.IGNORECASE
)
#: A paywall's count of what is left to read: "Il vous reste 62 % de cet article à lire."
_PAYWALL = re.compile(r"^(?:il vous reste|te queda|te quedan|осталось)\s+\d+\s*%", re.IGNORECASE)
#: Most words of a time stamp.
_UPDATED_MAX_WORDS = 8
#: Most words of a caption, credit or time-stamp line; a longer line is prose.
_LABEL_LINE_MAX_WORDS = 20

#: Headers removed from the start only (with ads and share bars).
_HEADERS = _keys(
    "listen to this article|listen|skip to content|skip to main content|reading time|0 min read|0 minutes read"
    "|استمع|استمع إلى المقال|sikiliza|écouter cet article|écouter|слушать|escuchar|vorlesen|artikel anhören"
)
#: Longest line still tested against the phrase lists (copyright lines with an address run long).
_MAX_CHROME_CHARS = 300


def _bare(key: str) -> str:
    """The key without a count: ``comments (0)`` and ``0 comments`` → ``comments``."""
    key = re.sub(r"[\s(\[（]*0[\s)\]）]*$", "", key)
    return re.sub(r"^0\s+", "", key).strip(_EDGE_PUNCT)


#: A number as line_key writes it (each run of digits is "0"): ``0``, ``0,0``, ``0 0``.
_COUNT = r"0(?:[\s,.'’]*0)*"


def _is_counter(key: str) -> bool:
    """A reader counter: ``views: 0,0``, ``عدد المشاهدات: 0,0``, ``0 просмотров``."""
    m = re.fullmatch(rf"(.+?)\s*:?\s*{_COUNT}", key) or re.fullmatch(rf"{_COUNT}\s+(.+)", key)
    return m is not None and m.group(1).strip(_EDGE_PUNCT) in _COUNTERS


def _share_bar(text: str) -> bool:
    tokens = [t.strip(_EDGE_PUNCT) for t in re.split(r"[\s|•·/,]+", text)]
    return bool(tokens) and all(t in _SHARE_TOKENS for t in tokens if t)


def _is_cjk(ch: str) -> bool:
    """CJK words run on without spaces, so a CJK prefix needs no word boundary after it."""
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def chrome_kind(line: str) -> str | None:
    """What kind of chrome a whole line is (``share``, ``comments``, ``related``, ``ad``,
    ``subscribe``, ``copyright``, ``header``, ``counter``), or ``None`` for an ordinary line."""
    if len(line) > _MAX_CHROME_CHARS or not line.strip():
        return None
    key = line_key(line)
    bare = _bare(key)
    if bare in _ADS:
        return "ad"
    words = len(line.split())
    stripped = line.strip()
    if words <= _LABEL_LINE_MAX_WORDS and _CAPTION.match(stripped):
        return "caption"
    if words <= _LABEL_LINE_MAX_WORDS and _PAYWALL.match(stripped):
        return "subscribe"
    if words <= _UPDATED_MAX_WORDS and _UPDATED.match(stripped):
        return "header"
    if words <= _LABEL_LINE_MAX_WORDS and (
        (_CREDIT.match(stripped) and not stripped.endswith(SENTENCE_FINAL)) or _CREDIT_WITH_STOP.match(stripped)
    ):
        return "credit"
    if bare in _SHARE:
        return "share"
    if bare in _COMMENTS:
        return "comments"
    if bare in _RELATED:
        return "related"
    if bare in _HEADERS:
        return "header"
    if _is_counter(key):
        return "counter"
    tokens = [t for t in re.split(r"[\s|•·/,]+", key) if t]
    if len(tokens) >= 2 and all(t.strip(_EDGE_PUNCT) in _SHARE_TOKENS for t in tokens):
        return "share"
    segments = [seg.strip(_EDGE_PUNCT) for seg in re.split(r"[|•·]", key)]
    if len(segments) >= 2 and all(seg in _SHARE or _share_bar(seg) for seg in segments if seg):
        return "share"  # "Partager sur Facebook · Partager sur WhatsApp"
    head, colon, rest = re.sub("[\u1365\u1366\uff1a]", ":", key).partition(":")  # Ethiopic ፥ ፦ and full-width colons
    head = head.strip(_EDGE_PUNCT)
    if colon and head in _SHARE and (not rest.strip() or _share_bar(rest)):
        return "share"  # "La wadaag: Facebook | X | WhatsApp", "ይህንን ዜና ያጋሩ፦ Facebook | Telegram"
    if colon and head in _RELATED and len(line) <= _BLOCK_ITEM_MAX_CHARS:
        return "related"  # "Lire aussi : Japon-OTAN, un partenariat ..." (one linked title)
    if _COPYRIGHT.search(key):
        return "copyright"
    if len(key.split()) <= _SUBSCRIBE_MAX_WORDS:
        for p in _SUBSCRIBE_PREFIXES:
            if key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum() or _is_cjk(p[-1])):
                return "subscribe"
    return None


_TAIL_KINDS = frozenset({"share", "comments", "related", "ad", "subscribe", "copyright", "counter", "credit"})
_BLOCK_KINDS = frozenset({"comments", "related"})
_HEAD_KINDS = frozenset({"share", "ad", "header"})
#: A related-links or comments block at the end: a heading and at most this many lines after it ...
_BLOCK_MAX_LINES = 12
#: ... each at most this long (link titles are headlines; NTREX-128 headlines are all under 160 chars)
#: and not ending like a sentence (a short closing paragraph after a stray heading is prose).
_BLOCK_ITEM_MAX_CHARS = 160
#: Marks that end a sentence: a line ending in one is prose, not a link title or a label.
SENTENCE_FINAL = (".", "。", "।", "።", "۔", "!", "?", "؟", "！", "？")


def _block_start(lines: list[str]) -> int | None:
    """Index of the earliest related/comments heading whose following lines are all short list items."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 2:
        return None
    cut = None
    for i in reversed(nonblank[1:][-(_BLOCK_MAX_LINES + 1) :]):
        if chrome_kind(lines[i]) in _BLOCK_KINDS:
            cut = i
        elif len(lines[i].strip()) > _BLOCK_ITEM_MAX_CHARS or lines[i].rstrip().endswith(SENTENCE_FINAL):
            break
    return cut


def _strip_tail(lines: list[str]) -> list[str]:
    while True:
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return lines
        if chrome_kind(lines[-1]) in _TAIL_KINDS:
            lines.pop()
            continue
        cut = _block_start(lines)
        if cut is None:
            return lines
        del lines[cut:]


def _strip_head(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) and (not lines[start].strip() or chrome_kind(lines[start]) in _HEAD_KINDS):
        start += 1
    return lines[start:]


def strip_chrome(text: str, model: BoilerplateModel | None = None, source: str | None = None) -> str:
    """Remove page chrome: learned recurring lines and ad markers anywhere, known trailers
    at the end and known headers at the start.  Never makes the text longer."""
    lines = text.split("\n")
    kept = [
        line
        for line in lines
        if not line.strip() or not (chrome_kind(line) in ("ad", "caption") or (model is not None and model.is_boilerplate(source, line)))
    ]
    if not any(line.strip() for line in kept):
        # Learned lines would take everything: a formulaic outlet, not page chrome.
        kept = [line for line in lines if not line.strip() or chrome_kind(line) != "ad"]
    kept = _strip_head(_strip_tail(kept))
    if kept == lines:
        return text
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


# --- lines learned from the corpus -------------------------------------------------

#: A line is boilerplate for a source once the source has at least MIN_SOURCE_DOCS documents ...
#: (fewer gives no usable fraction: 2 of 3 documents is as likely a shared quote as a footer).
MIN_SOURCE_DOCS = 5
#: ... and the line occurs in at least MIN_DOCS of them (two articles of one story share lines) ...
MIN_DOCS = 3
#: ... which is at least this fraction of them.  Footers and share bars sit on (nearly) every page of
#: a site; half leaves room for section templates.  On NTREX-128's 123 documents taken as one source,
#: no sentence reaches this (tests/test_clean_chrome.py checks it), though half the sentences are short.
MIN_FRACTION = 0.5
#: Only lines up to this long are counted (footers are short; long repeated text is a syndication
#: question, not chrome).
MAX_LINE_CHARS = 200
#: Keys kept per source before the ones seen once are dropped (bounds memory on a long ingest; a real
#: footer recurs and is counted again at once).
MAX_KEYS_PER_SOURCE = 50_000
#: Documents whose exact text was already observed are not counted twice (re-ingest, mirrors).
MAX_SEEN_DOCS = 200_000
#: The line_key of the rows that hold a source's document count (no real key is empty).
DOCS_KEY = ""


class BoilerplateModel:
    """Counts, per source, in how many documents each short line occurs."""

    def __init__(
        self, *, min_docs: int = MIN_DOCS, min_fraction: float = MIN_FRACTION, min_source_docs: int = MIN_SOURCE_DOCS
    ) -> None:
        self.min_docs = min_docs
        self.min_fraction = min_fraction
        self.min_source_docs = min_source_docs
        self._counts: dict[str, Counter[str]] = {}
        self._docs: Counter[str] = Counter()
        self._seen: set[bytes] = set()
        self._new_seen: list[bytes] = []  # digests observed since the last seen_rows() call

    @staticmethod
    def _source(source: str | None) -> str:
        return (source or "").strip().casefold()  # None: one bucket for documents of unknown source

    @staticmethod
    def _countable(line: str) -> str | None:
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE_CHARS:
            return None
        return line_key(stripped) or None

    def observe(self, source: str | None, text: str) -> None:
        """Count each distinct short line of one document once.  Documents of unknown
        source teach nothing: unrelated outlets would share one bucket."""
        if not (source or "").strip():
            return
        digest = hashlib.blake2b(f"{self._source(source)}\0{text}".encode(), digest_size=16).digest()
        if digest in self._seen:
            return
        if len(self._seen) < MAX_SEEN_DOCS:
            self._seen.add(digest)
            self._new_seen.append(digest)
        src = self._source(source)
        keys = {k for line in text.split("\n") if (k := self._countable(line))}
        counts = self._counts.setdefault(src, Counter())
        counts.update(keys)
        self._docs[src] += 1
        if len(counts) > MAX_KEYS_PER_SOURCE:
            for k in [k for k, n in counts.items() if n == 1]:
                del counts[k]

    def doc_count(self, source: str | None) -> int:
        return self._docs[self._source(source)]

    def is_boilerplate(self, source: str | None, line: str) -> bool:
        src = self._source(source)
        docs = self._docs[src]
        if docs < self.min_source_docs:
            return False
        key = self._countable(line)
        if key is None:
            return False
        n = self._counts.get(src, Counter())[key]
        return n >= self.min_docs and n / docs >= self.min_fraction

    def to_rows(self) -> list[tuple[str, str, int]]:
        """``(source, line_key, count)`` rows; each source's document count is the row with ``DOCS_KEY``."""
        rows = [(src, DOCS_KEY, n) for src, n in sorted(self._docs.items())]
        for src in sorted(self._counts):
            rows.extend((src, k, n) for k, n in sorted(self._counts[src].items()))
        return rows

    def seen_rows(self) -> list[bytes]:
        """Digests of documents observed since the last call, to persist so a re-run never counts a document twice."""
        out, self._new_seen = self._new_seen, []
        return out

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, int]], seen: Iterable[bytes] = (), **settings: float
    ) -> BoilerplateModel:
        """Rebuild a model from :meth:`to_rows` and :meth:`seen_rows` output (e.g. read back from SQLite)."""
        model = cls(**settings)  # type: ignore[arg-type]
        model._seen.update(seen)
        for src, key, n in rows:
            if key == DOCS_KEY:
                model._docs[src] += int(n)
            else:
                model._counts.setdefault(src, Counter())[key] += int(n)
        return model
