"""Loading: every problem in one run, salvage, warnings, and what loads cleanly."""

from pathlib import Path

import pytest

from cv651.errors import Severity
from cv651.filenames import file_code, is_submission_file
from cv651.loader import load_repository

from .conftest import DEMO, MakeRepo

GOOD_DOC = """\
  - kind: local_plan
    number: 25-KH/BDVTU
    date: 2022-03-10
    received: 2022-03-12
    issuers: [BDVTU]
"""


def sub(body: str, code: str = "02") -> str:
    return f'province: "{code}"\ndocuments:\n{body}'


HA_GIANG = "data/submissions/02-ha-giang.yaml"

# The cases of bad input, one per kind, live in tests/corpus/ (tests/test_corpus.py).


def test_every_problem_is_reported_in_one_run(make_repo: MakeRepo):
    bad = GOOD_DOC.replace("2022-03-10", "10/03/2022") + "    recipient: [TU]\n"
    root = make_repo(
        {
            HA_GIANG: sub(
                bad + GOOD_DOC.replace("BDVTU]", "BDVT]").replace("2022-03-12", "2022-01-01")
            ),
            "data/submissions/04-cao-bang.yaml": "province: '04'\nprovince: '04'\n",
        }
    )
    codes = {d.code for d in load_repository(root).errors}
    assert {
        "bad-date",
        "unknown-key",
        "unknown-body",
        "received-before-date",
        "yaml-duplicate-key",
    } <= codes


def test_a_bad_required_key_does_not_hide_the_other_checks_of_the_document(
    make_repo: MakeRepo,
):
    """Issue #11: fixing four errors used to bring four new ones."""
    doc = (
        "  - kind: local_plann\n    number: 25 KH/BDVTU\n    date: 10/03/2022\n"
        "    received: 2022-03-01\n    issuers: [BDVTU, UBND]\n    titel: Kế hoạch\n"
    )
    root = make_repo({HA_GIANG: 'province: "2"\nexisting_programme: {number: 1-CTr/BDVTU, '
                      'date: 2020-01-01, partner: BDX}\ndocuments:\n' + doc})  # fmt: skip
    codes = sorted(d.code for d in load_repository(root).errors)
    assert codes == sorted(
        ["bad-code", "unknown-body", "unknown-kind", "number-format", "bad-date", "unknown-body",
         "unknown-key"]
    )  # fmt: skip


def test_a_bad_optional_key_does_not_hide_other_checks(make_repo: MakeRepo):
    doc = GOOD_DOC.replace("2022-03-12", "2022-13-01") + "    attachments: [../x]\n"
    root = make_repo({HA_GIANG: sub(doc.replace("[BDVTU]", "[XX]"))})
    codes = {d.code for d in load_repository(root).errors}
    assert {"bad-date", "unknown-body", "attachment-outside"} <= codes


def test_slug_mismatch_is_only_a_warning(make_repo: MakeRepo):
    loaded = load_repository(make_repo({"data/submissions/02-hagiang.yaml": sub(GOOD_DOC)}))
    assert [d.code for d in loaded.diagnostics] == ["filename-slug"]
    assert "02-ha-giang.yaml" in (loaded.diagnostics[0].hint or "")
    assert loaded.repository is not None


def test_yml_files_are_read_like_yaml_files(make_repo: MakeRepo):
    loaded = load_repository(make_repo({"data/submissions/02-ha-giang.yml": sub(GOOD_DOC)}))
    assert loaded.diagnostics == []
    assert loaded.repository is not None
    assert loaded.repository.submissions["02"].documents[0].number == "25-KH/BDVTU"


def test_a_yaml_and_a_yml_file_for_one_code_is_an_error(make_repo: MakeRepo):
    files = {f"data/submissions/02-ha-giang.{ext}": sub(GOOD_DOC) for ext in ("yaml", "yml")}
    loaded = load_repository(make_repo(files))
    assert [(d.code, d.path) for d in loaded.errors] == [
        ("duplicate-province-file", "data/submissions/02-ha-giang.yml")
    ]


def test_other_extensions_are_still_ignored_with_a_warning(make_repo: MakeRepo):
    loaded = load_repository(make_repo({"data/submissions/02-ha-giang.txt": sub(GOOD_DOC)}))
    assert [(d.code, d.severity) for d in loaded.diagnostics] == [
        ("file-ignored", Severity.WARNING)
    ]


def test_unquoted_values_mean_what_they_say(make_repo: MakeRepo):
    report = (
        "  - kind: report\n    period: 2022\n    number: 3-BC/BDVTU\n    date: 2022-11-20\n"
        "    issuers: [BDVTU]\n    recipients: [TU, BDVTW, UBDT]\n    indicators: {conferences: 012}\n"
    )
    loaded = load_repository(make_repo({HA_GIANG: "province: 02\ndocuments:\n" + report}))
    # "02" to cv651, the number 2 to editors: a warning, as the JSON Schema refuses it
    assert [d.code for d in loaded.diagnostics] == ["unquoted-code", "no-received"]
    assert loaded.repository is not None
    submission = loaded.repository.submissions["02"]
    document = submission.documents[0]
    assert (document.period, document.indicators["conferences"]) == ("2022", 12)


def test_bom_crlf_and_decomposed_unicode_load_like_any_file(make_repo: MakeRepo):
    text = sub(GOOD_DOC + "    title: Ke\u0302\u0301 hoa\u0323ch\n").replace("\n", "\r\n")
    loaded = load_repository(make_repo({HA_GIANG: b"\xef\xbb\xbf" + text.encode()}))
    assert loaded.diagnostics == []
    assert loaded.repository is not None
    assert loaded.repository.submissions["02"].documents[0].title == "Kế hoạch"


def test_oversized_file_is_refused_unread(make_repo: MakeRepo):
    root = make_repo({HA_GIANG: 'province: "02"\n# ' + "x" * (6 * 1024 * 1024) + "\n"})
    assert [d.code for d in load_repository(root).errors] == ["file-too-large"]


@pytest.mark.parametrize(
    "root", [Path(__file__).resolve().parents[1], DEMO], ids=["bundled", "demo"]
)
def test_shipped_repositories_are_clean(root: Path):
    loaded = load_repository(root)
    assert loaded.diagnostics == []
    assert loaded.repository is not None


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ('province: "02"\n', False),
        ("province: '02'  # quoted\n", False),
        ("province: 02\n", True),
        ('{province: "02"}\n', False),  # not the usual layout: the key is located
        ("{province: 02}\n", True),
        ('province:\n  "02"\n', False),
        ("province:\n  02\n", True),
    ],
)
def test_unquoted_code_in_any_layout(make_repo: MakeRepo, text, warned):
    loaded = load_repository(make_repo({HA_GIANG: text}))
    assert ("unquoted-code" in [d.code for d in loaded.diagnostics]) is warned


@pytest.mark.parametrize(
    ("rel", "submission", "code"),
    [
        ("data/submissions/02-ha-giang.yaml", True, "02"),
        ("data/submissions/02-ha-giang.yml", True, "02"),
        ("data/submissions/02.yaml", True, "02"),
        ("data/submissions/README.yaml", False, "README"),
        ("data/submissions/.02-ha-giang.yaml", False, None),
        ("data/submissions/02-ha-giang.txt", False, None),
        ("data/submissions/old/02-ha-giang.yaml", False, "02"),
        ("data/provinces.yaml", False, "provinces"),
    ],
)
def test_one_definition_of_a_submission_file_and_its_code(
    rel: str, submission: bool, code: str | None
):
    assert is_submission_file(rel) is submission
    assert file_code(rel) == code
