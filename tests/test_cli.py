"""The CLI: thin over the service, JSON for programs, exit codes scripts can rely on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from babelwire.cli import app

runner = CliRunner()


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "babelwire", *args, "--db", str(db)], capture_output=True, text=True, timeout=300)


def test_ingest_json_report_and_partial_exit_code(tmp_path: Path) -> None:
    good = tmp_path / "in" / "ok.jsonl"
    good.parent.mkdir()
    good.write_text(json.dumps({"id": "e1", "title": "Mvua kubwa", "text": "Mvua kubwa ilinyesha jijini Nairobi siku ya Jumatatu, na maafisa walisema barabara nyingi zilifungwa."}) + "\n{oops\n")
    out = run("ingest", str(good.parent), "--json", "--no-embed", db=tmp_path / "c.db")
    assert out.returncode == 4, out.stderr
    report = json.loads(out.stdout)
    assert report["ingested"] == 1 and report["failed"] == 1
    assert report["failures"][0]["where"].endswith("ok.jsonl:2") and report["failures"][0]["reason"]
    again = run("ingest", str(good), "--json", "--no-embed", db=tmp_path / "c.db")
    assert json.loads(again.stdout)["duplicates"] == 1


def test_files_that_are_not_news_are_skipped_and_counted_not_failed(tmp_path: Path) -> None:
    folder = tmp_path / "scrape"
    folder.mkdir()
    (folder / "story.txt").write_text("Mvua kubwa ilinyesha jijini Nairobi siku ya Jumatatu, na barabara nyingi zilifungwa.")
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    (folder / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    (folder / "list.csv").write_text("id,title\n1,x\n")
    (folder / "README.md").write_text("# Scrape of 2026-11-25\n\nOne folder per outlet.")
    out = run("ingest", str(folder), "--no-embed", db=tmp_path / "c.db")
    assert out.returncode == 0, out.stdout + out.stderr  # nothing failed
    assert "1 ingested" in out.stdout and "0 failed" in out.stdout
    assert "4 files in the folders skipped as not news (2 .png, " in out.stdout
    assert "1 .csv" in out.stdout and "1 README.md" in out.stdout  # by its name: other .md files are read


def test_not_found_and_bad_store_exit_codes(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"title": "Habari", "text": "Serikali ilitangaza mpango mpya wa maji kwa wakazi wa Dodoma."}) + "\n")
    store = tmp_path / "c.db"
    assert run("ingest", str(one), "--no-embed", db=store).returncode == 0
    assert run("show", "nope", db=store).returncode == 3
    short = run("show", "05019", db=store)  # a prefix too short to look up says so, not just "no article"
    assert short.returncode == 3 and "at least 6 characters" in short.stderr, short.stderr
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    out = run("articles", db=bad)
    assert out.returncode == 5 and "bad.db" in out.stderr


def test_reading_commands_never_create_or_adopt_a_store(tmp_path: Path) -> None:
    import sqlite3

    typo = tmp_path / "nwes.db"
    for args in (["articles"], ["search", "NATO"], ["stories"], ["show", "x"], ["recluster"]):
        out = run(*args, db=typo)
        assert out.returncode == 5 and "no Babelwire store" in out.stderr, (args, out.stderr)
    assert not typo.exists()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE foo (x)")
    for args in (["articles"], ["ingest", "-", "--no-embed"]):
        out = run(*args, db=other)
        assert out.returncode == 5 and "not a Babelwire store" in out.stderr and str(other) in out.stderr, (args, out.stderr)
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["foo"]
    empty = tmp_path / "touched.db"  # made by touch or mktemp: empty, and a read must leave it so
    empty.write_bytes(b"")
    out = run("articles", db=empty)
    assert out.returncode == 5 and "empty file" in out.stderr and empty.stat().st_size == 0, out.stderr
    story = tmp_path / "story.txt"
    story.write_text("Mvua kubwa ilinyesha jijini Nairobi siku ya Jumatatu, na barabara nyingi zilifungwa.")
    assert run("ingest", str(story), "--no-embed", db=empty).returncode == 0  # a write may start a store in it
    assert run("articles", db=empty).returncode == 0


def test_env_var_sets_the_store(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("BABELWIRE_DB", str(db))
    result = runner.invoke(app, ["ingest", "-", "--json", "--no-embed"], input=json.dumps({"title": "Habari", "text": "Serikali ilitangaza mpango mpya wa maji kwa wakazi wa Dodoma na Singida."}))
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_listing_commands_give_json(sample_db: Path) -> None:
    arts = json.loads(runner.invoke(app, ["articles", "--db", str(sample_db), "--json", "--limit", "0"]).stdout)
    assert len(arts) > 50
    assert set(arts[0]) >= {"id", "external_id", "title", "text", "lang", "source", "agency", "place", "published", "url", "entities"}
    two = json.loads(runner.invoke(app, ["articles", "--db", str(sample_db), "--json", "--limit", "2"]).stdout)
    assert len(two) == 2
    ar = json.loads(runner.invoke(app, ["articles", "--db", str(sample_db), "--json", "--lang", "ar", "--limit", "0"]).stdout)
    assert ar and all(a["lang"] == "ar" for a in ar)
    a = ar[0]
    for m in a["entities"]:
        assert a["text"][m["start"] : m["end"]]
    shown = json.loads(runner.invoke(app, ["show", a["id"], "--db", str(sample_db), "--json"]).stdout)
    assert shown["id"] == a["id"]
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(sample_db), "--json"]).stdout)
    story = json.loads(runner.invoke(app, ["story", stories[0]["id"], "--db", str(sample_db), "--json"]).stdout)
    assert story["article_ids"] and story["thread_id"]
    threads = json.loads(runner.invoke(app, ["threads", "--db", str(sample_db), "--json", "--limit", "0"]).stdout)
    assert any(stories[0]["id"] in t["story_ids"] for t in threads)
    hits = json.loads(runner.invoke(app, ["search", "اليابان", "--db", str(sample_db), "--json"]).stdout)
    assert hits and hits[0]["story_id"]
    ents = json.loads(runner.invoke(app, ["entities", "--db", str(sample_db), "--json", "--type", "ORG"]).stdout)
    assert ents and all(e["type"] == "ORG" for e in ents)
    nato = json.loads(runner.invoke(app, ["entity", "org:nato", "--db", str(sample_db), "--json"]).stdout)
    assert "الناتو" in nato["aliases"].get("ar", []) and nato["stories"]


def test_articles_json_takes_only_the_fields_asked_for(sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    cut = json.loads(runner.invoke(app, ["articles", *db, "--json", "--fields", "id,lang", "-n", "3"]).stdout)
    full = json.loads(runner.invoke(app, ["articles", *db, "--json", "-n", "3"]).stdout)
    assert cut == [{"id": a["id"], "lang": a["lang"]} for a in full]
    table = run("articles", "--fields", "id", db=sample_db)  # a table has its own columns
    assert table.returncode == 2 and "add --json" in table.stderr
    bad = run("articles", "--json", "--fields", "id,body", db=sample_db)
    assert bad.returncode == 2 and "no field 'body'" in bad.stderr


def test_show_sql(tmp_path: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "x.db"), "--show-sql", "--lang", "sw"])
    assert "a.lang = ?" in result.stdout and "'sw'" in result.stdout
    assert not (tmp_path / "x.db").exists()  # building a query opens nothing
    as_json = json.loads(runner.invoke(app, ["articles", "--db", str(tmp_path / "x.db"), "--show-sql", "--lang", "sw", "--json"]).stdout)
    assert "a.lang = ?" in as_json["sql"] and "sw" in as_json["params"]
    several = json.loads(runner.invoke(app, ["articles", "--db", str(tmp_path / "x.db"), "--show-sql", "--lang", "sw,Arabic", "--json"]).stdout)
    assert "a.lang IN (?,?)" in several["sql"] and several["params"][:2] == ["sw", "ar"]


def test_a_repeated_lang_option_adds_languages_as_a_comma_does(sample_db: Path) -> None:
    # QA: "--lang ar --lang sw" kept only sw, silently (HTTP's repeated lang= already added up).
    db = ["--db", str(sample_db), "--json"]
    article = json.loads(runner.invoke(app, ["articles", *db, "--lang", "ar", "-n", "1"]).stdout)[0]["id"]
    for command in (["articles", "-n", "0"], ["search", "NATO"], ["similar", article, "-n", "0"], ["stories", "-n", "0"], ["entities", "-n", "0"]):
        repeated = runner.invoke(app, [*command, *db, "--lang", "en", "--lang", "sw"])
        comma = runner.invoke(app, [*command, *db, "--lang", "en,sw"])
        assert repeated.exit_code == 0, repeated.output
        assert json.loads(repeated.stdout) == json.loads(comma.stdout), command
        only_sw = json.loads(runner.invoke(app, [*command, *db, "--lang", "sw"]).stdout)
        assert len(json.loads(repeated.stdout)) > len(only_sw), command


def test_serve_refuses_a_bad_or_busy_port_in_one_line(tmp_path: Path) -> None:
    import socket

    for port in ("0", "65536", "-1"):
        out = run("serve", "--port", port, db=tmp_path / "s.db")
        assert out.returncode == 2 and "Traceback" not in out.stderr, (port, out.stderr)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        out = run("serve", "--create", "--port", str(busy.getsockname()[1]), db=tmp_path / "s.db")
    # uvicorn's own startup failure is status 3, which is "not found" here
    assert out.returncode == 1, out.stderr
    assert "cannot listen on 127.0.0.1:" in out.stderr and "Traceback" not in out.stderr


def test_serve_refuses_a_missing_store_unless_asked_to_create_one(tmp_path: Path) -> None:
    typo = tmp_path / "nwes.db"
    out = run("serve", "--port", "8123", db=typo)
    assert out.returncode == 5 and "no Babelwire store" in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert not typo.exists()
    folder = tmp_path / "folder.db"  # QA: a store path that is a folder started a server answering 503 to everything
    folder.mkdir()
    out = run("serve", "--port", "8123", db=folder)
    assert out.returncode == 5 and "not a usable Babelwire database" in out.stderr, out.stderr


def test_a_sqlite_file_without_tables_is_not_made_a_store_by_reading_it(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "dropped.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")
    size = db.stat().st_size
    out = run("stories", db=db)
    assert out.returncode == 5 and "no tables, not a Babelwire store" in out.stderr, out.stderr
    assert db.stat().st_size == size


def test_an_interrupted_ingest_says_what_stayed(tmp_path: Path) -> None:
    import contextlib
    import signal
    import sqlite3
    import time

    from babelwire.sample import CORPUS

    def stored(db: Path) -> int:
        try:  # read-only: polling must not create the file before the ingest does
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
                return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        except sqlite3.Error:  # not created or not migrated yet
            return 0

    # Batches of 4: the signal lands after the first of 20 batches.  A run can still end before
    # the signal is handled on a machine that is fast just then: that is tried again, twice.
    for attempt in range(3):
        db = tmp_path / f"i{attempt}.db"
        # A job a shell started in the background ignores SIGINT, and so would the ingest: it is
        # reset, as a terminal's Ctrl-C finds it (a CI run under "nohup … &" skipped this test).
        proc = subprocess.Popen([sys.executable, "-m", "babelwire", "ingest", str(CORPUS), "--db", str(db), "--batch-size", "4"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 240
        while stored(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)  # the first batch (4 of 83 rows) has landed; 20 more are to come
        _, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            break
    else:
        pytest.skip("three ingests finished before the signal arrived: nothing was interrupted")
    assert proc.returncode == 130, err
    landed = stored(db)
    assert f"interrupted: {landed} articles stored;" in err and "Traceback" not in err
    again = run("ingest", str(CORPUS), "--json", db=db)
    assert json.loads(again.stdout)["ingested"] == 79 - landed  # the sample corpus stores 79 articles (babelwire/sample/README.md)


def test_score_pairs(sample_db: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    same = {"title": "NATO na Japan", "text": "NATO na Japan zimekubaliana kuimarisha ushirikiano wa kijeshi katika eneo la Asia."}
    pairs.write_text(
        json.dumps({"id": "p1", "a": same, "b": {"title": "الناتو واليابان", "text": "اتفق الناتو واليابان على تعزيز التعاون العسكري في منطقة آسيا."}}) + "\n"
        + json.dumps({"id": "p2", "a": same, "b": {"title": "Mvua", "text": "Mvua kubwa imenyesha Dar es Salaam na kusababisha mafuriko makubwa mitaani."}}) + "\n"
    )
    result = runner.invoke(app, ["score-pairs", str(pairs), "--db", str(sample_db)])
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["p1", "p2"]
    assert lines[0]["score"] > lines[1]["score"]
    assert "cosine" in lines[0]["reasons"]


def test_score_pairs_reports_each_bad_line_and_scores_the_rest(sample_db: Path, tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "a": {"title": "Mvua", "text": "Mvua kubwa imenyesha Dar es Salaam."},
                       "b": {"title": "Rain", "text": "Heavy rain fell in Dar es Salaam."}})
    pairs = tmp_path / "pairs.jsonl"
    no_id = json.dumps({k: v for k, v in json.loads(good).items() if k != "id"})
    no_text = json.dumps({"a": {"text": "x"}, "b": {"title": "Rain"}})
    pairs.write_bytes(b"[1, 2, 3]\nnot json\n\xff\xfe broken\n" + json.dumps({"id": "half", "a": {"text": "x"}}).encode() + b"\n" + good.encode()
                      + b"\n\n" + no_id.encode() + b"\n" + no_text.encode() + b"\n")
    out = run("score-pairs", str(pairs), db=sample_db)
    # QA: exit 0 even when every line failed; now as ingest: 4, and a line saying how many
    assert out.returncode == 4 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.strip() == '5 lines could not be scored; each says why in its "error"'
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    # a pair without an id is named by its file line (blank line 6 counted), like the lines that fail
    assert [x["id"] for x in lines] == ["line 1", "line 2", "line 3", "half", "ok", "line 7", "line 8"]
    assert "JSON object, got a list" in lines[0]["error"] and "not JSON" in lines[1]["error"] and "not UTF-8" in lines[2]["error"]
    assert lines[3]["score"] is None and lines[3]["error"] == "missing field 'b'"
    assert lines[4]["score"] is not None and "error" not in lines[4]
    assert lines[5]["score"] == lines[4]["score"] and "error" not in lines[5]
    assert lines[6]["score"] is None and lines[6]["error"].startswith("no text in 'b'")
    missing = run("score-pairs", str(tmp_path / "nope.jsonl"), db=sample_db)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    folder = run("score-pairs", str(tmp_path), db=sample_db)
    assert folder.returncode == 2 and "is a directory" in folder.stderr and "no such file" not in folder.stderr, folder.stderr
    assert "Traceback" not in folder.stderr


def test_score_pairs_creates_no_store(tmp_path: Path, monkeypatch) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "p", "a": {"title": "Mvua", "text": "Mvua kubwa imenyesha Dar es Salaam."},
                                 "b": {"title": "Rain", "text": "Heavy rain fell in Dar es Salaam."}}) + "\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BABELWIRE_DB", raising=False)
    default = runner.invoke(app, ["score-pairs", str(pairs)])  # the default --db: babelwire.db here
    named = runner.invoke(app, ["score-pairs", str(pairs), "--db", str(tmp_path / "named.db")])
    assert default.exit_code == named.exit_code == 0, (default.output, named.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.jsonl"]
    [a], [b] = [[json.loads(x) for x in r.stdout.splitlines()] for r in (default, named)]
    assert a["id"] == "p" and 0.0 < a["score"] < 1.0 and a == b


def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path) -> None:
    for args in (["ingest", "--no-such-option"], ["--no-such-option"], ["stories", "--limit", "many"]):
        out = subprocess.run([sys.executable, "-m", "babelwire", *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert out.returncode == 2, (args, out.stderr)
        assert "Traceback" not in out.stderr and ("No such option" in out.stderr or "Invalid value" in out.stderr), out.stderr


def test_version_flag_and_command_agree() -> None:
    from babelwire import __version__

    flag = subprocess.run([sys.executable, "-m", "babelwire", "--version"], capture_output=True, text=True, timeout=120)
    command = subprocess.run([sys.executable, "-m", "babelwire", "version"], capture_output=True, text=True, timeout=120)
    assert flag.returncode == 0 and command.returncode == 0
    assert flag.stdout.strip() == command.stdout.strip() == __version__


def test_every_reading_command_prints_text(sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    stories = json.loads(runner.invoke(app, ["stories", *db, "--json", "--min-size", "3"]).stdout)
    story = stories[0]
    article = story["article_ids"][0]
    commands = [
        ["articles"], ["show", article], ["search", "NATO"], ["similar", article], ["similar", article, "--same-lang"],
        ["stories"], ["story", story["id"]], ["threads"], ["compare", story["id"], "--by", "lang"],
        ["compare", story["id"], "--by", "source"], ["entities", "--type", "per"], ["entity", "org:nato"], ["stats"],
    ]
    for args in commands:
        result = runner.invoke(app, [*args, *db])
        assert result.exit_code == 0 and result.exception is None, (args, result.output, result.exception)
        assert result.stdout.strip(), args
    assert "Framing by language" in runner.invoke(app, ["compare", story["id"], "--by", "lang", *db]).stdout
    # QA: "1 results"; and the similar table said "gap: days" above cells in hours
    one = runner.invoke(app, ["search", "NATO", "-n", "1", *db], env={"COLUMNS": "200"}).stdout
    assert "1 result\n" in one or one.splitlines()[0].strip() == "1 result", one
    assert "in days (d) or hours (h)" in runner.invoke(app, ["similar", article, "-n", "2", *db], env={"COLUMNS": "300"}).stdout
    counts = json.loads(runner.invoke(app, ["stats", *db, "--json"]).stdout)
    shown = runner.invoke(app, ["stats", *db], env={"COLUMNS": "200"}).stdout
    assert f"{counts['articles']} articles" in shown and "languages" in shown and "sources" in shown
    some = json.loads(runner.invoke(app, ["similar", article, *db, "--json"]).stdout)
    every = json.loads(runner.invoke(app, ["similar", article, *db, "--json", "--limit", "0"]).stdout)
    assert len(some) == 10 and len(every) > len(some)
    assert {h["lang"] for h in every} >= {h["lang"] for h in some}
    beyond = json.loads(runner.invoke(app, ["similar", article, *db, "--json", "--limit", "0", "--other-stories"]).stdout)
    assert beyond and not {h["id"] for h in beyond} & set(story["article_ids"])
    assert all(h["same_story"] == (h["id"] in story["article_ids"]) for h in every)
    assert {h["same_story"] for h in every} == {True, False} and not any(h["same_story"] for h in beyond)
    # The table gives the whole explanation the brief asks for: score, shared entities and
    # places, time gap, and whether a hit is in the article's own story.
    table = runner.invoke(app, ["similar", article, *db, "--limit", "0"], env={"COLUMNS": "250"}).stdout
    assert all(column in table for column in ("cosine", "gap", "shared entities and places", "this one"))
    assert re.search(r"│ \d+ [dh] +│", table)  # the sample articles are dated: gaps in days or hours
    # At 80 columns the eight columns wrapped headlines a word per line: each hit is now a
    # block, its short values on one line and each long one on its own, none past 80.
    narrow = runner.invoke(app, ["similar", article, *db], env={"COLUMNS": "80"}).stdout
    lines = narrow.splitlines()
    from rich.cells import cell_len

    assert "┃" not in narrow and all(cell_len(line) <= 80 for line in lines)
    assert [line[:16] for line in lines if re.match(r"[0-9a-f]{16} · ", line)] == [h["id"] for h in some]
    assert sum(line.startswith("  title: ") for line in lines) == len(some)
    sharing = sum(1 for h in some if h["why"]["shared_entities"] or h["why"]["shared_places"])  # empty values are left out
    assert sharing and sum(line.startswith("  shared entities and places: ") for line in lines) == sharing
    # A pipe without COLUMNS gets the wide table, for logs and grep.
    piped = runner.invoke(app, ["similar", article, *db]).stdout
    assert "┃ id " in piped and max(cell_len(line) for line in piped.splitlines()) <= 160
    from babelwire.cli import _cut

    # QA: titles were cut inside a word ("…as price war d"); now at a word boundary, marked
    assert _cut("Dangote's petrol price cut forces NNPC's hand as price war deepens", 40) == "Dangote's petrol price cut forces…"


def test_bad_values_are_usage_errors(tmp_path: Path) -> None:
    cases = [
        ["search", "NATO", "--since", "garbage"], ["articles", "--until", "2026-13-45"], ["stories", "--since", "yesterday"],
        ["search", "NATO", "--mode", "fuzzy"], ["entities", "--type", "THING"], ["compare", "st-x", "--by", "weather"],
        ["articles", "--limit", "-1"], ["ingest", "x", "--batch-size", "0"], ["search", "   "],
        ["search", "?!"], ["search", "\U0001f600"],
    ]
    for args in cases:
        out = run(*args, db=tmp_path / "c.db")
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert "Invalid value" in out.stderr and "Traceback" not in out.stderr, (args, out.stderr)


def test_article_text_is_never_console_markup(tmp_path: Path) -> None:
    title = "[/] [bold red]Breaking[/bold red] :fire: [link=https://evil.example]x[/link]"
    src = tmp_path / "odd.jsonl"
    src.write_text(json.dumps({"id": "m1", "title": title, "text": "Mvua kubwa ilinyesha jijini Nairobi [/b] siku ya Jumatatu, "
                                                                       "na maafisa walisema barabara nyingi zilifungwa.", "lang": "sw"}) + "\n")
    db = tmp_path / "m.db"
    assert run("ingest", str(src), "--no-embed", db=db).returncode == 0
    listed = run("articles", db=db)
    assert listed.returncode == 0, listed.stderr
    assert "[bold red]Breaking[/bold red]" in listed.stdout and ":fire:" in listed.stdout
    ident = json.loads(run("articles", "--json", db=db).stdout)[0]["id"]
    shown = run("show", ident, db=db)
    assert shown.returncode == 0 and title in shown.stdout and "[/b]" in shown.stdout, shown.stderr


def test_recluster_embeds_articles_ingested_without_vectors(tmp_path: Path) -> None:
    reports = tmp_path / "rain.jsonl"
    reports.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "en", "title": "Floods close roads in Nairobi", "text": "Heavy rain flooded Nairobi on Monday; the Kenya Red Cross said twelve people died and roads were closed."},
        {"id": "sw", "title": "Mafuriko yafunga barabara Nairobi", "text": "Mvua kubwa ilisababisha mafuriko Nairobi siku ya Jumatatu; Shirika la Msalaba Mwekundu la Kenya lilisema watu kumi na wawili walikufa."},
    ]) + "\n")
    db = tmp_path / "fast.db"
    assert run("ingest", str(reports), "--no-embed", db=db).returncode == 0
    assert run("similar", "en", db=db).stdout.count("sw") == 0  # no vectors yet: nothing to compare
    again = json.loads(run("ingest", str(reports), "--json", db=db).stdout)
    assert again["duplicates"] == 2 and again["ingested"] == 0
    out = run("recluster", "--json", db=db)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["embedded"] == 2
    arts = json.loads(run("articles", "--json", db=db).stdout)
    assert all(a["story_id"] for a in arts)
    hits = json.loads(run("similar", "en", "--json", db=db).stdout)
    assert [h["lang"] for h in hits] == ["sw"]
    assert json.loads(run("recluster", "--json", db=db).stdout)["embedded"] == 0


def test_a_limit_past_sqlite_integers_means_all(sample_db: Path) -> None:
    # 10**21 overflowed SQLite's integers: a traceback and exit 1.
    huge = str(10**21)
    every = json.loads(runner.invoke(app, ["articles", "--db", str(sample_db), "--json", "--limit", "0"]).stdout)
    for command in ("articles", "stories", "threads", "entities"):
        out = runner.invoke(app, [command, "--db", str(sample_db), "--json", "--limit", huge])
        assert out.exit_code == 0, (command, out.output)
        if command == "articles":
            assert len(json.loads(out.stdout)) == len(every)


def test_a_reader_that_goes_away_is_no_unexpected_error(sample_db: Path) -> None:
    # `babelwire ingest … | head -1` exited 1 ("unexpected error") with nothing said.
    for args in (["articles", "--limit", "0"], ["articles", "--json", "--limit", "0"]):
        proc = subprocess.Popen([sys.executable, "-m", "babelwire", *args, "--db", str(sample_db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.close()  # before the command writes: its first write meets a closed pipe
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 141 and b"Traceback" not in err, (args, err)
    # QA: a reader that leaves after the first bytes (`| head -1`) cut the output short with exit 0
    proc = subprocess.Popen([sys.executable, "-m", "babelwire", "articles", "--json", "--limit", "0", "--db", str(sample_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.read(100).startswith(b"[")
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and b"Traceback" not in err, err


def test_an_entity_s_stories_count_articles_not_mentions(sample_db: Path) -> None:
    e = json.loads(runner.invoke(app, ["entity", "org:nato", "--db", str(sample_db), "--json"]).stdout)
    assert e["stories"]
    for s in e["stories"]:
        assert 1 <= s["articles"] <= s["size"] and s["articles"] <= s["mentions"]
    assert sum(s["articles"] for s in e["stories"]) <= e["articles"]
    table = runner.invoke(app, ["entity", "org:nato", "--db", str(sample_db)]).stdout
    assert "articles" in table and "mentions" in table


def test_every_option_the_readme_shows_exists() -> None:
    """The README's commands and their --options are the CLI's (a renamed flag fails here, not for a reader)."""
    import shlex

    import typer.main

    group = typer.main.get_command(app)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^(?:\.venv/bin/)?babelwire (.+)$", readme, re.M)
    inline = re.findall(r"`babelwire ([a-z-]+)((?: --[a-z-]+)*)", readme) + re.findall(r"`([a-z-]+) (--[a-z-]+)", readme)
    assert len(lines) >= 15
    checked = 0
    for line in lines:
        words = shlex.split(line.split("  #")[0])
        command = group.commands.get(words[0])  # type: ignore[attr-defined]
        assert command is not None, f"README shows 'babelwire {words[0]}', which is no command"
        known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
        for option in [w.split("=")[0] for w in words[1:] if w.startswith("--")]:
            assert option in known, f"README: 'babelwire {words[0]} … {option}' is no option of {words[0]}"
            checked += 1
    for name, options in inline:
        command = group.commands.get(name)  # type: ignore[attr-defined]
        if command is None:  # `word --flag` in prose that is not a command
            continue
        known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
        for option in options.split():
            assert option in known, f"README: '{name} {option}' is no option of {name}"
            checked += 1
    assert checked >= 10


def test_stats_of_an_empty_store_say_so_in_three_lines(tmp_path: Path) -> None:
    from babelwire import Babelwire

    with Babelwire(tmp_path / "empty.db", embedder="none") as bw:
        bw.store.ensure(write=True)
        assert bw.stats()["articles"] == 0 and bw.stats()["languages"] == [] and bw.stats()["last_ingested"] is None
    shown = runner.invoke(app, ["stats", "--db", str(tmp_path / "empty.db")])
    assert shown.exit_code == 0 and "0 articles" in shown.stdout and "last ingested never" in shown.stdout
    assert "last published" not in shown.stdout  # no empty tables (their header)


def test_output_the_system_refuses_is_one_error_line(tmp_path: Path) -> None:
    # QA: "articles > /dev/full" and "stats >&-" ended in 60-line tracebacks.
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"title": "Habari", "text": "Serikali ilitangaza mpango mpya wa maji kwa wakazi wa Dodoma."}) + "\n")
    store = tmp_path / "c.db"
    assert run("ingest", str(one), "--no-embed", db=store).returncode == 0
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            out = subprocess.run([sys.executable, "-m", "babelwire", "articles", "--db", str(store)], stdout=full,
                                 stderr=subprocess.PIPE, text=True, timeout=300)
        assert out.returncode == 1 and out.stderr.strip() == "error: [Errno 28] No space left on device", out.stderr
    closed = subprocess.run([sys.executable, "-m", "babelwire", "stats", "--db", str(store)], stdout=None,
                            stderr=subprocess.PIPE, text=True, timeout=300, pass_fds=(), close_fds=True,
                            preexec_fn=lambda: __import__("os").close(1))
    assert closed.returncode == 1 and closed.stderr.startswith("error: standard output is closed"), closed.stderr


def test_articles_cut_long_titles_at_a_word(tmp_path: Path) -> None:
    # QA: titles were cut at 90 characters inside a word ("… ushawishi wake bara", itself a word).
    title = "Wizara ya Mambo ya Nje ya Korea Kaskazini imedai NATO inataka kuongeza ushawishi wake barani Asia leo"
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"title": title, "text": "Serikali ilitangaza mpango mpya wa maji kwa wakazi wa Dodoma."}) + "\n")
    store = tmp_path / "c.db"
    assert run("ingest", str(one), "--no-embed", db=store).returncode == 0
    out = run("articles", "--json", db=store)
    assert json.loads(out.stdout)[0]["title"] == title
    shown = run("articles", db=store).stdout
    assert "ushawishi wake…" in shown and "bara" not in shown, shown


def test_show_sql_resolves_a_story_prefix_as_the_query_does(sample_db: Path) -> None:
    # QA: --show-sql printed the prefix itself, so the printed query, run as shown, found nothing.
    story = json.loads(run("stories", "--json", "-n", "1", db=sample_db).stdout)[0]["id"]
    sql = json.loads(run("articles", "--show-sql", "--story", story[:9], "--json", db=sample_db).stdout)
    assert sql["params"][0] == story


def test_show_leaves_no_empty_slots_in_its_header(tmp_path: Path) -> None:
    # QA: "5e7f1a4a9d8e5ce0 · sw (1.00) · ? ·   · undated": an unknown outlet and no dateline left gaps.
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "e1", "title": "Habari", "text": "Serikali ilitangaza mpango mpya wa maji kwa wakazi wa Dodoma."}) + "\n")
    store = tmp_path / "c.db"
    assert run("ingest", str(one), "--no-embed", db=store).returncode == 0
    header = run("show", "e1", db=store).stdout.splitlines()[1]
    assert re.fullmatch(r"[0-9a-f]{16} · sw \(\d\.\d\d\) · no outlet · undated · story -", header), header


def test_help_lists_flags_without_a_value() -> None:
    # QA: help showed "--json <bool>", and "--json true" then failed as an extra argument.
    out = runner.invoke(app, ["stats", "--help"], env={"COLUMNS": "120"}).stdout
    flag = next(line for line in out.splitlines() if "--json" in line)
    assert "<bool>" not in flag and "Print JSON for programs." in flag
    assert "<path>" in next(line for line in out.splitlines() if "--db" in line)  # options that take a value keep their type
    # A repeated argument showed Python's "<list[str]>"; it shows one value's type after "inputs...".
    inputs = next(line for line in runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "120"}).stdout.splitlines() if "inputs..." in line)
    assert "<str>" in inputs and "list[" not in inputs
    lang = next(line for line in runner.invoke(app, ["search", "--help"], env={"COLUMNS": "120"}).stdout.splitlines() if "--lang" in line)
    assert "<str>" in lang and "list[" not in lang  # a repeatable option too


def test_demo_again_adds_nothing_and_says_what_it_set_aside(sample_db: Path, tmp_path: Path) -> None:
    # The README's main command, run a second time (the first run is the sample_db fixture's ingest):
    # nothing is added, and the summary says what the set-aside counts are.
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copy(sample_db, copy)
    out = run("demo", "--no-serve", db=copy)
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    n = json.loads(run("stats", "--json", db=copy).stdout)["articles"]
    assert re.fullmatch(rf"0 new articles; set aside: {n + 4} duplicates \(the same article again\) and 0 near-duplicates "
                        rf"\(another outlet's re-run\); 0 failed; {n} articles in \d+ stories in {re.escape(str(copy))}", first), first
    assert "stories of 2 or more articles" in out.stdout
