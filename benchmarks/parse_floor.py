"""The parse floor: every YAML file of a repository read with PyYAML's C safe loader.

    python benchmarks/parse_floor.py REPO

No cv651 code is imported. Whatever cv651 does beyond this (checking the
schema, the cross-file rules, computing states) is measured against it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    files = sorted((Path(sys.argv[1]) / "data").rglob("*.yaml"))
    documents = 0
    for path in files:
        loaded = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        documents += len(loaded.get("documents", ()) if isinstance(loaded, dict) else ())
    print(f"{len(files)} files, {documents} documents")


if __name__ == "__main__":
    main()
