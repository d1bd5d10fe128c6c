"""Babelwire: multilingual news into clean articles, entities across scripts, cross-lingual stories and search.

``import babelwire`` loads no model and opens no file; the names below are
imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Article", "Mention", "Babelwire", "Settings", "IngestReport",
    "BabelwireError", "InputError", "NotFound", "StoreError", "InvalidArgument", "__version__",
]

if TYPE_CHECKING:
    from .article import Article, Mention
    from .errors import BabelwireError, InputError, InvalidArgument, NotFound, StoreError
    from .process import IngestReport
    from .service import Babelwire
    from .settings import Settings

_WHERE = {
    "Article": "article", "Mention": "article", "Babelwire": "service", "Settings": "settings",
    "IngestReport": "process", "BabelwireError": "errors", "InputError": "errors", "NotFound": "errors",
    "StoreError": "errors", "InvalidArgument": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'babelwire' has no attribute {name!r}")
