"""Random edits of a valid file give a clean result or reported errors — never a crash."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cv651.loader import load_repository

from .conftest import DEMO

SEED = (DEMO / "data" / "submissions" / "11-dien-bien.yaml").read_bytes()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
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


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=mutated())
def test_mutated_submission_loads_or_reports(make_repo, content: bytes) -> None:
    root: Path = make_repo({"data/submissions/11-dien-bien.yaml": content})
    loaded = load_repository(root)
    assert (loaded.repository is None) == bool(loaded.errors)
    for diag in loaded.diagnostics:
        assert diag.path == "data/submissions/11-dien-bien.yaml"
        assert diag.line >= 1 and diag.col >= 1 and diag.message
