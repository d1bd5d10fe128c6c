"""Duplicates: the same article twice is stored once; a near-copy is linked, not stored.

- *Exact*: the same id (canonical URL, or content hash when there is no URL),
  or the same normalised content hash under another URL.
- *Near*: MinHash over word 3-shingles of the body, candidates from LSH
  bands kept in the store, confirmed by the estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .article import Article, normalise_for_hash, words_of

NUM_PERM = 128
BANDS = 32  # 32 bands × 4 rows: candidates from an estimated Jaccard of ≈0.42 (1/32)^(1/4)
ROWS = NUM_PERM // BANDS
SHINGLE = 3
#: Estimated Jaccard at which a candidate counts as a near-duplicate.  A wire
#: story re-run by a second outlet with a new headline and another trailer
#: keeps ≥0.8 of its 3-shingles in the sample corpus; two different reports
#: of one event by different outlets stay under 0.2.  0.6 sits between.
NEAR_DUP_JACCARD = 0.6
#: Bodies with fewer shingles than this are too short to call near-duplicates.
MIN_SHINGLES = 8
#: A near-duplicate must also open the same way: the word 3-shingles of the
#: two leads (the first paragraphs, LEAD_MIN_WORDS to LEAD_MAX_WORDS words)
#: must reach this Jaccard.  One outlet's short items that share a long footer
#: ("About the Coastal Herald: …") looked 80% alike and all but the first were
#: set aside unstored (found by a QA pass); a re-run keeps its lead.
LEAD_JACCARD = 0.5
LEAD_MIN_WORDS = 12
LEAD_MAX_WORDS = 40
#: Per band, only the newest this many articles in its bucket are looked at, and of all
#: those, the MAX_CANDIDATES sharing the most bands are compared: a re-run of a report
#: shares nearly all 32 bands with it, so it ranks first wherever it sits.
BAND_CANDIDATES = 50
MAX_CANDIDATES = 20

_rng = np.random.default_rng(20261123)  # fixed: signatures must be comparable across runs
_SEEDS = _rng.integers(0, np.iinfo(np.uint64).max, NUM_PERM, dtype=np.uint64, endpoint=True)


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijection on 64-bit words whose output bits all depend on every input bit."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingles(text: str) -> set[bytes]:
    """Word 3-shingles of the normalised text (Chinese and Japanese: character 3-shingles, see ``words_of``)."""
    words = words_of(normalise_for_hash(text))
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(0, len(words) - SHINGLE + 1))}


def lead_words(text: str) -> list[str]:
    """The normalised words of the first paragraphs: at least LEAD_MIN_WORDS where the text has them, at most LEAD_MAX_WORDS."""
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(words_of(normalise_for_hash(para)))
        if len(out) >= LEAD_MIN_WORDS:
            break
    return out[:LEAD_MAX_WORDS]


def same_lead(a: str, b: str) -> bool:
    """Whether two texts open alike (word 3-shingles of :func:`lead_words`, Jaccard at least LEAD_JACCARD)."""

    def grams(text: str) -> set[str]:
        w = lead_words(text)
        return {" ".join(w[i : i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}

    x, y = grams(a), grams(b)
    return bool(x | y) and len(x & y) / len(x | y) >= LEAD_JACCARD


def signature(text: str) -> np.ndarray | None:
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    x = np.fromiter((int.from_bytes(hashlib.blake2b(s, digest_size=8).digest(), "little") for s in sh), dtype=np.uint64, count=len(sh))
    # One hash function per permutation: mix(x XOR seed).  (An earlier (a·x + b) mod p with
    # small a never wrapped, so the smallest x won nearly every permutation and unrelated
    # long articles sharing one common shingle looked 78% similar.)
    with np.errstate(over="ignore"):
        perm = _mix64(x[:, None] ^ _SEEDS[None, :])
    return perm.min(axis=0)


def band_hashes(sig: np.ndarray) -> list[int]:
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=7).digest()  # 56 bits: fits SQLite's signed 64-bit integers
        out.append(int.from_bytes(digest, "little"))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


@dataclass
class DupResult:
    kind: str  # "exact" or "near"
    of: str  # id of the article it duplicates
    similarity: float

    def said(self, a: Article) -> dict[str, str]:
        """What the ingest report says of ``a``, set aside as this duplicate: where it came from and whose it is."""
        return {"where": a.origin or a.url or a.id, "of": self.of, "kind": self.kind}


class Deduplicator:
    """Finds duplicates against the store and within the current batch."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._batch_ids: dict[str, str] = {}
        self._batch_hashes: dict[str, str] = {}
        self._batch_bands: dict[tuple[int, int], list[str]] = {}
        self._batch_sigs: dict[str, np.ndarray] = {}
        self._batch_texts: dict[str, str] = {}

    def check(self, a: Article) -> DupResult | None:
        if a.id in self._batch_ids or self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
            return DupResult("exact", a.id, 1.0)
        row = self.conn.execute("SELECT duplicate_of FROM near_duplicates WHERE id = ?", (a.id,)).fetchone()
        if row:  # seen before, and set aside then as a near duplicate: it is that article's
            return DupResult("exact", row[0], 1.0)
        if a.content_hash in self._batch_hashes:
            return DupResult("exact", self._batch_hashes[a.content_hash], 1.0)
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (a.content_hash,)).fetchone()
        if row:
            return DupResult("exact", row[0], 1.0)
        # Ingest checks each article twice (before embedding, and again inside the
        # write transaction): the second check reuses the first one's signature,
        # unless the text changed in between (a failed batch is cleaned again).
        sig = a.meta.get("_minhash")
        if not isinstance(sig, np.ndarray) or a.meta.get("_minhash_of") != a.content_hash:
            sig = signature(a.text)
        if sig is None:
            self._remember(a, None)
            return None
        a.meta["_minhash"], a.meta["_minhash_of"] = sig, a.content_hash
        best: DupResult | None = None
        for cand, cand_sig in self._candidates(sig):
            sim = jaccard(sig, cand_sig)
            if sim >= NEAR_DUP_JACCARD and (best is None or sim > best.similarity) and same_lead(a.text, self._text(cand)):
                best = DupResult("near", cand, sim)
        if best is None:
            self._remember(a, sig)
        return best

    def _text(self, article_id: str) -> str:
        """A candidate's body: from this batch, else from the store."""
        if article_id in self._batch_texts:
            return self._batch_texts[article_id]
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else ""

    def _remember(self, a: Article, sig: np.ndarray | None) -> None:
        self._batch_ids[a.id] = a.id
        self._batch_hashes[a.content_hash] = a.id
        if sig is not None:
            self._batch_sigs[a.id] = sig
            self._batch_texts[a.id] = a.text
            for band, h in enumerate(band_hashes(sig)):
                self._batch_bands.setdefault((band, h), []).append(a.id)

    def _candidates(self, sig: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """The articles sharing the most bands with ``sig`` (at most MAX_CANDIDATES), newest first on ties.

        Bounded on purpose: templated briefs (results, prices, one wire's
        boilerplate) share bands with every earlier brief, and checking each
        of them made ingest quadratic (the last 4,390 of 5,000 such lines took 174 s).
        """
        shared: Counter[str] = Counter()
        hashes = band_hashes(sig)
        for band, h in enumerate(hashes):
            shared.update(self._batch_bands.get((band, h), ())[-BAND_CANDIDATES:])
        per_band = "SELECT article_id FROM minhash_bands WHERE band = ? AND hash = ? ORDER BY rowid DESC LIMIT ?"
        rows = self.conn.execute(
            " UNION ALL ".join(f"SELECT * FROM ({per_band})" for _ in hashes),
            [v for band, h in enumerate(hashes) for v in (band, h, BAND_CANDIDATES)],
        ).fetchall()
        shared.update(r[0] for r in rows)
        best = [aid for aid, _ in shared.most_common(MAX_CANDIDATES)]
        found = {aid: self._batch_sigs[aid] for aid in best if aid in self._batch_sigs}
        stored = [aid for aid in best if aid not in found]
        if stored:
            for aid, blob in self.conn.execute(
                f"SELECT article_id, signature FROM minhash_signatures WHERE article_id IN ({','.join('?' * len(stored))})", stored
            ):
                found[aid] = np.frombuffer(blob, dtype=np.uint64)
        return [(aid, found[aid]) for aid in best if aid in found]


def save_signature(conn: sqlite3.Connection, article_id: str, sig: np.ndarray) -> None:
    conn.execute("INSERT OR REPLACE INTO minhash_signatures (article_id, signature) VALUES (?, ?)", (article_id, sig.astype(np.uint64).tobytes()))
    conn.executemany(
        "INSERT INTO minhash_bands (band, hash, article_id) VALUES (?, ?, ?)",
        [(band, h, article_id) for band, h in enumerate(band_hashes(sig))],
    )


def record_near_duplicate(conn: sqlite3.Connection, a: Article, dup: DupResult) -> None:
    """Keep a near duplicate as a link to its original (it is not stored as an article)."""
    from .article import utcnow

    a.duplicate_of = dup.of
    conn.execute(
        "INSERT OR IGNORE INTO near_duplicates (id, duplicate_of, similarity, url, source, title, origin, seen_at) VALUES (?,?,?,?,?,?,?,?)",
        (a.id, dup.of, dup.similarity, a.url, a.source, a.title, a.origin, utcnow().isoformat()),
    )
