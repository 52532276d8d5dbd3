"""Resource attacks: how long and how much memory `cv651 validate` takes to refuse each.

    python benchmarks/attacks.py            # prints a Markdown table; exit 1 past 2 s or 200 MB

Each attack is one submission file in an otherwise valid repository. The same
files are built by tests/test_resource_attacks.py, which checks the messages.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE = "data/submissions/02-ha-giang.yaml"
LIMIT_SECONDS, LIMIT_MB = 2.0, 200


def alias_bomb() -> bytes:
    lines = [
        'province: "02"',
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def deep_flow() -> bytes:
    return b'province: "02"\ndocuments: ' + b"[" * 100_000 + b"]" * 100_000 + b"\n"


def deep_block() -> bytes:
    return b'province: "02"\ndocuments:\n' + b"- " * 50_000 + b"x\n"


def file_50mb() -> bytes:
    return b'province: "02"\n' + b"# " + b"x" * (50 * 1024 * 1024) + b"\n"


def line_10mb() -> bytes:
    return b'province: "02"\ndocuments: [' + b"1, " * (10 * 1024 * 1024 // 3) + b"1]\n"


def line_under_limit() -> bytes:
    """Under the 1 MB limit: one 0.95 MB line is read, and refused for what it says."""
    return b'province: "02"\ntitle: "' + b"x" * 1_000_000 + b'"\n'


def many_documents() -> bytes:
    """Under the 1 MB limit: 11,000 short documents in one file, all checked."""
    doc = (
        "  - kind: local_plan\n    number: {n}-KH/BDVTU\n    date: 2022-03-10\n"
        "    issuers: [BDVTU]\n"
    )
    return (
        'province: "02"\ndocuments:\n' + "".join(doc.format(n=n) for n in range(11_000))
    ).encode()


ATTACKS = {
    "alias bomb (10^9 'lol's)": alias_bomb,
    "100,000 nested [": deep_flow,
    "50,000 nested - (one line)": deep_block,
    "a 50 MB file": file_50mb,
    "a single 10 MB line": line_10mb,
    "a single 0.95 MB line (under the limit)": line_under_limit,
    "11,000 documents in one 0.99 MB file (valid)": many_documents,
}


def make_repo(parent: Path, content: bytes) -> Path:
    root = parent / "repo"
    if root.exists():
        shutil.rmtree(root)
    (root / "data" / "submissions").mkdir(parents=True)
    for name in ("provinces.yaml", "plan_40.yaml"):
        shutil.copyfile(ROOT / "data" / name, root / "data" / name)
    (root / FILE).write_bytes(content)
    return root


def measure(root: Path, runs: int = 3) -> tuple[float, float, str]:
    times, peaks, first = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cv651", "validate", "--repo", str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        out = proc.stdout.read().decode() if proc.stdout else ""
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        first = next((line for line in out.splitlines() if " error " in line), out[:120])
    return statistics.median(times), max(peaks), first


def build_all(folder: Path) -> None:
    for n, build in enumerate(ATTACKS.values()):
        make_repo(folder / str(n), build())


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        build_all(Path(sys.argv[2]))
        return
    print("| attack | time (median of 3) | peak memory | first error |")
    print("|---|---|---|---|")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        # Built by a child: a forked child's peak memory counts its parent's pages.
        subprocess.run([sys.executable, __file__, "--build", tmp], check=True)
        for n, label in enumerate(ATTACKS):
            seconds, mb, error = measure(Path(tmp) / str(n) / "repo")
            failed |= seconds > LIMIT_SECONDS or mb > LIMIT_MB
            message = error.split(": ", 1)[1] if ": " in error else error
            print(f"| {label} | {seconds:.2f} s | {mb:.0f} MB | `{message[:90]}` |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
