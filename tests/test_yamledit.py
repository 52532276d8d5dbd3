"""yamledit: any layout a clerk may write keeps every byte; only the new entry is added."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cv651 import yamlio
from cv651.yamledit import append_document

ENTRY = {"kind": "report", "period": "2022", "number": "7-BC/BDVTU", "date": date(2022, 11, 20), "issuers": ["BDVTU"], "title": "Báo cáo: năm 2022 # không phải chú thích"}  # fmt: skip


@st.composite
def documents(draw, key: int) -> str:
    pad = " " * key
    lines = [f"kind: local_plan{draw(st.sampled_from(['', '   # ghi chú']))}",
             f"number: {draw(st.integers(1, 999))}-KH/BDVTU", "date: 2022-03-10"]  # fmt: skip
    lines.append(
        draw(
            st.sampled_from(
                ["issuers: [BDVTU]", f"issuers:\n{pad}  - BDVTU", f"issuers:\n{pad}- BDVTU"]
            )
        )
    )
    title = draw(st.sampled_from(["", "title: Kế hoạch năm 2022", "title: 'Kế hoạch: năm 2022'",
                                  f"highlights: >-\n{pad}  Dòng một\n{pad}  # dòng hai\n\n{pad}  dòng ba",
                                  f"highlights: |\n{pad}  a\n{pad}  b\n"]))  # fmt: skip
    if title:
        lines.append(title)
    return f"\n{pad}".join(lines)


@st.composite
def submissions(draw) -> str:
    dash = draw(st.sampled_from([0, 2, 4]))
    key = dash + draw(st.sampled_from([2, 4]))
    items = draw(st.lists(documents(key), max_size=3))
    between = draw(
        st.sampled_from(["", "\n", f"{' ' * dash}# giữa các mục\n", "\n# chú thích\n\n"])
    )
    text = '# yaml-language-server: $schema=../../schemas/submission.schema.json\nprovince: "10"\n'
    if items:
        text += "documents:\n" + between.join(
            f"{' ' * dash}-{' ' * (key - dash - 1)}{d}\n" for d in items
        )
    else:
        text += draw(st.sampled_from(["documents: []\n", "documents:\n", "documents: ~\n", ""]))
    text += draw(
        st.sampled_from(
            [
                "",
                "\n# cuối tệp\n",
                "existing_programme:\n  number: 5-CTr/BDVTU\n  date: 2020-06-01\n  partner: BDT\n",
            ]
        )
    )
    if draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=150, deadline=None)
@given(submissions())
def test_append_keeps_every_byte_and_adds_the_entry(text: str):
    new = append_document(text, ENTRY)
    old = text.replace("documents: []", "documents:").replace("documents: ~", "documents:")
    i = 0
    while i < len(old) and old[i] == new[i]:
        i += 1
    assert new.endswith(old[i:])
    inserted = new[i : len(new) - len(old) + i]
    assert "7-BC/BDVTU" in inserted
    parsed = yamlio.parse(new)
    assert parsed["documents"][-1]["number"] == "7-BC/BDVTU"
    assert parsed["documents"][-1]["title"] == ENTRY["title"]
    assert "\r\n" not in text or "\n" not in new.replace("\r\n", "")
