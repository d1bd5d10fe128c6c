"""Named steps over :class:`~babelwire.article.Article` batches.

A step is any object with ``name``, ``requires``, ``assigns`` and
``__call__(articles) -> articles``.  :class:`Pipeline` checks, when it is
built, that every field a step requires was assigned by an earlier step (or
by ingest), so a mis-ordered pipeline fails at once and not halfway through a
long ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .article import Article
from .errors import PipelineError

#: Fields every ingested article has before the first step runs.
INGEST_FIELDS = frozenset({"text", "title", "url", "external_id", "source", "origin", "published", "html", "meta"})


class Step(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, articles: list[Article]) -> list[Article]: ...


@dataclass
class FunctionStep:
    """Wrap a per-article function ``fn(article) -> article`` as a batch step."""

    name: str
    fn: Callable[[Article], Article]
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()

    def __call__(self, articles: list[Article]) -> list[Article]:
        return [self.fn(a) for a in articles]


@dataclass
class Pipeline:
    steps: Sequence[Step]
    available: frozenset[str] = INGEST_FIELDS
    _checked: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        have = set(self.available)
        for step in self.steps:
            missing = set(step.requires) - have
            if missing:
                raise PipelineError(
                    f"step {step.name!r} requires {sorted(missing)}, which no earlier step assigns; "
                    f"order is {[s.name for s in self.steps]}"
                )
            have |= set(step.assigns)

    def __call__(self, articles: Iterable[Article]) -> list[Article]:
        batch = list(articles)
        for step in self.steps:
            batch = step(batch)
        return batch

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]
