"""Plain text files: the whole file is the article text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..article import Article
from ..errors import InputError


def read_text(text: str, origin: str, *, source: str | None = None, warnings: Sequence[str] = ()) -> Article | InputError:
    """One article holding ``text`` unchanged; its title is left for a later step to pick."""
    if not text.strip():
        return InputError(origin, "empty file")
    meta: dict = {"warnings": list(warnings)} if warnings else {}
    return Article(text=text, title="", source=source, origin=origin, meta=meta)


def source_from_folder(path: str, root: str | None) -> str | None:
    """The outlet named by the folder a file sits in under the directory the user gave.

    ``corpus/text/sahel-daily/x.txt`` under ``corpus/text`` → ``sahel-daily``;
    a file directly in ``root``, or a file named on its own, → None.
    """
    if root is None:
        return None
    try:
        rel = Path(path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None
    return rel.parent.name if len(rel.parts) > 1 else None
