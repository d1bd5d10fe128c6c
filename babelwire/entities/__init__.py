"""Entities across scripts: registry and CLDR names, script-aware rules, propagation, alignment.

- :mod:`.gazetteer`: the hand-written registry (``data/registry.jsonl``) and CLDR territory names.
- :mod:`.normalise`: token folding, Arabic clitics, transliteration skeletons.
- :mod:`.index`: :class:`EntityIndex`, the alias table (resolve, learn, display names).
- :mod:`.extract`, :mod:`.dates`, :mod:`.lexicon`: the rules that find mentions.
- :mod:`.align`: cross-script alignment of names inside one story.
- :mod:`.store`: persistence in the SQLite store.
- :mod:`.steps`: :class:`EntitiesStep` for the pipeline.
"""

from .align import Alignment, align_story
from .gazetteer import Alias, Entity
from .index import EntityIndex
from .normalise import arabic_candidates, norm_name, skeleton
from .steps import EntitiesStep

__all__ = [
    "Alias",
    "Alignment",
    "EntitiesStep",
    "Entity",
    "EntityIndex",
    "align_story",
    "arabic_candidates",
    "norm_name",
    "skeleton",
]
