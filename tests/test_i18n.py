"""The Vietnamese catalog covers every message, is compiled, and switching works.

Messages are English msgids in the code (`_()`, `ngettext()`, `N_()`); the
Vietnamese lives in src/cv651/locale/vi/LC_MESSAGES/cv651.po (README, "Translations").
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
import unicodedata

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cv651 import i18n

from .conftest import PROJECT

SRC = PROJECT / "src" / "cv651"
PO = SRC / "locale" / "vi" / "LC_MESSAGES" / "cv651.po"
MO = PO.with_suffix(".mo")


def _catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="vi", domain="cv651")


def _code_msgids() -> set[str]:
    """What `pybabel extract` finds in src (Babel's default keywords include N_)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(SRC)):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _strings(entry) -> tuple[str, ...]:
    return (entry.string,) if isinstance(entry.string, str) else tuple(entry.string)


def _placeholders(text: str) -> set[str]:
    """The `{name}` / `{name!r}` / `{name:,}` fields (a lone brace in a message is not one)."""
    return set(re.findall(r"\{([A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?\}", text))


def test_every_message_in_the_code_has_a_vietnamese_translation():
    catalog = _catalog()
    missing, fuzzy = [], []
    for msgid in sorted(_code_msgids(), key=str):
        key = msgid if isinstance(msgid, str) else msgid[0]
        entry = catalog.get(key)
        if entry is None or not all(_strings(entry)):
            missing.append(key)
        elif entry.fuzzy:
            fuzzy.append(key)
    assert not missing, f"no Vietnamese for {missing}; see README, 'Translations'"
    assert not fuzzy, f"fuzzy (unchecked) translations for {fuzzy}"


def test_translations_keep_placeholders_and_are_nfc():
    for entry in _catalog():
        if not entry.id:
            continue
        ids = (entry.id,) if isinstance(entry.id, str) else entry.id
        for text in _strings(entry):
            assert unicodedata.is_normalized("NFC", text), entry.id
            if "{" in ids[0]:
                assert _placeholders(text) == _placeholders(ids[0]), entry.id


def test_the_compiled_catalog_is_not_stale():
    """Run `pybabel compile -d src/cv651/locale -D cv651` after editing the .po."""
    expected = {}
    for entry in _catalog():
        if not entry.id or entry.fuzzy:
            continue
        if isinstance(entry.id, str):
            key = f"{entry.context}\x04{entry.id}" if entry.context else entry.id
            expected[key] = entry.string
        else:
            for n, text in enumerate(entry.string):
                expected[(entry.id[0], n)] = text
    with MO.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)
    assert compiled == expected


def test_vietnamese_by_default_english_on_request(monkeypatch):
    monkeypatch.delenv("CV651_LANG", raising=False)
    monkeypatch.setattr(i18n, "_chosen", None)
    assert i18n._("wrote {path}") == "đã ghi {path}"
    monkeypatch.setenv("CV651_LANG", "en_US.UTF-8")
    assert i18n._("wrote {path}") == "wrote {path}"
    i18n.set_language("vi")  # --lang wins over the environment
    assert i18n.language() == "vi"
    assert i18n._("wrote {path}") == "đã ghi {path}"
    i18n.set_language(None)
    assert i18n.language() == "en"


@pytest.mark.parametrize(
    ("value", "expected"), [("en", "en"), ("VI", "vi"), ("vi-VN", "vi"), ("fr", None), ("", None)]
)
def test_language_names_are_normalized(value, expected):
    assert i18n.normalize(value) == expected


def test_the_catalog_costs_no_heavy_import():
    """`cv651 --help` start-up: the standard library's gettext, read at the first lookup."""
    code = (
        "import sys, cv651.i18n as i; assert 'cv651.mo' not in str(i._catalogs); i._('x');"
        "heavy = {'babel', 'pydantic', 'rich', 'yaml', 'jinja2', 'typer'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_wheel_carries_the_compiled_catalog():
    """Hatch puts every file under src/cv651 in the wheel unless .gitignore leaves it out."""
    import tomllib

    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert "src/cv651" in wheel["packages"] and not wheel.get("exclude")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(MO)], cwd=PROJECT, capture_output=True, check=False
    )
    assert ignored.returncode != 0  # 0 would mean ignored (128: not a git checkout)


def test_no_translation_says_itself_twice():
    """A bad merge once left the --plan help's Vietnamese twice in one msgstr."""
    run = 30
    for entry in _catalog():
        for text in _strings(entry):
            for i in range(len(text) - run):
                assert text.find(text[i : i + run], i + 1) == -1, (entry.id, text[i : i + run])


def test_choices_are_joined_in_the_language(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    i18n.set_language("vi")
    try:
        assert i18n.either(["Hà Nội", "Hà Tĩnh", "Tây Ninh"], question=True) == (
            "Hà Nội, Hà Tĩnh hay Tây Ninh"
        )
        assert i18n.either(["BC", "KH"]) == "BC hoặc KH"
        assert i18n.either(["BC"]) == "BC"
        i18n.set_language("en")
        assert i18n.either(["a", "b", "c"], question=True) == "a, b or c"
    finally:
        i18n.set_language(None)


def test_no_english_or_is_joined_in_the_code():
    """Choices are listed with i18n.either, never a literal " or " (English in a Vietnamese hint)."""
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name != "i18n.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""["']\s+or\s+["']\s*\)?\.join""", line)
    ]
    assert not offenders


# Words docs/glossary.md rules out, each with the word to use instead.
NOT_THESE = {
    r"\b[Rr]út\b": "thu hồi (withdrawn)",
    r"Ban ở Trung ương": "Ban Dân vận Trung ương",
    r"chưa ghi gì": "không ghi gì (chưa = not yet)",
    r"\bkhoản\b": "điểm (a clause of the letter)",
    r"(?i)ngày (của )?văn bản": "ngày ban hành",
    r"Số, ký hiệu": "số ký hiệu",
    r"\bvăn bản (thường|bắt đầu|có chứa)": "giá trị / chuỗi ký tự (YAML text is not a document)",
    r"báo cáo nào của tỉnh": "tệp của tỉnh, thành (a submission file is not a report)",
    r"bảng khóa": "tập các cặp khóa: giá trị (a YAML mapping)",
    r"\bstdout\b|(?<!\()đầu ra chuẩn": "màn hình (đầu ra chuẩn)",
    r"(?:^|: )không đọc(?! được)": "bỏ qua, không đọc (a file skipped on purpose)",
    r"kết xuất|(?<!biên )dịch và": "biên dịch / điền mẫu (compile / render a template)",
    r"đơn vị còn hiệu lực|cùng có hiệu lực|hết hiệu lực": "tồn tại (a unit exists; a document has hiệu lực)",
    r"văn bản loại \{type\}": "văn bản có ký hiệu {type} (no 'loại … loại')",
    r"\bng\.": "ngày (never 'ng.', which reads as người too)",
    r"tập các cặp khóa": "tập các cặp “khóa: giá trị” (the term whole, in quotes)",
}


def test_the_vietnamese_keeps_to_the_glossary():
    scaffold = SRC / "scaffold"
    texts = [(str(entry.id), text) for entry in _catalog() if entry.id for text in _strings(entry)]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in scaffold.iterdir() if p.is_file()]
    found = [
        (where, instead, re.search(pattern, text)[0])  # type: ignore[index]
        for where, text in texts
        for pattern, instead in NOT_THESE.items()
        if re.search(pattern, text)
    ]
    assert not found


def test_numbers_in_vietnamese_messages_group_with_a_dot():
    """'{limit:,}' prints 1.000.000 in Vietnamese (the comma is the decimal mark), 1,000,000 in English."""
    msgid = "wordwrap of more than {limit:,} characters"
    try:
        i18n.set_language("vi")
        text = i18n._(msgid).format(limit=1_000_000)
        assert "1.000.000" in text and type(text) is str
        assert i18n._("{path} is not a folder; no submission was read").format(path="a,b.c")
        assert "a,b.c" in i18n._("{path} is not a folder; no submission was read").format(
            path="a,b.c"
        )
        i18n.set_language("en")
        assert i18n._(msgid).format(limit=1_000_000) == "wordwrap of more than 1,000,000 characters"
    finally:
        i18n.set_language(None)
