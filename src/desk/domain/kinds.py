"""What a field kind means, each kind in one codec: parsing input, showing, exporting, its stored type.

Every layer asks the field's codec (`spec.codec`) instead of switching on its kind: the form's
values and an imported cell are parsed by `parse`, the register shows `display`, an Excel list
writes `export`, the store's column has `python_type`, the template and the importer treat its
cells by `excel`. The editor a form uses for a kind is registered in desk.ui (ui/field_editors.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from desk.domain.formats import format_date_vi, format_number_vi
from desk.domain.lang import t
from desk.domain.text import clean, fold, nfc

if TYPE_CHECKING:
    from desk.domain.fields import Choice, FieldSpec

Labels = Mapping[str, Mapping[str, str]]       # field name -> code -> label
# A stored value: each codec's is of its own python_type (text, date, whole number, flag) or None.
# The base class handles every kind, so it cannot say which: each codec reads its own kind's values.
Stored = Any


class Kind(StrEnum):
    TEXT = "text"          # one line
    LONGTEXT = "longtext"  # several lines
    DATE = "date"
    CHOICE = "choice"      # a code from a choice list
    INT = "int"
    BOOL = "bool"
    MULTI = "multi"        # several codes of a choice list, stored "code1,code2" in list order
    REF = "ref"            # the id of a record in another register (FieldSpec.ref names its table)


class ExcelType(StrEnum):
    """How a field's cells are typed in a workbook (templates write them so, importers read them so)."""

    TEXT = "text"
    DATE = "date"
    WHOLE = "whole"
    BOOL = "bool"


class Codec:
    """The behaviour of one field kind; subclasses override what differs from plain text."""

    kind: ClassVar[Kind]
    python_type: ClassVar[type] = str
    excel: ClassVar[ExcelType] = ExcelType.TEXT
    listed: ClassVar[bool] = False      # values are codes of a list (choices, references)
    multiple: ClassVar[bool] = False    # several codes in one value
    ordered: ClassVar[bool] = False     # sorted by value (dates, numbers), not as Vietnamese text
    hint_vi: ClassVar[str] = ""         # what the template says the clerk types

    def empty(self) -> Stored:
        """The stored value of an empty input."""
        return None

    def parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...] | None) -> Stored:
        """Raw input (typed text, a cell's value, a code) to the stored value, or ValueError(message)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return self.empty()
        return self._parse(spec, raw, allowed or ())

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        text = clean(str(raw))
        # "001 085 012 345" and "0912.345.678" are how people write these numbers down.
        return "".join(ch for ch in text if ch not in " .-") if spec.compact else text

    def display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        """The value as the register's table shows it."""
        return "" if value is None or value == "" else self._display(spec, value, labels)

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        return str(value)

    def export(self, spec: FieldSpec, value: Stored, labels: Labels) -> object:
        """The value as an Excel list writes it (a label, a date, a number; None leaves the cell empty)."""
        return None if value is None or value == "" else value

    def from_text(self, text: str) -> Stored:
        """A value from its stored text form (the audit trail's): see store.audit.as_text."""
        return text


class TextCodec(Codec):
    kind = Kind.TEXT
    hint_vi = "Chữ (một dòng)"


class LongTextCodec(Codec):
    kind = Kind.LONGTEXT
    hint_vi = "Chữ (nhiều dòng)"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        return nfc(str(raw)).strip()

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        text = str(value)
        return text if "\n" not in text else text.replace("\n", " ⏎ ")


FIRST_YEAR = 1900       # Excel's first day is 01/01/1900; Python's date ends in 9999 as Excel's does


class DateCodec(Codec):
    kind = Kind.DATE
    python_type = date
    excel = ExcelType.DATE
    ordered = True
    hint_vi = "Ngày (dd/mm/yyyy)"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        from desk.domain.periods import PeriodError, parse_date_vi

        if isinstance(raw, date):
            found = raw.date() if isinstance(raw, datetime) else raw
        else:
            try:
                found = parse_date_vi(str(raw))
            except PeriodError as exc:
                raise ValueError(t(f"«{spec.vi}»: {exc}", f"«{spec.en}»: {exc}")) from None
        if found.year < FIRST_YEAR:
            # Excel's dates start in 1900; an earlier one is a wrong serial (30/12/1899 is a NaN's) or a typo.
            shown = raw if isinstance(raw, str) else format_date_vi(found)
            raise ValueError(t(f"«{spec.vi}»: ngày «{shown}» trước năm {FIRST_YEAR}, không phải ngày hợp lệ.",
                               f"«{spec.en}»: the date «{shown}» is before {FIRST_YEAR}, not a valid date."))
        return found

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        return format_date_vi(value)

    def from_text(self, text: str) -> Stored:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text


LARGEST_WHOLE = 999_999_999_999
SHOWN_LENGTH = 40       # characters of a bad value quoted in its message


class IntCodec(Codec):
    kind = Kind.INT
    python_type = int
    excel = ExcelType.WHOLE
    ordered = True
    hint_vi = "Số nguyên"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        if isinstance(raw, bool):
            raise ValueError(t(f"«{spec.vi}» phải là số nguyên.", f"«{spec.en}» must be a whole number."))
        if isinstance(raw, int):
            return self._bounded(spec, raw)
        text = str(raw).strip().replace(".", "").replace(" ", "")
        try:
            value = int(text)
        except ValueError:
            shown = str(raw) if len(str(raw)) <= SHOWN_LENGTH else str(raw)[:SHOWN_LENGTH] + "…"
            raise ValueError(t(f"«{spec.vi}»: «{shown}» không phải số nguyên.",
                               f"«{spec.en}»: «{shown}» is not a whole number.")) from None
        return self._bounded(spec, value)

    @staticmethod
    def _bounded(spec: FieldSpec, value: int) -> int:
        # A count no commune reaches, well inside what the database stores (a larger one ended an import).
        if abs(value) > LARGEST_WHOLE:
            raise ValueError(t(f"«{spec.vi}»: số quá lớn (tối đa {format_number_vi(LARGEST_WHOLE)}).",
                               f"«{spec.en}»: the number is too large (at most {format_number_vi(LARGEST_WHOLE)})."))
        return value

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        return format_number_vi(value)

    def from_text(self, text: str) -> Stored:
        try:
            return int(text)
        except ValueError:
            return text


# How people tick a yes/no column by hand (folded): Desk's own "x" and "✓", and the words for yes and no.
_YES = frozenset({"1", "x", "v", "✓", "✔", "co", "yes", "y", "true", "dung", "phu hop", "dat"})
_NO = frozenset({"0", "-", "k", "khong", "no", "n", "false", "sai", "khong phu hop", "khong dat"})


def yes_or_no(text: str) -> bool | None:
    """A yes/no as a person writes it: True, False, or None for a word that is neither."""
    said = fold(text)
    return True if said in _YES else False if said in _NO else None


class BoolCodec(Codec):
    kind = Kind.BOOL
    python_type = bool
    excel = ExcelType.BOOL
    ordered = True
    hint_vi = "Có / Không"

    def empty(self) -> Stored:
        return False

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        if isinstance(raw, bool):
            return raw
        said = yes_or_no(str(raw))
        if said is not None:
            return said
        # A word Desk cannot read as yes or no is asked about, not stored as "no".
        raise ValueError(t(f"«{spec.vi}»: «{clean(str(raw))}» không rõ là có hay không; ghi «Có» (hoặc x) "
                           "hoặc «Không» (hoặc để trống).",
                           f"«{spec.en}»: «{clean(str(raw))}» is neither yes nor no; write «Có» (or x) or "
                           "«Không» (or leave it empty)."))

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        return "✓" if value else ""

    def export(self, spec: FieldSpec, value: Stored, labels: Labels) -> object:
        return "x" if value else None     # forms tick a box; an empty cell says no

    def from_text(self, text: str) -> Stored:
        return text == "1"


class ChoiceCodec(Codec):
    kind = Kind.CHOICE
    listed = True
    hint_vi = "Chọn trong danh sách"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        text = clean(str(raw))
        for choice in allowed:
            if choice.named_by(text):
                return choice.code
        raise ValueError(t(f"«{spec.vi}»: giá trị «{text}» không có trong danh mục.",
                           f"«{spec.en}»: «{text}» is not in the list."))

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        return labels.get(spec.name, {}).get(value, value)

    def export(self, spec: FieldSpec, value: Stored, labels: Labels) -> object:
        return None if value is None or value == "" else self._display(spec, value, labels)


class RefCodec(ChoiceCodec):
    kind = Kind.REF
    hint_vi = "Chọn trong danh sách (bản ghi của sổ khác)"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        text = clean(str(raw))
        by_id = next((choice.code for choice in allowed if text == choice.code), None)
        if by_id is not None:
            return by_id
        named = [choice for choice in allowed if choice.named_by(text)]
        if len(named) == 1:
            return named[0].code
        if named:
            # Two of one name (and birth year): taking the first would link the wrong one unseen.
            told = "; ".join(f"«{c.aliases[-1] if c.aliases else c.vi}»" for c in named[:5])
            raise ValueError(t(f"«{spec.vi}»: «{text}» có thể là {len(named)} bản ghi ({told}); hãy ghi đúng "
                               "một trong các tên đó.",
                               f"«{spec.en}»: «{text}» may be any of {len(named)} records ({told}); write one of "
                               "those names."))
        raise ValueError(t(f"«{spec.vi}»: không tìm thấy «{text}» (hoặc bản ghi đó đã bị hủy).",
                           f"«{spec.en}»: «{text}» was not found (or that record was voided)."))


class MultiCodec(Codec):
    kind = Kind.MULTI
    listed = True
    multiple = True
    hint_vi = "Một hoặc nhiều mục trong danh sách, cách nhau bằng dấu chấm phẩy"

    def _parse(self, spec: FieldSpec, raw: object, allowed: tuple[Choice, ...]) -> Stored:
        # Desk writes "; " between labels, and a label may hold a comma («Tổ lưu động, đến tận nhà»): a piece
        # between semicolons is a label whole, or else codes or labels between commas ("mobile,zalo").
        pieces: Iterable[object] = raw if isinstance(raw, (list, tuple, set, frozenset)) else str(raw).split(";")
        chosen = set()
        for piece in (clean(str(p)) for p in pieces):
            whole = next((c.code for c in allowed if c.named_by(piece)), None) if piece else None
            for item in [piece] if whole else (clean(i) for i in piece.split(",")):
                if not item:
                    continue
                match = whole or next((c.code for c in allowed if c.named_by(item)), None)
                if match is None:
                    raise ValueError(t(f"«{spec.vi}»: giá trị «{item}» không có trong danh mục.",
                                       f"«{spec.en}»: «{item}» is not in the list."))
                chosen.add(match)
        # Stored in the list's order, so equal choices give equal values.
        return ",".join(c.code for c in allowed if c.code in chosen) or None

    def _display(self, spec: FieldSpec, value: Stored, labels: Labels) -> str:
        names = labels.get(spec.name, {})
        return ", ".join(names.get(code, code) for code in value.split(","))

    def export(self, spec: FieldSpec, value: Stored, labels: Labels) -> object:
        if value is None or value == "":
            return None
        names = labels.get(spec.name, {})
        return "; ".join(names.get(code, code) for code in value.split(","))


CODECS: dict[Kind, Codec] = {codec.kind: codec for codec in (
    TextCodec(), LongTextCodec(), DateCodec(), IntCodec(), BoolCodec(), ChoiceCodec(), RefCodec(), MultiCodec())}
