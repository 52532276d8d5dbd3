"""The parse floor: every YAML file of a repository read with PyYAML's C safe loader.

    python benchmarks/parse_floor.py REPO

Scalars are typed (YAML 1.1's resolvers run), the cycle collector on: the
floor of the first performance contract. No cv651 code is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from text_floor import read_all

if __name__ == "__main__":
    read_all(Path(sys.argv[1]), yaml.CSafeLoader)
