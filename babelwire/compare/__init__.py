"""Framing comparison within one story: who is quoted, which entities each
outlet or language mentions (and which only it mentions), its distinctive
words and its tone.

A pure library over :class:`~babelwire.article.Article` records::

    from babelwire.compare import compare, render_text
    comparison = compare(story_articles, by="source", display_name=entities.display_name)
    print(render_text(comparison))
    json.dumps(comparison.to_dict())
"""

from __future__ import annotations

from .framing import Comparison, compare, render_text
from .quotes import Quote, find_quotes
from .tone import Tone, tone
from .words import distinctive_words

__all__ = ["Comparison", "Quote", "Tone", "compare", "distinctive_words", "find_quotes", "render_text", "tone"]
