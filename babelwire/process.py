"""The ingest run: inputs → clean articles → entities → vectors → stories → store.

Per batch of :attr:`Settings.batch_size` articles:

1. the per-article pipeline (repair, chrome, dateline, title, language, dates, identity);
2. duplicates are set aside (exact: same id or content; near: MinHash);
3. embeddings (cached by content, outside any transaction: the slow part);
4. entities;
5. one write transaction: duplicates are checked again, stories assigned, and
   everything the batch produced lands at once or not at all.

Step 3 runs in a worker thread (the model runs in C, outside the GIL): while
it embeds batch *n*, this thread cleans batch *n + 1* and extracts entities
from and commits batch *n − 1*, so ingest runs at about the embedder's own
speed (bench_throughput).  Batches still commit in order, one at a time, so
stories and entities see the same history as a serial run.  Duplicates
between neighbouring batches, which the first check cannot see yet, are
caught by the check in the transaction.

A batch whose pipeline raises is retried one article at a time, so one
article that breaks a step is reported (with its origin) and the rest land.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .article import Article
from .errors import InputError, StoreError
from .pipeline import FunctionStep, Pipeline

if TYPE_CHECKING:
    from .service import Babelwire

log = logging.getLogger(__name__)

#: SQLite errors that are the store's, not an article's: they stop an ingest at once.
STORE_FAILURES = (
    "database disk image is malformed", "file is not a database", "database or disk is full", "disk i/o error",
    "readonly database", "unable to open database file",
)

Progress = Callable[..., None]

#: A followed file changed this recently (seconds) may still be being written: it waits for
#: the next round.  Two seconds is the coarsest modification-time step of common file
#: systems (FAT's); a writer that pauses longer mid-file should write under another name
#: and rename the file in (README, "Following feeds").  Read both ways: a file server's
#: clock may run a little ahead, but a time further ahead says nothing about a writer
#: (an archive unpacked from a machine with its clock wrong) and must not hold a file back.
SETTLE_SECONDS = 2.0


@dataclass
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    #: Files in walked folders left out as not news (images, code, tables), with why.
    skipped: list[dict[str, str]] = field(default_factory=list)
    #: Followed files changed in the last :data:`SETTLE_SECONDS`: read in a later round.
    deferred: list[str] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    #: Each input set aside as a duplicate: ``{"where", "of", "kind"}``, ``of`` the stored article's id
    #: (so a client that posts an article again learns which one it is).
    duplicate_of: list[dict[str, str]] = field(default_factory=list)
    stories_created: int = 0
    stories_joined: int = 0
    merges: int = 0
    seconds: float = 0.0

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.failures.append({"where": where, "reason": reason})

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "failures": self.failures,
            "skipped": self.skipped,
            "deferred": self.deferred,
            "warnings": self.warnings,
            "article_ids": self.article_ids,
            "duplicate_of": self.duplicate_of,
            "stories_created": self.stories_created,
            "stories_joined": self.stories_joined,
            "merges": self.merges,
            "seconds": round(self.seconds, 3),
        }


def _stamp(path: str) -> tuple[int, int] | None:
    """A file's size and modification time (ns), or ``None`` when it cannot be looked at."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _identify(a: Article) -> Article:
    return a.identify()


def clean_pipeline(chrome_model: Any) -> Pipeline:
    from .clean import ChromeStep, DatelineStep, DatesStep, RepairStep, TitleStep
    from .language import LanguageStep

    return Pipeline(
        [
            RepairStep(),
            ChromeStep(chrome_model),
            DatelineStep(),
            TitleStep(),
            LanguageStep(),
            DatesStep(),
            FunctionStep("identify", _identify, requires=frozenset({"text", "title", "url"}), assigns=frozenset({"id", "content_hash"})),
        ]
    )


class IngestRun:
    """One ingest over a stream of articles, reporting into one :class:`IngestReport`."""

    def __init__(self, service: Babelwire, progress: Progress | None = None) -> None:
        self.service = service
        self.report = IngestReport()
        self.progress = progress or (lambda **_: None)
        self._t0 = time.perf_counter()
        self._worker: Any = None  # the embedding thread, started with the first batch to embed
        self._pending: tuple[list[Article], list[Article], Any] | None = None

    # -- inputs --------------------------------------------------------------
    def run_inputs(self, inputs: Sequence[str], options: Any = None) -> IngestReport:
        from .ingest.reader import expand, real_path

        options = options or self.service.ingest_options()
        own = self._store_files()
        sources = [s for s in expand(list(inputs), options) if not own or real_path(s.location) not in own]
        self.progress(total=len(sources))
        buffer: list[Article] = []
        try:
            self._read_sources(sources, options, buffer)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM turned into it by the CLI
            self._salvage(buffer)
            raise
        if buffer:
            self.process(buffer)
        report = self.finish()
        self.progress(ingested=report.ingested, failed=report.failed)  # the last batches land after the last source
        return report

    def _read_sources(self, sources: list[Any], options: Any, buffer: list[Article]) -> None:
        """Read every source, processing full batches; what is left in ``buffer`` (mutated in place) is the caller's."""
        from .ingest import Skipped, read

        stamps = options.file_stamps
        for source in sources:
            stamp = _stamp(source.location) if stamps is not None and source.kind not in ("url", "stdin") else None
            if stamp is not None and stamps.get(source.location) == stamp:  # read in an earlier round, unchanged since
                self.progress(advance=1)
                continue
            if stamp is not None and abs(time.time_ns() - stamp[1]) < SETTLE_SECONDS * 1e9:  # may be half-written
                self.report.deferred.append(source.location)
                self.progress(advance=1)
                continue
            for item in read(source, options):
                if isinstance(item, InputError):
                    self.report.fail(item.where, item.reason)
                    continue
                if isinstance(item, Skipped):
                    self.report.skipped.append({"where": item.where, "reason": item.reason})
                    continue
                if item.meta.pop("_stored", False):  # a feed item the store holds: not read again
                    self.report.duplicates += 1
                    of = self.service.stored_as(item.url) if item.url else None  # the item has no id yet (QA: "of": "")
                    self.report.duplicate_of.append({"where": item.origin or item.url or "", "of": of or "", "kind": "exact"})
                    continue
                buffer.append(item)
                if len(buffer) >= self.service.settings.batch_size:
                    self.process(list(buffer))
                    buffer.clear()
            if stamp is not None:
                stamps[source.location] = stamp
            self.progress(advance=1, ingested=self.report.ingested, failed=self.report.failed)

    def _salvage(self, buffer: list[Article]) -> None:
        """On an interrupt, store what was already read (fetched pages, parsed files) before stopping.

        Up to two batches are in hand: the one being embedded and the one being read.
        Throwing them away cost a slow feed's pages, fetched again next run.  Storing
        them is safe however the interrupt fell: a batch commits whole or not at all,
        and one that did commit comes back as duplicates.  A second interrupt stops
        at once, leaving these to the next run.
        """
        waiting = len(buffer) + (len(self._pending[1]) if self._pending else 0)
        if waiting:
            note = f"storing the {waiting} articles already read (interrupt again to leave them)"
            log.warning("interrupted: %s", note)
            self.progress(stopping=note)
        if buffer:
            self.process(list(buffer))
            buffer.clear()
        self.finish()

    def _store_files(self) -> set[str]:
        """Real paths of the store being written and its side files: never inputs, whatever their names."""
        db = str(self.service.settings.db)
        if db == ":memory:":
            return set()
        own = os.path.realpath(db)
        return {own, own + "-wal", own + "-shm", own + "-journal"}

    def run_articles(self, articles: Iterable[Article]) -> IngestReport:
        buffer: list[Article] = []
        for a in articles:
            buffer.append(a)
            if len(buffer) >= self.service.settings.batch_size:
                self.process(buffer)
                buffer = []
        if buffer:
            self.process(buffer)
        return self.finish()

    def finish(self) -> IngestReport:
        try:
            self._land_pending()
        finally:
            if self._worker is not None:
                self._worker.shutdown(wait=True)
                self._worker = None
        self.report.seconds = time.perf_counter() - self._t0
        return self.report

    # -- one batch -------------------------------------------------------------
    def _stop_if_store_failed(self, e: Exception) -> None:
        """Raise :class:`StoreError` when ``e`` is the store failing (damaged, full, unreadable), not an article:
        retrying the batch one article at a time would report every later article as bad input."""
        if isinstance(e, StoreError):
            raise e
        if isinstance(e, sqlite3.DatabaseError) and any(m in str(e).lower() for m in STORE_FAILURES):
            raise StoreError(
                f"{self.service.settings.db}: {e}; ingest stopped ({self.report.ingested} articles landed before it and stay; "
                "run the same command again once the store is fixed)"
            ) from e

    def process(self, batch: list[Article]) -> None:
        """Clean ``batch`` and start embedding it; land the batch before it meanwhile."""
        try:
            fresh = self._prepare(batch)
        except Exception as e:  # noqa: BLE001 - handled one article at a time below
            self._stop_if_store_failed(e)
            self._land_pending()
            self._one_at_a_time(batch)
            return
        embedding = None
        if fresh and self.service.embedder is not None:
            windows = self.service.cut_windows(fresh)  # here, not in the embedding thread: see EmbedStep.windows
            if self._worker is None:
                from concurrent.futures import ThreadPoolExecutor

                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="babelwire-embed")
            embedding = self._worker.submit(self.service.embed, fresh, windows)
        self._land_pending()
        if fresh:
            self._pending = (batch, fresh, embedding)

    def _land_pending(self) -> None:
        """Wait for the pending batch's vectors, then extract its entities and commit it."""
        if self._pending is None:
            return
        batch, fresh, embedding = self._pending
        try:
            if embedding is not None:
                embedding.result()
            self._land(fresh)
        except Exception as e:  # noqa: BLE001 - handled one article at a time below
            self._pending = None
            self._stop_if_store_failed(e)
            self._one_at_a_time(batch)
            return
        # Not before: an interrupt while waiting or committing leaves the batch for _salvage.
        self._pending = None

    def _process_now(self, batch: list[Article]) -> None:
        """The whole pipeline for ``batch`` in this thread; on failure, one article at a time."""
        try:
            fresh = self._prepare(batch)
            if fresh:
                self._land(self.service.embed(fresh))
        except Exception as e:  # noqa: BLE001 - fall back to one at a time, report the culprit
            self._stop_if_store_failed(e)
            if len(batch) == 1:
                a = batch[0]
                log.exception("article from %s failed", a.origin)
                self.report.fail(a.origin or a.url or "<article>", f"{type(e).__name__}: {e}")
                return
            self._one_at_a_time(batch)

    def _one_at_a_time(self, batch: list[Article]) -> None:
        for a in batch:
            self._process_now([a])

    def _prepare(self, batch: list[Article]) -> list[Article]:
        """Clean the batch and set duplicates aside: the articles still to embed and store."""
        svc = self.service
        articles = svc.clean_pipeline(batch)
        for a in articles:  # after cleaning, whose steps warn too (an unusable publication date)
            if not a.meta.get("_warned"):  # a batch retried one at a time reports its warnings once
                self.report.warnings += [{"where": a.origin, "warning": w} for w in a.meta.get("warnings", [])]
                a.meta["_warned"] = True
        articles = [a for a in articles if self._keep(a)]
        if not articles:
            return []
        return svc.find_duplicates(articles, self.report)

    def _land(self, fresh: list[Article]) -> None:
        svc = self.service
        fresh = svc.extract_entities(fresh)
        outcome = svc.commit_batch(fresh)
        self.report.ingested += len(outcome.stored)
        self.report.article_ids += [a.id for a in outcome.stored]
        self.report.duplicates += outcome.late_duplicates
        self.report.duplicate_of += outcome.late_duplicate_of
        self.report.near_duplicates += outcome.late_near_duplicates
        self.report.stories_created += outcome.created
        self.report.stories_joined += outcome.joined
        self.report.merges += outcome.merges
        # the bar counts inputs; inside one large file this is what moves (QA: 0/1 for an hour)
        self.progress(ingested=self.report.ingested, failed=self.report.failed)

    def _keep(self, a: Article) -> bool:
        if not a.text.strip():
            self.report.fail(a.origin or a.url or "<article>", "no text left after cleaning")
            return False
        return True
