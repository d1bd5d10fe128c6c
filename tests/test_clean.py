"""The clean stage end to end: the real seed articles and the pipeline steps."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from babelwire.article import Article
from babelwire.clean import (
    BoilerplateModel,
    ChromeStep,
    DatelineStep,
    DatesStep,
    RepairStep,
    TitleStep,
)
from babelwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "data" / "seeds"
AR_SEED = SEEDS / "000_6d08277afabc9342.txt"
SW_SEED = SEEDS / "003_b707718228c927fc.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds is absent")

NOW = datetime(2024, 10, 10, 12, tzinfo=UTC)


def clean(text: str, source: str = "seed", title: str = "") -> Article:
    pipeline = Pipeline([RepairStep(), ChromeStep(BoilerplateModel()), DatelineStep(), TitleStep()])
    return pipeline([Article(text=text, title=title, source=source)])[0]


@needs_seeds
def test_arabic_seed_comes_out_clean() -> None:
    raw = AR_SEED.read_text(encoding="utf-8")
    a = clean(raw)
    raw_paras = [p for p in raw.split("\n\n") if p.strip()]
    paras = [p for p in a.text.split("\n\n") if p.strip()]
    assert raw_paras[-1].strip() == "شاركها."
    assert not a.text.rstrip().endswith("شاركها.")
    assert "شاركها" not in paras[-1]
    assert paras == [p.strip() for p in raw_paras[:-1]]  # nothing else touched
    assert a.place == "Tokyo" and a.agency == "AP"
    assert a.meta["dateline"]["place"] == "Tokyo"
    assert a.text.startswith("TOKYO (AP) –")  # the dateline stays in the text
    assert a.text[a.meta["dateline"]["end"] :].startswith("أعربت اليابان")
    assert a.title.startswith("أعربت اليابان") and len(a.title) <= 125


@needs_seeds
def test_swahili_seed_comes_out_clean() -> None:
    raw = SW_SEED.read_text(encoding="utf-8")
    a = clean(raw)
    raw_lines = [line for line in raw.split("\n") if line.strip()]
    lines = [line for line in a.text.split("\n") if line.strip()]
    assert raw_lines[-1].strip() == "Maoni"
    assert lines[-1] != "Maoni" and not a.text.rstrip().endswith("Maoni")
    assert len(lines) == len(raw_lines) - 1
    assert "ā" not in a.text
    assert 'katika jumuiya ya kimataifa."' in a.text  # closing quote matches the straight opener
    changed = [(r, c) for r, c in zip(raw_lines, lines, strict=False) if r != c]
    assert len(changed) == 1 and changed[0][1] == changed[0][0].replace("kimataifa.ā", 'kimataifa."')
    assert a.place is None and a.agency is None  # no dateline in this one
    assert a.title.startswith("Wizara ya Mambo ya Nje") and a.text.startswith("Wizara ya Mambo ya Nje")


def test_steps_declare_fields_and_pipeline_orders_them() -> None:
    from babelwire.errors import PipelineError

    Pipeline([RepairStep(), ChromeStep(BoilerplateModel()), DatelineStep(), TitleStep()])
    with pytest.raises(PipelineError):
        Pipeline([DatesStep()])  # needs lang, which the language step assigns
    assert DatesStep().assigns == {"published", "published_from"}
    assert ChromeStep(BoilerplateModel()).requires == {"text", "source"}


def test_chrome_step_teaches_itself_from_the_batch() -> None:
    footer = "Example Daily • Nairobi bureau"
    batch = [Article(text=f"Story about {'abcdef'[i] * 3} says something different.\n\n{footer}", source="example.com") for i in range(6)]
    batch.append(Article(text=f"Another outlet's story.\n\n{footer}", source="other.org"))
    model = BoilerplateModel()
    out = ChromeStep(model)(batch)
    assert all(footer not in a.text for a in out[:6])
    assert out[6].text.endswith(footer)  # one document of another source: left alone
    assert model.doc_count("example.com") == 6


def test_headline_first_line_and_dateline_on_the_second() -> None:
    a = clean("Japan joins NATO mission\n\nTOKYO (AP) – Japan said on Tuesday it would join.\n\nShare\nTweet")
    assert a.title == "Japan joins NATO mission"
    assert a.text == "TOKYO (AP) – Japan said on Tuesday it would join."
    assert (a.place, a.agency) == ("Tokyo", "AP")
    assert a.text[a.meta["dateline"]["end"] :] == "Japan said on Tuesday it would join."


def test_french_headline_with_an_acronym_kicker_keeps_its_dateline() -> None:
    # The sample corpus's "OTAN : Pyongyang dénonce…" gave the place "Otan" and no date.
    a = clean("OTAN : Pyongyang dénonce le projet de bureau à Tokyo\n\nTOKYO, 30 septembre - La Corée du Nord a critiqué mardi le projet.")
    assert a.title == "OTAN : Pyongyang dénonce le projet de bureau à Tokyo"
    assert a.place == "Tokyo" and a.meta["dateline"]["date_text"] == "30 septembre"


@pytest.mark.parametrize(
    ("text", "place", "date_text"),
    [
        # QA (sixteen invented African reports): each layout lost its place and date
        ("Bei ya mafuta yapanda\n\nNAIROBI, Novemba 14 -\nMamlaka ya Nishati imetangaza bei mpya.", "Nairobi", "Novemba 14"),
        ("Gwamna ya yi alkawari\nDaga Aminu Abdullahi, Kano\nKANO, 10 ga Nuwamba - Gwamnan jihar ya ce.", "Kano", "10 ga Nuwamba"),
        ("Fatahaadda Hiiraan\nKhamiis, 14-ka Nofembar 2024\nNAIROBI (Hiiraan Online) – Dad badan ayaa barakacay.", "Nairobi",
         "Khamiis, 14-ka Nofembar 2024"),
    ],
)
def test_a_dateline_after_a_byline_or_a_date_line_or_on_its_own_line(text: str, place: str, date_text: str) -> None:
    a = clean(text)
    assert a.place == place and a.meta["dateline"]["date_text"] == date_text


@pytest.mark.parametrize(
    "text",
    [
        "Headline here\nThe ministry said on Monday that talks had failed.\nLAGOS (NAN) - A second report.",
        # review: body lines without a full stop, and section labels on their own lines, were read as datelines
        "Headline\nThe first paragraph ends here without a stop\nKANO (NAN) - A second report.",
        "EDITOR'S NOTE:\nThis story contains graphic details.",
        "Talks collapse in Geneva\nWHAT HAPPENED:\nThe envoy left the room.",
    ],
)
def test_a_dateline_below_a_first_paragraph_or_a_label_is_not_this_articles(text: str) -> None:
    a = clean(text)
    assert a.place is None and "dateline" not in a.meta


def test_given_title_loses_its_site_name() -> None:
    a = clean("Body sentence here.", title="Japan yajiunga na NATO - BBC News Swahili")
    assert a.title == "Japan yajiunga na NATO"


def test_dates_step_sources_in_order() -> None:
    step = DatesStep(now=NOW)
    meta = Article(text="x", lang="en", published=datetime(2024, 10, 2, 8, tzinfo=UTC))
    raw = Article(text="x", lang="en", meta={"published_raw": "Thu, 03 Oct 2024 10:00:00 +0300"})
    dateline = Article(text="MOSCOW, Oct 3 (TASS) — The ministry said.", lang="en")
    DatelineStep()([dateline])
    text = Article(text="Imechapishwa tarehe 5 Oktoba 2024. Wizara ilisema.", lang="sw")
    nothing = Article(text="Wizara ilisema kwamba NATO inataka kuongeza ushawishi.", lang="sw")
    out = step([meta, raw, dateline, text, nothing])
    assert [(a.published, a.published_from) for a in out] == [
        (datetime(2024, 10, 2, 8, tzinfo=UTC), "metadata"),
        (datetime(2024, 10, 3, 7, tzinfo=UTC), "metadata"),
        (datetime(2024, 10, 3, tzinfo=UTC), "dateline"),
        (datetime(2024, 10, 5, tzinfo=UTC), "text"),
        (None, None),
    ]


def test_a_dateline_without_a_year_takes_the_year_of_the_runs_dated_articles() -> None:
    # QA: an archive of November 2025 read in 2026: "HAMBURG, Nov 3 (Reuters)" became 2026-11-03 while
    # the dpa report of the same strike said 2025, and the event split into two stories a year apart.
    step = DatesStep(now=datetime(2026, 11, 25, tzinfo=UTC))
    dpa = Article(text="x", lang="de", published=datetime(2025, 11, 3, 9, tzinfo=UTC))
    reuters = Article(text="HAMBURG, Nov 3 (Reuters) - Dockers walked out on Monday.", lang="en")
    alone = Article(text="HAMBURG, Nov 3 (Reuters) - Dockers walked out on Monday.", lang="en")
    DatelineStep()([reuters, alone])
    step([dpa, reuters])
    assert reuters.published == datetime(2025, 11, 3, tzinfo=UTC) and reuters.published_from == "dateline"
    # The reference lasts for the run: a later batch of text files alone (the sample corpus's, read in 2027)
    later = DatesStep(now=datetime(2027, 11, 20, tzinfo=UTC))
    later([Article(text="x", lang="en", published=datetime(2026, 10, 15, tzinfo=UTC))])
    sw = Article(text="NAIROBI, Septemba 10 (Pwani Leo) - Japan imetuma maafisa.", lang="sw")
    DatelineStep()([sw])
    later([sw])
    assert sw.published == datetime(2026, 9, 10, tzinfo=UTC)
    # With nothing dated in the run, today decides, and never the future: "Dec 30" read on Jan 2 is last year's
    DatesStep(now=datetime(2026, 11, 25, tzinfo=UTC))([alone])
    assert alone.published == datetime(2026, 11, 3, tzinfo=UTC)
    dec = Article(text="MOSCOW, Dec 30 (TASS) — The ministry said.", lang="en")
    DatelineStep()([dec])
    DatesStep(now=datetime(2027, 1, 2, tzinfo=UTC))([dec])
    assert dec.published == datetime(2026, 12, 30, tzinfo=UTC)


def test_import_and_feed_dates_load_no_heavy_dependency() -> None:
    code = (
        "import sys; import babelwire.clean as c; "
        "assert 'ftfy' not in sys.modules and 'dateparser' not in sys.modules; "
        "print(c.find_published('2024-10-03T10:00:00Z', None, '', 'en')[1], "
        "c.find_published('Thu, 03 Oct 2024 10:00:00 GMT', None, '', 'en')[1]); "
        "assert 'dateparser' not in sys.modules"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["metadata", "metadata"]


def test_a_year_less_dateline_in_an_archive_of_a_whole_year_keeps_that_year() -> None:
    # review: with dated reports of every month of 2025 (their middle July), "Jan 5" became 2026-01-05
    step = DatesStep(now=datetime(2027, 3, 1, tzinfo=UTC))
    dated = [Article(text="x", lang="en", published=datetime(2025, m, 10, tzinfo=UTC)) for m in range(1, 13)]
    jan = Article(text="HAMBURG, Jan 5 (Reuters) - Dockers walked out.", lang="en")
    DatelineStep()([jan])
    step([*dated, jan])
    assert jan.published == datetime(2025, 1, 5, tzinfo=UTC)
