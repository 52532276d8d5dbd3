"""Output in any encoding (issue #11): UTF-8 where it can, else the nearest letters and
one note, never a crash (`PYTHONIOENCODING=cp1258 cv651 status > x.txt` was exit 3)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata

import pytest

from cv651 import streams

from .conftest import DEMO

NFC = "NFC"


def cv651(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "cv651", *args],
        env={**clean, "COLUMNS": "100", "NO_COLOR": "1", "CV651_LANG": "vi", **env},
        capture_output=True,
        check=False,
        timeout=60,
    )


def _notes(stderr: bytes) -> list[bytes]:
    return [line for line in stderr.splitlines() if line.startswith(b"cv651: note: the output")]


def test_cp1258_redirected_status_is_whole_vietnamese_once_recomposed():
    result = cv651(
        "status", "--repo", str(DEMO), "--as-of", "2022-07-01", PYTHONIOENCODING="cp1258"
    )
    assert result.returncode == 0, result.stderr
    text = unicodedata.normalize(NFC, result.stdout.decode("cp1258"))
    assert "Thực hiện Công văn số 651-CV/BDVTW" in text and "Hà Giang" in text
    assert len(_notes(result.stderr)) == 1


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["summarize", "-h"]])
def test_latin1_help_never_crashes(args):
    result = cv651(*args, PYTHONIOENCODING="latin-1")
    assert result.returncode == 0, result.stderr
    assert b"cv651" in result.stdout and len(_notes(result.stderr)) == 1


def test_errors_in_a_narrow_encoding_are_messages_not_bugs():
    result = cv651("show", "Hà Giangg", "--repo", str(DEMO), PYTHONIOENCODING="cp1258")
    assert result.returncode == 2
    assert "Hà Giang" in unicodedata.normalize(NFC, result.stderr.decode("cp1258"))


def test_a_redirected_stream_of_a_non_utf8_locale_is_written_in_utf8():
    # The C locale without Python's UTF-8 mode: stdout is ASCII, as with a Latin-1 locale.
    result = cv651("show", "02", "--repo", str(DEMO), LC_ALL="C", PYTHONUTF8="0",
                   PYTHONCOERCECLOCALE="0")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Hà Giang (02)" in result.stdout.decode("utf-8")
    assert _notes(result.stderr) == []


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_a_terminal_of_a_non_utf8_locale_gets_the_nearest_letters():
    import pty

    master, slave = pty.openpty()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LC_", "LANG"))}
    env = {**clean, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "NO_COLOR": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "cv651", "show", "02", "--repo", str(DEMO)],
        stdout=slave, stderr=subprocess.PIPE, env={**env, "COLUMNS": "100"},
    ) as run:  # fmt: skip
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        stderr = run.stderr.read() if run.stderr else b""
        assert run.wait(timeout=60) == 0, stderr
    os.close(master)
    assert b"Ha Giang (02)" in out
    assert len(_notes(stderr)) == 1


@pytest.mark.parametrize(
    ("char", "encoding", "expected"),
    [
        ("a", "ascii", "a"),
        ("ệ", "cp1258", "ê\u0323"),
        ("ự", "cp1258", "ư\u0323"),
        ("ệ", "latin-1", "ê"),
        ("Đ", "latin-1", "D"),
        ("ố", "ascii", "o"),
        ("✔", "cp1258", "v"),
        ("─", "latin-1", "-"),
        ("中", "ascii", "?"),
    ],
)
def test_nearest_keeps_what_the_encoding_can_write(char, encoding, expected):
    assert streams.nearest(char, encoding) == expected


def test_configure_leaves_utf8_streams_alone_and_switches_redirected_ones():
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    streams.configure({}, (utf8, latin))
    assert (utf8.encoding, latin.encoding) == ("utf-8", "utf-8")
    chosen = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    streams.configure({"PYTHONIOENCODING": "latin-1"}, (chosen,))
    chosen.write("Tỉnh ủy")
    chosen.flush()
    assert chosen.buffer.getvalue().decode("latin-1") == "Tinh uy"  # type: ignore[attr-defined]
