"""The quality gate: every pinned metric must stay on the right side of its floor.

    .venv/bin/python -m bench.gate             # exit 1 and list each metric past its bound
    .venv/bin/python -m bench.gate --update    # raise floors (lower ceilings) to what was measured

``bench/floors.json`` maps a metric to ``{"min": x}`` (higher is better) or
``{"max": y}`` (lower is better: latencies, ratios of cost).  ``--update``
only ever tightens a bound and prints each change; loosening one is an edit
to floors.json that a reviewer sees in the diff, never a side effect.  A
bound marked ``"timing": true`` is a time on this shared machine, pinned at a
loaded level by hand: ``--update`` leaves it alone, since one quiet run would
otherwise pin it where the next busy run fails.  A
pinned metric missing from results.json fails the gate too (a benchmark that
stopped reporting must not pass silently), unless ``--allow-missing``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .run import FLOORS, RESULTS_JSON

#: ``--update`` sets a floor this far below (a ceiling this far above) the
#: measured value, so run-to-run noise does not fail the next run.  Ratios
#: and accuracies move by about a percent between runs on this shared machine.
UPDATE_MARGIN = 0.02


def check(metrics: dict[str, float], floors: dict[str, dict[str, float]], *, allow_missing: bool = False) -> list[str]:
    """One line per metric past its bound (or missing)."""
    problems = []
    for key, bound in sorted(floors.items()):
        if key not in metrics:
            if not allow_missing:
                problems.append(f"{key}: missing from results (pinned {bound})")
            continue
        value = metrics[key]
        if "min" in bound and value < bound["min"]:
            problems.append(f"{key}: {value:.4f} is below its floor {bound['min']:.4f}")
        if "max" in bound and value > bound["max"]:
            problems.append(f"{key}: {value:.4f} is above its ceiling {bound['max']:.4f}")
    return problems


def tightened(metrics: dict[str, float], floors: dict[str, dict[str, float]], margin: float = UPDATE_MARGIN) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Floors raised / ceilings lowered towards the measured values; never loosened."""
    new = {k: dict(v) for k, v in floors.items()}
    changes = []
    for key, bound in sorted(floors.items()):
        if key not in metrics or bound.get("timing"):
            continue
        value = metrics[key]
        if "min" in bound:
            candidate = round(value - abs(value) * margin, 4)
            if candidate > bound["min"]:
                changes.append(f"{key}: floor {bound['min']} → {candidate} (measured {value:.4f})")
                new[key]["min"] = candidate
        if "max" in bound:
            candidate = round(value + abs(value) * margin, 4)
            if candidate < bound["max"]:
                changes.append(f"{key}: ceiling {bound['max']} → {candidate} (measured {value:.4f})")
                new[key]["max"] = candidate
    return new, changes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.gate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", type=Path, default=RESULTS_JSON)
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--update", action="store_true", help="tighten floors to the measured values (never loosens)")
    ap.add_argument("--allow-missing", action="store_true", help="pass metrics that results.json lacks (e.g. after --only)")
    args = ap.parse_args(argv)
    if not args.results.exists():
        print(f"{args.results}: no results; run `python -m bench.run` first", file=sys.stderr)
        return 2
    metrics: dict[str, Any] = json.loads(args.results.read_text(encoding="utf-8"))["metrics"]
    floors: dict[str, dict[str, float]] = json.loads(args.floors.read_text(encoding="utf-8"))
    problems = check(metrics, floors, allow_missing=args.allow_missing)
    if args.update:
        new, changes = tightened(metrics, floors)
        for line in changes:
            print(f"tightened {line}")
        if changes:
            args.floors.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        else:
            print("no floor changed")
    if problems:
        print(f"quality gate FAILED ({len(problems)} of {len(floors)}):")
        for p in problems:
            print(f"  {p}")
        return 1
    print(f"quality gate passed: {len(floors)} pinned metrics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
