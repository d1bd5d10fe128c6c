"""Pick an article's title: the given one without its site name, a headline-like
first line (taken out of the body), or else the body's first sentence.

Pages often print their headline again at the top of the body; with a title
given, that repeated first line is taken out, so the lead, the embedded
window and word counts do not hold the headline twice."""

from __future__ import annotations

import re

from .dateline import parse_dateline

__all__ = ["pick_title", "strip_site_name"]

#: A first line longer than this is a paragraph, not a headline (NTREX-128 headlines are all shorter).
HEADLINE_MAX_CHARS = 200
#: A title made from the first sentence is cut at a word boundary to about this length.
TITLE_MAX_CHARS = 120
#: Longest site name stripped from a title (``BBC News Swahili``, ``The Washington Post``).
SITE_MAX_WORDS = 6

#: Separators that only ever separate a site or section name: stripped whatever the name.
_HARD_SEPS = re.compile(r"\s+(?:\||::|·|»|•)\s+")
#: Dashes are also used inside headlines: the part after one is stripped only if it names a site.
_DASH_SEP = re.compile(r"\s+[-–—]\s+")
_SITE = re.compile(
    r"(?i)(?:\b(?:news|bbc|reuters|ap|afp|cnn|al ?jazeera|sky|rt|france ?24|dw|voa|times|post|journal|guardian"
    r"|telegraph|herald|tribune|daily|gazette|monde|figaro|libération|spiegel|zeit|faz|país|mundo|clarín"
    r"|mwananchi|habari|nation|standard|citizen|tass|ria|xinhua|bloomberg|online|tv|radio|press|agency|media"
    r"|aljazeera\.net)\b|\w\.(?:com|org|net|info|co|news|tv|ru|cn|fr|de|es|ke|tz|ng)\b"
    r"|الجزيرة|العربية|سكاي نيوز|بي بي سي|روسيا اليوم|المصري اليوم|اليوم السابع|الشرق الأوسط|مصراوي|الأهرام"
    r"|新华网|人民网|新浪|网易|搜狐|凤凰网|央视|РИА|ТАСС|Коммерсантъ|Известия|Интерфакс)"
)
_FINAL_STOP = ".。।።۔:;,"
_SENTENCE_END = re.compile(r"[.!?؟。！？።।۔]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Words before a period that do not end a sentence (en, fr, de, sw titles and common abbreviations).
_ABBREV = frozenset(
    "mr mrs ms dr st prof gen sen rep gov lt col capt jr sr vs inc co corp ltd no mt ft dkt bw bi m mme mlle hr nr".split()
)


def strip_site_name(title: str) -> str:
    """``Japan joins NSATU | Reuters`` → ``Japan joins NSATU``; keeps dashes inside headlines."""
    title = " ".join(title.split())
    for _ in range(2):  # "Title | Section | Site"
        parts = _HARD_SEPS.split(title)
        if len(parts) > 1 and len(parts[-1].split()) <= SITE_MAX_WORDS and " ".join(parts[:-1]).strip():
            title = title[: title.rfind(parts[-1])].rstrip()
            title = _HARD_SEPS.sub(" | ", title).rstrip(" |")
            continue
        dash = list(_DASH_SEP.finditer(title))
        if dash:
            tail = title[dash[-1].end() :]
            if len(tail.split()) <= SITE_MAX_WORDS and _SITE.search(tail) and dash[-1].start() > 0:
                title = title[: dash[-1].start()].rstrip()
                continue
        break
    return title


def _headline(line: str, rest: str = "") -> bool:
    if len(line) > HEADLINE_MAX_CHARS or line.endswith(tuple(_FINAL_STOP)):
        return False
    if len(line.split()) < 2 and not (_CJK.search(line) and len(line) >= 4):
        return False
    if parse_dateline(line) is None:
        return True
    # "TOKYO (AP) – ..." opens the body, unless the next line opens with a dateline of its own: a
    # body has one, so "OTAN : Pyongyang dénonce…" above "TOKYO, 30 septembre - …" is the headline.
    return parse_dateline(rest.lstrip()) is not None


def _first_sentence(body: str) -> str:
    dl = parse_dateline(body)
    para = body[dl.end if dl else 0 :].strip().split("\n", 1)[0].strip()
    for m in _SENTENCE_END.finditer(para):
        i, after = m.start(), para[m.end() : m.end() + 1]
        if para[i] in "。！？" or not after or after.isspace() or after in '"”»’)':
            word = re.findall(r"(\w+)$", para[:i])
            if para[i] == "." and word and (word[0].casefold() in _ABBREV or len(word[0]) == 1):
                continue
            para = para[: m.end()]
            break
    sentence = para.rstrip(".。।።۔").strip()
    if len(sentence) > TITLE_MAX_CHARS:
        cut = sentence[:TITLE_MAX_CHARS]
        space = cut.rfind(" ")
        sentence = (cut[:space] if space > TITLE_MAX_CHARS // 2 else cut).rstrip(" ,;:،") + "…"
    return sentence


def _words(line: str) -> str:
    """A line's words, case-folded, without punctuation: ``"Japan's  NATO role"`` → ``japan s nato role``."""
    return " ".join(re.findall(r"\w+", line.casefold()))


def drop_repeated_title(title: str, text: str, *also: str) -> str:
    """The body without a first line that repeats the title (or one of ``also``, such as the title
    before its site name was stripped) word for word; ``text`` unchanged otherwise."""
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    if not newline or not rest.strip():
        return text  # the headline is all there is: keep it as the body
    heads = {_words(t) for t in (title, *also) if t}
    return rest.lstrip() if _words(first) in heads - {""} else text


def pick_title(title: str | None, text: str) -> tuple[str, str]:
    """``(title, body)``: the given title cleaned (and a first line repeating it taken out of the
    body), a headline-like first line moved out of the body, or the body's first sentence (the
    body left as it is)."""
    if title and title.strip():
        clean = strip_site_name(title.strip())
        return clean, drop_repeated_title(clean, text, title)
    stripped = text.strip()
    if not stripped:
        return "", text
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if rest.strip() and _headline(first, rest):
        return first, rest.strip()
    return _first_sentence(stripped), text
