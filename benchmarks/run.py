"""Benchmark cv651 against its floors on three sizes of repository, and its scaling.

    pip install '.[bench]' && python benchmarks/run.py         # all sizes, 5 runs each
    python benchmarks/run.py --sizes real --runs 3               # quicker
    python benchmarks/run.py --scaling                           # 1k to 30k documents

Every command runs as a fresh process, as a user or CI runs it: the median wall
time of the runs and the largest peak resident memory are reported, with each
figure's ratio to its floor measured in the same rounds (see README.md here):

- the text floor: text_floor.py, PyYAML's CBaseLoader (every scalar text, as
  cv651 reads them) on the same files, the cycle collector off;
- the parse floor: parse_floor.py, PyYAML's C safe loader on the same files;
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

from generate import SIZES, Size, generate, scaling_sizes  # noqa: E402

AS_OF = "2026-01-01"  # the 2025 plan is the one read by default
PERIOD = "2025H1"
PEER_RUNS = 3  # check-jsonschema takes most of a minute on the larger sizes


@dataclass
class Result:
    label: str
    seconds: float  # median wall time
    cpu: float  # median user + system time
    peak_mb: float  # largest peak RSS of the runs
    times: list[float] = field(default_factory=list)  # every run's wall time


def run_once(label: str, argv: list[str], *, may_fail: bool = False) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one fresh process.
    `may_fail`: exit 1 is a finding, not a broken run (a peer's report of problems)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0 and not (may_fail and code == 1):
            errors.seek(0)
            raise SystemExit(f"{label}: exit {code}\n{' '.join(argv)}\n{errors.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def beside_python(name: str) -> str | None:
    """A tool installed with this Python (its venv's bin/), else on PATH."""
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else shutil.which(name)


def cv651() -> list[str]:
    script = beside_python("cv651")
    return [script] if script else [sys.executable, "-m", "cv651"]


def commands(
    name: str, repo: Path, work: Path, *, peer: bool = True
) -> dict[str, tuple[str, list[str]]]:
    cv, py = cv651(), sys.executable
    r = ["--repo", str(repo)]
    period = ["--period", PERIOD, "--as-of", AS_OF]
    out = {
        "text": ("text floor (PyYAML CBaseLoader)", [py, str(HERE / "text_floor.py"), str(repo)]),
        "parse": (
            "parse floor (PyYAML C safe loader)",
            [py, str(HERE / "parse_floor.py"), str(repo)],
        ),
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
        "xlsx": (
            "cv651 export (XLSX)",
            [*cv, "export", *r, "--as-of", AS_OF, "-o", str(work / "s.xlsx"), "--force"],
        ),
    }
    checker = beside_python("check-jsonschema")  # an unactivated venv has it off PATH
    if not peer:
        pass
    elif checker:
        schemas = work / f"schemas-{name}"
        subprocess.run([*cv, "schema", "-o", str(schemas), *r], check=True, capture_output=True)
        files = sorted(str(p) for p in (repo / "data" / "submissions").glob("*.yaml"))
        schema = str(schemas / "submission.schema.json")
        out["peer"] = (
            "check-jsonschema (submissions only)",
            [checker, "--schemafile", schema, *files],
        )
    else:
        print("  check-jsonschema not found (pip install '.[bench]'): no peer row", file=sys.stderr)
    return out


def bench(name: str, cmds: dict[str, tuple[str, list[str]]], runs: int) -> dict[str, Result]:
    """Every command once per round, round after round: a floor and the command
    measured against it see the same moments of a noisy machine."""
    samples: dict[str, list[tuple[float, float, float]]] = {key: [] for key in cmds}
    for round_ in range(runs):
        for key, (label, argv) in cmds.items():
            if key == "peer" and round_ >= PEER_RUNS:
                continue
            samples[key].append(run_once(label, argv, may_fail=key == "peer"))
    out = {}
    for key, (label, _) in cmds.items():
        times = [t for t, _, _ in samples[key]]
        out[key] = Result(
            label,
            statistics.median(times),
            statistics.median(c for _, c, _ in samples[key]),
            max(m for _, _, m in samples[key]),
            times,
        )
        print(
            f"  {name:12} {label:38} {out[key].seconds:7.3f} s {out[key].peak_mb:7.1f} MB",
            file=sys.stderr,
        )
    return out


FLOORS = {  # the ratio shown in the table, to the floor that bounds the command
    "validate": "text",
    "json": "text",
    "table": "text",
    "parse": "text",
    "peer": "text",
    "help": "floor_help",
}


def describe(size: Size) -> str:
    return f"{size.units:,} units × {size.documents}, {size.total:,} docs"


def report(results: dict[str, dict[str, Result]], sizes: dict[str, Size], runs: int) -> str:
    lines = [
        f"Median of {runs} runs ({PEER_RUNS} for check-jsonschema), interleaved round by round; "
        "peak resident memory; ratios to the floor measured in the same rounds "
        "(text floor; for --help the floor app's).",
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores.",
        "",
        "| command | " + " | ".join(f"{n} ({describe(sizes[n])})" for n in results) + " |",
        "|---" * (len(results) + 1) + "|",
    ]
    for key in next(iter(results.values())):
        cells = []
        for res in results.values():
            if key not in res:
                cells.append("—")
                continue
            r, floor = res[key], FLOORS.get(key)
            ratio = f" ({r.seconds / res[floor].seconds:.2f}×)" if floor else ""
            cells.append(f"{r.seconds:.2f} s{ratio}, {r.peak_mb:.0f} MB")
        label = next(res[key].label for res in results.values() if key in res)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _ratio_check(
    res: dict[str, Result], key: str, floor: str, limit: float, name: str
) -> tuple[bool, str]:
    r, f = res[key], res[floor]
    ratio, cpu = r.seconds / f.seconds, r.cpu / f.cpu
    return (
        ratio <= limit,
        f"{name}: {r.label} {r.seconds:.2f} s = {ratio:.2f}× {f.label.split(' (')[0]} "
        f"{f.seconds:.2f} s (≤ {limit}×; CPU time {cpu:.2f}×)",
    )


def targets(results: dict[str, dict[str, Result]]) -> list[str]:
    """Each target as a line: PASS/MISS, the figure and the ratio."""
    checks: list[tuple[bool, str]] = []
    for name in ("wide", "communes"):
        if name in results:
            res = results[name]
            checks.append(_ratio_check(res, "validate", "text", 1.1, name))
            checks.append(_ratio_check(res, "json", "text", 1.25, name))
    if results:
        # --help reads no repository: every size's runs are runs of the same thing.
        ours = statistics.median(t for res in results.values() for t in res["help"].times)
        floor = statistics.median(t for res in results.values() for t in res["floor_help"].times)
        runs = sum(len(res["help"].times) for res in results.values())
        checks.append(
            (
                ours / floor <= 1.1,
                f"cv651 --help {ours:.3f} s = {ours / floor:.2f}× floor app --help {floor:.3f} s "
                f"(≤ 1.1×; median of all {runs} runs)",
            )
        )
    if "real" in results:
        checks.append(_ratio_check(results["real"], "table", "floor_status", 1.3, "real"))
    if "communes" in results:
        res = results["communes"]
        for key in ("docx", "xlsx"):
            r = res[key]
            checks.append(
                (
                    r.seconds < 3 and r.peak_mb < 300,
                    f"communes: {r.label} {r.seconds:.2f} s, {r.peak_mb:.0f} MB (< 3 s, < 300 MB)",
                )
            )
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


SCALING_KEYS = ("text", "validate", "json")


def scaling(work: Path, runs: int) -> tuple[str, list[str]]:
    """Cost per document from 1,000 to 30,000 documents, in bigger files and in more
    files. CPU time (user + system), which a busy machine disturbs far less than
    wall time. The cost of a document is what each step adds, (t2 - t1) / (N2 - N1),
    so that no start-up has to be guessed; the fit t = a + b·N is shown beside it."""
    lines = [
        f"CPU time (user + system), median of {runs} runs interleaved round by round. "
        "Per 1,000 documents: what the step from the size above adds, "
        "(t₂ − t₁) / (N₂ − N₁); a and b: the least-squares fit t = a + b·N.",
        "",
        "| series | documents | "
        + " | ".join(f"{k} (s)" for k in SCALING_KEYS)
        + " | "
        + " | ".join(f"{k} per 1,000 docs" for k in SCALING_KEYS)
        + " |",
        "|---" * (2 + 2 * len(SCALING_KEYS)) + "|",
    ]
    checks = []
    for series in ("bigger", "more"):
        sizes = scaling_sizes(series)
        measured: dict[str, dict[str, Result]] = {}
        cmds: dict[str, tuple[str, list[str]]] = {}
        for name, size in sizes.items():
            repo = generate(size, work / name)
            every = commands(name, repo, work, peer=False)
            cmds |= {f"{name}/{k}": every[k] for k in SCALING_KEYS}
        flat = bench(series, cmds, runs)
        for name in sizes:
            measured[name] = {k: flat[f"{name}/{k}"] for k in SCALING_KEYS}
        names = list(sizes)
        docs = [sizes[n].total for n in names]
        cpu = {k: [measured[n][k].cpu for n in names] for k in SCALING_KEYS}
        steps = {  # seconds a document, from each size to the next
            k: [(cpu[k][i] - cpu[k][i - 1]) / (docs[i] - docs[i - 1]) for i in range(1, len(docs))]
            for k in SCALING_KEYS
        }
        for i, name in enumerate(names):
            cells = [f"{measured[name][k].cpu:.2f}" for k in SCALING_KEYS]
            cells += [f"{steps[k][i - 1] * 1e6:.0f} ms" if i else "" for k in SCALING_KEYS]
            lines.append(f"| {series} files | {docs[i]:,} | " + " | ".join(cells) + " |")
        for k in ("validate", "json"):
            a, b = _fit(docs, cpu[k])
            # noise can make a small step 0 or less: that is no evidence of flatness
            spread = max(steps[k]) / min(steps[k]) if min(steps[k]) > 0 else float("inf")
            checks.append(
                (
                    spread <= 1.2,
                    f"{series} files: {k} costs "
                    + ", ".join(f"{x * 1e6:.0f}" for x in steps[k])
                    + f" ms per 1,000 documents from 1k to 3k, 10k and 30k: within "
                    f"{(spread - 1) * 100:.0f}% (≤ 20%); fit a = {a:.2f} s, "
                    f"b = {b * 1e6:.0f} ms per 1,000",
                )
            )
    return "\n".join(lines) + "\n", [f"{'PASS' if ok else 'MISS'} {t}" for ok, t in checks]


def _fit(xs: list[int], ys: list[float]) -> tuple[float, float]:
    """Least squares: (intercept, slope)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return my - slope * mx, slope


def compile_cv651() -> None:
    """Measure cv651 as installed: pip compiles a wheel's modules to bytecode, but an
    editable install under PYTHONDONTWRITEBYTECODE=1 would compile some forty
    modules again in every run (15-30 ms a command)."""
    where = subprocess.run(
        [sys.executable, "-c", "import cv651, os; print(os.path.dirname(cv651.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,wide,communes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scaling", action="store_true", help="the 1k-30k series instead")
    parser.add_argument("--keep", type=Path, help="generate the repositories here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cv651-bench-"))
    compile_cv651()
    try:
        if args.scaling:
            table, lines = scaling(work, args.runs)
        else:
            results, sizes = {}, {}
            for name in args.sizes.split(","):
                sizes[name] = SIZES[name]
                repo = generate(name, work / name)
                results[name] = bench(name, commands(name, repo, work), args.runs)
            table, lines = report(results, sizes, args.runs), targets(results)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table)
    print("\n".join(f"- {line}" for line in lines))
    sys.exit(1 if any(line.startswith("MISS") for line in lines) else 0)


if __name__ == "__main__":
    main()
