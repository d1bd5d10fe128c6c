"""Who says what: quote attribution in many languages and scripts.

:func:`find_quotes` finds two kinds of quote:

* **direct** quotes between quote marks of any style (``"…"``, ``“…”``,
  ``«…»``, ``„…“``, ``「…」``, ``”…”``) with a verb of saying right after the
  closing mark (``"…," said X``, ``"…," X alisema``, ``«…», — заявил X``) or
  introducing it (``X said: "…"``, ``وقال X: “…”``, ``X表示：“…”``); a quote that
  directly follows an attributed one in the same paragraph continues it;
* **reported** speech: a verb of saying with a complementiser
  (``X said that …``, ``alisema kwamba …``, ``وقال X إن …``) or, in scripts
  with capitals and in Chinese, an explicit speaker right before the verb
  (``Kim Seol-hwa, alisema Washington …``); and the clause an "according to"
  marker reports (``…, according to the WHO``, ``Selon la Commission, …``,
  ``据X介绍，…``) when it names a person or organisation, or when the marker
  is itself a verb of saying (Somali ``sida uu sheegay X``, as X said).

The speaker is the entity mention next to the verb when there is one
(``speaker_entity`` is then its id); otherwise a title phrase (``the
minister``, ``msemaji``, ``المتحدث``), a capitalised name or, in Arabic, the
noun phrase after the verb.  A pronoun is resolved to the nearest earlier
speaker, person mention or role phrase (``le chef de la diplomatie``) outside
quotes; no speaker at all (Swahili ``alisema``, Somali ``iyadoo sheegtay`` carry
their subject in the verb) may also be the subject that opens the sentence.

Who the speaker is, is read by :class:`babelwire.compare.speakers.SpeakerReader`;
the per-language cues live in :mod:`babelwire.compare.speech`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Generic, Protocol, TypeVar

from ..article import Mention
from .speakers import (
    COLONS,
    IMPLICIT,
    MAX_ATTRIBUTION_GAP,
    QUOTE_MARKS,
    SENTENCE_END,
    WORD_CH,
    SpeakerReader,
    SpeakerSpan,
    breaks_after,
    breaks_before,
    end_before_spaces,
    sentence_end,
    sentence_start,
    tokens,
)

#: A letter or digit (combining marks included): text that is more than punctuation and space.
_HAS_WORD = re.compile(rf"[{WORD_CH}]")

#: Most characters between a verb (and its speaker) and the quote it introduces
#: when no colon or complementiser marks the link ("He said the deal was "historic"").
MAX_INTRO_GAP = 60
#: A reported clause shorter than this is a fragment ("he said so"), not speech.
MIN_REPORTED_WORDS = 3
#: Words that open a new clause ("…," *while* Russia's ambassador said; "…," *huku* Moscow ikionya): a
#: verb after one belongs to that clause, not to the quote before it.
CLAUSE_LINKS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "and while but whereas", "fr": "et tandis mais alors", "es": "y mientras pero", "de": "und während aber",
        "ru": "и а но тогда", "sw": "huku na lakini wakati", "so": "halka iyo", "ha": "yayin kuma amma",
    }.items()
}

#: Languages whose reported clause comes first and its speaker after the verb as a rule ("<clause>, —
#: заявил X"); elsewhere a name after the verb is as often the reported clause's own subject ("said
#: Seoul and Canberra were watching", "ikisema inategemea Nile").
INVERTS_AFTER_CLAUSE = frozenset({"ru", "de", "fr", "es", "en"})


@dataclass(frozen=True)
class Quote:
    """A quote: ``text`` (= the source's ``[start:end]``), who said it and the verb that says so."""

    speaker: str | None
    speaker_entity: str | None
    text: str
    start: int
    end: int
    verb: str
    direct: bool = True  # between quote marks; False for reported speech

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)

#: Most words between a closing quote and the verb after it ('"…," a researcher at the North Korean
#: ministry's Institute for Japan Studies said' is 12); MAX_ATTRIBUTION_GAP bounds the characters.
MAX_ATTRIBUTION_TOKENS = 14
#: Most words after the verb of a sentence that follows a closed quote for that verb to attribute it
#: ('"…". Smith said on Tuesday.' does; '"…". The ministry said Seoul was watching closely.' does not).
MAX_TRAILING_TOKENS = 3

_SKIP_AFTER_CLOSE = re.compile(r"[ \t\u00a0,.!?;:،؛，。！？—–\-]*")


@dataclass
class _Found:
    pos: int  # where the attribution is (the verb): the order for resolving pronouns
    speaker: SpeakerSpan | None
    start: int
    end: int
    verb: str
    direct: bool
    marks: tuple[tuple[int, int], ...]  # the verb's and the speaker's spans


def _attr_after(f: SpeakerReader, close: int) -> tuple[re.Match[str], bool] | None:
    """The verb attributing the quote closed at ``close`` from after it, and whether words stand between."""
    text = f.text
    skip = _SKIP_AFTER_CLOSE.match(text, close + 1)
    assert skip is not None  # the pattern matches the empty string
    j = skip.end()
    crossed_end = any(c in SENTENCE_END for c in skip.group())
    for v in f.verbs[f.verb_index.first_from(j) :]:
        if v.start() - j > MAX_ATTRIBUTION_GAP:
            return None
        gap = text[j : v.start()]
        toks = tokens(text, j, v.start())
        if "\n" in gap or any(c in QUOTE_MARKS for c in gap) or len(toks) > MAX_ATTRIBUTION_TOKENS:
            return None
        links = CLAUSE_LINKS.get(f.lang, frozenset())
        if any(t.word.lower() in links and (k == 0 or "," in toks[k - 1].trail) for k, t in enumerate(toks)):
            return None  # '"…" in the final declaration, while Russia's ambassador said': a new clause's verb
        if any(c in SENTENCE_END for t in toks for c in t.trail) and not all(
            not breaks_after(t) or "," in t.trail for t in toks
        ):
            return None
        if crossed_end and (not gap.strip() or f.cues.cjk):
            # "…”. قالت اليابان": a new sentence that opens with its verb is not this quote's;
            # nor in Chinese is "…“密不可分”。王立新对记者表示" the next sentence's speaker's
            return None
        if crossed_end and len(tokens(text, v.end(), sentence_end(text, v.end()))) > MAX_TRAILING_TOKENS:
            # '…an "Asian NATO". South Korea's foreign ministry said Seoul was watching…': the next
            # sentence's verb says something of its own, so it does not attribute the quote before it
            return None
        return v, bool(gap.strip())
    return None


def _attr_before(f: SpeakerReader, open_: int) -> re.Match[str] | None:
    """The verb introducing the quote opened at ``open_`` (``X said: "…"``), in the same sentence."""
    text = f.text
    s = sentence_start(text, open_)
    idx = f.verb_index
    cands = [v for v in f.verbs[idx.first_from(s) : idx.first_from(open_)] if v.end() <= open_ and v.group("closing") is None]
    if not cands:
        return None
    v = cands[-1]
    rest = text[v.end() : open_]
    if "\n" in rest or any(c in QUOTE_MARKS for c in rest):
        return None
    toks = tokens(text, v.end(), open_)
    last = toks[-1].word.lower() if toks else ""
    if rest.rstrip().endswith(COLONS) or last in f.cues.that or len(rest.strip()) <= MAX_INTRO_GAP:
        return v
    return None


def _cleft_after(f: SpeakerReader, close: int) -> tuple[re.Match[str], SpeakerSpan | None] | None:
    """The verb and speaker of a quote closed at ``close`` when a focus word opens its speaker right
    after it (Yoruba '"…," ni Dókítà X, tó ń darí ètò náà, sọ': it is X who said): the speaker runs
    from the focus word to the first verb of saying before the sentence ends."""
    if not f.cues.cleft:
        return None
    text = f.text
    skip = _SKIP_AFTER_CLOSE.match(text, close + 1)
    assert skip is not None  # the pattern matches the empty string
    if any(c in SENTENCE_END for c in skip.group()):
        return None
    toks = tokens(text, skip.end(), min(len(text), skip.end() + MAX_ATTRIBUTION_GAP * 2))
    if not toks or toks[0].lead or unicodedata.normalize("NFC", toks[0].word).casefold() not in f.cues.cleft:
        return None
    end = sentence_end(text, toks[0].end)
    v = f.verb_index.first_in(toks[0].end, end)
    if v is None or v.group("according") is not None:
        return None
    if any(c in QUOTE_MARKS or c == "\n" for c in text[toks[0].end : v.start()]):
        return None
    return v, f.cleft_speaker([t for t in toks[1:] if t.end <= v.start()])


def _clause_around(f: SpeakerReader, v: re.Match[str], open_: int, close: int) -> tuple[int, int] | None:
    """The reported clause a quoted fragment stands in, when words of the clause come between the verb
    and the quote ("外交部发言人毛宁表示，北约“不应把手伸向亚太”，更不应…"): from after the verb to the
    sentence end, the quote inside it.  Chinese only: elsewhere "said the deal was "historic"" is left as it was."""
    if not f.cues.cjk:
        return None
    text = f.text
    lead = text[v.end() : open_]
    if not _HAS_WORD.search(lead) or lead.rstrip().endswith(COLONS):
        return None
    start = v.end()
    while start < open_ and (text[start] in " \t,:，：、" or text[start] == "\u00a0"):
        start += 1
    s, e = _strip(text, start, max(close + 1, sentence_end(text, close + 1)))
    return (s, e) if s < open_ else None


def _marks(v: re.Match[str], spk: SpeakerSpan | None) -> tuple[tuple[int, int], ...]:
    out = [(v.start(), v.end())]
    if spk is not None and spk is not IMPLICIT:
        out.append((spk.start, spk.end))
    return tuple(out)


def _continues(text: str, prev_close: int, prev: _Found, open_: int) -> bool:
    """Whether the quote opening at ``open_`` goes on from ``prev``: only its attribution and punctuation between."""
    between = list(text[prev_close + 1 : open_])
    for s, e in prev.marks:
        if prev_close < s and e <= open_:
            between[s - prev_close - 1 : e - prev_close - 1] = " " * (e - s)
    rest = "".join(between)
    return "\n" not in rest and _HAS_WORD.search(rest) is None


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in QUOTE_MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",，،;" or text[e - 1] in QUOTE_MARKS):
        e -= 1
    return s, e


def _direct(f: SpeakerReader) -> tuple[list[_Found], set[int], set[int], list[tuple[int, int, int, int]]]:
    """Quotes between marks, the verbs they used, of those the verbs that came after their quote, and the
    quotes with no verb ``(open, close, start, end)``: :func:`_continued` may give them the sentence before's speaker."""
    found: list[_Found] = []
    bare: list[tuple[int, int, int, int]] = []
    used: set[int] = set()
    after: set[int] = set()
    prev: tuple[int, _Found] | None = None
    audience = {f.audience_quote(v.end()) for v in f.verbs} - {None}
    clause_end = -1
    for o, c in f.spans:
        if c in audience:
            continue  # the outlet a speaker told, between the verb and the speaker's name
        if o < clause_end:
            continue  # a second fragment of a reported clause already taken whole
        s, e = _strip(f.text, o + 1, c)
        if not _HAS_WORD.search(f.text, s, e):
            continue
        introduced = f.text.endswith(COLONS, 0, end_before_spaces(f.text, o))
        intro = _attr_before(f, o) if introduced else None
        cleft = _cleft_after(f, c) if intro is None else None
        hit = None if intro is not None or cleft is not None else _attr_after(f, c)
        v, gap_before = (hit[0], hit[1]) if hit else (intro or _attr_before(f, o), True)
        if cleft is not None:
            v, spk = cleft
            q = _Found(v.start(), spk, s, e, v.group(), True, _marks(v, spk))
            used.add(v.start())
        elif v is not None:
            spk, _ = f.speaker(v, gap_before)
            if spk is None and hit is not None and not hit[1]:
                # '<speaker> “…” ብለዋል' (Amharic, and any "X "…" said" order): the speaker leads the quote.
                spk = f.pick(f.before_segment(o), before=True)
            clause = _clause_around(f, v, o, c) if hit is None and not introduced else None
            if clause is not None:  # '毛宁表示，北约“不应把手伸向亚太”，…': the fragment's whole clause is what was said
                s, e = clause
                clause_end = e
            q = _Found(v.start(), spk, s, e, v.group(), clause is None, _marks(v, spk))
            used.add(v.start())
            if hit is not None:
                after.add(v.start())
        elif prev is not None and _continues(f.text, prev[0], prev[1], o):
            p = prev[1]
            q = _Found(p.pos, p.speaker, s, e, p.verb, True, ())
        else:
            bare.append((o, c, s, e))
            continue
        found.append(q)
        prev = (c, q) if q.direct else None
    return found, used, after, bare


def _reported(f: SpeakerReader, used: set[int], after: set[int]) -> list[_Found]:
    text = f.text
    found: list[_Found] = []
    for v in f.verbs:
        if v.group("according") is not None and v.start() not in used:
            q = _according_clause(f, v)
            if q is not None:
                found.append(q)
            continue
        if v.group("according") is not None or v.group("closing") is not None:
            continue
        reuse = f.cues.cjk and v.start() in after
        if v.start() in used and not reuse:
            continue
        spk, before = f.speaker(v)
        explicit = spk is not None and spk is not IMPLICIT
        k = spk.end if explicit and not before and spk is not None else v.end()
        told = f.audience_quote(k)
        if told is not None:
            k = told + 1  # "заявил «Востоку-Вестнику», что …": past the outlet told
        start = None
        for t in tokens(text, k, min(len(text), k + MAX_ATTRIBUTION_GAP))[:5]:
            if not t.word and t.lead in (",", "،", "，", ":", "："):
                continue  # "erklärte, dass", "заявила, что"
            if t.word.lower() in f.cues.that:
                start = t.end + len(t.trail)
                break
            if breaks_before(t) or any(ch in SENTENCE_END or ch in QUOTE_MARKS for ch in t.trail):
                break
        if start is None and explicit and not before and spk is not None and f.lang in INVERTS_AFTER_CLAUSE \
                and _inverted_subject(text, v.end(), spk.start) and f.aside_before(v.start()) < 0:
            # "<clause>, заявили в МИД России.", "<clause>, — заявил постоянный представитель РФ": the clause before
            clause = _clause_before(f, v.start())
            if clause is None:
                continue
            s, e = clause
        else:
            if start is None:
                if not (explicit and before and (f.cues.cased or f.cues.cjk)):
                    continue
                start = v.end()
            while start < len(text) and (text[start] in " \t,:，：،" or text[start] == "\u00a0"):
                start += 1
            if start in f.close_of:
                continue  # 'X said: "…"' is a direct quote, found above
            s, e = _strip(text, start, _next_speaker_at(f, start, sentence_end(text, start)))
            if not _long_enough(f, text[s:e]):
                if reuse or not (explicit and before and spk is not None):
                    continue
                # "<clause>, Defence Minister Gen Nakatani said on Tuesday."
                seg = f.before_segment(v.start())  # the whole subject ("Defence Minister Gen Nakatani"), not just its mention
                clause = _clause_before(f, seg[0].start if seg else spk.start)
                if clause is None:
                    continue
                s, e = clause
        found.append(_Found(v.start(), spk, s, e, v.group(), False, _marks(v, spk)))
    return found


def _next_speaker_at(f: SpeakerReader, start: int, end: int) -> int:
    """Where a reported clause from ``start`` to ``end`` gives way to a new speaker's: at a clause link after a
    comma with a subject and a verb of saying of its own after it ("Xamaas ayaa sheegtay in …, *halka* Israa'iil
    ay sheegtay in …", "…, while Russia's ambassador said …"); "…, but warned that …" (no new subject) goes on."""
    links = CLAUSE_LINKS.get(f.lang, frozenset())
    toks = tokens(f.text, start, end)
    for k in range(1, len(toks)):
        t = toks[k]
        if "," in toks[k - 1].trail and t.word.lower() in f.cues.pronouns and k + 1 < len(toks) \
                and f.verb_index.first_in(toks[k + 1].start, toks[k + 1].end) is not None:
            return toks[k - 1].end  # "… NATO, waxayna sheegtay in …" (and it said that): a new report
        if t.word.lower() not in links or "," not in toks[k - 1].trail:
            continue
        v = f.verb_index.first_in(t.end, end)
        if v is not None and v.group("according") is None and tokens(f.text, t.end, v.start()):
            return toks[k - 1].end
    return end


def _according_clause(f: SpeakerReader, v: re.Match[str]) -> _Found | None:
    """The clause an "according to" marker reports: the clause before its comma ("<clause>, sida uu sheegay
    Xafiiska … (OCHA).", "…, according to the WHO."), else, when the marker opens the sentence, the clause
    after its speaker's comma ("Sida uu sheegay X, <clause>.", "Selon la Commission, …").  Where the marker
    is not itself a verb of saying (``SpeechCues.according_says``), only a person or organisation reports."""
    spk, _ = f.speaker(v)
    if spk is None or spk is IMPLICIT:
        return None
    if not f.cues.according_says and not (spk.entity or "").startswith(("per:", "org:")):
        return None  # "according to figures released on Sunday", "kwa mujibu wa katiba" (the constitution)
    if f.cues.cjk:
        return _cjk_according_clause(f, v, spk)
    clause = _clause_before(f, v.start())
    if clause is None:
        text = f.text
        k = spk.end
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if k >= len(text) or text[k] not in ",،" or text[sentence_start(text, v.start()) : v.start()].strip():
            return None
        s, e = _strip(text, k + 1, sentence_end(text, k + 1))
        if s in f.close_of or not _long_enough(f, text[s:e]):
            return None
        clause = s, e
    return _Found(v.start(), spk, clause[0], clause[1], v.group(), False, _marks(v, spk))


#: What ends a Chinese "according to" source before the clause it reports: a verb of saying and a comma
#: (据联合国人道主义事务协调厅介绍，…, according to OCHA's account); 据X报道 (X reported) is a news report, no speech.
_CJK_ACCORDING_END = re.compile(r"(?:介绍|介紹|[称稱]|表示|[说說]|透露|指出)[，,：:]")


def _cjk_according_clause(f: SpeakerReader, v: re.Match[str], spk: SpeakerSpan) -> _Found | None:
    """The clause after "据X介绍，" (according to what X said): from the comma to the sentence end."""
    text = f.text
    end = _CJK_ACCORDING_END.match(text, spk.end)
    if end is None:
        return None
    s, e = _strip(text, end.end(), sentence_end(text, end.end()))
    if s in f.close_of or not _long_enough(f, text[s:e]):
        return None
    return _Found(v.start(), spk, s, e, text[end.start() : end.end() - 1], False, _marks(v, spk))


#: Most words between an inverted verb and its speaker's name: titles ("said Foreign Minister Hakan Fidan").
MAX_INVERTED_GAP = 4


def _inverted_subject(text: str, verb_end: int, speaker_start: int) -> bool:
    """Whether the speaker found after a verb is its inverted subject: next to it, or behind a few words of
    title with no break ("заявил постоянный представитель …", "said Foreign Minister Hakan Fidan")."""
    between = tokens(text, verb_end, speaker_start)
    return len(between) <= 1 or (len(between) <= MAX_INVERTED_GAP and not any(breaks_after(t) for t in between))


def _clause_before(f: SpeakerReader, at: int) -> tuple[int, int] | None:
    """The reported clause ending in a comma just before ``at`` (where its attribution starts), if it says something."""
    text = f.text
    comma = at - 1
    while comma > 0 and text[comma].isspace():
        comma -= 1
    if comma < 0 or text[comma] not in ",،，":
        return None
    s, e = _strip(text, sentence_start(text, comma), comma)
    if not _long_enough(f, text[s:e]) or f.quote_holding(s, s + 1, strict=False):
        return None
    return s, e


def _long_enough(f: SpeakerReader, clause: str) -> bool:
    """Whether a reported clause says something: enough words once its dates are set aside
    ("maafisa walisema Jumanne, tarehe 14 Oktoba 2026." is when they spoke, not what)."""
    from ..entities.dates import find_dates  # the entity step's date patterns, every language

    for start, end in sorted(find_dates(clause, f.lang), reverse=True):
        clause = clause[:start] + " " + clause[end:]
    if f.cues.cjk:
        return len(clause.strip()) > MIN_REPORTED_WORDS
    return len([w for w in clause.split() if any(c.isalpha() for c in w)]) >= MIN_REPORTED_WORDS


class _ByEnd(Generic[_S]):
    """Spans (mentions, role phrases) sorted by end: the one ending last before a position, found in
    logarithmic time rather than by a scan of all of them for each quote."""

    def __init__(self, spans: Sequence[_S]) -> None:
        self.items = sorted(spans, key=lambda x: x.end)  # stable: spans ending together keep text order
        self.ends = [x.end for x in self.items]

    def last_before(self, pos: int, skip_lo: int, skip_hi: int) -> _S | None:
        """The span ending last at or before ``pos`` whose start is not in ``[skip_lo, skip_hi)``
        (of spans ending together, the first in text order, as ``max`` over the text-ordered list gives)."""
        best = None
        k = bisect_right(self.ends, pos) - 1
        while k >= 0 and (best is None or self.items[k].end == best.end):
            x = self.items[k]
            if not skip_lo <= x.start < skip_hi:
                best = x
            k -= 1
        return best


def _resolve(f: SpeakerReader, found: list[_Found]) -> None:
    """Give quotes with a pronoun or no written speaker the nearest earlier speaker or person mention."""
    persons = _ByEnd([m for m in f.mentions if f.is_person(m) and f.quote_holding(m.start, m.end) is None])
    roles = _ByEnd([r for r in f.role_phrases() if f.quote_holding(r.start, r.start + 1) is None])
    last: SpeakerSpan | None = None
    for q in sorted(found, key=lambda q: q.pos):
        if q.speaker is not None and q.speaker is not IMPLICIT:
            last = q.speaker
            continue
        cands: list[tuple[int, SpeakerSpan]] = []
        if last is not None and last.start < q.pos:
            cands.append((last.start, last))
        subject = f.sentence_subject(q.pos) if q.speaker is None else None  # a pronoun ("he") means a person
        if subject is not None:
            cands.append((subject.start, subject))
        m = persons.last_before(q.pos, q.start, q.end)
        if m is not None:
            cands.append((m.start, f._from_mention(m)))
        r = roles.last_before(q.pos, q.start, q.end)
        if r is not None:  # "… tandis que le chef de la diplomatie nigérienne a défendu … « … », a-t-il déclaré."
            cands.append((r.start, r))
        q.speaker = max(cands, key=lambda c: c[0])[1] if cands else None


#: Words before a role that are not the role: "the minister", "le ministre", "el ministro".
_ROLE_DETERMINERS = frozenset("the a le la les l el los las der die das".split())
#: How far after a role word its holder's name may start ("Wasiirka Caafimaadka, Cali Xaaji Aadan").
ROLE_NAME_REACH = 60


def _person_in_role(f: SpeakerReader, speaker: SpeakerSpan, holders: dict[str, list[tuple[int, Mention]]]) -> SpeakerSpan | None:
    """The person an earlier sentence named in the role a speaker is only called by: "ayuu yiri
    Wasiirka" (said the minister) after "Wasiirka Caafimaadka, Cali Xaaji Aadan", "وأضاف الوزير"
    after "وزير الصحة علي حاجي آدم", "the minister said" after "Health Minister Ali Haji Adan"
    (low-resource QA: the speaker stayed "the minister", so no outlet's quote of him was his).
    One role word only, whose holder is named within ``ROLE_NAME_REACH`` characters after it in
    one sentence; the nearest such earlier mention wins.  ``holders`` keeps each role word's
    (position, holder) pairs, found in one pass over the text, for the article's other quotes."""
    words = [w for w in re.findall(r"[^\W\d_]+", speaker.name) if w.casefold() not in _ROLE_DETERMINERS]
    if len(words) != 1 or len(words[0]) < 4:
        return None
    word = words[0]
    stem = (word[2:] if word.startswith("ال") else word).casefold()  # الوزير → وزير, as "وزير الصحة" writes it
    if stem not in holders:
        holders[stem] = _role_holders(f, stem)
    found = holders[stem]
    k = bisect_left(found, speaker.start, key=lambda pair: pair[0])
    return f._from_mention(found[k - 1][1]) if k > 0 else None


def _role_holders(f: SpeakerReader, stem: str) -> list[tuple[int, Mention]]:
    """Where ``stem`` stands as a word (behind Arabic proclitics and article too), each with the
    person named within ``ROLE_NAME_REACH`` characters after it in one sentence, in text order."""
    pattern = re.compile(rf"(?<!\w)(?:[وفبلك]?(?:ال)?)?{re.escape(stem)}(?!\w)", re.IGNORECASE)
    index, out = f.mention_index, []
    for occurrence in pattern.finditer(f.text):
        end = occurrence.end()
        i = index.first_from(end)
        while i < len(index.items) and index.starts[i] <= end + ROLE_NAME_REACH:
            m = index.items[i]
            if f.is_person(m):
                if _apposition(f.text[end : m.start]):
                    out.append((occurrence.start(), m))
                break
            i += 1
    return out


def _apposition(between: str) -> bool:
    """Whether the words between a role word and a name make the name the role's holder: nothing,
    the role's own complement ("Wasiirka Caafimaadka, Cali …", "وزير الصحة علي …"), commas.
    A verb or any other lower-case word makes the name someone else (review: "Police arrested
    John Smith", "The minister sacked Ali Haji Adan", "The governor, who defeated John Smith")."""
    words = between.replace(",", " ").split()
    return len(words) <= 4 and all(w[:1].isupper() or w.startswith("ال") for w in words)


def _whole_sentence(text: str, close: int, end: int) -> bool:
    """Whether the quote closed at ``close`` (its text ending at ``end``) ends its sentence: a sentence mark
    ends the quoted text or stands right after the closing mark ("…."” or "…”."), so it is no title or term
    inside a longer sentence ('"Oppenheimer" won …')."""
    return (end > 0 and text[end - 1] in SENTENCE_END) or text[close + 1 : close + 2] in SENTENCE_END


def _continued(f: SpeakerReader, bare: list[tuple[int, int, int, int]], found: list[_Found]) -> list[_Found]:
    """Quotes with no verb of their own that go on from the sentence before: a whole quoted sentence that opens
    the sentence right after one whose speaker is known, in the same paragraph, takes that speaker (the last
    attributed in it), and a quote right after such a quote goes on from it too ('中国外交部发言人…表示，中方欢迎…作用。
    “当务之急是…。”', 'The minister said the deal was done. "It is a historic day."').  A quote with no
    attributed sentence before it keeps no speaker."""
    text = f.text
    out: list[_Found] = []
    last: tuple[int, _Found] | None = None
    for o, c, s, e in bare:
        if not _whole_sentence(text, c, e):
            last = None
            continue
        if last is not None and _continues(text, last[0], last[1], o):
            p: _Found | None = last[1]
        else:
            p = None
            at = end_before_spaces(text, o, " \t\u00a0")  # where the sentence before ends, less the spaces after it
            if at > 0 and (text[at - 1] in SENTENCE_END or (text[at - 1] in QUOTE_MARKS and text[at - 2 : at - 1] in SENTENCE_END)):
                before = sentence_start(text, at - 1 if text[at - 1] in SENTENCE_END else at - 2)
                said = [q for q in found if before <= q.pos < at and q.start >= before and q.end <= at]
                if said and "\n" not in text[before:o]:
                    p = max(said, key=lambda q: q.pos)
        if p is None or p.speaker is None or p.speaker is IMPLICIT:
            last = None
            continue
        q = _Found(p.pos, p.speaker, s, e, p.verb, True, ())
        out.append(q)
        last = (c, q)
    return out


def find_quotes(text: str, lang: str, mentions: Sequence[Mention] = (), *, body_start: int = 0) -> list[Quote]:
    """Direct quotes and reported speech in ``text`` (language ``lang``), in text order.

    ``mentions`` are the article's entity mentions (offsets into ``text``); a
    speaker that overlaps one, or stands next to the verb, is linked to it
    through ``speaker_entity``. ``body_start`` is where the body begins after
    a dateline (``clean.dateline.dateline_end``): reported speech in the first
    sentence starts there, not with "MOGADISHU (Reuters) -".
    """
    f = SpeakerReader(text, lang, mentions)
    direct, used, after, bare = _direct(f)
    found = direct + _reported(f, used, after)
    _resolve(f, found)
    found += _continued(f, bare, found)
    holders: dict[str, list[tuple[int, Mention]]] = {}
    for q in found:
        if q.speaker is not None and q.speaker.entity is None:
            q.speaker = _person_in_role(f, q.speaker, holders) or q.speaker
    out = []
    for q in found:
        start = body_start if q.start < body_start < q.end else q.start
        out.append(Quote(
            q.speaker.name if q.speaker else None,
            q.speaker.entity if q.speaker else None,
            text[start : q.end],
            start,
            q.end,
            q.verb,
            q.direct,
        ))
    return sorted(out, key=lambda q: (q.start, not q.direct))
