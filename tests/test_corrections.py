"""Corrections and withdrawals on documents: the models, their checks, and what counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cv651 import schema
from cv651.cli import app
from cv651.coverage import State
from cv651.loader import load_repository
from cv651.models import Correction, Document, Withdrawal

from .conftest import MakeRepo
from .test_coverage import BASE, doc, repo, state_of

runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

HA_GIANG = """\
province: "02"
documents:
  - kind: report
    period: 2022H1
    number: 112-BC/BDVTU
    date: 2022-06-10
    received: 2022-06-15
    issuers: [BDVTU]
    recipients: [TU, BDVTW, UBDT]
    indicators: {conferences: 12}
    corrections:
      - {date: 2022-07-01, reason: Sổ công văn đến ghi nhầm ngày nhận, fields: [received]}
    withdrawn: {date: 2022-09-01, reason: Thay bằng Báo cáo 130-BC/BDVTU}
"""


def withdrawn_doc(on: str, **kw) -> Document:
    return doc(**kw).model_copy(
        update={"withdrawn": Withdrawal(date=date.fromisoformat(on), reason="rút")}
    )


def test_a_withdrawn_document_counts_until_its_withdrawal_and_never_after():
    r = repo(withdrawn_doc("2022-09-01", day="2022-06-10"))
    assert state_of(r, "2022-08-31").state is State.ON_TIME  # replay before: still counted
    assert state_of(r, "2022-09-01").state is State.OVERDUE  # from the withdrawal day on


def test_a_replacement_takes_over_from_a_withdrawn_report():
    first = withdrawn_doc("2022-09-01", day="2022-06-10")
    second = doc(day="2022-08-25", number="130-BC/BDVTU")
    r = repo(first, second)
    assert state_of(r, "2022-08-31").document == first
    late = state_of(r, "2022-09-02")
    assert (late.state, late.document) == (State.LATE, second)


@given(
    received=st.integers(0, 200),
    withdrawn_after=st.integers(0, 200),
    as_of=st.integers(0, 500),
)
def test_counted_exactly_between_receipt_and_withdrawal(received, withdrawn_after, as_of):
    start = date(2022, 1, 1)
    d = Document(
        kind="report",
        number="1-BC/BDVTU",
        date=start,
        received=start + timedelta(received),
        issuers=("BDVTU",),
        withdrawn=Withdrawal(date=start + timedelta(received + withdrawn_after), reason="x"),
    )
    day = start + timedelta(as_of)
    assert d.counts_on(day) == (received <= as_of < received + withdrawn_after)


def test_corrected_values_are_the_record_on_every_day():
    """A correction fixes a mistake in the record: status reads the corrected value,
    even when replayed to a day before the correction was made."""
    corrected = doc(day="2022-06-10", received="2022-06-30").model_copy(
        update={
            "corrections": (
                Correction(date=date(2022, 7, 5), reason="nhầm ngày", fields=("received",)),
            )
        }
    )
    assert state_of(repo(corrected), "2022-07-01").state is State.LATE


@pytest.mark.usefixtures("vietnamese")
def test_corrections_and_withdrawal_load_and_show(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-ha-giang.yaml": HA_GIANG})
    loaded = load_repository(root)
    assert loaded.errors == []
    result = runner.invoke(
        app, ["show", "02", "--repo", str(root), "--as-of", "2022-12-31"], env=ENV
    )
    assert result.exit_code == 0, result.output
    assert "đính chính 01/7/2022 (received): Sổ công văn đến ghi nhầm ngày nhận" in result.stdout
    assert (
        "đã thu hồi ngày 01/9/2022, không còn tính: Thay bằng Báo cáo 130-BC/BDVTU" in result.stdout
    )


def test_bad_corrections_are_errors_with_their_place(make_repo: MakeRepo):
    text = HA_GIANG.replace("fields: [received]", "fields: [recieved]").replace(
        "withdrawn: {date: 2022-09-01", "withdrawn: {date: 2022-05-01"
    )
    text = text.replace("{date: 2022-07-01", "{date: 2022-06-01")
    root = make_repo({"data/submissions/02-ha-giang.yaml": text})
    got = {(d.code, d.line) for d in load_repository(root).diagnostics}
    assert ("bad-value", 12) in got  # the unknown field name
    fixed = text.replace("recieved", "received")
    root = make_repo({"data/submissions/02-ha-giang.yaml": fixed})
    got = {(d.code, d.line, d.col) for d in load_repository(root).diagnostics}
    assert got == {("correction-before-date", 12, 16), ("withdrawn-before-date", 13, 23)}


def test_the_schema_describes_corrections_in_vietnamese():
    defs = schema.generate(BASE)["submission"]["definitions"]
    assert "Lý do đính chính" in defs["Correction"]["properties"]["reason"]["description"]
    assert "received" in defs["Correction"]["properties"]["fields"]["items"]["enum"]
    assert "Rút văn bản" in defs["Document"]["properties"]["withdrawn"]["description"]
    assert "Lý do rút văn bản" in defs["Withdrawal"]["properties"]["reason"]["description"]


def test_the_summary_annex_marks_corrected_entries(make_repo: MakeRepo):
    text = HA_GIANG.replace(
        "    withdrawn: {date: 2022-09-01, reason: Thay bằng Báo cáo 130-BC/BDVTU}\n", ""
    )
    root = make_repo({"data/submissions/02-ha-giang.yaml": text})
    result = runner.invoke(
        app, ["summarize", "--period", "2022H1", "--repo", str(root), "--as-of", "2022-07-02"]
    )
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 02 |"))
    assert "| đúng hạn (đã đính chính) |" in row
    assert "*" not in row.replace("**", "")  # nothing Markdown would read as emphasis
