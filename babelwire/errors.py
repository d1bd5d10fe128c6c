"""Babelwire's exceptions.

::

    BabelwireError               every error Babelwire raises on purpose
    ├── InputError               one input (file, line, URL) could not be read; others go on
    │   ├── FetchError           a URL could not be fetched (timeout, size, status)
    │   └── UnsafeURLError       a URL points at a private or loopback address
    ├── PipelineError            steps are in an order that cannot work
    ├── StoreError               the database file cannot be used (version, lock, corruption)
    ├── NotFound                 no article, story or entity with that id
    └── InvalidArgument          an argument Babelwire cannot use (a date that is not a date)

Every message names what failed (a path, URL or id) and, where there is one,
the fix.
"""

from __future__ import annotations


class BabelwireError(Exception):
    """Base class of every error Babelwire raises on purpose."""


class InputError(BabelwireError):
    """One input could not be read. ``where`` is its path, ``path:line`` or URL."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched."""


class UnsafeURLError(FetchError):
    """A URL resolves to a private, loopback or link-local address."""


class PipelineError(BabelwireError):
    """Steps are ordered so that one needs a field no earlier step assigns."""


class StoreError(BabelwireError):
    """The store cannot be opened or used."""


#: Longest id a NotFound message repeats whole (a 5,000-character id came back whole).
MAX_SHOWN_ID = 100


class NotFound(BabelwireError):
    """No record with the given id."""

    def __init__(self, kind: str, ident: str, matches: list[str] | None = None) -> None:
        """``matches``: the ids an ambiguous prefix starts (it then names none of them)."""
        said = repr(ident) if len(ident) <= MAX_SHOWN_ID else repr(ident[:MAX_SHOWN_ID]) + f"… ({len(ident):,} characters)"
        if matches:
            shown = ", ".join(matches[:3]) + ("…" if len(matches) > 3 else "")
            super().__init__(f"{said} starts more than one {kind} id ({shown}): give more of it")
        else:
            from .store.db import MIN_PREFIX

            prefixed = kind in ("article", "story", "thread")  # entity ids are given whole
            short = f" (an id prefix needs at least {MIN_PREFIX} characters)" if prefixed and 0 < len(ident) < MIN_PREFIX else ""
            super().__init__(f"no {kind} with id {said}{short}")
        self.kind = kind
        self.ident = ident


class InvalidArgument(BabelwireError, ValueError):
    """An argument has a value Babelwire cannot use; the message names it and what it expects."""
