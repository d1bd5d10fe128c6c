"""The pipeline step: entity mentions for a batch of articles."""

from __future__ import annotations

from ..article import Article
from .index import EntityIndex


class EntitiesStep:
    """Fill ``article.entities`` from ``text`` and ``lang``.

    Two passes over the batch: the first finds mentions and teaches the index
    the confident new names (a person after a title, an organisation pattern);
    the second finds those names again wherever they occur in the batch, so a
    name introduced as "Rais Magufuli" in one article is found as a bare
    "Magufuli" at the start of a sentence in another.  The index keeps what it
    learned for later batches; :func:`babelwire.entities.store.save_index` persists it.
    """

    name = "entities"
    requires = frozenset({"text", "lang"})
    assigns = frozenset({"entities"})

    def __init__(self, index: EntityIndex | None = None) -> None:
        self.index = index if index is not None else EntityIndex.default()

    def __call__(self, articles: list[Article]) -> list[Article]:
        learned = 0
        for a in articles:
            a.entities = self.index.extract(a.text, a.lang)
            learned += self.index.learn(a.entities, a.text, a.lang)
        if learned:
            for a in articles:
                a.entities = self.index.extract(a.text, a.lang)
        return articles
