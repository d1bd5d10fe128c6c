"""strip_chrome and BoilerplateModel."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babelwire.clean import BoilerplateModel, chrome_kind, strip_chrome
from babelwire.clean.chrome import DOCS_KEY, MIN_DOCS, MIN_FRACTION, MIN_SOURCE_DOCS

NTREX = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ntrex128"
BODY = "The ministry said on Monday that talks would resume.\n\nOfficials gave no further details."

TRAILERS = {
    "en": [
        "Views: 877",
        "Share this article",
        "Comments (12)",
        "Advertisement",
        "Follow us on Twitter @example",
        "© 2024 Example News. All rights reserved.",
        "Share | Tweet | Email",
    ],
    "ar": ["شاركها.", "التعليقات", "إعلان", "تابعونا على فيسبوك", "جميع الحقوق محفوظة © 2024", "شارك هذا الخبر",
           "شارك | طباعة", "عدد المشاهدات: 1,254"],
    "sw": ["Maoni", "Shiriki", "Tangazo", "Haki zote zimehifadhiwa", "Fuata habari zetu kwenye WhatsApp na Telegram: Pwani Leo"],
    "fr": [
        "Commentaires",
        "Partager",
        "Publicité",
        "Abonnez-vous à notre newsletter",
        "© Le Journal – Tous droits réservés",
        "Partager sur Facebook · Partager sur WhatsApp",
        "Lire aussi : Japon-OTAN, un partenariat qui ne dit pas son nom",
    ],
    "ru": ["Комментарии (5)", "Поделиться", "Реклама", "Подписывайтесь на наш канал в Telegram", "Все права защищены"],
    "zh": ["评论（12）", "分享到微信", "广告", "关注我们", "版权所有"],
    "es": ["Comentarios", "Compartir", "Publicidad", "Síguenos en Twitter"],
    "de": ["Kommentare", "Teilen", "Anzeige", "Folgen Sie uns auf Facebook"],
    "ha": ["Sharhi", "Raba wannan labari", "Talla", "Raba wannan labarin: Facebook | Twitter | WhatsApp", "Rubuta sharhinka"],
    "am": ["አስተያየቶች", "አጋራ", "ማስታወቂያ", "ይህንን ዜና ያጋሩ፦ Facebook | Twitter | Telegram", "አስተያየትዎን ይጻፉ"],
    "so": ["Faallooyin", "La wadaag", "Xayeysiis", "La wadaag: Facebook | X | WhatsApp", "Faallooyinka (2)", "Qor faalladaada halkan",
           "Faallo ka dhiib", "12 faallo"],
    "yo": ["Àsọyé", "Pín", "Ìpolówó ọjà", "Pín ìròyìn yìí", "Ọ̀rọ̀ ìwòye (7)", "Èsì (0)", "Kọ èsì rẹ",
           "Ẹ pín ìròyìn yìí: Facebook | X | WhatsApp", "Àwọn ìdáhùn (6)", "Ka síwájú sí i: Ìròyìn míì lórí Kánò"],
}
RELATED = [
    "Read also",
    "اقرأ أيضا:",
    "Soma pia",
    "Lire aussi",
    "Читайте также",
    "相关新闻",
    "Lee también",
    "Lesen Sie auch",
    "Karanta kuma",
    "ተዛማጅ ዜናዎች",
    "Akhri sidoo kale",
    "Ẹ tún le ka",
]


@pytest.mark.parametrize(("lang", "trailer"), [(lang, t) for lang, ts in TRAILERS.items() for t in ts])
def test_trailer_is_stripped_from_the_end(lang: str, trailer: str) -> None:
    assert chrome_kind(trailer) is not None
    assert strip_chrome(f"{BODY}\n\n{trailer}") == BODY


@pytest.mark.parametrize("heading", RELATED)
def test_related_block_at_the_end_goes_with_its_links(heading: str) -> None:
    links = "Japan and NATO sign a new pact\nNorth Korea fires a missile\nMarkets fall in Tokyo"
    assert strip_chrome(f"{BODY}\n\n{heading}\n{links}\n\nShare") == BODY


def test_several_trailers_are_stripped_from_the_end_inward() -> None:
    text = f"{BODY}\n\nSoma pia\nHabari fupi moja\n\nShiriki\nMaoni (3)\n© 2024 Mwananchi"
    assert strip_chrome(text) == BODY


def test_related_heading_followed_by_prose_is_kept() -> None:
    long_para = "Related talks between the two ministries, which began last year, " * 4
    text = f"{BODY}\n\nRelated\n{long_para.strip()}"
    assert strip_chrome(text) == text


def test_chrome_words_in_the_middle_are_kept() -> None:
    text = f"Comments\n\n{BODY}\n\nShare\n\nThe talks end on Friday.\n\nKatika maoni yaliyotolewa, afisa alisema."
    assert strip_chrome(text) == text  # "Comments" is a trailer, not a header; "Share" mid-text is kept
    text = f"{BODY}\n\nMaoni\n\nThe talks end on Friday."
    assert strip_chrome(text) == text


def test_known_headers_at_the_start_and_ads_anywhere() -> None:
    text = f"Listen to this article\nShare\n\n{BODY}\n\nAdvertisement\n\nThe talks end on Friday."
    assert strip_chrome(text) == f"{BODY}\n\nThe talks end on Friday."


def test_sentences_that_start_like_chrome_are_kept() -> None:
    for line in ["Subscribers said the plan failed.", "اشتركت الدول في القمة.", "Comments made by the minister angered many."]:
        text = f"{BODY}\n\n{line}"
        assert strip_chrome(text) == text


def _docs(source_lines: list[str], footer: str | None) -> list[str]:
    return [f"{line}\n\n{footer}" if footer else line for line in source_lines]


def test_model_learns_a_recurring_footer_of_one_source_only() -> None:
    footer = "Example Daily, Nairobi bureau"
    model = BoilerplateModel()
    topics = ["budget", "roads", "schools", "water", "health", "markets", "police"]
    stories = [f"Story: the council met and voted on {t}." for t in topics[: MIN_SOURCE_DOCS + 1]]
    for i, doc in enumerate(_docs(stories, footer)):
        assert not model.is_boilerplate("example.com", footer) or i >= MIN_SOURCE_DOCS
        model.observe("example.com", doc)
    for doc in _docs(stories[:3], None) + _docs(stories[3:], footer)[:1] + _docs(["Other story entirely."] * 3, None):
        model.observe("other.org", doc)
    assert model.is_boilerplate("example.com", footer)
    assert model.is_boilerplate("EXAMPLE.COM", "  example daily,  nairobi bureau ")  # keys are normalised
    assert not model.is_boilerplate("other.org", footer)  # 1 of its documents
    assert not model.is_boilerplate("example.com", stories[0])  # a line of one document
    assert strip_chrome(f"{footer}\n\nNew story text.\n\n{footer}", model, "example.com") == "New story text."
    kept = f"New story text.\n\n{footer}"
    assert strip_chrome(kept, model, "other.org") == kept


def test_model_needs_enough_documents_and_counts_duplicates_once() -> None:
    model = BoilerplateModel()
    for _ in range(10):
        model.observe("dup.net", "Same story.\n\nSame footer")
    assert model.doc_count("dup.net") == 1
    assert not model.is_boilerplate("dup.net", "Same footer")
    for i in range(MIN_SOURCE_DOCS - 2):
        model.observe("dup.net", f"Story {i}.\n\nSame footer")
    assert model.doc_count("dup.net") == MIN_SOURCE_DOCS - 1
    assert not model.is_boilerplate("dup.net", "Same footer")  # too few documents yet
    model.observe("dup.net", "Story x.\n\nSame footer")
    assert model.is_boilerplate("dup.net", "Same footer")


def test_thresholds_are_the_documented_ones() -> None:
    m = BoilerplateModel()
    assert (m.min_docs, m.min_fraction, m.min_source_docs) == (MIN_DOCS, MIN_FRACTION, MIN_SOURCE_DOCS)
    # Below the fraction: in 4 of 10 documents.
    for i in range(10):
        m.observe("s", f"Story {i}." + ("\nTip line" if i < 4 else ""))
    assert (4 / 10 < MIN_FRACTION) == (not m.is_boilerplate("s", "Tip line"))


def test_model_rows_round_trip_through_sqlite() -> None:
    model = BoilerplateModel()
    for i in range(6):
        model.observe("a.com", f"Story {i}.\nFooter A")
        model.observe(None, f"Loose {i}.\nFooter N")
    rows = model.to_rows()
    assert ("a.com", DOCS_KEY, 6) in rows
    assert not any(src == "" for src, _, _ in rows)  # unknown sources teach nothing
    assert all(isinstance(s, str) and isinstance(k, str) and isinstance(n, int) for s, k, n in rows)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE boilerplate (source TEXT, line_key TEXT, count INTEGER, PRIMARY KEY (source, line_key))")
    db.executemany("INSERT INTO boilerplate VALUES (?, ?, ?)", rows)
    back = BoilerplateModel.from_rows(db.execute("SELECT source, line_key, count FROM boilerplate"))
    assert sorted(back.to_rows()) == sorted(rows)
    assert back.is_boilerplate("a.com", "Footer A") and not back.is_boilerplate(None, "Footer N")
    assert not back.is_boilerplate("a.com", "Footer N")


@pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/data/ntrex128 is absent")
@pytest.mark.parametrize(
    "name", ["newstest2019-src.eng.txt", "newstest2019-ref.arb.txt", "newstest2019-ref.swa.txt", "newstest2019-ref.fra.txt"]
)
def test_real_news_is_neither_chrome_nor_learned_boilerplate(name: str) -> None:
    ids = [line.split("\t")[0].strip() for line in (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    sentences = (NTREX / name).read_text(encoding="utf-8").splitlines()
    docs: dict[str, list[str]] = defaultdict(list)
    for doc_id, sentence in zip(ids, sentences, strict=True):
        docs[doc_id].append(sentence)
    model = BoilerplateModel()
    for doc in docs.values():
        model.observe("ntrex", "\n".join(doc))  # 123 documents, as if from one outlet
    assert [s for s in sentences if model.is_boilerplate("ntrex", s) or chrome_kind(s)] == []
    assert all(strip_chrome("\n".join(d), model, "ntrex") == "\n".join(d) for d in docs.values())


LINES = st.sampled_from(
    [
        "Share",
        "Maoni",
        "Comments (3)",
        "Read also",
        "Advertisement",
        "",
        "Real sentence here.",
        "شاركها.",
        "x" * 250,
        "Short link title",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=12), st.booleans())
def test_strip_chrome_never_lengthens_and_is_stable(lines: list[str], with_model: bool) -> None:
    model = BoilerplateModel() if with_model else None
    text = "\n".join(lines)
    if model:
        for i in range(6):
            model.observe("s", f"Doc {i}\nShort link title")
    out = strip_chrome(text, model, "s")
    assert len(out) <= len(text)
    assert strip_chrome(out, model, "s") == out
    assert all(line in lines for line in out.split("\n") if line)  # whole lines only, never rewritten


def test_a_trailer_of_several_kinds_goes_whole_and_counts_in_prose_stay() -> None:
    # QA: an unknown line ("عدد المشاهدات: 1,254", a view counter) stopped the strip, so the share
    # bar above it stayed, and "Faallo ka dhiib" kept "La wadaag" in a Somali article.
    tail = "شارك | طباعة\nعدد المشاهدات: 1,254\nالتعليقات (0)"
    assert strip_chrome(f"{BODY}\n\n{tail}") == BODY
    assert strip_chrome(f"{BODY}\n\nLa wadaag\nFaallo ka dhiib\n12 faallo") == BODY
    for prose in ("He said 1,254 people died", "Views differ", "The views of 12 people", "2026"):
        assert chrome_kind(prose) is None, prose


def test_photo_captions_go_anywhere_and_credit_lines_from_the_end() -> None:
    # QA (BBC Swahili and Hausa, Reuters, Al Jazeera, SONNA pages): captions and credits stayed in the body,
    # and a caption's names became entities.
    text = "\n".join([
        "Imeboreshwa Saa 2 zilizopita",
        "Bei ya mafuta imepanda kwa asilimia tano mjini Nairobi.",
        "Chanzo cha picha, Getty Images",
        "Maelezo ya picha, Madereva wakisubiri kwenye kituo cha mafuta",
        "Wamiliki wa matatu wametishia kugoma wiki ijayo.",
        "Bayanan hoto, Magoya bayan Kano Pillars",
        "Mwandishi wa habari hizi alisema kwamba serikali itachukua hatua zaidi kesho asubuhi.",
        "Reporting by Duncan Miriri; Editing by Alex Richardson",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "المصدر: الجزيرة + وكالات",
        "Ku saabsan: Fatahaad, Hiiraan, SoDMA",
    ])
    assert strip_chrome(text).split("\n") == [
        "Bei ya mafuta imepanda kwa asilimia tano mjini Nairobi.",
        "Wamiliki wa matatu wametishia kugoma wiki ijayo.",
        "Mwandishi wa habari hizi alisema kwamba serikali itachukua hatua zaidi kesho asubuhi.",  # "Mwandishi" without a colon: prose
    ]
    # a credit line in the middle of the text is prose that happens to start that way
    middle = "Reporting by the BBC found the figures were wrong.\nThe ministry denied it."
    assert strip_chrome(middle) == middle


def test_a_paywall_line_at_the_end_goes() -> None:
    # QA (a Le Monde page): the paywall line stayed as the article's last paragraph.
    text = f"{BODY}\n\nIl vous reste 62 % de cet article à lire. La suite est réservée aux abonnés."
    assert strip_chrome(text) == BODY


@pytest.mark.parametrize(
    "line",
    [
        # review: prose that starts like this stop's caption, paywall, time-stamp and credit lines stays
        "Photo, video and satellite evidence show the strike hit a school, investigators said.",
        "Фото, опубликованные в соцсетях, показывают разрушенный мост.",
        "Il vous reste jusqu'au 15 mars pour déposer votre dossier, a rappelé le préfet.",
        "Te quedan dos opciones, dijo el ministro.",
        "Continue reading the statement, the minister said.",
        "Updated vaccine guidance issued for winter",
        "Edited by hand, the manuscript survived the war.",
        "Mada: Serikali itaendelea kuchukua hatua.",
    ],
)
def test_prose_that_starts_like_a_caption_or_credit_is_kept(line: str) -> None:
    assert chrome_kind(line) is None
    text = f"{BODY}\n\n{line}\n\nThe talks end on Friday." if not line.startswith("Updated") else f"{line}\n\n{BODY}"
    assert line in strip_chrome(text)
