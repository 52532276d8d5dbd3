"""Benchmark cv651 against its two floors on three sizes of repository.

    pip install '.[bench]' && python benchmarks/run.py            # all sizes, 5 runs each
    python benchmarks/run.py --sizes real --runs 3                  # quicker

Every command runs as a fresh process, as a user or CI runs it: the median wall
time of the runs and the largest peak resident memory are reported, with each
figure's ratio to its floor measured in the same run (see README.md here):

- the parse floor: parse_floor.py, PyYAML's C loader on the same files;
- the start-up floor: floor_app.py, the same Typer commands doing nothing.

Prints a Markdown report and checks the targets; exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402

AS_OF = "2026-01-01"


@dataclass
class Result:
    label: str
    seconds: float  # median wall time
    peak_mb: float  # largest peak RSS of the runs
    times: list[float] = field(default_factory=list)  # every run's wall time


def run_once(label: str, argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one fresh process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            raise SystemExit(f"{label}: exit {code}\n{' '.join(argv)}\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def beside_python(name: str) -> str | None:
    """A tool installed with this Python (its venv's bin/), else on PATH."""
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else shutil.which(name)


def cv651() -> list[str]:
    script = beside_python("cv651")
    return [script] if script else [sys.executable, "-m", "cv651"]


PEER_RUNS = 3  # check-jsonschema takes most of a minute on the larger sizes


def bench_size(name: str, repo: Path, work: Path, runs: int) -> dict[str, Result]:
    """Every command once per round, round after round: a floor and the command
    measured against it see the same moments of a noisy machine."""
    cv, py = cv651(), sys.executable
    r = ["--repo", str(repo)]
    period = ["--period", "2022H1", "--as-of", AS_OF]
    commands = {
        "parse": ("parse floor (PyYAML C loader)", [py, str(HERE / "parse_floor.py"), str(repo)]),
        "floor_help": ("floor app --help", [py, str(HERE / "floor_app.py"), "--help"]),
        "floor_status": ("floor app status", [py, str(HERE / "floor_app.py"), "status", *r]),
        "help": ("cv651 --help", [*cv, "--help"]),
        "validate": ("cv651 validate", [*cv, "validate", *r]),
        "json": (
            "cv651 status --format json",
            [*cv, "status", *r, "--as-of", AS_OF, "--format", "json"],
        ),
        "table": ("cv651 status (table)", [*cv, "status", *r, "--as-of", AS_OF]),
        "md": (
            "cv651 summarize (Markdown)",
            [*cv, "summarize", *r, *period, "-o", str(work / "s.md"), "--force"],
        ),
        "docx": (
            "cv651 summarize (DOCX)",
            [*cv, "summarize", *r, *period, "-o", str(work / "s.docx"), "--force"],
        ),
    }
    checker = beside_python("check-jsonschema")  # an unactivated venv has it off PATH
    if checker:
        schemas = work / f"schemas-{name}"
        subprocess.run([*cv, "schema", "-o", str(schemas), *r], check=True, capture_output=True)
        files = sorted(str(p) for p in (repo / "data" / "submissions").glob("*.yaml"))
        schema = str(schemas / "submission.schema.json")
        commands["peer"] = (
            "check-jsonschema (submissions only)",
            [checker, "--schemafile", schema, *files],
        )
    else:
        print("  check-jsonschema not found (pip install '.[bench]'): no peer row", file=sys.stderr)
    samples: dict[str, list[tuple[float, float]]] = {key: [] for key in commands}
    for round_ in range(runs):
        for key, (label, argv) in commands.items():
            if key == "peer" and round_ >= PEER_RUNS:
                continue
            samples[key].append(run_once(label, argv))
    out = {}
    for key, (label, _) in commands.items():
        times = [t for t, _ in samples[key]]
        out[key] = Result(label, statistics.median(times), max(m for _, m in samples[key]), times)
        print(
            f"  {name:9} {label:36} {out[key].seconds:7.3f} s {out[key].peak_mb:7.1f} MB",
            file=sys.stderr,
        )
    return out


def documents(name: str) -> int:
    size = SIZES[name]
    return size.units * (2 + size.reports)


def report(results: dict[str, dict[str, Result]], runs: int) -> tuple[str, list[str]]:
    lines = [
        f"Median of {runs} runs ({PEER_RUNS} for check-jsonschema), interleaved round by round; "
        "peak resident memory; ratios to floors measured in the same run.",
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores.",
        "",
    ]
    header = (
        "| command | "
        + " | ".join(f"{n} ({SIZES[n].units:,} units, {documents(n):,} docs)" for n in results)
        + " |"
    )
    lines += [header, "|---" * (len(results) + 1) + "|"]
    keys = list(next(iter(results.values())))
    for key in keys:
        cells = []
        for res in results.values():
            if key not in res:
                cells.append("—")
                continue
            r = res[key]
            floor = {
                "validate": "parse",
                "json": "parse",
                "table": "parse",
                "peer": "parse",
                "help": "floor_help",
            }.get(key)
            ratio = f" ({r.seconds / res[floor].seconds:.2f}×)" if floor else ""
            cells.append(f"{r.seconds:.2f} s{ratio}, {r.peak_mb:.0f} MB")
        label = next(res[key].label for res in results.values() if key in res)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n", targets(results)


def targets(results: dict[str, dict[str, Result]]) -> list[str]:
    """Each target as a line: PASS/MISS, the figure and the ratio."""
    checks: list[tuple[bool, str]] = []
    for name in ("wide", "communes"):
        if name in results:
            res = results[name]
            for key in ("validate", "json", "table"):
                ratio = res[key].seconds / res["parse"].seconds
                checks.append(
                    (
                        ratio <= 2,
                        f"{name}: {res[key].label} {res[key].seconds:.2f} s = {ratio:.2f}× parse floor (≤ 2×)",
                    )
                )
    if results:
        # --help reads no repository: every size's runs are runs of the same thing.
        ours = statistics.median(t for res in results.values() for t in res["help"].times)
        floor = statistics.median(t for res in results.values() for t in res["floor_help"].times)
        runs = sum(len(res["help"].times) for res in results.values())
        checks.append(
            (
                ours / floor <= 1.3,
                f"cv651 --help {ours:.3f} s = {ours / floor:.2f}× floor --help {floor:.3f} s "
                f"(≤ 1.3×; median of all {runs} runs)",
            )
        )
    if "real" in results:
        res = results["real"]
        ratio = res["table"].seconds / res["floor_status"].seconds
        checks.append(
            (
                ratio <= 2,
                f"real: cv651 status {res['table'].seconds:.3f} s = {ratio:.2f}× floor status (≤ 2×)",
            )
        )
        checks.append(
            (res["docx"].seconds < 1, f"real: summarize DOCX {res['docx'].seconds:.3f} s (< 1 s)")
        )
    if "communes" in results:
        res = results["communes"]
        for key in ("validate", "json", "table"):
            r = res[key]
            checks.append(
                (
                    r.seconds < 5 and r.peak_mb < 500,
                    f"communes: {r.label} {r.seconds:.2f} s, {r.peak_mb:.0f} MB (< 5 s, < 500 MB)",
                )
            )
    if "wide" in results and "peer" in results["wide"]:
        res = results["wide"]
        checks.append(
            (
                res["validate"].seconds < res["peer"].seconds,
                f"wide: validate {res['validate'].seconds:.2f} s vs check-jsonschema {res['peer'].seconds:.2f} s (faster)",
            )
        )
    return [f"{'PASS' if ok else 'MISS'} {text}" for ok, text in checks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,wide,communes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate the repositories here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cv651-bench-"))
    results = {}
    try:
        for name in args.sizes.split(","):
            repo = generate(name, work / name)
            results[name] = bench_size(name, repo, work, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    table, lines = report(results, args.runs)
    print(table)
    print("\n".join(f"- {line}" for line in lines))
    sys.exit(1 if any(line.startswith("MISS") for line in lines) else 0)


if __name__ == "__main__":
    main()
