"""Resource attacks: how long and how much memory cv651 takes to refuse each.

    python benchmarks/attacks.py            # prints two Markdown tables; exit 1 past a limit

Data: each attack is one submission file (or a link, a FIFO) in an otherwise
valid repository, measured on `cv651 validate`: every refusal under 2 s and
200 MB. Templates: each is a `--template` of `cv651 summarize`, measured once:
every refusal within the limits a template has (cv651.sandbox: 20 s, 512 MB
more than cv651 itself), most of them far under. tests/test_resource_attacks.py
and tests/test_untrusted_templates.py check the messages of the same attacks.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def tiny_documents() -> bytes:
    """Under the 1 MB limit: 104,000 broken documents, 520,000 problems (issue #12)."""
    return b'province: "02"\ndocuments:\n' + b"- {zz: 1}\n" * 104_000


def unknown_keys() -> bytes:
    """Under the 1 MB limit: one document with 90,000 unknown keys."""
    keys = ", ".join(f"k{i}: 1" for i in range(90_000))
    doc = "{kind: local_plan, number: 1-KH/BDVTU, date: 2022-03-10, issuers: [BDVTU], "
    return f'province: "02"\ndocuments:\n- {doc}{keys}}}\n'.encode()


def long_value() -> bytes:
    """A 900,000-character body name: echoed cut, not whole."""
    return b'province: "02"\ndocuments:\n- {kind: local_plan, number: 1-KH/BDVTU, ' + (
        b"date: 2022-03-10, issuers: [" + b"B" * 900_000 + b"]}\n"
    )


ATTACKS = {
    "alias bomb (10^9 'lol's)": alias_bomb,
    "100,000 nested [": deep_flow,
    "50,000 nested - (one line)": deep_block,
    "a 50 MB file": file_50mb,
    "a single 10 MB line": line_10mb,
    "a single 0.95 MB line (under the limit)": line_under_limit,
    "11,000 documents in one 0.99 MB file (valid)": many_documents,
    "104,000 broken documents, 520,000 problems (1 MB)": tiny_documents,
    "90,000 unknown keys in one document (1 MB)": unknown_keys,
    "a 900,000-character body name": long_value,
}

# Files that are not what they seem, placed instead of the submission file.
PLACED: dict[str, Callable[[Path], None]] = {
    "a submission linked to /proc/self/environ": lambda path: os.symlink(
        "/proc/self/environ", path
    ),
    "a submission that is a FIFO (reading would wait forever)": os.mkfifo,
    "a submission that is a loop of links": lambda path: os.symlink(path.name, path),
}

DEMO = ROOT / "examples" / "demo"
TEMPLATE_ARGS = ["summarize", "--period", "2022H1", "--as-of", "2022-07-01", "--repo", str(DEMO)]


def _docx(text: str) -> bytes:
    import io

    import docx

    document, out = docx.Document(), io.BytesIO()
    document.add_paragraph(text)
    document.save(out)
    return out.getvalue()


def _rezip(parts: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def docx_bomb() -> bytes:
    return _rezip({**_parts(_docx("{{ period }}")), "word/media/x.bin": bytes(200 << 20)})


def docx_broken_xml() -> bytes:
    parts = _parts(_docx("{{ period }}"))
    return _rezip({**parts, "word/document.xml": parts["word/document.xml"][:600]})


TEMPLATES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "`('x'|center(50000000))|wordwrap(1)`, folded while compiling": (
        "t.md.j2",
        lambda: b"{{ ('x'|center(50000000))|wordwrap(1) }}",
    ),
    "`'%400000000s'|format(1)`": ("t.md.j2", lambda: b"{{ '%400000000s'|format(1) }}"),
    "`'{:{w}}'.format(1, w=400000000)`": (
        "t.md.j2",
        lambda: b"{{ '{:{w}}'.format(1, w=400000000) }}",
    ),
    "`(10 ** 1000) ** 1000`": ("t.md.j2", lambda: b"{{ (10 ** 1000) ** 1000 }}"),
    "25 nested `for`": ("t.md.j2", lambda: b"{% for i in [1] %}" * 25 + b"{% endfor %}" * 25),
    "1,000 nested `if`": ("t.md.j2", lambda: b"{% if 1 %}\n" * 1000 + b"{% endif %}" * 1000),
    "a macro that calls itself": (
        "t.md.j2",
        lambda: b"{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    ),
    "a list grown to 10 GB, 100 kB at a time (the memory limit)": (
        "t.md.j2",
        lambda: (
            b"{% set ns = namespace(s=[]) %}{% for i in range(99999) %}"
            b"{% set ns.s = ns.s + ['x' * 99999] %}{% endfor %}"
        ),
    ),
    "a loop that never ends (the time limit)": (
        "t.md.j2",
        lambda: b"{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    ),
    "a DOCX that is not a zip": ("t.docx", lambda: b"PK\x03\x04 not really"),
    "a DOCX whose document.xml is cut": ("t.docx", docx_broken_xml),
    "a DOCX with a part that unpacks to 200 MB": ("t.docx", docx_bomb),
    "`{{ 1 / 0 }}` in a DOCX": ("t.docx", lambda: _docx("{{ 1 / 0 }}")),
}
TEMPLATE_SECONDS, TEMPLATE_MB = 20.0 + 3, 512 + 150  # cv651.sandbox's limits, plus cv651


def make_repo(parent: Path, content: bytes) -> Path:
    root = parent / "repo"
    if root.exists():
        shutil.rmtree(root)
    (root / "data" / "submissions").mkdir(parents=True)
    for name in ("provinces.yaml", "plan_40.yaml"):
        shutil.copyfile(ROOT / "data" / name, root / "data" / name)
    (root / FILE).write_bytes(content)
    return root


def measure(root: Path, runs: int = 3, argv: list[str] | None = None) -> tuple[float, float, str]:
    times, peaks, first = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cv651", *(argv or ["validate", "--repo", str(root)])],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if argv else subprocess.DEVNULL,
            env={**os.environ, "CV651_LANG": "en"},
        )
        out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        first = next((line for line in out.splitlines() if " error " in line), out[:120])
    return statistics.median(times), max(peaks), first


def build_all(folder: Path) -> None:
    for n, build in enumerate(ATTACKS.values()):
        make_repo(folder / str(n), build())
    for n, place in enumerate(PLACED.values()):
        root = make_repo(folder / f"p{n}", b"")
        (root / FILE).unlink()
        place(root / FILE)
    for n, (name, template) in enumerate(TEMPLATES.values()):
        (folder / f"t{n}").mkdir()
        (folder / f"t{n}" / name).write_bytes(template())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        build_all(Path(sys.argv[2]))
        return
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        # Built by a child: a forked child's peak memory counts its parent's pages.
        subprocess.run([sys.executable, __file__, "--build", tmp], check=True)
        print("| data attack (`cv651 validate`) | time (median of 3) | peak memory | first error |")
        print("|---|---|---|---|")
        folders = [*(str(n) for n in range(len(ATTACKS))), *(f"p{n}" for n in range(len(PLACED)))]
        for folder, label in zip(folders, [*ATTACKS, *PLACED], strict=True):
            seconds, mb, error = measure(Path(tmp) / folder / "repo")
            failed |= seconds > LIMIT_SECONDS or mb > LIMIT_MB
            message = error.split(": ", 1)[1] if ": " in error else error
            print(f"| {_cell(label)} | {seconds:.2f} s | {mb:.0f} MB | `{_cell(message[:90])}` |")
        print("\n| template attack (`cv651 summarize --template`) | time | peak memory | message |")
        print("|---|---|---|---|")
        for n, (label, (name, _)) in enumerate(TEMPLATES.items()):
            template = Path(tmp) / f"t{n}" / name
            out = ["-o", str(Path(tmp) / f"t{n}" / "out.docx")] if name.endswith(".docx") else []
            argv = [*TEMPLATE_ARGS, "--template", str(template), *out]
            seconds, mb, said = measure(Path(tmp), runs=1, argv=argv)
            failed |= seconds > TEMPLATE_SECONDS or mb > TEMPLATE_MB or "cv651: " not in said
            message = said.strip().splitlines()[-1].replace(str(Path(tmp) / f"t{n}") + "/", "")
            print(f"| {_cell(label)} | {seconds:.2f} s | {mb:.0f} MB | `{_cell(message[:100])}` |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
