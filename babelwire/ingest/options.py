"""The ingest settings object and the :class:`Source` record.

Both are plain dataclasses so the CLI and the HTTP layer can build them once,
at the edge, and hand them to :func:`babelwire.ingest.read`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

#: What a :class:`Source` holds; ``read`` dispatches on it.
SourceKind = Literal["text", "html", "json", "jsonl", "feed", "warc", "url", "stdin"]

#: 50 MB: larger than any news page, feed or JSON export we have seen, yet small
#: enough that a whole file can sit in memory on the 2-core, shared dev machine.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: 20 s: generous for a news page; slow servers past this are usually stuck.
DEFAULT_TIMEOUT = 20.0

#: 5 hops: http→https→www→canonical covers real sites; browsers allow ~20.
DEFAULT_MAX_REDIRECTS = 5

DEFAULT_USER_AGENT = "Babelwire/0.1 (self-hosted news reader; +https://babelwire.dev)"


@dataclass
class IngestOptions:
    """How inputs are read. Build once at the edge (CLI flags, API request)."""

    max_bytes: int = DEFAULT_MAX_BYTES  # per file, per HTTP response, per WARC record
    timeout: float = DEFAULT_TIMEOUT  # seconds, for each URL fetch as a whole
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private: bool = False  # allow URLs on loopback/private networks (tests, intranets)
    user_agent: str = DEFAULT_USER_AGENT
    #: Fetch each feed item's linked page and keep its main text when it is longer than
    #: the item's description (feeds often carry only a summary). Same safety rules as URLs.
    fetch_feed_items: bool = False
    #: True for a feed item's URL whose article the store already holds: its page is not
    #: fetched again, and the item counts as a duplicate (the service passes a store lookup).
    is_stored: Callable[[str], bool] | None = None
    #: ``ETag`` / ``Last-Modified`` of each URL input, kept between the rounds of
    #: ``ingest --every``: a URL asks again conditionally and reads as no articles when the
    #: server answers 304 Not Modified.  ``None``: every URL is fetched whole.
    validators: dict[str, dict[str, str]] | None = field(default=None, repr=False)
    #: Size and modification time of each file read, kept between the same rounds: a file
    #: unchanged since the round before is not read again.  ``None``: every file is read.
    file_stamps: dict[str, tuple[int, int]] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Source:
    """One thing to read: a file, a URL or stdin.

    ``root`` is the directory the user named when this file was found by
    walking it; the text reader takes the outlet name from the folder between
    ``root`` and the file.
    """

    kind: SourceKind
    location: str  # a path, a URL or "-"
    root: str | None = None

    def __str__(self) -> str:
        return "<stdin>" if self.kind == "stdin" else self.location


@dataclass(frozen=True)
class Skipped:
    """A file in a walked folder that is not news (an image, code, a table): left out, not failed."""

    where: str
    reason: str


def size_text(n: int) -> str:
    """``104857600`` → ``"100 MB"``, ``1572864`` → ``"1.5 MB"``, ``15000`` → ``"15 KB"``, ``900`` → ``"900 bytes"``;
    ``6032658432`` → ``"5.6 GB"``."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
