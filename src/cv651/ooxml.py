"""The child order WordprocessingML requires of property elements (ECMA-376 Part 1, §17).

Word checks it and offers to "repair" a file whose `tblPr`, `pPr` or `rPr`
children are out of sequence; LibreOffice does not, so a file can look right
and still be refused. `scripts/make_docx_template.py` sorts the templates with
`sort`; tests run `misplaced` over every output. It works on any
ElementTree-like element, so the core imports no XML library.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from cv651.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# CT_TblPr
TBL_PR = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
]
# CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange)
P_PR = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
# CT_RPr (a paragraph mark's CT_ParaRPr starts with ins, del, moveFrom, moveTo)
R_PR = [
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
]
SEQUENCES = {f"{W}tblPr": TBL_PR, f"{W}pPr": P_PR, f"{W}rPr": R_PR}


def _rank(sequence: list[str], child: Any) -> int:
    tag = child.tag if isinstance(child.tag, str) else ""
    name = tag.removeprefix(W)
    # Extensions of other namespaces (w14: …) may follow the schema's own children.
    return sequence.index(name) if tag.startswith(W) and name in sequence else len(sequence)


def misplaced(root: Any) -> Iterable[str]:
    """'pPr: jc before spacing' for each property element whose children are out of order,
    or that holds a child the schema does not allow there."""
    for element in root.iter():
        sequence = SEQUENCES.get(element.tag) if isinstance(element.tag, str) else None
        if sequence is None:
            continue
        kind = element.tag.removeprefix(W)
        children = [c for c in element if isinstance(c.tag, str)]
        for child in children:
            if child.tag.startswith(W) and child.tag.removeprefix(W) not in sequence:
                yield _("{kind}: {removeprefix} is not allowed here").format(
                    kind=kind, removeprefix=child.tag.removeprefix(W)
                )
        for a, b in pairwise(children):
            if _rank(sequence, a) > _rank(sequence, b):
                yield f"{kind}: {a.tag.removeprefix(W)} before {b.tag.removeprefix(W)}"


def sort(root: Any) -> None:
    """Put every property element's children in the schema's order (a stable sort)."""
    for element in list(root.iter()):
        sequence = SEQUENCES.get(element.tag) if isinstance(element.tag, str) else None
        if sequence is None:
            continue
        children = list(element)
        for child in children:
            element.remove(child)
        for child in sorted(children, key=lambda c: _rank(sequence, c)):
            element.append(child)
