"""One declaration per field: storage kind, labels, choices, checks, column width and its flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from desk.domain.kinds import CODECS, Codec, Kind, Stored
from desk.domain.lang import t
from desk.domain.text import fold, invisible_character

__all__ = ["TODAY", "Choice", "FieldSpec", "Kind", "by_name"]

TODAY = "today"   # a date field's default: the day the form is opened


@dataclass(frozen=True)
class Choice:
    code: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()   # labels it was shown with before, which older files still carry

    @property
    def label(self) -> str:
        return t(self.vi, self.en)

    def named_by(self, text: str) -> bool:
        """Whether a cell's text names this choice: its code, or a label it has or had, in either
        language, accents, case and the kind of dash aside."""
        named = _as_named(text)
        return text == self.code or named in (_as_named(self.vi), _as_named(self.en)) or \
            any(named == _as_named(alias) for alias in self.aliases)


# A list's «Phòng Văn hóa – Xã hội» is typed "Phòng Văn hóa - Xã hội" (no key gives the en dash).
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_AROUND_DASH = re.compile(r" ?- ?")


@lru_cache(maxsize=1 << 16)
def _as_named(text: str) -> str:
    """A label as a cell's text is compared with it: folded, any dash a hyphen with no space around it."""
    return _AROUND_DASH.sub("-", fold(text).translate(_DASHES))


@dataclass(frozen=True)
class FieldSpec:
    """Everything the table, form, validation, exporter and importer need to know of a field."""

    name: str
    vi: str
    en: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: str | None = None      # name of a choice list (fixed, or editable in the store)
    max_length: int | None = None
    minimum: int | None = None
    pattern: str | None = None      # a regular expression the whole value must match
    pattern_vi: str = ""            # what the pattern means, for the message
    pattern_en: str = ""
    width: int = 16                 # column width in characters (Excel; the table scales it)
    in_table: bool = True
    in_form: bool = True
    in_export: bool = True
    help_vi: str = ""
    help_en: str = ""
    default: object = None          # pre-filled in a new record's form (TODAY for "the day it opens")
    ref: str | None = None          # Kind.REF: the table name of the register referred to
    compact: bool = False           # drop spaces, dots and dashes typed inside (ID and phone numbers)
    name_sort: bool = False         # sort by given name, then middle, then family name (people)
    suggest: str | None = None      # the form offers completions: "bodies" = official units, departments
    # A body that is the unit itself when another field has a value ("direction", "out": a movement out is
    # sent by the commune): the form fills it in with the unit's name, as the clerk would.
    ours_when: tuple[str, str] | None = None
    indexed: bool = False           # the store indexes the column (the register filters or sorts by it)
    # Follow-up: still editable on a record of a locked period (an obstacle raised in a submitted
    # month must still move on and be resolved); a follow-up date may not fall in a locked period.
    follow_up: bool = False
    searched: bool = False          # part of the register's search text
    digits: int | None = None       # a code of this many digits, leading zeros included (a citizen ID)
    # How else a sheet heads the column: a clerk's words ("Số CCCD"), or a label Desk wrote before ("Chiều").
    headings: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def codec(self) -> Codec:
        return CODECS[self.kind]

    @property
    def label(self) -> str:
        return t(self.vi, self.en)

    @property
    def help(self) -> str:
        return t(self.help_vi, self.help_en)

    def check(self, value: Stored) -> str | None:
        """The message for a bad value of this field alone, or None."""
        empty = value is None or value == ""
        if empty:
            if self.required and self.codec.listed:
                return t(f"Chưa chọn «{self.vi}» (bắt buộc).", f"Choose «{self.en}» (required).")
            if self.required:
                return t(f"Chưa nhập «{self.vi}» (bắt buộc).", f"«{self.en}» is required.")
            return None
        free_text = isinstance(value, str) and not self.codec.listed
        if free_text and (bad := invisible_character(value)):
            return t(f"«{self.vi}» chứa ký tự không nhìn thấy được ({bad}); hãy xóa ký tự này (thường do dán "
                     "từ chương trình khác).",
                     f"«{self.en}» holds an invisible character ({bad}); delete it (it usually comes from "
                     "pasting from another program).")
        if free_text and self.max_length and len(value) > self.max_length:
            return t(f"«{self.vi}» dài {len(value)} ký tự, tối đa {self.max_length}.",
                     f"«{self.en}» has {len(value)} characters; the maximum is {self.max_length}.")
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            return t(f"«{self.vi}» không được nhỏ hơn {self.minimum}.",
                     f"«{self.en}» cannot be less than {self.minimum}.")
        if self.pattern and not re.fullmatch(self.pattern, str(value)):
            return t(f"«{self.vi}» không hợp lệ: {self.pattern_vi}.",
                     f"«{self.en}» is not valid: {self.pattern_en}.")
        return None


def by_name(fields: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    return {f.name: f for f in fields}
