"""The domain, as strict immutable pydantic models: one per file kind, one for the whole.

Everything past the loader works on these; nothing else handles raw dicts.
Units, bodies, kinds and periods are data from the files, never constants here.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from cv651.fields import Code, Count, Day, Period, Text

if TYPE_CHECKING:
    from cv651.calendar import WorkingDays
    from cv651.plans import Plans
    from cv651.units import Units


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- data/provinces.yaml ---------------------------------------------------------


class Province(_Model):
    code: Code = Field(
        description="Mã đơn vị hành chính (2 chữ số cho tỉnh, đến 5 chữ số cho xã), "
        'viết trong ngoặc kép: "02"'
    )
    name: Text = Field(description="Tên chính thức, có dấu: Hà Giang")
    kind: Literal["province", "city"] = Field(
        description="province (tỉnh) hoặc city (thành phố trực thuộc Trung ương)"
    )
    region: Text = Field(description="Khóa của vùng trong mục regions")
    aliases: tuple[Text, ...] = Field(
        (), description="Các cách viết khác người dùng hay gõ (không bắt buộc)"
    )
    since: Day | None = Field(
        None,
        description="Ngày đầu tiên đơn vị có hiệu lực, dạng YYYY-MM-DD (không ghi: có từ trước)",
    )
    until: Day | None = Field(
        None,
        description="Ngày cuối cùng đơn vị có hiệu lực, dạng YYYY-MM-DD "
        "(không ghi: vẫn còn hiệu lực)",
    )
    formed_from: tuple[Code, ...] = Field(
        (),
        description="Đơn vị được hợp nhất từ các mã nào (mỗi mã có một mục "
        "kết thúc vào ngày trước since)",
    )
    merged_into: Code | None = Field(
        None, description="Mã của đơn vị mà đơn vị này hợp nhất vào, từ ngày sau until"
    )

    def in_force(self, day: dt.date) -> bool:
        """Whether the unit is in force on `day` (both ends of its span included)."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


class ProvincesFile(_Model):
    regions: dict[str, Text] = Field(
        description="Các vùng kinh tế - xã hội: khóa ngắn và tên đầy đủ"
    )
    provinces: tuple[Province, ...] = Field(description="Danh sách các đơn vị hành chính")


# --- data/plan_40.yaml ---------------------------------------------------------------


class PlanInfo(_Model):
    number: Text = Field(description="Số, ký hiệu kế hoạch: 40-KH/BDVTW-BCSĐUBDT")
    date: Day = Field(description="Ngày ban hành, dạng YYYY-MM-DD")
    year: int = Field(description="Năm thực hiện kế hoạch")
    title: Text = Field(description="Trích yếu kế hoạch")
    issuers: tuple[Text, ...] = Field(description="Các cơ quan ban hành (khóa trong mục bodies)")


class Signer(_Model):
    name: Text = Field(description="Họ tên người ký")
    title: Text = Field(description="Chức vụ người ký")
    capacity: Text | None = Field(
        None, description="Thẩm quyền ký: K/T TRƯỞNG BAN, T/M BAN THƯỜNG VỤ ... (không bắt buộc)"
    )


class Directive(_Model):
    number: Text = Field(description="Số, ký hiệu công văn: 651-CV/BDVTW")
    date: Day = Field(description="Ngày ban hành, dạng YYYY-MM-DD")
    subject: Text = Field(description="Trích yếu (dòng V/v)")
    signer: Signer = Field(description="Người ký công văn")


class DocumentKind(_Model):
    label: Text = Field(description="Tên loại văn bản, dùng trong báo cáo")
    number_types: tuple[Text, ...] = Field(
        (),
        description="Các loại văn bản (KH, CTr, BC ...) trong số ký hiệu N-LOẠI/CƠ QUAN "
        "hợp với loại này",
    )


class PeriodDue(_Model):
    period: Period = Field(description="Kỳ báo cáo: năm (2022) hoặc 6 tháng (2022H1)")
    due: Day = Field(
        description="Hạn nộp báo cáo của kỳ, dạng YYYY-MM-DD (do cơ quan theo dõi kế hoạch định)"
    )


class Task(_Model):
    id: Text = Field(description="Mã nhiệm vụ: concretize, review, report ...")
    clause: int = Field(description="Khoản tương ứng của Công văn 651")
    title: Text = Field(description="Nội dung nhiệm vụ")
    applies_to: Literal["all", "existing_programme"] = Field(
        description="all (mọi đơn vị) hoặc existing_programme "
        "(chỉ đơn vị đã có chương trình phối hợp)"
    )
    evidence: tuple[Text, ...] = Field(
        min_length=1,
        description="Các loại văn bản chứng minh đã thực hiện (khóa trong document_kinds)",
    )
    due: Day | None = Field(
        None, description="Hạn thực hiện, dạng YYYY-MM-DD (nhiệm vụ không định kỳ)"
    )
    periods: tuple[PeriodDue, ...] = Field(
        (), description="Các kỳ báo cáo và hạn nộp (nhiệm vụ định kỳ)"
    )
    recipients: tuple[Text, ...] = Field(
        (), description="Nơi nhận bắt buộc của văn bản (khóa trong bodies)"
    )

    @property
    def periodic(self) -> bool:
        return bool(self.periods)


class Indicator(_Model):
    id: Text = Field(description="Mã chỉ tiêu, dùng trong indicators của báo cáo")
    label: Text = Field(description="Tên chỉ tiêu")
    unit: Text = Field(description="Đơn vị tính")


DEFAULT_KINDS = {
    "local_plan": DocumentKind(
        label="Chương trình, kế hoạch của địa phương", number_types=("KH", "CTr")
    ),
    "programme_review": DocumentKind(label="Rà soát, bổ sung chương trình", number_types=()),
    "report": DocumentKind(label="Báo cáo", number_types=("BC",)),
}


class Office(_Model):
    superior: Text = Field(
        description="Cơ quan cấp trên, góc trái văn bản: BAN CHẤP HÀNH TRUNG ƯƠNG"
    )
    name: Text = Field(description="Tên cơ quan theo dõi kế hoạch, chữ in hoa: BAN DÂN VẬN")
    abbreviation: Text = Field(description="Chữ viết tắt trong số ký hiệu Số …-BC/…: BDVTW")
    place: Text = Field(description="Địa danh ở dòng ngày tháng: Hà Nội")
    capacity: Text | None = Field(
        None,
        description="Thẩm quyền ký báo cáo tổng hợp và công văn đôn đốc: K/T TRƯỞNG BAN "
        "(không ghi: như Ban Dân vận Trung ương; --capacity ghi khác cho từng văn bản)",
    )
    title: Text | None = Field(
        None,
        description="Chức vụ người ký: PHÓ TRƯỞNG BAN (không ghi: như Ban Dân vận Trung ương; "
        "--title ghi khác cho từng văn bản)",
    )
    reports_to: Text | None = Field(
        None,
        description="Nơi nhận đầu tiên của báo cáo tổng hợp: Bộ Chính trị, Ban Bí thư (để B/c) "
        "(không ghi: như Ban Dân vận Trung ương)",
    )


# The one documented default (design, "Bodies over time"): a plan without `office`
# is followed by Ban Dân vận Trung ương, as Plan 40 was, and an office that does not
# say how it signs and whom it reports to signs and reports as that Ban did; without
# `addressees`, reminders go to the provincial bodies Letter 651 was sent to.
DEFAULT_OFFICE = Office(
    superior="BAN CHẤP HÀNH TRUNG ƯƠNG",
    name="BAN DÂN VẬN",
    abbreviation="BDVTW",
    place="Hà Nội",
    capacity="K/T TRƯỞNG BAN",
    title="PHÓ TRƯỞNG BAN",
    reports_to="Bộ Chính trị, Ban Bí thư (để B/c)",
)
DEFAULT_ADDRESSEES = ("BDVTU", "BCSĐ-UBND")


class PlanFile(_Model):
    plan: PlanInfo = Field(description="Kế hoạch được theo dõi")
    directive: Directive = Field(description="Công văn chỉ đạo thực hiện")
    bodies: dict[str, Text] = Field(
        description="Tên viết tắt các cơ quan dùng trong issuers, recipients và tên đầy đủ"
    )
    office: Office | None = Field(
        None,
        description="Cơ quan Trung ương theo dõi kế hoạch, đứng tên báo cáo tổng hợp và công văn "
        "đôn đốc (không ghi: Ban Dân vận Trung ương)",
    )
    addressees: tuple[Text, ...] | None = Field(
        None,
        description="Các cơ quan cấp tỉnh nhận công văn đôn đốc (khóa trong bodies; không ghi: "
        "BDVTU và BCSĐ-UBND)",
    )
    # An extension of the contract: labels and the document types (KH, BC ...)
    # that fit each kind. Plans written without it get the three standard kinds.
    document_kinds: dict[str, DocumentKind] = Field(
        default_factory=lambda: dict(DEFAULT_KINDS),
        description="Các loại văn bản địa phương gửi lên (không bắt buộc: mặc định "
        "local_plan, programme_review, report)",
    )
    tasks: tuple[Task, ...] = Field(min_length=1, description="Các nhiệm vụ của Công văn")
    indicators: tuple[Indicator, ...] = Field(
        (), description="Các chỉ tiêu báo cáo có thể ghi; bản tổng hợp cộng dồn"
    )

    @property
    def followed_by(self) -> Office:
        """The office that heads the plan's documents."""
        return self.office or DEFAULT_OFFICE

    @property
    def provincial_addressees(self) -> tuple[str, ...]:
        """Keys of the provincial bodies reminders go to."""
        if self.addressees is not None:
            return self.addressees
        return tuple(b for b in DEFAULT_ADDRESSEES if b in self.bodies)

    @cached_property
    def periodic_kinds(self) -> frozenset[str]:
        """The document kinds that need a period: evidence of a periodic task."""
        return frozenset(k for t in self.tasks if t.periods for k in t.evidence)

    @cached_property
    def indicator_ids(self) -> frozenset[str]:
        return frozenset(i.id for i in self.indicators)

    @cached_property
    def periods(self) -> tuple[str, ...]:
        """Every report period the plan knows, in the order its tasks list them."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for item in task.periods:
                seen.setdefault(item.period)
        return tuple(seen)


# --- data/submissions/CODE-SLUG.yaml --------------------------------------------------


class ExistingProgramme(_Model):
    number: Text = Field(description="Số, ký hiệu chương trình phối hợp đã ký")
    date: Day = Field(description="Ngày ký, dạng YYYY-MM-DD")
    partner: Text = Field(description="Cơ quan phối hợp: BCSĐ-UBND hoặc BDT")


# The fields whose change alters what a document proves (when, what, for which
# period, to whom, with which figures); changing one on `main` needs a correction.
RECORDED_FIELDS = (
    "kind", "number", "date", "received", "period", "recipients", "issuers", "indicators",
)  # fmt: skip
# What a correction may name: the recorded fields and the texts around them.
CorrectedField = Literal[
    "kind", "number", "date", "received", "period", "recipients", "issuers", "indicators",
    "title", "highlights", "difficulties", "recommendations", "attachments",
]  # fmt: skip


class Correction(_Model):
    date: Day = Field(description="Ngày đính chính, dạng YYYY-MM-DD")
    reason: Text = Field(description="Lý do đính chính: vì sao giá trị cũ sai")
    fields: tuple[CorrectedField, ...] = Field(
        min_length=1,
        description="Các mục được sửa: kind, number, date, received, period, recipients, "
        "issuers, indicators",
    )


class Withdrawal(_Model):
    date: Day = Field(description="Ngày rút văn bản, dạng YYYY-MM-DD; từ ngày này không còn tính")
    reason: Text = Field(description="Lý do rút văn bản")


class Document(_Model):
    kind: Text = Field(description="Loại văn bản: local_plan, programme_review, report")
    plan: Text | None = Field(
        None,
        description='Kế hoạch mà văn bản thực hiện: phần sau plan_ trong tên tệp ("40" cho '
        "plan_40.yaml); không ghi thì là kế hoạch mới nhất ban hành đến ngày của văn bản",
    )
    number: Text = Field(description="Số, ký hiệu văn bản: 112-BC/BDVTU")
    date: Day = Field(description="Ngày của văn bản, dạng YYYY-MM-DD")
    received: Day | None = Field(
        None, description="Ngày Trung ương nhận được, dạng YYYY-MM-DD (không bắt buộc)"
    )
    period: Period | None = Field(
        None, description="Kỳ báo cáo: 2022H1 hoặc 2022 (bắt buộc với báo cáo)"
    )
    issuers: tuple[Text, ...] = Field(
        min_length=1, description="Cơ quan ban hành (khóa trong bodies của kế hoạch)"
    )
    recipients: tuple[Text, ...] = Field(
        (), description="Nơi nhận (khóa trong bodies của kế hoạch)"
    )
    title: Text | None = Field(None, description="Trích yếu văn bản")
    indicators: dict[str, Count] = Field(
        default_factory=dict, description="Số liệu theo chỉ tiêu của kế hoạch: số nguyên không âm"
    )
    highlights: Text | None = Field(None, description="Kết quả nổi bật")
    difficulties: Text | None = Field(None, description="Khó khăn, vướng mắc")
    recommendations: Text | None = Field(None, description="Kiến nghị, đề xuất")
    attachments: tuple[Text, ...] = Field(
        (), description="Tệp đính kèm: đường dẫn trong kho dữ liệu"
    )
    corrections: tuple[Correction, ...] = Field(
        (),
        description="Các lần đính chính (chỉ thêm, không xóa): ngày, lý do và các mục đã sửa; "
        "văn bản ghi giá trị đã đính chính",
    )
    withdrawn: Withdrawal | None = Field(
        None,
        description="Rút văn bản: ngày và lý do; từ ngày rút văn bản không còn được tính "
        "(không xóa văn bản khỏi tệp)",
    )

    @property
    def counts_from(self) -> dt.date:
        """The day the document counts from: when the centre received it, else its date."""
        return self.received or self.date

    def counts_on(self, day: dt.date) -> bool:
        """Whether the document counts as of `day`: received (or dated) by then and not
        withdrawn by then. Corrections fix the record itself, so they hold on every day."""
        if self.withdrawn is not None and self.withdrawn.date <= day:
            return False
        return self.counts_from <= day


class Submission(_Model):
    province: Code = Field(description='Mã đơn vị, trong ngoặc kép: "02"')
    existing_programme: ExistingProgramme | None = Field(
        None, description="Chương trình phối hợp đã ký trước đây (có mục này thì khoản 2 áp dụng)"
    )
    documents: tuple[Document, ...] = Field((), description="Các văn bản đơn vị đã gửi")


# --- data/calendar.yaml (optional) ----------------------------------------------------


class CalendarDay(_Model):
    date: Day = Field(description="Ngày, dạng YYYY-MM-DD")
    name: Text = Field(description="Tên ngày nghỉ hoặc ngày làm bù: Làm bù ngày 02/01/2026")
    source: Text = Field(description="Văn bản công bố: Công văn 12729/VPCP-KGVX")


class CalendarFile(_Model):
    days_off: tuple[CalendarDay, ...] = Field(
        (), description="Ngày nghỉ Chính phủ công bố thêm (nghỉ bù, hoán đổi)"
    )
    working_days: tuple[CalendarDay, ...] = Field(
        (), description="Ngày làm việc bù (thứ Bảy đi làm): hạn rơi vào ngày này không dời"
    )


# --- the repository as a whole ---------------------------------------------------------


class Repository(_Model):
    """A data repository that loaded without errors."""

    provinces: tuple[Province, ...]  # every entry of the file: the units over time
    regions: dict[str, str]
    plan: PlanFile  # the plan a command reads: see cv651.plans.choose_plan
    submissions: dict[str, Submission]  # by province code; no file = nothing yet
    # Codes whose submission file has errors: their state is `invalid` until fixed.
    invalid: frozenset[str] = frozenset()
    plan_id: str = "40"  # `plan`'s id: plan_40.yaml -> 40
    plans: dict[str, PlanFile] = Field(default_factory=dict)  # every plan by id; {} = only `plan`

    calendar: CalendarFile | None = None  # data/calendar.yaml, when there is one

    @cached_property
    def working_days(self) -> WorkingDays:
        """The days due dates fall on: the holidays package, with data/calendar.yaml on top."""
        from cv651.calendar import WorkingDays

        found = self.calendar or CalendarFile()

        def why(day: CalendarDay) -> str:
            return f"{day.name} ({day.source})"

        return WorkingDays(
            {d.date: why(d) for d in found.days_off}, {d.date: why(d) for d in found.working_days}
        )

    @cached_property
    def plan_index(self) -> Plans:
        from cv651.plans import Plans

        return Plans(self.plans or {self.plan_id: self.plan})

    @cached_property
    def units(self) -> Units:
        from cv651.units import Units

        return Units(self.provinces)

    def submission(self, code: str) -> Submission:
        return self.submissions.get(code) or Submission(province=code)
