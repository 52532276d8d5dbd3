"""Hints that lead to the fix (issue #11), and one answer from validate and the schema."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cv651.errors import Diagnostic
from cv651.loader import load_repository

from .conftest import PROJECT, MakeRepo

LAO_CAI = "data/submissions/10-lao-cai.yaml"
DOC = """\
  - kind: local_plan
    number: 25-KH/BDVTU
    date: 2022-03-10
    received: 2022-03-12
    issuers: [BDVTU]
"""
REPORT = """\
  - kind: report
    period: 2022H1
    number: 112-BC/BDVTU
    date: 2022-06-15
    issuers: [BDVTU]
    recipients: [TU, BDVTW, UBDT]
"""


def diags(make_repo: MakeRepo, text: str, rel: str = LAO_CAI) -> list[Diagnostic]:
    return load_repository(make_repo({rel: text})).diagnostics


def one(found: list[Diagnostic], code: str) -> Diagnostic:
    hits = [d for d in found if d.code == code]
    assert len(hits) == 1, found
    return hits[0]


def test_ubnd_suggests_the_body_that_holds_it_not_the_nearest_spelling(make_repo: MakeRepo):
    found = diags(make_repo, 'province: "10"\ndocuments:\n' + DOC.replace("[BDVTU]", "[UBND]"))
    assert one(found, "unknown-body").hint == "did you mean 'BCSĐ-UBND'?"
    typo = diags(make_repo, 'province: "10"\ndocuments:\n' + DOC.replace("[BDVTU]", "[BDVTUU]"))
    assert one(typo, "unknown-body").hint == "did you mean 'BDVTU'?"  # still the nearest


def test_a_code_that_differs_from_the_file_name_offers_both_fixes(make_repo: MakeRepo):
    found = diags(make_repo, 'province: "11"\ndocuments:\n' + DOC)
    hint = one(found, "filename-code").hint or ""
    assert "rename the file to 11-dien-bien.yaml" in hint
    assert 'if this is Lào Cai\'s file, write province: "10"' in hint


def test_a_date_written_in_words_gets_its_iso_form(make_repo: MakeRepo):
    text = DOC.replace("date: 2022-03-10", "date: ngày 14 tháng 6 năm 2022")
    found = diags(make_repo, 'province: "10"\ndocuments:\n' + text)
    assert one(found, "bad-date").hint == "did you mean 2022-06-14?"


def test_a_province_name_gets_its_code(make_repo: MakeRepo):
    found = diags(make_repo, "province: Lào Cai\ndocuments:\n" + DOC)
    assert (one(found, "bad-code").hint or "").startswith('did you mean "10"?')


def test_a_report_without_received_is_warned_with_its_own_code(make_repo: MakeRepo):
    found = diags(make_repo, 'province: "10"\ndocuments:\n' + DOC + REPORT)
    warning = one(found, "no-received")
    assert not warning.is_error and warning.line == 8  # the report, not the plan
    assert "counts from its own date 2022-06-15" in warning.message
    received = REPORT.replace("    issuers", "    received: 2022-06-17\n    issuers")
    assert not [d for d in diags(make_repo, 'province: "10"\ndocuments:\n' + received)]


CHECK_JSONSCHEMA = shutil.which("check-jsonschema")


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
@pytest.mark.parametrize(
    ("line", "rel", "accepted"),
    [
        ("province: 10", LAO_CAI, True),  # issue #11: validate passed, the schema refused
        ('province: "10"', LAO_CAI, True),
        ('province: "02"', "data/submissions/02-ha-giang.yaml", True),
        ("province: 02", "data/submissions/02-ha-giang.yaml", False),  # editors read 2
    ],
)
def test_validate_strict_and_the_schema_give_one_answer(
    make_repo: MakeRepo, line: str, rel: str, accepted: bool
):
    root = make_repo({rel: f"{line}\ndocuments:\n{DOC}"})
    strict_ok = not load_repository(root).diagnostics
    schema = PROJECT / "schemas" / "submission.schema.json"
    checked = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(root / rel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict_ok is accepted
    assert (checked.returncode == 0) is accepted, checked.stdout
