"""Plan 40's results do not change by one cell (issue 13).

`status-before-issue-13.json.gz` is `cv651 status --format json` on the demo
and on the bundled data, for several days of 2022, taken before units, plans
and calendars could change over time. New keys may appear; the old ones keep
their values.
"""

import gzip
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO, PROJECT

# Names whose spelling was corrected since (data, not results): Hòa Bình per NĐ 30/2020.
RESPELLED = {"Hoà Bình": "Hòa Bình"}
_TEXT = gzip.decompress(
    (PROJECT / "tests/golden/plan40/status-before-issue-13.json.gz").read_bytes()
).decode("utf-8")
for _old, _new in RESPELLED.items():
    _TEXT = _TEXT.replace(_old, _new)
BEFORE = json.loads(_TEXT)
REPOS = {"demo": DEMO, "bundled": PROJECT}


def _old_keys(old: Any, new: Any) -> Any:
    """`new` restricted to the keys `old` has, at every level."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: _old_keys(old[k], new.get(k, "<missing>")) for k in old}
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [_old_keys(o, n) for o, n in zip(old, new, strict=True)]
    return new


@pytest.mark.parametrize("key", sorted(BEFORE))
def test_status_json_is_what_it_was(key: str) -> None:
    name, day = key.split("/")
    result = CliRunner().invoke(
        app, ["status", "--repo", str(REPOS[name]), "--as-of", day, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    now = json.loads(result.stdout)
    assert _old_keys(BEFORE[key], now) == BEFORE[key]
