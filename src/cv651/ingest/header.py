"""Reading a Party document's header from its lines (Hướng dẫn 36-HD/VPTW). Pure.

What it finds is what the document says; what it cannot tell stays None and is
named in `missing`, and anything doubtful is a warning, never a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cv651.bodies import BodyMatcher
from cv651.docnumbers import ISSUER, TYPE
from cv651.errors import UsageError
from cv651.i18n import _, either
from cv651.ingest.errors import IngestError
from cv651.models import PlanFile, Province
from cv651.names import resolve_province
from cv651.units import Units

_PARTY = re.compile(r"ĐẢNG\s*CỘNG\s*SẢN\s*VIỆT\s*NAM", re.I)
_STATE = re.compile(r"CỘNG\s*H[OÒ]A\s*X[AÃ]\s*HỘI\s*CHỦ\s*NGHĨA\s*VIỆT\s*NAM", re.I)
_PART = rf"(?=[A-ZĐ]){ISSUER}"  # on a page, `- 2022` or `- 3 -` after a number is no issuer
_NUMBER = re.compile(  # as typed on a page: `Số 651- CV/BDVTW`, `Số: 95-BC/BDVTU`
    rf"(?:^|\s)Số\s*:?\s*(?P<n>\d+)\s*-\s*(?P<type>{TYPE})\s*/\s*"
    rf"(?P<issuer>{_PART}(?:\s*-\s*{_PART})*)"
)
_DRAFT_NUMBER = re.compile(rf"(?:^|\s)Số\s*:?\s*-\s*{TYPE}\s*/")
_PLACE = r"(?P<place>[^\W\d][^,\d]{1,40}?)\s*,\s*"
_DATE_WORDS = re.compile(
    _PLACE + r"ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.I
)
_DATE_DIGITS = re.compile(
    _PLACE + r"ngày\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.I
)
_CENTRAL = re.compile(r"\bTRUNG\s*ƯƠNG\b")
_DATE_BEGUN = re.compile(r",\s*ngày\b", re.I)
_UNIT = re.compile(
    r"(?:TỈNH\s*ỦY|THÀNH\s*ỦY|ĐẢNG\s*BỘ\s*TỈNH|ĐẢNG\s*BỘ|TỈNH|THÀNH\s*PHỐ)\s+(?P<name>.+)$", re.I
)
# Document types and their names as a title line shows them (Hướng dẫn 36, abbreviations).
TYPE_NAMES = {
    "BÁO CÁO": "Báo cáo",
    "KẾ HOẠCH": "Kế hoạch",
    "CHƯƠNG TRÌNH": "Chương trình",
    "CHƯƠNG TRÌNH PHỐI HỢP": "Chương trình phối hợp",
    "QUYẾT ĐỊNH": "Quyết định",
    "THÔNG BÁO": "Thông báo",
    "HƯỚNG DẪN": "Hướng dẫn",
    "TỜ TRÌNH": "Tờ trình",
    "ĐỀ ÁN": "Đề án",
    "QUY CHẾ": "Quy chế",
    "NGHỊ QUYẾT": "Nghị quyết",
    "CHỈ THỊ": "Chỉ thị",
    "KẾT LUẬN": "Kết luận",
    "QUY ĐỊNH": "Quy định",
}
_TITLE_STOP = re.compile(
    r"^(?:[-–—_*=.•\s]{3,}$|Kính\s*gửi|Căn\s*cứ|Thực\s*hiện|Ngày\s|Phần\s|[IVX]+\s*[-.–]|\d+\s*[.)-]\s)",
    re.I,
)
_REVIEW = re.compile(r"\brà\s*soát\b|\bbổ\s*sung\b|\bsửa\s*đổi\b|\bđiều\s*chỉnh\b", re.I)
_HALF = re.compile(r"6\s*tháng\s*(?P<which>đầu|cuối)\s*năm\s*(?P<y>\d{4})", re.I)
_SO_KET = re.compile(r"sơ\s*kết\s*6\s*tháng.{0,40}?(?P<y>\d{4})", re.I)
_YEAR = re.compile(r"(?:tổng\s*kết\s*)?năm\s*(?P<y>\d{4})", re.I)
_BULLET = re.compile(r"^[-–—+•*]\s*")
HEADER_LINES = 16  # the header is the first lines; dates further down are the body's
FIELDS = ("province", "plan", "kind", "number", "date", "period", "issuers", "recipients", "title")


@dataclass
class Reading:
    """What one document says about itself, by field; None where it cannot be told."""

    province: Province | None = None
    plan: str | None = None
    kind: str | None = None
    number: str | None = None
    date: date | None = None
    period: str | None = None
    issuers: list[str] | None = None
    recipients: list[str] | None = None
    title: str | None = None
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def values(self) -> dict[str, object]:
        """The fields as `ingest --format json` prints them: codes, ISO dates, null."""
        return {
            "province": self.province.code if self.province else None,
            "plan": self.plan,
            "kind": self.kind,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "period": self.period,
            "issuers": self.issuers,
            "recipients": self.recipients,
            "title": self.title,
        }


def read_header(lines: Sequence[str], plan: PlanFile, plan_id: str, units: Units) -> Reading:
    """Raises IngestError when the lines are not a Party document."""
    head = list(lines[:40])
    if not any(_PARTY.search(line) for line in head):
        if any(_STATE.search(line) for line in head):
            raise IngestError(
                _("a state document (Cộng hòa xã hội chủ nghĩa), not a Party document")
            )
        raise IngestError(_("not a Party document: no 'ĐẢNG CỘNG SẢN VIỆT NAM' in its header"))
    out = Reading(plan=plan_id)
    matcher = BodyMatcher.of(plan.bodies)
    number_at, doc_type = _read_number(head, out, matcher)
    date_at = _read_date(head, out, units, plan.plan.date)
    day = out.date or plan.plan.date  # names resolve among the units of the document's day
    _read_province(head[: max(number_at, date_at, 0) + 1], out, units, day)
    if _central(head[: max(number_at, date_at, 0) + 1], out, plan):
        out.warnings.append(_("issued by a central body, not by a province"))
        out.province = None
    type_name = _read_title(lines, max(number_at, date_at) + 1, out)
    _read_kind(plan, doc_type, type_name, out)
    _read_period(plan, out)
    _read_recipients(lines, matcher, out)
    out.missing = [name for name in FIELDS if getattr(out, name) is None]
    if out.kind is not None and out.kind not in plan.periodic_kinds:
        out.missing = [m for m in out.missing if m != "period"]
    return out


def _read_number(head: list[str], out: Reading, matcher: BodyMatcher) -> tuple[int, str | None]:
    for at, line in enumerate(head[:HEADER_LINES]):
        if match := _NUMBER.search(line):
            parts = [p.strip() for p in match["issuer"].split("-")]
            out.number = f"{match['n']}-{match['type']}/{'-'.join(parts)}"
            keys = [matcher.from_number(p) for p in parts]
            unknown = [p for p, k in zip(parts, keys, strict=True) if k is None]
            if unknown:
                out.warnings.append(
                    _("issuer {parts} in the number is none of the plan's bodies").format(
                        parts=", ".join(unknown)
                    )
                )
            else:
                out.issuers = list(dict.fromkeys(k for k in keys if k is not None))
            return at, match["type"]
        if _DRAFT_NUMBER.search(line):
            out.warnings.append(_("the number is left blank (a draft?)"))
            return at, None
    return -1, None


def _joined(lines: Sequence[str], at: int, begun: re.Pattern[str]) -> list[str]:
    """Line `at`, then, if `begun` is in it, it with the next: a PDF breaks a narrow
    column's lines (`Hà Nội, ngày 18` / `tháng 3 năm 2022`)."""
    if at + 1 < len(lines) and begun.search(lines[at]):
        return [lines[at], _join(lines[at], lines[at + 1])]
    return [lines[at]]


def _join(first: str, second: str) -> str:
    """`40-KH/BDVTW-` + `BCSĐUBDT` is one word; other broken lines take a space."""
    if first.endswith("-") and not first.endswith(" -"):
        return first + second
    return f"{first} {second}"


def _date_match(line: str) -> re.Match[str] | None:
    """A place-and-date line: the whole line, never a date inside a sentence."""
    for pattern in (_DATE_WORDS, _DATE_DIGITS):
        match = pattern.match(line)
        if match and len(line.rstrip(" .")) == match.end():
            return match
    return None


def _read_date(head: list[str], out: Reading, units: Units, fallback: date) -> int:
    for at in range(min(len(head), HEADER_LINES)):
        candidates = _joined(head, at, _DATE_BEGUN)
        match = next((m for text in candidates if (m := _date_match(text))), None)
        if match is None:
            continue
        try:
            out.date = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            out.warnings.append(_("'{text}' is not a real day").format(text=match.group(0)))
        place = _resolve(units, match["place"], out.date or fallback)
        if place is not None:
            out.province = place
        return at
    return -1


def _read_province(head: list[str], out: Reading, units: Units, day: date) -> None:
    """The province of the issuing body (`TỈNH ỦY LÀO CAI`), checked against the place."""
    for at, line in enumerate(head):
        if _PARTY.search(line) or not line.isupper():
            continue
        unit = next(
            (
                u
                for text in _joined(head, at, _UNIT)
                if text.isupper() and (u := _unit(units, text, day))
            ),
            None,
        )
        if unit is None:
            continue
        if out.province is not None and out.province.code != unit.code:
            out.warnings.append(
                _("the issuer is of {unit} but the place is {place}").format(
                    unit=unit.name, place=out.province.name
                )
            )
            out.province = None
        else:
            out.province = unit
        return


def _central(head: list[str], out: Reading, plan: PlanFile) -> bool:
    """The plan's own issuers, or a body under the Central Committee: no province's document."""
    if out.issuers and set(out.issuers) <= set(plan.plan.issuers):
        return True
    return any(line.isupper() and _CENTRAL.search(line) for line in head)


def _unit(units: Units, line: str, day: date) -> Province | None:
    match = _UNIT.search(line)
    return _resolve(units, match["name"], day) if match else None


def _resolve(units: Units, typed: str, day: date) -> Province | None:
    try:
        return units.named(resolve_province(units, typed.strip(" .,"), day).code, day)
    except UsageError:
        return None


def _read_title(lines: Sequence[str], start: int, out: Reading) -> str | None:
    """`BÁO CÁO` and the summary under it, or the `V/v …` of an official letter."""
    for at in range(max(start, 0), min(len(lines), start + 25)):
        line = lines[at]
        if line.startswith(("V/v", "V/V")):
            out.title = _joined_text([line, *_summary(lines, at + 1)])
            return None
        name = TYPE_NAMES.get(line.upper().rstrip(" :"))
        if name is None:
            continue
        summary = _summary(lines, at + 1)
        if summary:
            text = _joined_text(summary)
            out.title = f"{name} {text[0].lower() + text[1:] if text[:2].istitle() else text}"
        else:
            out.warnings.append(_("no summary under the title"))
        return name
    return None


def _joined_text(parts: Sequence[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        text = _join(text, part)
    return text


def _summary(lines: Sequence[str], start: int) -> list[str]:
    summary = []
    for following in lines[start : start + 5]:
        if _TITLE_STOP.match(following) or len(following) > 200 or following.endswith("."):
            break
        summary.append(following)
    return summary


def _read_kind(plan: PlanFile, doc_type: str | None, type_name: str | None, out: Reading) -> None:
    """From the type in the number, and the title when several kinds take that type."""
    if doc_type is None:
        return
    candidates = [k for k, v in plan.document_kinds.items() if doc_type in v.number_types]
    if not candidates:
        out.warnings.append(
            _("a {type} document is none of the plan's document kinds").format(type=doc_type)
        )
        return
    periodic = plan.periodic_kinds
    reviews = {k for t in plan.tasks if t.applies_to == "existing_programme" for k in t.evidence}
    title = out.title or ""
    if len(candidates) > 1 and not title:
        out.warnings.append(_could_be(doc_type, candidates))
        return
    if len(candidates) > 1 and _REVIEW.search(title):
        candidates = [k for k in candidates if k in reviews] or candidates
    elif len(candidates) > 1 and type_name == "Báo cáo":
        candidates = [k for k in candidates if k in periodic] or candidates
    elif len(candidates) > 1:
        candidates = [k for k in candidates if k not in reviews and k not in periodic]
    if len(candidates) == 1:
        out.kind = candidates[0]
    else:
        out.warnings.append(_could_be(doc_type, candidates))


def _could_be(doc_type: str, candidates: Sequence[str]) -> str:
    return _("a {type} document could be {kinds}").format(type=doc_type, kinds=either(candidates))


def _read_period(plan: PlanFile, out: Reading) -> None:
    if out.kind not in plan.periodic_kinds or not out.title:
        return
    title = out.title
    if match := _HALF.search(title):
        out.period = f"{match['y']}{'H1' if match['which'].lower() == 'đầu' else 'H2'}"
    elif match := _SO_KET.search(title):
        out.period = f"{match['y']}H1"
    elif match := _YEAR.search(title):
        out.period = match["y"]
    if out.period is not None and out.period not in plan.periods:
        out.warnings.append(
            _("period {period} is not one of the plan's ({periods})").format(
                period=out.period, periods=", ".join(plan.periods)
            )
        )


def _read_recipients(lines: Sequence[str], matcher: BodyMatcher, out: Reading) -> None:
    """`Kính gửi:` and `Nơi nhận:`, each followed by its `- …` lines."""
    found: list[str] = []
    seen_block = False
    for at, line in enumerate(lines):
        head = re.match(r"^(Kính\s*gửi|Nơi\s*nhận)\s*:?\s*", line, re.I)
        if head is None:
            continue
        seen_block = True
        items = [line[head.end() :]]
        for following in lines[at + 1 : at + 30]:
            if _BULLET.match(following):
                items.append(following)
            elif items[-1] and not items[-1].endswith((",", ";", ".")) and not following.isupper():
                items[-1] = _join(items[-1], following)  # a name broken over two lines
            else:
                break
        for item in items:
            text = _BULLET.sub("", item).strip(" ,.;")
            if not text or re.match(r"^(Như\s*trên|Lưu)\b", text, re.I):
                continue
            found += matcher.in_text(text)
    if seen_block:
        out.recipients = list(dict.fromkeys(found))
