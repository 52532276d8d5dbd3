"""cv651 — follow Letter 651-CV/BDVTW across the provinces."""

__version__ = "0.1.0"
