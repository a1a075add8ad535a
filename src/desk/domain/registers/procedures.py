"""The administrative-procedure register (kết quả giải quyết TTHC): the public-service point's figures per period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desk.domain.fields import FieldSpec, Kind
from desk.domain.formats import format_date_vi, format_number_vi
from desk.domain.lang import t
from desk.domain.register import ListSpec, Record, Register, Row

SERVICE_POINT = "Trung tâm Phục vụ hành chính công"


def _count(name: str, vi: str, en: str, **kwargs: Any) -> FieldSpec:
    return FieldSpec(name, vi, en, Kind.INT, minimum=0, width=9, **kwargs)


FIELDS = (
    FieldSpec("point", "Nơi tiếp nhận, trả kết quả", "Service point", required=True, max_length=200, width=22,
              default=SERVICE_POINT, searched=True),
    FieldSpec("from_date", "Từ ngày", "From", Kind.DATE, required=True, width=11),
    FieldSpec("to_date", "Đến ngày", "To", Kind.DATE, required=True, width=11, indexed=True),
    _count("carried_over", "Kỳ trước chuyển sang", "Carried over"),
    _count("received_in_person", "Tiếp nhận trực tiếp", "Received in person"),
    _count("received_online", "Tiếp nhận trực tuyến", "Received online"),
    _count("fully_online", "Trong đó trực tuyến toàn trình", "Of which fully online"),
    _count("resolved_early", "Giải quyết trước hạn", "Resolved early"),
    _count("resolved_on_time", "Giải quyết đúng hạn", "Resolved on time"),
    _count("resolved_late", "Giải quyết quá hạn", "Resolved late"),
    _count("pending", "Đang giải quyết", "Pending"),
    _count("digitised", "Hồ sơ được số hóa", "Files digitised"),
    _count("rated", "Lượt đánh giá", "Ratings given", in_export=False),
    _count("satisfied", "Lượt đánh giá hài lòng", "Satisfied ratings"),
    FieldSpec("note", "Ghi chú", "Note", Kind.LONGTEXT, max_length=2000, width=20, searched=True, in_export=False),
)

RECEIVED = ("received_in_person", "received_online")
RESOLVED = ("resolved_early", "resolved_on_time", "resolved_late")
_LABEL = {f.name: f.vi for f in FIELDS}


def _n(values: Row, *names: str) -> int:
    return sum(values.get(name) or 0 for name in names)


def _readable(values: Record, *names: str) -> bool:
    """Every one of the fields was read. records.validate leaves out a field whose input it could not read
    («12a»): taken as 0, it would make a sum fail under a field the clerk typed right or left empty."""
    return all(name in values for name in names)


def check_record(values: Record) -> dict[str, str]:
    """The figures must add up: nothing is resolved or pending that was not received or carried over.
    A rule whose fields are not all readable waits until they are: their own errors say what is wrong."""
    errors: dict[str, str] = {}
    start, end = values.get("from_date"), values.get("to_date")
    if start and end and end < start:
        errors["to_date"] = t(f"«Đến ngày» ({format_date_vi(end)}) không được trước «Từ ngày» "
                              f"({format_date_vi(start)}).",
                              f"«To» ({format_date_vi(end)}) cannot be before «From» ({format_date_vi(start)}).")
    came_in, went_out = ("carried_over", *RECEIVED), (*RESOLVED, "pending")
    came, went = _n(values, *came_in), _n(values, *went_out)
    if went > came and _readable(values, *came_in, *went_out):
        errors["pending"] = t(
            f"Đã giải quyết cộng đang giải quyết ({format_number_vi(went)}) không được vượt số tiếp nhận cộng "
            f"kỳ trước chuyển sang ({format_number_vi(came)}).",
            f"Resolved plus pending ({went}) cannot exceed received plus carried over ({came}).")
    pairs = (("fully_online", "received_online"), ("satisfied", "rated"))
    for part, whole in pairs:
        if (values.get(part) or 0) > (values.get(whole) or 0) and _readable(values, part, whole):
            errors[part] = t(f"«{_LABEL[part]}» không được vượt «{_LABEL[whole]}».",
                             f"«{part}» cannot exceed «{whole}».")
    if (values.get("digitised") or 0) > _n(values, *RECEIVED) and _readable(values, "digitised", *RECEIVED):
        errors["digitised"] = t("Số hồ sơ được số hóa không được vượt số hồ sơ tiếp nhận trong kỳ.",
                                "Files digitised cannot exceed the files received.")
    return errors


@dataclass(frozen=True)
class Figures:
    """A period's figures: flows summed over the records in it; carried over from its first record,
    pending from its last (a quarter typed month by month adds up to the quarter)."""

    carried_over: int = 0
    received_in_person: int = 0
    received_online: int = 0
    fully_online: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    pending: int = 0
    digitised: int = 0
    rated: int = 0
    satisfied: int = 0
    records: int = 0

    @property
    def received(self) -> int:
        return self.received_in_person + self.received_online

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def total(self) -> int:
        return self.carried_over + self.received

    def share(self, part: str) -> float | None:
        """A percentage of what it is a part of (None when the whole is 0)."""
        whole = {"fully_online": self.received, "digitised": self.received, "satisfied": self.rated,
                 "in_time": self.resolved}[part]
        value = self.resolved_early + self.resolved_on_time if part == "in_time" else getattr(self, part)
        return None if not whole else 100 * value / whole

    def add(self, other: Figures) -> Figures:
        """Two units' figures together (a province's consolidation)."""
        return Figures(**{k: getattr(self, k) + getattr(other, k) for k in _FLOW + ("carried_over", "pending",
                                                                                    "records")})


_FLOW = ("received_in_person", "received_online", "fully_online", "resolved_early", "resolved_on_time",
         "resolved_late", "digitised", "rated", "satisfied")


def _chosen(rows: Sequence[Row], start: date, end: date) -> list[Row]:
    """The records whose period ends within start..end, in their order."""
    return sorted((r for r in rows if r.get("to_date") and start <= r["to_date"] <= end),
                  key=lambda r: (r.get("from_date") or r["to_date"], r["to_date"]))


def figures(rows: Sequence[Row], start: date, end: date) -> Figures:
    """The figures of the records whose period ends within start..end."""
    chosen = _chosen(rows, start, end)
    if not chosen:
        return Figures()
    sums = {name: _n_all(chosen, name) for name in _FLOW}
    return Figures(carried_over=chosen[0].get("carried_over") or 0, pending=chosen[-1].get("pending") or 0,
                   records=len(chosen), **sums)


def covered(rows: Sequence[Row], start: date, end: date) -> str:
    """The days figures(rows, start, end) are of, said: "số liệu từ ngày 01/07/2025 đến ngày 31/08/2025". The
    records are the service point's own periods (calendar months as a rule), which a period cut on Decree
    09's 14th takes by the day they end: a quarter's report holds other months than its name says."""
    chosen = _chosen(rows, start, end)
    if not chosen:
        return ""
    first, last = chosen[0].get("from_date") or chosen[0]["to_date"], max(r["to_date"] for r in chosen)
    return f"số liệu từ ngày {format_date_vi(first)} đến ngày {format_date_vi(last)}"


def _n_all(rows: Sequence[Row], name: str) -> int:
    return sum(r.get(name) or 0 for r in rows)


def percent_vi(value: float | None) -> str:
    """85,5% (a comma for decimals); "–" when there is nothing to compare with."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + "%"


# The procedure form's figure columns (the report prints them; the check of a returned file reads them back).
FORM_HEADINGS = {"count": "Số lượng", "share": "Tỷ lệ"}


@dataclass(frozen=True)
class FormLine:
    """A line of the report's procedure form: a total has its number; share is printed ("" for none)."""

    number: int | None
    label: str
    count: int
    share: str = ""


def form_lines(f: Figures) -> tuple[FormLine, ...]:
    """The procedure form's lines, as the report prints them and the check of a returned file reads them."""
    share = {part: percent_vi(f.share(part)) for part in ("fully_online", "in_time", "digitised", "satisfied")}
    return (
        FormLine(1, "Tổng số hồ sơ", f.total),
        FormLine(None, "- Kỳ trước chuyển sang", f.carried_over),
        FormLine(None, "- Tiếp nhận trong kỳ: trực tiếp", f.received_in_person),
        FormLine(None, "- Tiếp nhận trong kỳ: trực tuyến", f.received_online),
        FormLine(None, "Trong đó: trực tuyến toàn trình", f.fully_online, share["fully_online"]),
        FormLine(2, "Đã giải quyết", f.resolved, share["in_time"]),
        FormLine(None, "- Trước hạn", f.resolved_early),
        FormLine(None, "- Đúng hạn", f.resolved_on_time),
        FormLine(None, "- Quá hạn", f.resolved_late),
        FormLine(3, "Đang giải quyết", f.pending),
        FormLine(4, "Hồ sơ được số hóa", f.digitised, share["digitised"]),
        FormLine(5, "Lượt đánh giá", f.rated),
        FormLine(None, "Trong đó: hài lòng", f.satisfied, share["satisfied"]),
    )


REGISTER = Register(
    name="procedures", vi="Kết quả giải quyết TTHC", en="Administrative procedures", table_name="procedure_figures",
    position=8, fields=FIELDS, check_record=check_record, date_field="to_date", title_field="point",
    listing=ListSpec("TTHC", "Kết quả tiếp nhận, giải quyết thủ tục hành chính", "hồ sơ", "Biểu số 08/TTHC",
                     "Ket-qua-giai-quyet-TTHC", "kết quả giải quyết thủ tục hành chính", "from_date", "to_date",
                     order=lambda r: (r.get("from_date") or date.min,),
                     columns=("from_date", "to_date", "carried_over", "received_in_person", "received_online",
                              "fully_online", "resolved_early", "resolved_on_time", "resolved_late", "pending",
                              "digitised", "satisfied")),
)
