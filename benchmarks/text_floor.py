"""The tighter floor: every YAML file of a repository read with PyYAML's CBaseLoader.

    python benchmarks/text_floor.py REPO

libyaml parses, and PyYAML builds dicts, lists and strings: every scalar stays
text, as cv651 itself reads them (the parse floor, parse_floor.py, also types
them). The cycle collector is off, as cv651 has it while loading. No cv651
code is imported: whatever cv651 does beyond this is measured against it.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import yaml


def read_all(repo: Path, loader: Any) -> None:
    """Parse every YAML file under REPO/data with `loader`; print what was read."""
    files = sorted((repo / "data").rglob("*.yaml"))
    documents = 0
    for path in files:
        loaded = yaml.load(path.read_bytes(), Loader=loader)
        documents += len(loaded.get("documents", ()) if isinstance(loaded, dict) else ())
    print(f"{len(files)} files, {documents} documents")


if __name__ == "__main__":
    gc.disable()
    read_all(Path(sys.argv[1]), yaml.CBaseLoader)
