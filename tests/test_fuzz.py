"""Random edits of valid files give a clean result or reported errors — never a crash.

Every example runs what `validate`, `status` and `summarize` run. CI runs a few
hundred; a longer campaign: CV651_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py
"""

import io
import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cv651 import formats, terminal
from cv651.errors import Cv651Error
from cv651.loader import load_repository
from cv651.report import Draft
from cv651.status import select_coverage
from cv651.statuslines import status_lines, write_plain
from cv651.summarize import render_summary

from .conftest import DEMO

SUBMISSION = "data/submissions/11-dien-bien.yaml"
PLAN = "data/plan_40.yaml"
SEEDS = {rel: (DEMO / rel).read_bytes() for rel in (SUBMISSION, PLAN)}
EXAMPLES = int(os.environ.get("CV651_FUZZ_EXAMPLES", "300"))
AS_OF = date(2022, 12, 31)
DEMO_SUBMISSIONS = {
    f"data/submissions/{path.name}": path.read_bytes()
    for path in (DEMO / "data" / "submissions").glob("*.yaml")
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete-line", "dup-line", "truncate", "insert"]))
        lines = bytes(data).split(b"\n")
        if op == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif op == "delete-line" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = bytearray(b"\n".join(lines))
        elif op == "dup-line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif op == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        else:
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(
                st.sampled_from(
                    [b":", b"- ", b"\t", b"'", b"&a ", b"*a", b"{", b"\xcc\x81", b"\r\n"]
                )
            )
    return bytes(data)


def run_every_command(root: Path, rel: str) -> None:
    """validate, then status (JSON and table) and summarize when the data loads."""
    loaded = load_repository(root)
    # Errors in submission files only make their provinces `invalid` (design.md)
    assert (loaded.repository is None) == bool(loaded.shared_errors)
    for diag in loaded.diagnostics:
        # A broken plan may make submissions wrong too; nothing else is ever blamed.
        assert diag.path == rel or (rel == PLAN and (root / diag.path).is_file())
        assert diag.line >= 1 and diag.col >= 1 and diag.message
    if loaded.repository is None:
        return
    try:
        coverage = select_coverage(loaded.repository, AS_OF)
        formats.to_json(coverage)
        lines = status_lines(coverage, "x")
        write_plain(lines, io.StringIO())
        terminal.print_lines(terminal.console(io.StringIO(), width=80), lines)
        for period in loaded.repository.plan.periods[:1]:
            render_summary(loaded.repository, root, period, AS_OF, Draft(AS_OF), "md")
    except Cv651Error:  # a reported error (an unknown period, a template problem)
        pass


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=mutated(SEEDS[SUBMISSION]))
def test_mutated_submission(make_repo, content: bytes) -> None:
    run_every_command(make_repo({**DEMO_SUBMISSIONS, SUBMISSION: content}), SUBMISSION)


@settings(
    max_examples=max(EXAMPLES // 3, 1),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=mutated(SEEDS[PLAN]))
def test_mutated_plan(make_repo, content: bytes) -> None:
    run_every_command(make_repo({**DEMO_SUBMISSIONS, PLAN: content}), PLAN)
