"""Run the benchmarks and write ``bench/results.json`` and ``bench/results.md``.

    .venv/bin/python -m bench.run                  # every benchmark
    .venv/bin/python -m bench.run --only stories pairs
    .venv/bin/python -m bench.run --quick          # smaller grids and samples, scale at 10k only
    .venv/bin/python -m bench.run --render         # rewrite results.md from results.json + floors.json
    .venv/bin/python -m bench.gate                 # then check the floors

A benchmark is a module ``bench/bench_<name>.py`` with
``run(data_dir: Path, quick: bool = False) -> dict[str, float]``.  Modules
that are missing are skipped with a note; a benchmark that raises is recorded
as an error and the others still run.  ``--only`` runs merge into the
existing results file, so the other benchmarks' numbers are kept.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from .common import DATA_DIR, ROOT

BENCHMARKS = ("langid", "stories", "search", "pairs", "throughput", "scale", "ner", "compare", "load")
RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"
FLOORS = ROOT / "bench" / "floors.json"
#: Targets from the benchmark brief (the floors are what we measure; these are where we aim).
TARGETS: dict[str, str] = {
    "langid.article.acc.min": "≥ 0.99",
    "langid.headline.acc.min": "≥ 0.95",
    "stories.ntrex10.test.b3_f1": "≥ 0.95",
    "stories.ntrex6.test.b3_f1": "≥ 0.97",
    "pairs.semeval_ar.cv.pearson": "≥ 0.80",  # the held-out number; .pearson is in-sample (bench_pairs)
    "throughput.ratio_e2e_vs_embedder": "≥ 0.9",
    "scale.1m.search.hybrid.p95_ms": "≤ 100",
    "scale.assign_ratio_1m_vs_10k": "≤ 1.5",
    "scale.peak_rss_mb.max": "≤ 3072",
}


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def interface_mismatch(fn: Any) -> str | None:
    """Why ``fn`` cannot be called as ``fn(data_dir, quick=...)``, or None."""
    import inspect

    params = list(inspect.signature(fn).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if not positional or positional[0].name != "data_dir":
        return f"run's first parameter is {positional[0].name if positional else 'missing'!r}, not data_dir (the data root)"
    if not any(p.name == "quick" for p in params) and not any(p.kind == p.VAR_KEYWORD for p in params):
        return "run takes no quick= argument"
    return None


def run_one(name: str, data_dir: Path, quick: bool) -> dict[str, Any]:
    """``{"metrics": {...}, "seconds": s}``, or ``{"skipped": why}`` / ``{"error": ...}``."""
    try:
        module = importlib.import_module(f"bench.bench_{name}")
    except ModuleNotFoundError as e:
        if e.name == f"bench.bench_{name}":
            return {"skipped": f"bench/bench_{name}.py is not in this checkout"}
        raise
    if not hasattr(module, "run"):
        return {"skipped": f"bench/bench_{name}.py has no run(data_dir, quick) function"}
    mismatch = interface_mismatch(module.run)
    if mismatch:
        return {"skipped": f"bench/bench_{name}.py: {mismatch}; the runner calls run(data_dir: Path, quick: bool = False)"}
    t0 = time.perf_counter()
    try:
        metrics = module.run(data_dir, quick=quick)
    except Exception as e:  # noqa: BLE001 - one failing benchmark must not hide the others
        return {"error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()[-4000:], "seconds": time.perf_counter() - t0}
    return {"metrics": {k: float(v) for k, v in metrics.items()}, "seconds": time.perf_counter() - t0}


def load_results(path: Path = RESULTS_JSON) -> dict[str, Any]:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"machine": {}, "benchmarks": {}, "metrics": {}}


def merge(results: dict[str, Any], name: str, outcome: dict[str, Any], quick: bool) -> dict[str, Any]:
    """Replace one benchmark's entry and its metrics (metrics are keyed by the benchmark's prefix)."""
    old = results.get("benchmarks", {}).get(name, {})
    for key in old.get("keys", []):
        results["metrics"].pop(key, None)
    entry = {k: v for k, v in outcome.items() if k != "metrics"} | {"quick": quick}
    if "metrics" in outcome:
        entry["keys"] = sorted(outcome["metrics"])
        results["metrics"].update(outcome["metrics"])
    results["benchmarks"][name] = entry
    return results


def fmt(v: float) -> str:
    if v == int(v) and abs(v) < 1e9:
        return str(int(v))
    return f"{v:.4f}" if abs(v) < 10 else f"{v:.1f}"


def markdown(results: dict[str, Any], floors: dict[str, dict[str, float]]) -> str:
    m = results.get("machine", {})
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python -m bench.run` on {m.get('date', '?')}: {m.get('cpu_count', '?')} CPUs, "
        f"Python {m.get('python', '?')}, {m.get('platform', '?')}. Floors: `bench/floors.json` (checked by `python -m bench.gate`).",
        "",
    ]
    for name in sorted(results.get("benchmarks", {})):
        entry = results["benchmarks"][name]
        head = f"## {name}"
        if "seconds" in entry:
            head += f" ({entry['seconds']:.0f} s{', quick' if entry.get('quick') else ''})"
        lines += [head, ""]
        if "skipped" in entry:
            lines += [f"Skipped: {entry['skipped']}", ""]
            continue
        if "error" in entry:
            lines += [f"**Error:** `{entry['error']}`", ""]
            continue
        lines += ["| metric | value | floor | target |", "|---|---:|---:|---:|"]
        for key in entry.get("keys", []):
            bound = floors.get(key, {})
            floor = f"≥ {fmt(bound['min'])}" if "min" in bound else f"≤ {fmt(bound['max'])}" if "max" in bound else ""
            lines.append(f"| `{key}` | {fmt(results['metrics'][key])} | {floor} | {TARGETS.get(key, '')} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    ap.add_argument("--quick", action="store_true", help="smaller samples and grids; scale at 10k only")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="evaluation data folder (default: ../shared/data)")
    ap.add_argument("--render", action="store_true", help="only rewrite results.md from results.json and floors.json")
    args = ap.parse_args(argv)
    if args.render:
        floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
        RESULTS_MD.write_text(markdown(load_results(), floors), encoding="utf-8")
        return 0
    names = args.only or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS and not (ROOT / "bench" / f"bench_{n}.py").exists()]
    if unknown:
        ap.error(f"unknown benchmark(s) {unknown}: choose from {', '.join(BENCHMARKS)}")
    results = load_results()
    results["machine"] = machine()
    from .common import ensure_entity_store

    real_entity_store = ensure_entity_store()
    results["machine"]["entity_store_standin"] = not real_entity_store
    for name in names:
        print(f"[bench] {name} …", flush=True)
        outcome = run_one(name, args.data, args.quick)
        if "skipped" in outcome:
            print(f"[bench] {name}: skipped ({outcome['skipped']})", flush=True)
        elif "error" in outcome:
            print(f"[bench] {name}: ERROR {outcome['error']}\n{outcome['traceback']}", file=sys.stderr, flush=True)
        else:
            print(f"[bench] {name}: {len(outcome['metrics'])} metrics in {outcome['seconds']:.0f} s", flush=True)
        results = merge(results, name, outcome, args.quick)
        RESULTS_JSON.write_text(json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    RESULTS_MD.write_text(markdown(results, floors), encoding="utf-8")
    print(f"[bench] wrote {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)}")
    return 1 if any("error" in results["benchmarks"][n] for n in names) else 0


if __name__ == "__main__":
    sys.exit(main())
