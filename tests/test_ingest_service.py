"""Ingest through the service into a real SQLite file: idempotent, resumable, bad input isolated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from babelwire import Babelwire
from babelwire.errors import InvalidArgument
from tests.conftest import ARABIC_SEED, SEEDS, SWAHILI_SEED, need_data

SW = "Rais wa Tanzania alisema siku ya Jumanne kwamba serikali itajenga barabara mpya katika mkoa wa {n}, na kuongeza kwamba kazi itaanza mwezi ujao."
SYLLABLES = "ka ma ta na wa ki mi li ku zi la ba pa sa ha ja nge mbo ndu chi".split()


def varied(n: int) -> str:
    """A distinct short Swahili article: one shared sentence, then words of its own, so no two are near-duplicates."""
    import random

    rng = random.Random(n)
    words = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(40)]
    return SW.format(n="Dodoma") + " Wananchi walisema " + " ".join(words) + "."


def test_seeds_come_out_clean(bw: Babelwire) -> None:
    need_data(SEEDS)
    report = bw.ingest([str(SEEDS)])
    assert report.ingested == 2 and report.failed == 0
    by_lang = {a.lang: a for a in bw.articles(limit=0)}
    ar, sw = by_lang["ar"], by_lang["sw"]
    assert not ar.text.rstrip().endswith("شاركها.")
    assert ar.place == "Tokyo" and ar.agency == "AP"
    assert not sw.text.rstrip().endswith("Maoni")
    assert "kimataifa.ā" not in sw.text and "kimataifa.\"" in sw.text.replace("”", '"')
    # Everything but the trailers survives.
    raw_sw = SWAHILI_SEED.read_text()
    assert sw.text.count("\n") >= raw_sw.rstrip().removesuffix("Maoni").count("\n") - 1
    assert ARABIC_SEED.read_text().count("ناكاتاني") == ar.text.count("ناكاتاني")


def test_reingest_adds_nothing(bw: Babelwire, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"x{n}", "title": f"Habari {n}", "text": varied(n)}) for n in range(5)))
    first = bw.ingest([str(src)])
    second = bw.ingest([str(src)])
    assert first.ingested == 5
    assert second.ingested == 0 and second.duplicates == 5
    assert bw.count("articles") == 5
    assert {a.external_id for a in bw.articles(limit=0)} == {f"x{n}" for n in range(5)}
    # QA: a client that posted an article again could not learn which stored article it is
    assert [(d["of"], d["kind"]) for d in second.duplicate_of] == [(i, "exact") for i in first.article_ids]
    assert [d["where"] for d in second.duplicate_of] == [f"{src}:{n}" for n in range(1, 6)]


def test_bad_inputs_are_reported_and_the_rest_land(bw: Babelwire, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SW.format(n="Mwanza"))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (tmp_path / "lines.jsonl").write_text('{"title": "Ok", "text": "' + varied(1) + '"}\n{not json\n')
    (tmp_path / "legacy.txt").write_bytes("أعلنت الحكومة اليابانية يوم الثلاثاء عن خطة جديدة للتعاون مع الحلف في أوروبا.".encode("cp1256"))
    report = bw.ingest([str(tmp_path), str(tmp_path / "missing.txt")])
    assert report.ingested == 3, report.to_dict()
    where = {f["where"] for f in report.failures}
    assert str(tmp_path / "empty.txt") in where and str(tmp_path / "binary.txt") in where
    assert any(w.endswith("lines.jsonl:2") for w in where)
    assert any("missing.txt" in w for w in where)
    assert all(f["reason"] for f in report.failures)
    assert {a.lang for a in bw.articles(limit=0)} == {"sw", "ar"}


def test_only_text_is_kept_intact(bw: Babelwire) -> None:
    sentence = "Mkutano huo ulifanyika Nairobi, na wajumbe walisema \"tutaendelea\" hadi mwisho."
    report = bw.ingest_articles([{"text": sentence}])
    assert report.ingested == 1
    (a,) = bw.articles(limit=0)
    assert a.text == sentence


def test_near_duplicate_is_linked_not_stored(bw: Babelwire) -> None:
    body = " ".join(SW.format(n=n) for n in ("Dodoma", "Arusha", "Mbeya"))
    bw.ingest_articles([{"title": "Barabara mpya", "text": body, "url": "https://a.example/1", "source": "A"}])
    report = bw.ingest_articles(
        [{"title": "Serikali kujenga barabara", "text": body + "\nSoma pia: habari nyingine", "url": "https://b.example/9", "source": "B"}]
    )
    assert report.near_duplicates == 1 and report.ingested == 0
    row = bw.store.query("SELECT duplicate_of, url FROM near_duplicates")[0]
    assert row["url"] == "https://b.example/9"
    assert row["duplicate_of"] == bw.articles(limit=0)[0].id


def test_keyword_search_across_clitics_and_lemmas(bw: Babelwire) -> None:
    bw.ingest_articles(
        [
            {"title": "تعاون", "text": "وقالت الحكومة إن التعاون بين الناتو واليابان سيتعزز خلال العام المقبل بشكل كبير جدا.", "lang": "ar"},
            {"title": "Korea", "text": "Kim alisema kwamba Washington inasukuma NATO kuingia Asia kupitia ushirikiano wa kijeshi.", "lang": "sw"},
        ]
    )
    assert [h["lang"] for h in bw.search("اليابان", mode="keyword")] == ["ar"]
    assert [h["lang"] for h in bw.search("sema", mode="keyword")] == ["sw"]


def test_amharic_keyword_search_sees_through_prefixes_and_suffixes(bw: Babelwire) -> None:
    # "ቡና" (coffee) did not find an article that writes only የቡና (of coffee) and ቡናና (coffee and).
    bw.ingest_articles([{"title": "የቡና ዋጋ", "text": "የቡና ዋጋ በዚህ ሳምንት ጨመረ። ቡናና ሻይ ላኪዎች ደስተኞች ናቸው ብለዋል።", "lang": "am"}])
    assert [h["lang"] for h in bw.search("ቡና", mode="keyword")] == ["am"]
    assert [h["lang"] for h in bw.search("የቡና", mode="keyword")] == ["am"]


def test_killed_ingest_resumes_with_each_article_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    total = 400
    for n in range(total):
        (src / f"{n:04d}.txt").write_text(varied(n))
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "babelwire", "ingest", str(src), "--db", str(db), "--no-embed", "--batch-size", "4", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store_count = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with Babelwire(db, embedder="none") as peek:
                    store_count = peek.count("articles")
            except Exception:  # noqa: BLE001 - the file may be mid-creation
                continue
            if store_count >= 20:
                break
    killed_midway = proc.poll() is None
    if killed_midway:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with Babelwire(db, embedder="none") as bw:
        ids = [r[0] for r in bw.store.query("SELECT id FROM articles")]
        fts = bw.store.scalar("SELECT COUNT(*) FROM articles_fts")
    assert len(ids) == total and len(set(ids)) == total and fts == total
    assert killed_midway, "the first run finished before it could be killed; make the input larger"


def test_non_finite_numbers_and_bidi_controls_do_not_reach_the_store(bw, tmp_path) -> None:
    src = tmp_path / "odd.jsonl"
    src.write_text('{"title": NaN, "source": "\\u202eWire\\u200b Daily", "text": "Mvua kubwa ilinyesha jijini Nairobi siku ya Jumatatu na barabara nyingi zilifungwa."}\n')
    report = bw.ingest([str(src)])
    assert report.ingested == 1
    assert any("not a finite number" in w["warning"] for w in report.warnings)
    [a] = bw.articles(limit=0)
    assert a.title != "nan" and a.source == "Wire Daily"


def test_an_unusable_publication_date_is_reported_and_a_lenient_one_is_read(bw, tmp_path) -> None:
    rows = [("ok", "March 3, 2026", "Mvua kubwa ilinyesha jijini Nairobi siku ya Jumatatu na barabara nyingi zilifungwa."),
            ("bad", "sometime soon", "Bei ya mafuta imepanda kwa asilimia tano mjini Dodoma, wasafirishaji walisema."),
            ("future", "2999-01-01", "Timu ya taifa ilishinda mechi ya kirafiki mjini Mombasa kwa mabao mawili.")]
    src = tmp_path / "dates.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "title": t[:20], "text": t, "published": p}) for i, p, t in rows) + "\n")
    report = bw.ingest([str(src)])
    assert report.ingested == 3
    warned = {w["where"].rsplit(":", 1)[-1]: w["warning"] for w in report.warnings if "publication date" in w["warning"]}
    assert set(warned) == {"2", "3"}, report.warnings  # lines 2 and 3
    assert "'sometime soon'" in warned["2"] and "2999" in warned["3"]
    dates = {a.external_id: a.published for a in bw.articles(limit=0)}
    assert dates["ok"] and dates["ok"].date().isoformat() == "2026-03-03"
    assert dates["bad"] is None and dates["future"] is None


def test_the_progress_report_ends_with_the_run_s_counts(tmp_path: Path) -> None:
    # The bar read "3019/3019 ingested 2976" while the run stored 3011: the last batches land after the last source.
    news = tmp_path / "news"
    news.mkdir()
    for i in range(40):
        (news / f"{i:02d}.txt").write_text(f"Habari {i}\n\nMkutano wa {i} wa baraza ulifanyika mjini Mombasa leo asubuhi.\n")
    calls: list[dict] = []
    with Babelwire(tmp_path / "p.db", embedder="none") as bw:
        report = bw.ingest([str(news)], progress=lambda **kw: calls.append(kw))
    assert report.ingested == 40
    assert sum(c.get("advance", 0) for c in calls) == 40 and calls[-1]["ingested"] == 40 and calls[-1]["failed"] == 0


def test_a_folder_holding_the_store_does_not_ingest_the_store(tmp_path: Path) -> None:
    # The store's own -wal file was read as an input and reported as a binary file.
    (tmp_path / "a.txt").write_text("Habari\n\nMkutano wa baraza ulifanyika mjini Mombasa leo asubuhi kwa saa tatu.\n")
    with Babelwire(tmp_path / "here.sqlite", embedder="none") as bw:  # any name, not only *.db
        bw.ingest_articles([{"title": "Maji", "text": "Bei ya maji imepanda katika kaunti ya Kisumu mwezi huu.", "lang": "sw"}])
        assert (tmp_path / "here.sqlite-wal").exists()
        report = bw.ingest([str(tmp_path)])
    assert (report.ingested, report.failed) == (1, 0), report.failures


def test_python_api_reads_never_create_a_store(tmp_path: Path) -> None:
    # Babelwire("typo.db").stories() created an empty store there and answered [].
    from babelwire.errors import StoreError

    path = tmp_path / "typo.db"
    with Babelwire(path) as bw:
        with pytest.raises(StoreError, match="no Babelwire store here"):
            bw.stories()
        with pytest.raises(StoreError, match="no Babelwire store here"):
            bw.search("Mombasa")
        with pytest.raises(StoreError, match="no Babelwire store here"):  # QA: recluster created an empty store
            bw.recluster()
        scored = list(bw.score_pairs([{"id": "p", "a": {"title": "Maji", "text": "Bei ya maji Kisumu."},
                                       "b": {"title": "Maji", "text": "Bei ya maji Kisumu."}}]))
        assert not path.exists() and scored[0]["id"] == "p"
        bw.ingest_articles([{"title": "Maji", "text": "Bei ya maji imepanda katika kaunti ya Kisumu mwezi huu.", "lang": "sw"}])
        assert path.exists() and bw.count("articles") == 1


def test_a_full_store_stops_the_ingest_instead_of_failing_every_article(bw: Babelwire) -> None:
    # QA: on a full disk every remaining article was retried alone and reported as bad input
    # (887 "failed" inputs, thousands of tracebacks, exit 4).
    from babelwire.errors import StoreError

    bw.ingest_articles([{"title": "Habari 0", "text": varied(0), "url": "https://example.org/0"}])
    conn = bw.store._write_conn()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # room for a few more pages, as a nearly full disk
    items = [{"title": f"Habari {n}", "text": varied(n) * 20, "url": f"https://example.org/{n}"} for n in range(1, 200)]
    with pytest.raises(StoreError, match="ingest stopped"):
        bw.ingest_articles(items)
    conn.execute("PRAGMA max_page_count = 1073741823")  # space again: a re-run lands the rest, nothing twice
    report = bw.ingest_articles(items)
    assert report.failed == 0 and bw.count("articles") == 200


def test_progress_moves_with_each_batch_inside_one_file(bw: Babelwire, tmp_path: Path) -> None:
    # QA: one 20,000-line JSONL showed "0/1" and no count for the whole run: progress moved once per file.
    src = tmp_path / "big.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"x{n}", "title": f"Habari {n}", "text": varied(n)}) for n in range(100)))
    counts: list[int] = []

    def progress(**info) -> None:
        if "ingested" in info:
            counts.append(info["ingested"])

    bw.ingest([str(src)], progress=progress)
    assert counts[-1] == 100
    assert len(set(counts)) >= 3 and counts == sorted(counts)  # batches of 32 each move it, before the file ends


def test_one_path_as_a_string_is_one_input_not_its_letters(bw: Babelwire, tmp_path: Path, monkeypatch) -> None:
    # QA: ingest("stray.txt") read each letter as a path, and "sub/ok.txt" walked "/" (a path of "/").
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.txt").write_text(SW.format(n="Arusha"), encoding="utf-8")
    (tmp_path / "other.txt").write_text(varied(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = bw.ingest("sub/ok.txt")
    assert (report.ingested, report.failed) == (1, 0)
    assert bw.ingest(tmp_path / "other.txt").ingested == 1  # a Path too
    assert len(bw.articles(limit=0)) == 2
    with pytest.raises(InvalidArgument, match="a path or URL"):
        bw.ingest(42)  # type: ignore[arg-type]


def test_an_input_named_twice_is_read_once(bw: Babelwire, tmp_path: Path) -> None:
    # QA: "ingest in/ in/" listed each bad file twice and counted each good one again as a duplicate.
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(varied(2), encoding="utf-8")
    (news / "bad.txt").write_bytes(b"")
    report = bw.ingest([str(news), str(news) + "/", str(news / "a.txt")])
    assert (report.ingested, report.failed, report.duplicates) == (1, 1, 0)


def test_a_link_that_cannot_be_followed_is_not_a_reason_to_stop(bw: Babelwire, tmp_path: Path) -> None:
    # QA: a link to /proc/1/cwd in a folder raised PermissionError from realpath and ended the run.
    try:
        os.path.realpath("/proc/1/cwd")
        pytest.skip("here /proc/1/cwd can be followed, so it cannot stand for a link that cannot")
    except OSError:
        pass
    news = tmp_path / "news"
    (news / "a").mkdir(parents=True)
    (news / "a" / "ok.txt").write_text(varied(3), encoding="utf-8")
    (news / "proc").symlink_to("/proc/1/cwd")
    assert bw.ingest([str(news)]).ingested == 1


def test_a_feed_item_already_stored_names_its_article(bw: Babelwire, tmp_path: Path) -> None:
    # QA: a feed read again listed its items in duplicate_of with "of": "" (the item had no id yet).
    feed = tmp_path / "f.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Pwani</title>'
                    f'<item><title>Mvua kubwa</title><link>https://x.example/1</link><description>{varied(5)}</description></item>'
                    '</channel></rss>', encoding="utf-8")
    first = bw.ingest(feed)
    again = bw.ingest(feed)
    assert again.duplicates == 1 and again.duplicate_of == [{"where": f"{feed}#item-1", "of": first.article_ids[0], "kind": "exact"}]


def test_a_dateline_place_is_a_place_linked_across_spellings(tmp_path: Path) -> None:
    # Low-resource QA: "BAYDHABO, 13 Sebtembar (SONNA) -" made the city an unknown person (then dropped),
    # and the body's "Baydhabo" was an entity of its own, apart from English "Baidoa".
    somali = tmp_path / "so.txt"
    somali.write_text("Daacuun ka dillaacay Baydhabo\n\nBAYDHABO, 13 Sebtembar (SONNA) - Cudurka daacuunka ayaa ka dillaacay "
                      "xeryaha barakacayaasha ee magaalada Baydhabo, sida ay sheegtay Wasaaradda Caafimaadka.\n", encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text("Cholera in Baidoa\n\nMOGADISHU (Reuters) - Cholera has broken out in camps in the city of Baidoa, "
                       "the health ministry said.\n", encoding="utf-8")
    with Babelwire(tmp_path / "c.db", embedder="none") as bw:
        bw.ingest([str(somali), str(english)])
        (so,) = bw.articles(lang="so")
        places = [m for m in so.entities if m.type == "LOC"]
        assert [so.text[m.start : m.end] for m in places] == ["BAYDHABO", "Baydhabo"]
        (en,) = bw.articles(lang="en")
        assert {m.id for m in places} == {m.id for m in en.entities if en.text[m.start : m.end] == "Baidoa"}
        assert bw.entity(places[0].id)["name"] == "Baidoa"
    with Babelwire(tmp_path / "c.db", embedder="none") as bw:  # a new process: the index read back from the store
        assert {h["lang"] for h in bw.search("Baidoa", mode="keyword")} == {"so", "en"}


def test_every_mention_of_a_dateline_place_found_as_a_person_is_that_place(tmp_path: Path) -> None:
    # Review: the dateline's mention became a place, but the body's mentions of the same name stayed
    # an unknown person (no longer dropped with it), and a known person's id could be kept on a place.
    text = tmp_path / "g.txt"
    text.write_text("Floods in Gezawa\n\nGEZAWA, Sept 10 (Reuters) - Residents of Gezawa fled their homes on Monday. "
                    "Mr Ali said Gezawa was cut off by the water.\n", encoding="utf-8")
    with Babelwire(tmp_path / "g.db", embedder="none") as bw:
        bw.ingest([str(text)])
        (a,) = bw.articles()
        gezawa = [m for m in a.entities if a.text[m.start : m.end].casefold() == "gezawa"]
        assert gezawa and {m.type for m in gezawa} == {"LOC"} and len({m.id for m in gezawa}) == 1
        assert gezawa[0].id.startswith("loc:")
