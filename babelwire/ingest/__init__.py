"""Read news from files, folders, URLs and stdin into raw :class:`~babelwire.article.Article` records.

::

    sources = expand(["corpus/", "https://example.org/feed.xml", "-"], options)
    for source in sources:                      # known total: a progress bar
        for item in read(source, options):
            if isinstance(item, InputError): report(item)   # never raised
            elif isinstance(item, Skipped): note(item)     # an image or table in a folder
            else: batch.append(item)

Formats: plain text, HTML (trafilatura), JSON and JSON Lines, RSS/Atom feeds
(defusedxml), WARC (warcio) and http(s) URLs fetched safely (see
:mod:`babelwire.ingest.fetch`). Each format has its own module; decoding is
in :mod:`~babelwire.ingest.decode` and format sniffing in
:mod:`~babelwire.ingest.sniff`.

Every article's ``origin`` says where it came from, with the same convention
as :attr:`InputError.where`: a path, ``path:LINE`` (JSON Lines),
``path#item-N`` (feed item, JSON list element), ``path#record-N`` (WARC
record), a URL, or ``<stdin>``. Non-fatal problems (a guessed encoding,
replaced bytes, a fallback extractor) are listed in ``meta["warnings"]``.
"""

from __future__ import annotations

from .options import IngestOptions, Skipped, Source, SourceKind
from .reader import expand, read, read_all

# fetch() and check_url() live in babelwire.ingest.fetch and are deliberately not
# re-exported here: a package attribute named `fetch` would hide that module.
__all__ = ["IngestOptions", "Skipped", "Source", "SourceKind", "expand", "read", "read_all"]
