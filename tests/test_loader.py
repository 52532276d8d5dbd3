"""Each kind of bad input: the code, the file and the line it is reported at."""

from pathlib import Path

import pytest

from cv651.errors import Severity
from cv651.loader import load_repository

from .conftest import DEMO, MakeRepo

GOOD_DOC = """\
  - kind: local_plan
    number: 25-KH/BDVTU
    date: 2022-03-10
    issuers: [BDVTU]
"""


def sub(body: str, code: str = "02") -> str:
    return f'province: "{code}"\ndocuments:\n{body}'


HA_GIANG = "data/submissions/02-ha-giang.yaml"

CASES = [
    # (id, files, expected code, path, line)
    (
        "date-dmy",
        {HA_GIANG: sub(GOOD_DOC.replace("2022-03-10", "10/03/2022"))},
        "bad-date",
        HA_GIANG,
        5,
    ),
    (
        "date-impossible",
        {HA_GIANG: sub(GOOD_DOC.replace("2022-03-10", "2022-02-30"))},
        "bad-date",
        HA_GIANG,
        5,
    ),
    (
        "unknown-key",
        {HA_GIANG: sub(GOOD_DOC + "    recipient: [TU]\n")},
        "unknown-key",
        HA_GIANG,
        7,
    ),
    (
        "missing-key",
        {HA_GIANG: sub(GOOD_DOC.replace("    issuers: [BDVTU]\n", ""))},
        "missing-key",
        HA_GIANG,
        3,
    ),
    (
        "wrong-type",
        {HA_GIANG: sub(GOOD_DOC.replace("[BDVTU]", "{a: 1}"))},
        "wrong-type",
        HA_GIANG,
        6,
    ),
    (
        "duplicate-key",
        {HA_GIANG: 'province: "02"\nprovince: "02"\n'},
        "yaml-duplicate-key",
        HA_GIANG,
        2,
    ),
    ("tab", {HA_GIANG: 'province: "02"\ndocuments:\n\t- kind: x\n'}, "yaml-syntax", HA_GIANG, 3),
    ("not-utf8", {HA_GIANG: b'province: "02"\n# Ha\xf8 Giang\n'}, "encoding", HA_GIANG, 2),
    ("utf16", {HA_GIANG: 'province: "02"\n'.encode("utf-16")}, "encoding", HA_GIANG, 1),
    ("empty-file", {HA_GIANG: ""}, "empty-file", HA_GIANG, 1),
    ("a-list", {HA_GIANG: "- province: 02\n"}, "wrong-type", HA_GIANG, 1),
    ("a-scalar", {HA_GIANG: "hello\n"}, "wrong-type", HA_GIANG, 1),
    (
        "code-one-digit",
        {"data/submissions/02-ha-giang.yaml": "province: 2\n"},
        "bad-code",
        HA_GIANG,
        1,
    ),
    (
        "unknown-province",
        {"data/submissions/03-x.yaml": 'province: "03"\n'},
        "unknown-province",
        "data/submissions/03-x.yaml",
        1,
    ),
    (
        "filename-code",
        {"data/submissions/04-ha-giang.yaml": 'province: "02"\n'},
        "filename-code",
        "data/submissions/04-ha-giang.yaml",
        1,
    ),
    (
        "duplicate-province",
        {HA_GIANG: 'province: "02"\n', "data/submissions/02-hagiang.yaml": 'province: "02"\n'},
        "duplicate-province-file",
        "data/submissions/02-hagiang.yaml",
        1,
    ),
    (
        "unknown-kind",
        {HA_GIANG: sub(GOOD_DOC.replace("local_plan", "local-plan"))},
        "unknown-kind",
        HA_GIANG,
        3,
    ),
    (
        "unknown-body",
        {HA_GIANG: sub(GOOD_DOC.replace("[BDVTU]", "[BDVTU, BDVT]"))},
        "unknown-body",
        HA_GIANG,
        6,
    ),
    (
        "unknown-indicator",
        {HA_GIANG: sub(GOOD_DOC + "    indicators: {meetings: 3}\n")},
        "unknown-indicator",
        HA_GIANG,
        7,
    ),
    (
        "negative-indicator",
        {HA_GIANG: sub(GOOD_DOC + "    indicators: {conferences: -3}\n")},
        "bad-number",
        HA_GIANG,
        7,
    ),
    (
        "fraction-indicator",
        {HA_GIANG: sub(GOOD_DOC + "    indicators: {conferences: 2.5}\n")},
        "bad-number",
        HA_GIANG,
        7,
    ),
    (
        "received-before-date",
        {HA_GIANG: sub(GOOD_DOC + "    received: 2022-03-01\n")},
        "received-before-date",
        HA_GIANG,
        7,
    ),
    ("duplicate-number", {HA_GIANG: sub(GOOD_DOC + GOOD_DOC)}, "duplicate-number", HA_GIANG, 8),
    (
        "number-format",
        {HA_GIANG: sub(GOOD_DOC.replace("25-KH/BDVTU", "Số 25- KH/BDVTU"))},
        "number-format",
        HA_GIANG,
        4,
    ),
    (
        "report-without-period",
        {HA_GIANG: sub(GOOD_DOC.replace("local_plan", "report").replace("KH", "BC"))},
        "missing-period",
        HA_GIANG,
        3,
    ),
    (
        "unknown-period",
        {
            HA_GIANG: sub(
                GOOD_DOC.replace("local_plan", "report").replace("KH", "BC")
                + "    period: 2023H1\n"
            )
        },
        "unknown-period",
        HA_GIANG,
        7,
    ),
    ("bad-period", {HA_GIANG: sub(GOOD_DOC + "    period: H1-2022\n")}, "bad-period", HA_GIANG, 7),
    (
        "attachment-escape",
        {HA_GIANG: sub(GOOD_DOC + "    attachments: [../../etc/passwd]\n")},
        "attachment-outside",
        HA_GIANG,
        7,
    ),
    (
        "attachment-absolute",
        {HA_GIANG: sub(GOOD_DOC + "    attachments: [/etc/passwd]\n")},
        "attachment-outside",
        HA_GIANG,
        7,
    ),
    (
        "attachment-missing",
        {HA_GIANG: sub(GOOD_DOC + "    attachments: [scans/02/none.pdf]\n")},
        "attachment-missing",
        HA_GIANG,
        7,
    ),
    (
        "partner-unknown",
        {
            HA_GIANG: 'province: "02"\nexisting_programme:\n  number: 1-CTr/BDVTU\n'
            "  date: 2020-01-01\n  partner: UBND\n"
        },
        "unknown-body",
        HA_GIANG,
        5,
    ),
    (
        "provinces-duplicate-code",
        {
            "data/provinces.yaml": "regions: {r: R}\nprovinces:\n"
            "  - {code: '01', name: A, kind: city, region: r}\n"
            "  - {code: '01', name: B, kind: province, region: r}\n"
        },
        "duplicate-code",
        "data/provinces.yaml",
        4,
    ),
    (
        "provinces-unknown-region",
        {
            "data/provinces.yaml": "regions: {r: R}\nprovinces:\n"
            "  - {code: '01', name: A, kind: city, region: x}\n"
        },
        "unknown-region",
        "data/provinces.yaml",
        3,
    ),
    (
        "provinces-ambiguous-alias",
        {
            "data/provinces.yaml": "regions: {r: R}\nprovinces:\n"
            "  - {code: '01', name: Hà Nam, kind: city, region: r}\n"
            "  - {code: '02', name: B, kind: province, region: r, aliases: [Ha Nam]}\n"
        },
        "ambiguous-name",
        "data/provinces.yaml",
        4,
    ),
    (
        "provinces-kind",
        {
            "data/provinces.yaml": "regions: {r: R}\nprovinces:\n"
            "  - {code: '01', name: A, kind: tinh, region: r}\n"
        },
        "bad-value",
        "data/provinces.yaml",
        3,
    ),
    ("plan-missing", {"data/plan_40.yaml": None}, "missing-file", "data/plan_40.yaml", 1),
]


@pytest.mark.parametrize(
    ("files", "code", "path", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_at_its_place(make_repo: MakeRepo, files, code, path, line):
    root = make_repo({k: v for k, v in files.items() if v is not None})
    for rel, content in files.items():
        if content is None:
            (root / rel).unlink()
    loaded = load_repository(root)
    found = [(d.code, d.path, d.line) for d in loaded.diagnostics]
    assert (code, path, line) in found, found
    assert loaded.repository is None or all(
        d.severity is Severity.WARNING for d in loaded.diagnostics
    )


def test_every_problem_is_reported_in_one_run(make_repo: MakeRepo):
    bad = GOOD_DOC.replace("2022-03-10", "10/03/2022") + "    recipient: [TU]\n"
    root = make_repo(
        {
            HA_GIANG: sub(bad + GOOD_DOC.replace("BDVTU]", "BDVT]") + "    received: 2022-01-01\n"),
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


def test_a_bad_optional_key_does_not_hide_other_checks(make_repo: MakeRepo):
    doc = GOOD_DOC + "    received: 2022-13-01\n    attachments: [../x]\n"
    root = make_repo({HA_GIANG: sub(doc.replace("[BDVTU]", "[XX]"))})
    codes = {d.code for d in load_repository(root).errors}
    assert {"bad-date", "unknown-body", "attachment-outside"} <= codes


def test_slug_mismatch_is_only_a_warning(make_repo: MakeRepo):
    loaded = load_repository(make_repo({"data/submissions/02-hagiang.yaml": sub(GOOD_DOC)}))
    assert [d.code for d in loaded.diagnostics] == ["filename-slug"]
    assert "02-ha-giang.yaml" in (loaded.diagnostics[0].hint or "")
    assert loaded.repository is not None


def test_yml_files_are_not_silently_ignored(make_repo: MakeRepo):
    loaded = load_repository(make_repo({"data/submissions/02-ha-giang.yml": sub(GOOD_DOC)}))
    assert [(d.code, d.severity) for d in loaded.diagnostics] == [
        ("file-ignored", Severity.WARNING)
    ]


def test_unquoted_values_mean_what_they_say(make_repo: MakeRepo):
    report = (
        "  - kind: report\n    period: 2022\n    number: 3-BC/BDVTU\n    date: 2022-11-20\n"
        "    issuers: [BDVTU]\n    recipients: [TU, BDVTW, UBDT]\n    indicators: {conferences: 012}\n"
    )
    loaded = load_repository(make_repo({HA_GIANG: "province: 02\ndocuments:\n" + report}))
    assert loaded.diagnostics == []
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
