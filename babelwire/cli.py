"""The ``babelwire`` command: a thin layer over :class:`babelwire.Babelwire`.

Exit codes (scripts may rely on them):

====  ==========================================================
0     success
1     an unexpected error (a bug: please report it)
2     usage error (bad option or argument)
3     not found (no article, story, thread or entity with that id)
4     ingest finished, but some inputs failed (see the report)
5     the store cannot be used (wrong path, newer schema, corrupt file)
====  ==========================================================
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .article import ENTITY_TYPES
from .errors import BabelwireError, InvalidArgument, NotFound, StoreError
from .settings import DEFAULT_DB, DEFAULT_WINDOW_TOKENS, Settings, host_list

EXIT_USAGE, EXIT_NOT_FOUND, EXIT_PARTIAL, EXIT_STORE = 2, 3, 4, 5
#: Standard output closed early (a pipe into `head`): 128 + SIGPIPE, as coreutils exit.
EXIT_PIPE_CLOSED = 141

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Babelwire: multilingual news into clean articles, entities, stories and search.")


def _help_types_read_as_values() -> None:
    """Help lists a flag as ``--json``, not ``--json <bool>``: recent typer shows a type for flags too,
    which reads as if they took a value (QA: ``--json true`` then failed).  A repeated argument or
    option shows the type of one value (``inputs... <str>``, ``--allowed-host <str>``), not Python's
    ``<list[str]>``.  Only help text changes; with a typer that lacks the hook, help stays as that
    typer writes it."""
    core = getattr(typer, "core", None)
    for cls in (getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)):
        shown = getattr(cls, "display_type_rich", None)
        if cls is None or shown is None or getattr(shown, "_babelwire", False):
            continue

        def display_type_rich(self: Any, ctx: Any, shown: Any = shown) -> str | None:
            if getattr(self, "is_flag", False):
                return None
            text = shown(self, ctx)
            if isinstance(text, str) and text.startswith("<list[") and text.endswith("]>"):
                return f"<{text[6:-2]}>"
            return text

        display_type_rich._babelwire = True  # type: ignore[attr-defined]
        cls.display_type_rich = display_type_rich


_help_types_read_as_values()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Babelwire: multilingual news into clean articles, entities, stories and search."""


Db = Annotated[Path, typer.Option("--db", envvar="BABELWIRE_DB", help="SQLite store file.", show_default=True)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]
Limit = Annotated[int, typer.Option("--limit", "-n", min=0, help="How many (0 = all).")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


def _choice(*allowed: str, upper: bool = False) -> Any:
    """An option callback that accepts only ``allowed`` (``upper``: compared in upper case)."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        v = value.upper() if upper else value
        if v not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return v

    return check


def _iso_date(value: str | None) -> str | None:
    from .service import check_dates

    try:
        check_dates(date=value)
    except InvalidArgument:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or ISO date-time") from None
    return value


Since = Annotated[str | None, typer.Option(callback=_iso_date, help="On or after (YYYY-MM-DD or ISO date-time).")]
Until = Annotated[str | None, typer.Option(callback=_iso_date, help="On or before (YYYY-MM-DD or ISO date-time).")]


def _service(db: Path, **settings: Any) -> Any:
    """The service over ``db``; ingest, serve and demo create the file when it is missing."""
    from .service import Babelwire

    return Babelwire(settings=Settings(db=db).with_(**settings))


def _existing(db: Path) -> Any:
    """The service over a store that must already exist: reading commands never create one at a mistyped path."""
    if not db.exists():
        raise StoreError(f"{db}: no Babelwire store here; ingest into it first (babelwire ingest … --db {db}), "
                         "or check --db / $BABELWIRE_DB")
    return _service(db)


def _print_json(obj: Any, indent: int | None = 2) -> None:
    _emit(json.dumps(obj, ensure_ascii=False, indent=indent, default=str) + "\n")


def _emit(text: str) -> None:
    """Write ``text`` to standard output whole, or raise BrokenPipeError when the reader has gone.

    A single large write into a pipe whose reader closes (``| head -1``) came back
    short and then silent: the command exited 0 with its output cut.  Writing
    the bytes ourselves until all are taken makes the closed pipe an error,
    which ``main`` turns into exit 141.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured output (tests, notebooks): no descriptor
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    view = memoryview(text.encode("utf-8"))
    while view:
        view = view[os.write(fd, view) :]


#: Width when output is not a terminal (a pipe, a file, CI logs): wide enough for ids and headlines.
PIPE_WIDTH = 160


def _console() -> Any:
    from rich.console import Console

    # emoji off: ":fire:" in an article is text, not a code to replace.  COLUMNS, when set,
    # is the width on a terminal or not (rich reads it); a pipe without it gets PIPE_WIDTH.
    columns = os.environ.get("COLUMNS", "")
    width = None if sys.stdout.isatty() or (columns.isdigit() and int(columns) > 0) else PIPE_WIDTH
    console = Console(soft_wrap=False, width=width, emoji=False)

    def closed() -> None:  # rich would exit 1, our "unexpected error": main() says what happened
        raise BrokenPipeError

    console.on_broken_pipe = closed  # type: ignore[method-assign]
    return console


#: A column that wraps needs at least this many characters to stay readable; a table
#: that cannot give every such column this much is printed as one block per row.
WRAP_MIN = 24

#: Values at most this long go on a row block's first line, the longer ones on their own.
SHORT_VALUE = 18


def _table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    console = _console()
    cells = [["" if v is None else str(v) for v in r] for r in rows]
    ids = ("id", "story", "thread", "size", "lang", "stories", "articles")
    widths = [max([cell_len(c)] + [cell_len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    needed = sum(w if c in ids else min(w, WRAP_MIN) for c, w in zip(columns, widths, strict=True)) + 3 * len(columns) + 1
    if cells and needed > console.width:
        _row_blocks(console, columns, cells, title)
        return
    t = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold", no_wrap=c in ids)
    for r in cells:  # Text, not str: a headline such as "[/] x" is data, never console markup
        t.add_row(*[Text(v) for v in r])
    console.print(t)


def _row_blocks(console: Any, columns: list[str], cells: list[list[str]], title: str | None) -> None:
    """A table too wide for the terminal, one block per row: the short values on one line, then each long one.

    ``0ada2016cd0c6ab6 · lang en · score 0.4189`` and then ``  title: Japan sends…``:
    at 80 columns a table of eight columns wraps its headlines a word per line.
    Every block has the same layout, so the eye finds a field in the same place.
    """
    from rich.cells import cell_len
    from rich.text import Text

    def label(i: int) -> str:
        return "" if columns[i] in ("id", "") else f"{columns[i]} "

    if title:
        console.print(Text(title, style="italic"))
    head: list[int] = []
    used = 0
    for i in range(len(columns)):  # the short values, in order, while the widest row's line still fits
        widest = max(cell_len(r[i]) for r in cells) + cell_len(label(i)) + (3 if head else 0)
        if max(len(r[i]) for r in cells) > SHORT_VALUE or used + widest > console.width:
            continue
        head.append(i)
        used += widest
    for r in cells:
        line = Text()
        for i in head:
            if not r[i]:  # an undated article's "published", say: no label for nothing
                continue
            if line:
                line.append(" · ", style="dim")
            line.append(label(i), style="bold")
            line.append(r[i])
        console.print(line)
        for i, c in enumerate(columns):
            if i not in head and r[i]:
                rest = Text("  ")
                rest.append(f"{c}: " if c else "", style="bold")
                rest.append(r[i])
                console.print(rest, overflow="fold")


def _esc(value: Any) -> str:
    """``value`` as text safe to put inside console markup (article text is untrusted)."""
    from rich.markup import escape

    return escape("" if value is None else str(value))


def _date(v: Any) -> str:
    return str(v)[:10] if v else ""


# -- ingest ------------------------------------------------------------------------
@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for standard input.")],
    db: Db = Path(DEFAULT_DB),
    as_json: Json = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")] = False,
    fetch_items: Annotated[bool, typer.Option("--fetch-items", help="Fetch each feed item's page for its full text.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest file or response accepted.")] = 50 * 1024 * 1024,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds before a URL fetch gives up.")] = 20.0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per atomic commit.")] = 32,
    no_embed: Annotated[bool, typer.Option("--no-embed", help="Skip embeddings and stories (keyword search only); babelwire recluster adds them later.")] = False,
    window_tokens: Annotated[int, typer.Option("--window-tokens", min=0, help="Tokens of title + lead embedded per article (0 = whole text).")] = DEFAULT_WINDOW_TOKENS,
    every: Annotated[str | None, typer.Option("--every", metavar="DURATION",
                                              help="Follow: ingest the inputs again every DURATION (90s, 15m, 1h) until "
                                                   "interrupted; feeds are asked only for what changed.")] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=0, help="With --every: stop after this many rounds (0 = until interrupted).")] = 0,
) -> None:
    """Ingest articles; bad inputs are reported with path and reason, the rest land."""
    seconds = _duration(every) if every is not None else None
    if rounds and seconds is None:
        raise typer.BadParameter("--rounds counts the rounds of --every; give --every too", param_hint="--rounds")
    bw = _service(db, allow_private=allow_private, fetch_feed_items=fetch_items, max_bytes=max_bytes, timeout=timeout, batch_size=batch_size,
                  embedder="none" if no_embed else None, window_tokens=window_tokens)
    bw.store.ensure(write=True)  # made or checked now (exit 5 before any input is read); the count below is from here
    if seconds is not None:
        _follow(bw, inputs, seconds, rounds, as_json)
        return
    before = bw.count("articles")
    try:
        report = _with_progress(lambda progress: bw.ingest(inputs, progress=progress), "ingesting", quiet=as_json)
    except KeyboardInterrupt:
        # What was read is stored first (IngestRun._salvage); every batch commits whole, so a
        # re-run skips what landed as duplicates.
        landed = bw.count("articles") - before
        typer.echo(f"interrupted: {landed} articles stored; run the same command again to ingest the rest", err=True)
        raise typer.Exit(130) from None
    if as_json:
        _print_json(report.to_dict())
    else:
        _print_report(report)
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


def _print_report(report: Any, prefix: str = "", con: Any = None) -> None:
    con = con or _console()
    con.print(
        f"{prefix}[bold]{report.ingested}[/] ingested, {report.duplicates} duplicates, {report.near_duplicates} near-duplicates, "
        f"[{'red' if report.failed else 'green'}]{report.failed} failed[/] in {report.seconds:.1f} s; "
        f"stories: {report.stories_created} new, {report.stories_joined} joined"
    )
    for f in report.failures:
        con.print(f"  [red]✗[/] {_esc(f['where'])}: {_esc(f['reason'])}", highlight=False)
    if report.skipped:
        con.print(f"  [dim]–[/] {_skipped_summary(report.skipped)}", highlight=False)
    if report.deferred:
        files = "file" if len(report.deferred) == 1 else "files"
        con.print(f"  [dim]…[/] {len(report.deferred)} {files} changed in the last seconds, maybe still being written: "
                  "read next round", highlight=False)
    for w in report.warnings[:20]:
        con.print(f"  [yellow]![/] {_esc(w['where'])}: {_esc(w['warning'])}", highlight=False)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _duration(text: str) -> float:
    """``"90"``/``"90s"`` → 90, ``"15m"`` → 900, ``"1.5h"`` → 5400; a usage error otherwise."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    value = float(m.group(1)) * _UNITS[m.group(2) or "s"] if m else 0.0
    if value < 1:
        raise typer.BadParameter(f"{text!r} is not a duration of a second or more: give 90s, 15m, 1h or 1d", param_hint="--every")
    return value


def _follow(bw: Any, inputs: list[str], seconds: float, rounds: int, as_json: bool) -> None:
    """Rounds of ingest until interrupted (Ctrl-C or SIGTERM, as from systemd): one report each."""
    import signal
    from datetime import datetime, timedelta

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (an embedding caller): SIGTERM keeps its handler
        previous = None
    waiting = False  # between rounds, where stopping loses nothing

    def pause(s: float) -> None:
        nonlocal waiting
        waiting = True
        time.sleep(s)
        waiting = False

    shown: dict[str, Any] = {}  # the bar while one is drawn, and the console above it

    def on_round(n: int, report: Any) -> None:
        if as_json:  # one JSON object per line and round, for a log
            _print_json({"round": n, **report.to_dict()}, indent=None)
            return
        now = datetime.now().astimezone()
        con = shown.get("console")
        _print_report(report, prefix=f"round {n}, {now:%Y-%m-%d %H:%M:%S}: ", con=con)
        if not (rounds and n >= rounds):
            following = f"next round at {now + timedelta(seconds=seconds):%H:%M:%S}; Ctrl-C stops"
            if "bar" in shown:
                shown["bar"].update(shown["task"], description=f"round {n} done", info=following)
            else:
                _console().print(f"  [dim]{following}[/]", highlight=False)

    def run(progress: Any) -> None:
        bw.follow(inputs, seconds, rounds=rounds, on_round=on_round, sleep=pause, progress=progress)

    try:
        if as_json or not sys.stderr.isatty():
            run(None)
        else:  # a bar for the round under way; each round's line is printed above it
            with _bar("{task.description}") as bar:
                task = bar.add_task("round 1", total=None, info="")
                shown.update(bar=bar, task=task, round=0)
                if sys.stdout.isatty():  # one terminal: print through the bar's console, above the bar
                    shown["console"] = bar.console

                def progress(total: int | None = None, advance: int = 0, reset: bool = False, **info: Any) -> None:
                    if total is not None:  # a round starts by saying how many inputs it reads
                        shown["round"] += 1
                        bar.reset(task, total=total, description=f"round {shown['round']}", info="")
                    bar.update(task, advance=advance, info=", ".join(f"{k} {v}" for k, v in info.items()))

                run(progress)
    except KeyboardInterrupt:
        if not waiting:
            typer.echo("interrupted during a round: what it had read is stored; the next run goes on from there", err=True)
            raise typer.Exit(130) from None
        typer.echo("stopped between rounds", err=True)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _skipped_summary(skipped: list[dict[str, str]]) -> str:
    """``3 files in the folders skipped as not news (2 .png, 1 .csv)``; each one's reason is in ``--json``."""
    from collections import Counter
    from pathlib import PurePath

    def kind(s: dict[str, str]) -> str:  # README.md by its name: other .md files are read
        return PurePath(s["where"]).name if "folder's notes" in s["reason"] else PurePath(s["where"]).suffix.lower() or "?"

    kinds = Counter(kind(s) for s in skipped)
    listed = ", ".join(f"{n} {_esc(suffix)}" for suffix, n in kinds.most_common())
    files = "file" if len(skipped) == 1 else "files"
    return f"{len(skipped)} {files} in the folders skipped as not news ({listed})"


def _bar(label: str) -> Any:
    """A progress bar on stderr: label, bar, done/total, the caller's ``info`` field, time elapsed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[info]}"),
                    TimeElapsedColumn(), console=Console(stderr=True))


def _with_progress(fn: Any, label: str, quiet: bool = False) -> Any:
    if quiet or not sys.stderr.isatty():
        return fn(None)
    with _bar(label) as bar:
        task = bar.add_task(label, total=None, info="")
        shown: dict[str, Any] = {}  # fields stay until a call changes them ("step embedding", "ingested 640")

        def progress(total: int | None = None, advance: int = 0, reset: bool = False, **info: Any) -> None:
            if reset:  # a new phase of the same run (recluster: embedding, then clustering)
                bar.reset(task)
            if total is not None:
                bar.update(task, total=total)
            shown.update(info)
            bar.update(task, advance=advance, info=", ".join(f"{k} {v}" for k, v in shown.items()))

        return fn(progress)


# -- stats ---------------------------------------------------------------------------
@app.command()
def stats(db: Db = Path(DEFAULT_DB), as_json: Json = False) -> None:
    """What the store holds: articles by language and outlet, dates, stories, threads, size."""
    st = _existing(db).stats()
    if as_json:
        _print_json(st)
        return
    from .ingest.options import size_text

    con = _console()
    dates = f"published {_date(st['first_published'])} – {_date(st['last_published'])}" if st["first_published"] else "no dates"
    con.print(f"[bold]{st['articles']:,}[/] articles ({st['embedded']:,} embedded, {st['undated']:,} undated) · {dates} · "
              f"last ingested {_utc(st['last_ingested'])}", highlight=False)
    con.print(f"[bold]{st['stories']:,}[/] stories: {st['stories_of_several_articles']:,} of several articles, "
              f"{st['stories_in_several_languages']:,} in several languages · {st['threads_of_several_stories']:,} threads of several stories",
              highlight=False)
    size = f" · store {size_text(st['bytes'])}" if st["bytes"] is not None else ""
    con.print(f"{st['entities']:,} entities, {st['mentions']:,} mentions · {st['near_duplicates']:,} near-duplicates set aside{size}",
              highlight=False)
    if not st["languages"]:  # an empty store: the lines above say all there is
        return
    most = max((row["articles"] for row in st["languages"]), default=1)
    _table(["lang", "articles", "", "embedded", "last published"],
           [[row["lang"], row["articles"], "█" * max(1, round(24 * row["articles"] / most)), row["embedded"], _date(row["last_published"])]
            for row in st["languages"]], title=f"{len(st['languages'])} languages")
    _table(["source", "articles", "last published"],
           [[row["source"] or "(none)", row["articles"], _date(row["last_published"])]
            for row in st["top_sources"]],
           title=f"{st['sources']:,} sources" + (f", the {len(st['top_sources'])} largest" if st["sources"] > len(st["top_sources"]) else ""))


def _utc(stamp: str | None) -> str:
    """``2026-11-24T14:15:02.1+00:00`` → ``2026-11-24 14:15 UTC`` (store times are UTC)."""
    return f"{stamp[:16].replace('T', ' ')} UTC" if stamp else "never"


# -- articles ------------------------------------------------------------------------
@app.command()
def articles(
    db: Db = Path(DEFAULT_DB),
    lang: Annotated[list[str] | None, typer.Option(help="Language code (ar, sw, en…); several comma-separated (ar,sw) or repeated.")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet.")] = None,
    since: Since = None,
    until: Until = None,
    story: Annotated[str | None, typer.Option(help="Story id.")] = None,
    entity: Annotated[str | None, typer.Option(help="Entity id.")] = None,
    limit: Limit = 20,
    as_json: Json = False,
    fields: Annotated[str | None, typer.Option(help="With --json: only these keys, comma-separated (id,title,url).")] = None,
    show_sql: Annotated[bool, typer.Option("--show-sql", help="Print the SQL instead of running it.")] = False,
) -> None:
    """List articles, newest first."""
    from .service import article_fields

    keys = article_fields(fields)
    if keys is not None and not as_json:
        raise InvalidArgument("--fields picks the keys of --json output: add --json")
    filters = dict(lang=lang, source=source, since=since, until=until, story=story, entity=entity, limit=limit)
    if show_sql:  # a story prefix is resolved as the real command resolves it, so that needs the store
        sql, params = (_existing(db) if story else _service(db)).articles_sql(**filters)
        if as_json:
            _print_json({"sql": sql, "params": list(params)})
        else:
            typer.echo(f"{sql}\n-- params: {params}")
        return
    items = _existing(db).articles(**filters)
    if as_json:
        _print_json([a.to_dict(fields=keys) for a in items])
        return
    _table(["id", "lang", "source", "published", "place", "title"],
           [[a.id, a.lang, a.source, _date(a.published), a.place, _cut(a.title, 90)] for a in items], title=f"{len(items)} articles")


@app.command()
def show(ident: Annotated[str, typer.Argument(help="Article id, id prefix, external id or URL.")], db: Db = Path(DEFAULT_DB), as_json: Json = False) -> None:
    """Show one article."""
    a = _existing(db).article(ident)
    if as_json:
        _print_json(a.to_dict())
        return
    con = _console()
    con.print(f"[bold]{_esc(a.title)}[/]", highlight=False)
    dateline = " ".join(x for x in (a.place, f"({a.agency})" if a.agency else None) if x)
    parts = [a.id, f"{a.lang} ({a.lang_confidence:.2f}{', mixed' if a.mixed_lang else ''})", a.source or "no outlet",
             dateline, a.published.isoformat() if a.published else "undated", f"story {a.story_id or '-'}"]
    con.print(" · ".join(p for p in parts if p), highlight=False, markup=False)  # no empty slots ("· ? ·   ·")
    if a.url:
        con.print(a.url, highlight=False, markup=False)
    con.print()
    con.print(a.text, highlight=False, markup=False)
    if a.entities:
        con.print("\n[bold]entities[/]: " + _esc(", ".join(sorted({f"{m.name} ({m.type})" for m in a.entities}))), highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words in any language.")],
    db: Db = Path(DEFAULT_DB),
    lang: Annotated[list[str] | None, typer.Option(help="Only this language (sw), or these (sw,ar).")] = None,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Since = None,
    until: Until = None,
    story: Annotated[str | None, typer.Option(help="Only this story (id or id prefix).")] = None,
    mode: Annotated[str, typer.Option(callback=_choice("hybrid", "keyword", "vector"), help="hybrid, keyword or vector.")] = "hybrid",
    limit: Limit = 20,
    as_json: Json = False,
) -> None:
    """Search all languages: keywords (FTS5), meaning (vectors) and the articles nearest the top keyword hits, fused."""
    from .search.normalise import tokens

    if not query.strip():
        raise typer.BadParameter("the query is empty", param_hint="QUERY")
    if not tokens(query):
        raise typer.BadParameter("the query has no words to search for (letters or digits)", param_hint="QUERY")
    hits = _existing(db).search(query, lang=lang, source=source, since=since, until=until, story=story, mode=mode, limit=limit)
    if as_json:
        _print_json(hits)
        return
    _table(["id", "lang", "source", "story", "how", "title"],
           [[h["id"], h["lang"], h["source"], h["story_id"], "+".join(h["matched"]), _cut(h["title"], 80)] for h in hits], title=f"{len(hits)} result{'s' if len(hits) != 1 else ''}")


@app.command()
def similar(
    ident: Annotated[str, typer.Argument(help="Article id.")],
    db: Db = Path(DEFAULT_DB),
    lang: Annotated[list[str] | None, typer.Option(help="Only this language (sw), or these (sw,ar).")] = None,
    same_lang: Annotated[bool, typer.Option("--same-lang", help="Include the article's own language (a --lang naming it does too).")] = False,
    other_stories: Annotated[bool, typer.Option("--other-stories", help="Leave out the article's own story: related coverage beyond it.")] = False,
    limit: Limit = 10,
    as_json: Json = False,
) -> None:
    """Most similar articles in other languages, with why."""
    hits = _existing(db).similar(ident, lang=lang, same_lang=same_lang, other_stories=other_stories, limit=limit)
    if as_json:
        _print_json(hits)
        return
    _table(["id", "lang", "score", "cosine", "gap", "shared entities and places", "story", "title"],
           [[h["id"], h["lang"], h["score"], h["why"]["cosine"], _gap(h["why"]["gap_days"]), _shared(h["why"]),
             "this one" if h["same_story"] else h["story_id"], _cut(h["title"], 60)] for h in hits],
           title=f"{len(hits)} similar article{'s' if len(hits) != 1 else ''} (gap: time between publication dates, "
                 "in days (d) or hours (h), – where either has none; "
                 "story: 'this one' is the article's own)")


def _cut(text: str, n: int) -> str:
    """``text`` in at most ``n`` characters, cut at a word boundary with "…" (not inside a word)."""
    if len(text) <= n:
        return text
    head = text[: n - 1]
    space = head.rfind(" ")
    return (head[:space] if space > n // 2 else head).rstrip(" ,.;:") + "…"


def _gap(days: float | None) -> str:
    if days is None:  # either side undated: the query article, most often
        return "–"
    return f"{days:.0f} d" if days >= 1 else f"{days * 24:.0f} h"


def _shared(why: dict[str, Any]) -> str:
    """The first few shared entities, then shared dateline places not already named."""
    names = [e["name"] for e in why["shared_entities"][:5]]
    more = why["shared_entity_count"] - len(names)
    places = [p for p in why["shared_places"] if p not in names]
    return ", ".join(names + ([f"+{more}"] if more > 0 else []) + [f"dateline {p}" for p in places])


PairsDb = Annotated[Path, typer.Option("--db", envvar="BABELWIRE_DB", show_default=True,
                                       help="Store whose entity aliases and language statistics explain pairs, if it exists; never created.")]


@app.command("score-pairs")
def score_pairs(
    file: Annotated[str, typer.Argument(help='JSON Lines of {"id", "a": {"title", "text"}, "b": {...}}; - for stdin.')],
    db: PairsDb = Path(DEFAULT_DB),
) -> None:
    """Print one JSON line per pair: {"id", "score", "reasons"}; higher is more similar.

    The score is fitted on same-language news pairs (SemEval-2022 Task 8, Arabic).
    Across languages it still ranks (translations above unrelated pairs: AUC 0.92
    on NTREX-128, bench/README.md) but reads lower, so compare cross-language
    scores with each other, not with same-language ones.  A text of a few words
    scores unreliably.
    """
    from .search.pairs import read_pairs

    if file != "-" and Path(file).is_dir():
        raise typer.BadParameter(f"{file} is a directory, not a file", param_hint="FILE")
    if file != "-" and not Path(file).is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    # Bytes, decoded line by line: one line that is not UTF-8 is reported on its own.
    stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 - closed below
    failed = 0
    try:
        for out in _service(db).score_pairs(read_pairs(stream)):
            failed += "error" in out
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if failed:  # as ingest says it: done, but some inputs failed (each line says why)
        typer.echo(f"{failed} line{'s' if failed != 1 else ''} could not be scored; each says why in its \"error\"", err=True)
        raise typer.Exit(EXIT_PARTIAL)


# -- stories -------------------------------------------------------------------------
@app.command()
def stories(
    db: Db = Path(DEFAULT_DB),
    lang: Annotated[list[str] | None, typer.Option(help="Stories with articles in this language (am), or in any of these (am,so).")] = None,
    entity: Annotated[str | None, typer.Option(help="Stories mentioning this entity id.")] = None,
    since: Since = None,
    until: Until = None,
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="At least this many articles.")] = 1,
    limit: Limit = 20,
    as_json: Json = False,
) -> None:
    """Stories, most recently active first (an undated story by when it last changed)."""
    items = _existing(db).stories(lang=lang, entity=entity, since=since, until=until, min_size=min_size, limit=limit)
    if as_json:
        _print_json(items)
        return
    _table(["id", "size", "languages", "last seen", "thread", "label"],
           [[s["id"], s["size"], " ".join(s["languages"]), _date(s["last_seen"]) or "undated", s["thread_id"], _cut(s["label"], 70)] for s in items],
           title=f"{len(items)} stories" + (f" of {min_size} or more articles" if min_size > 1 else ""))


@app.command()
def story(ident: Annotated[str, typer.Argument(help="Story id.")], db: Db = Path(DEFAULT_DB), as_json: Json = False) -> None:
    """One story: headlines per language, articles, events and thread."""
    bw = _existing(db)
    s = bw.story(ident)
    if as_json:
        _print_json(s)
        return
    con = _console()
    con.print(f"[bold]{_esc(s['label'])}[/]  ({s['id']}, {s['size']} articles, {', '.join(s['languages'])})", highlight=False)
    for lang, h in s["headlines"].items():
        con.print(f"  {lang}: {h}", highlight=False, markup=False)
    con.print("keywords: " + ", ".join(s["keywords"]), highlight=False, markup=False)
    arts = bw.articles_by_ids(s["article_ids"])
    _table(["id", "lang", "source", "published", "title"], [[a.id, a.lang, a.source, _date(a.published), _cut(a.title, 80)] for a in arts])
    for e in s["events"]:
        con.print(f"  {e['at'][:19]} {e['kind']} {e['other_id'] or e['article_id'] or ''}", highlight=False, markup=False)
    if s.get("thread"):
        con.print(f"thread {s['thread']['id']}: " + "; ".join(_cut(x["label"], 50) for x in s["thread"]["stories"]), highlight=False, markup=False)


@app.command()
def threads(db: Db = Path(DEFAULT_DB), min_stories: Annotated[int, typer.Option("--min-stories", min=1, help="Only threads of at least this many stories.")] = 1, limit: Limit = 20, as_json: Json = False) -> None:
    """Threads: related stories over time."""
    items = _existing(db).threads(min_stories=min_stories, limit=limit)
    if as_json:
        _print_json(items)
        return
    _table(["id", "stories", "articles", "first", "last", "label"],
           [[t["id"], len(t["story_ids"]), t["articles"], _date(t["first_seen"]), _date(t["last_seen"]), t["label"]] for t in items])


@app.command()
def recluster(db: Db = Path(DEFAULT_DB), as_json: Json = False) -> None:
    """Rebuild all stories and threads in one batch (ids kept where possible)."""
    out = _with_progress(lambda p: _existing(db).recluster(progress=p), "reclustering", quiet=as_json)
    if as_json:
        _print_json(out)
    else:
        embedded = f"{out['embedded']} embedded first (stored without vectors); " if out.get("embedded") else ""
        typer.echo(f"{embedded}{out['articles']} articles → {out['stories']} stories in {out['threads']} threads; {out['events']} merge/split events")


# -- entities --------------------------------------------------------------------------
@app.command()
def entities(
    db: Db = Path(DEFAULT_DB),
    type: Annotated[str | None, typer.Option("--type", callback=_choice(*ENTITY_TYPES, upper=True), help="PER, ORG, LOC or DATE.")] = None,
    lang: Annotated[list[str] | None, typer.Option(help="Mentioned in articles in this language (ha), or in any of these (ha,so).")] = None,
    guesses: Annotated[bool, typer.Option("--guesses", help="Also names only guessed from capital letters.")] = False,
    limit: Limit = 30,
    as_json: Json = False,
) -> None:
    """Entities mentioned in the store, those in the most articles first."""
    items = _existing(db).entities(type=type, lang=lang, guesses=guesses, limit=limit)
    if as_json:
        _print_json(items)
        return
    _table(["id", "type", "mentions", "articles", "name", "names"],
           [[e["id"], e["type"], e["mentions"], e["articles"], e["name"], " · ".join(e.get("names", [])[:5])] for e in items])


@app.command()
def entity(ident: Annotated[str, typer.Argument(help="Entity id, e.g. org:nato.")], db: Db = Path(DEFAULT_DB), as_json: Json = False) -> None:
    """One entity: names per language and script, mentions, stories over time."""
    e = _existing(db).entity(ident)
    if as_json:
        _print_json(e)
        return
    con = _console()
    con.print(f"[bold]{_esc(e['name'])}[/] ({_esc(e['id'])}, {e['type']})", highlight=False)
    for lang, names in sorted(e["aliases"].items()):
        con.print(f"  {lang}: {', '.join(names)}", highlight=False, markup=False)
    _table(["story", "first seen", "articles", "mentions", "label"],
           [[s["id"], _date(s["first_seen"]), s["articles"], s["mentions"], _cut(s["label"], 70)] for s in e["stories"]])


@app.command()
def compare(
    ident: Annotated[str, typer.Argument(help="Story id.")],
    db: Db = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option(callback=_choice("source", "lang"), help="Group by source (outlet) or lang.")] = "source",
    as_json: Json = False,
) -> None:
    """How each outlet or language frames a story: quotes, entities, words, tone."""
    bw = _existing(db)
    if as_json:
        _print_json(bw.compare(ident, by=by))
        return
    from .compare import render_text

    typer.echo(render_text(bw.comparison(ident, by=by)), nl=False)


# -- web ---------------------------------------------------------------------------------
@app.command()
def serve(
    db: Db = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Port = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="BABELWIRE_API_TOKEN", help="API token required for writes.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (each holds its own vector index).")] = 1,
    create: Annotated[bool, typer.Option("--create", help="Start an empty store if there is none (articles then come in through the API).")] = False,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="NAME", envvar="BABELWIRE_ALLOWED_HOSTS",
        help="A host name to answer to through loopback besides localhost and 127.0.0.1 (a reverse proxy's); repeatable.")] = None,
) -> None:
    """Serve the web UI and the HTTP API (OpenAPI at /docs)."""
    from .web.server import run

    if not create or db.exists():
        # a mistyped --db must not serve, and then create, an empty store; a file that is no
        # store at all (a folder, a text file) must not start a server that answers 503 to everything
        with _existing(db) as bw:
            bw.store.ensure()
    hosts = host_list(*(allowed_host or ()))
    if workers > 1 and hosts:  # worker processes read their settings from the environment
        os.environ["BABELWIRE_ALLOWED_HOSTS"] = ",".join(hosts)
    run(Settings(db=db).with_(api_token=token, allowed_hosts=hosts or None), host=host, port=port, workers=workers)


@app.command()
def demo(
    db: Db = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Port = 8000,
    serve_ui: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the UI after ingesting.")] = True,
) -> None:
    """Ingest the bundled sample corpus (and the seeds if ../shared/data is beside you), list it, then serve the UI."""
    from .sample import sample_inputs

    inputs = sample_inputs()
    bw = _service(db)
    report = _with_progress(lambda p: bw.ingest(inputs, progress=p), "ingesting sample corpus")
    seeds = sum(1 for a in bw.articles_by_ids(report.article_ids) if not a.origin.startswith(inputs[0]))
    stored = f"{report.ingested} new articles" + (f" ({report.ingested - seeds} from the sample corpus, {seeds} seeds)" if seeds else "")
    typer.echo(f"{stored}; set aside: {report.duplicates} duplicates (the same article again) and {report.near_duplicates} "
               f"near-duplicates (another outlet's re-run); {report.failed} failed; "
               f"{bw.count('articles')} articles in {bw.count('stories')} stories in {db}")
    stories(db=db, lang=None, entity=None, since=None, until=None, min_size=2, limit=15, as_json=False)
    if serve_ui:
        serve(db=db, host=host, port=port, token=None, workers=1, create=True)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    if sys.stdout is None:  # started with stdout closed (`babelwire stats >&-`): nowhere to write
        if sys.stderr is not None:
            print("error: standard output is closed; redirect it to a file or /dev/null instead", file=sys.stderr)
        sys.exit(1)
    try:
        try:
            code = app(standalone_mode=False)  # click returns typer.Exit codes instead of raising them here
        except SystemExit as e:
            # typer answers a closed stdout (EPIPE) with exit 1, our "unexpected error", after
            # wrapping stdout so the final flush stays quiet: that wrapper is how we know.
            if e.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
                raise BrokenPipeError from None
            raise
        sys.exit(code if isinstance(code, int) else 0)
    except NotFound as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    except InvalidArgument as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    except StoreError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(EXIT_STORE)
    except BabelwireError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(1)
    except sqlite3.DatabaseError as e:  # met mid-command (a damaged page, a full disk): the store's fault, no traceback
        typer.echo(f"error: the store failed: {e} (a damaged file or a full disk; check --db and the disk)", err=True)
        sys.exit(EXIT_STORE)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        sys.exit(130)
    except BrokenPipeError:
        # The reader of our output went away (`babelwire ingest … | head -1`): what ran is done and
        # stored; exit as a program killed by SIGPIPE does, without a traceback at the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_PIPE_CLOSED)
    except OSError as e:
        # The system refused (output to a full disk, /dev/full; a file we may not read): said in a
        # line, as other errors are.  Whatever was stored before stays stored.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the final flush would fail again
        except OSError:
            pass
        typer.echo(f"error: {e}", err=True)
        sys.exit(1)
    except Exception as e:  # click usage errors come through here with standalone_mode=False
        # Matched by shape, not class: typer >= 0.22 ships its own copy of click
        # (typer._click), whose ClickException is not click.ClickException.
        if callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            sys.exit(e.exit_code)
        raise


if __name__ == "__main__":
    main()
