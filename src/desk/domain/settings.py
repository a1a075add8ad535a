"""Settings declared once: key, type, default, limits, labels, help, who may change it, effective date.

A group of settings is a class whose attributes are `Setting`s (Picard's options, qutebrowser's
configtypes): the declaration drives loading from text, saving as text, checking typed input,
the settings screen (desk.ui builds an editor per `SettingType.editor`) and the audit entry.

    class Rules(SettingGroup, prefix="rules.", vi="Quy định", en="Rules"):
        ending_soon_days = Setting(Whole(1, 365), 30, "Báo trước khi kết thúc (ngày)", "Warn before the end (days)")

    rules = Rules.load(stored.get)          # rules.ending_soon_days is an int
    Rules.parse({"ending_soon_days": "0"})  # ValidationError naming the setting, in Vietnamese

A `Rule` is a setting with an effective date (DOMAIN.md: rules change fast; a rule applies to
periods that end on or after the day it took effect): `group.at(day)` gives the values in force
on a day, the earlier value before the rule's date. The date itself is stored beside the value
(key + "@from") so a province can correct it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar, cast, overload

from desk.domain.access import Permission
from desk.domain.fields import Choice
from desk.domain.formats import format_date_vi
from desk.domain.kinds import yes_or_no
from desk.domain.lang import t
from desk.domain.text import clean, nfc
from desk.errors import ValidationError

T = TypeVar("T")
G = TypeVar("G", bound="SettingGroup")
FROM = "@from"          # the stored key of a rule's effective date: "rules.deputy_average@from"


class SettingError(ValueError):
    """A typed value that does not fit its setting; the message names the setting."""


# --- types -----------------------------------------------------------------------------------

class SettingType(Generic[T]):
    """How one kind of setting is typed in, checked, stored as text and shown; `editor` names the
    widget desk.ui builds for it."""

    editor: ClassVar[str] = "text"

    def parse(self, label: str, raw: object) -> T:
        """A typed or stored value to the setting's value, or SettingError naming `label`."""
        raise NotImplementedError

    def dump(self, value: T) -> str:
        """The stored text (the settings table and the INI file keep text)."""
        return "" if value is None else str(value)

    def show(self, value: T) -> str:
        """How a message or the audit trail shows the value."""
        return self.dump(value)


def _text(raw: object) -> str:
    return clean(str(raw)) if raw is not None else ""


@dataclass(frozen=True)
class Whole(SettingType[int]):
    minimum: int
    maximum: int
    editor: ClassVar[str] = "whole"

    def parse(self, label: str, raw: object) -> int:
        if isinstance(raw, bool):
            raise SettingError(t(f"«{label}» phải là một số nguyên.", f"«{label}» must be a whole number."))
        if isinstance(raw, int):
            value = raw
        else:
            text = _text(raw).replace(".", "").replace(" ", "")
            try:
                value = int(text)
            except ValueError:
                raise SettingError(t(f"«{label}» phải là một số nguyên, không phải «{raw}».",
                                     f"«{label}» must be a whole number, not «{raw}».")) from None
        if not self.minimum <= value <= self.maximum:
            raise SettingError(t(f"«{label}» phải từ {self.minimum} đến {self.maximum}.",
                                 f"«{label}» must be {self.minimum} to {self.maximum}."))
        return value


@dataclass(frozen=True)
class Decimal(SettingType[float]):
    minimum: float
    maximum: float
    step: float = 0.5
    decimals: int = 1
    editor: ClassVar[str] = "decimal"

    def parse(self, label: str, raw: object) -> float:
        if isinstance(raw, bool):
            raise SettingError(t(f"«{label}» phải là một số.", f"«{label}» must be a number."))
        if isinstance(raw, int | float):
            value = float(raw)
        else:
            try:
                value = float(_text(raw).replace(",", "."))      # "2,5" is how it is written here
            except ValueError:
                raise SettingError(t(f"«{label}» phải là một số, không phải «{raw}».",
                                     f"«{label}» must be a number, not «{raw}».")) from None
        if not self.minimum <= value <= self.maximum:
            low, high = (f"{v:g}".replace(".", ",") for v in (self.minimum, self.maximum))
            raise SettingError(t(f"«{label}» phải từ {low} đến {high}.", f"«{label}» must be {low} to {high}."))
        return value

    def dump(self, value: float) -> str:
        return "" if value is None else f"{value:g}"

    def show(self, value: float) -> str:
        return "" if value is None else f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class Text(SettingType[str]):
    max_length: int = 200
    verbatim: bool = False      # kept exactly as given (a folder's path), not tidied as typed text
    editor: ClassVar[str] = "text"

    def parse(self, label: str, raw: object) -> str:
        value = ("" if raw is None else str(raw)) if self.verbatim else _text(raw)
        if len(value) > self.max_length:
            raise SettingError(t(f"«{label}» dài {len(value)} ký tự, tối đa {self.max_length}.",
                                 f"«{label}» has {len(value)} characters; the maximum is {self.max_length}."))
        return value


@dataclass(frozen=True)
class Lines(SettingType[tuple[str, ...]]):
    """Several lines of text (recipients): stored one a line, blank lines dropped."""

    max_lines: int = 30
    editor: ClassVar[str] = "lines"

    def parse(self, label: str, raw: object) -> tuple[str, ...]:
        items = raw if isinstance(raw, list | tuple) else nfc(str(raw or "")).splitlines()
        lines = tuple(line for line in (_text(i) for i in items) if line)
        if len(lines) > self.max_lines:
            raise SettingError(t(f"«{label}» có {len(lines)} dòng, tối đa {self.max_lines}.",
                                 f"«{label}» has {len(lines)} lines; the maximum is {self.max_lines}."))
        return lines

    def dump(self, value: tuple[str, ...]) -> str:
        return "\n".join(value)

    def show(self, value: tuple[str, ...]) -> str:
        return "; ".join(value)


@dataclass(frozen=True)
class OneOf(SettingType[str]):
    choices: tuple[Choice, ...]
    editor: ClassVar[str] = "one_of"

    def parse(self, label: str, raw: object) -> str:
        text = _text(raw)
        for choice in self.choices:
            if choice.named_by(text):
                return choice.code
        names = ", ".join(c.label for c in self.choices)
        raise SettingError(t(f"«{label}»: «{text}» không có trong danh sách ({names}).",
                             f"«{label}»: «{text}» is not one of {names}."))

    def show(self, value: str) -> str:
        return next((c.vi for c in self.choices if c.code == value), value)


@dataclass(frozen=True)
class SomeOf(SettingType[tuple[str, ...]]):
    """Several codes of a fixed list, kept in the list's order; at_least of them."""

    choices: tuple[Choice, ...]
    at_least: int = 0
    editor: ClassVar[str] = "some_of"

    def parse(self, label: str, raw: object) -> tuple[str, ...]:
        items = raw if isinstance(raw, list | tuple | set | frozenset) else str(raw or "").split(",")
        chosen = set()
        for item in (_text(i) for i in items):
            if not item:
                continue
            code = next((c.code for c in self.choices if c.named_by(item)), None)
            if code is None:
                raise SettingError(t(f"«{label}»: «{item}» không có trong danh sách.", f"«{label}»: unknown «{item}»."))
            chosen.add(code)
        if len(chosen) < self.at_least:
            many = "một" if self.at_least == 1 else str(self.at_least)
            raise SettingError(t(f"«{label}»: chọn ít nhất {many} mục.",
                                 f"«{label}»: choose at least {self.at_least}."))
        return tuple(c.code for c in self.choices if c.code in chosen)

    def dump(self, value: tuple[str, ...]) -> str:
        return ",".join(value)

    def show(self, value: tuple[str, ...]) -> str:
        return ", ".join(next((c.vi for c in self.choices if c.code == code), code) for code in value)


@dataclass(frozen=True)
class Day(SettingType[date]):
    editor: ClassVar[str] = "day"

    def parse(self, label: str, raw: object) -> date:
        from desk.domain.periods import PeriodError, parse_date_vi

        if isinstance(raw, date):
            return raw
        text = _text(raw)
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return parse_date_vi(text)
        except PeriodError as exc:
            raise SettingError(t(f"«{label}»: {exc}", f"«{label}»: {exc}")) from None

    def dump(self, value: date) -> str:
        return value.isoformat()

    def show(self, value: date) -> str:
        return format_date_vi(value)


@dataclass(frozen=True)
class Days(SettingType[frozenset[date]]):
    """A set of days (holidays), typed dd/mm/yyyy one a line or separated by commas."""

    editor: ClassVar[str] = "days"

    def parse(self, label: str, raw: object) -> frozenset[date]:
        items = raw if isinstance(raw, list | tuple | set | frozenset) else \
            str(raw or "").replace(";", ",").replace("\n", ",").split(",")
        one = Day()
        return frozenset(one.parse(label, item) for item in items
                         if isinstance(item, date) or _text(item))

    def dump(self, value: frozenset[date]) -> str:
        return ",".join(d.isoformat() for d in sorted(value))

    def show(self, value: frozenset[date]) -> str:
        return ", ".join(format_date_vi(d) for d in sorted(value))


@dataclass(frozen=True)
class Flag(SettingType[bool]):
    editor: ClassVar[str] = "flag"

    def parse(self, label: str, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        return yes_or_no(_text(raw)) is True

    def dump(self, value: bool) -> str:
        return "1" if value else "0"

    def show(self, value: bool) -> str:
        return t("có", "yes") if value else t("không", "no")


@dataclass(frozen=True)
class Blob(SettingType[bytes]):
    """Bytes kept as base64 text (a window's geometry); never shown on the settings screen."""

    editor: ClassVar[str] = ""

    def parse(self, label: str, raw: object) -> bytes:
        if isinstance(raw, bytes | bytearray):
            return bytes(raw)
        try:
            return base64.b64decode(str(raw or ""), validate=True)
        except (binascii.Error, ValueError):
            raise SettingError(t(f"«{label}» bị hỏng.", f"«{label}» is damaged.")) from None

    def dump(self, value: bytes) -> str:
        return base64.b64encode(value).decode("ascii")


# --- declarations ----------------------------------------------------------------------------

class Setting(Generic[T]):
    """One setting: its type, default (a value, or a function of the group's context, e.g. the
    office's unit), labels, help, and the permission needed to change it (None: a preference of
    this computer that anyone may change)."""

    def __init__(self, type_: SettingType[T], default: T | Callable[[Any], T], vi: str, en: str, *,
                 help_vi: str = "", help_en: str = "", permission: Permission | None = Permission.CHANGE_SETTINGS,
                 shown: bool = True, key: str = "", placeholder: Callable[[Any], str] | None = None):
        self.type, self.default, self.vi, self.en = type_, default, vi, en
        self.placeholder = placeholder      # what an empty value stands for (shown greyed in its editor)
        self.help_vi, self.help_en = help_vi, help_en
        self.permission, self.shown = permission, shown
        self._key = key
        self.name = ""
        self.group: type[SettingGroup] | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...

    @overload
    def __get__(self, obj: SettingGroup, owner: type) -> T: ...

    def __get__(self, obj: SettingGroup | None, owner: type) -> Setting[T] | T:
        if obj is None:
            return self
        return cast(T, obj._values[self.name])     # the group holds this setting's value under its name

    @property
    def key(self) -> str:
        """The stored key: the group's prefix and the attribute's name, unless declared."""
        return self._key or f"{self.group.prefix if self.group else ''}{self.name}"

    @property
    def label(self) -> str:
        return t(self.vi, self.en)

    @property
    def help(self) -> str:
        return t(self.help_vi, self.help_en)

    def default_for(self, context: Any) -> T:
        return self.default(context) if callable(self.default) else self.default

    def parse(self, raw: object) -> T:
        return self.type.parse(self.label, raw)


class Rule(Setting[T]):
    """A setting with an effective date: it applies to periods ending on or after `effective`;
    earlier periods get `earlier` (None: no such rule then)."""

    def __init__(self, type_: SettingType[T], default: T, vi: str, en: str, *, effective: date,
                 earlier: T | None = None, earlier_vi: str = "", earlier_en: str = "", **kwargs: Any):
        super().__init__(type_, default, vi, en, **kwargs)
        self.effective, self.earlier = effective, earlier
        self.earlier_vi, self.earlier_en = earlier_vi, earlier_en

    @overload      # type: ignore[override]
    def __get__(self, obj: None, owner: type) -> Rule[T]: ...

    @overload
    def __get__(self, obj: SettingGroup, owner: type) -> T | None: ...

    def __get__(self, obj: SettingGroup | None, owner: type) -> Rule[T] | T | None:
        if obj is None:
            return self
        return cast(T | None, obj._values[self.name])     # its value, or the earlier one (at())

    @property
    def earlier_label(self) -> str:
        """What applies before the effective date, as the settings screen says it."""
        return t(self.earlier_vi, self.earlier_en)


class SettingGroup:
    """A group of settings stored under one prefix, shown as one page of the settings screen.

    An instance holds one value per setting (and each rule's effective date); instances are
    made by `defaults`, `load` (stored text; a value that no longer parses falls back to its
    default) and `parse` (typed input; ValidationError keyed by setting name naming each bad one).
    """

    prefix: ClassVar[str] = ""
    vi: ClassVar[str] = ""
    en: ClassVar[str] = ""
    _settings: ClassVar[tuple[Setting[Any], ...]] = ()

    def __init_subclass__(cls, *, prefix: str = "", vi: str = "", en: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix, cls.vi, cls.en = prefix, vi, en
        found = [v for v in vars(cls).values() if isinstance(v, Setting)]
        for setting in found:
            setting.group = cls
        cls._settings = tuple(found)

    def __init__(self, values: Mapping[str, object], effective: Mapping[str, date] | None = None,
                 context: Any = None):
        self._values = dict(values)
        self._effective = dict(effective or {})
        self._context = context

    # -- the declaration ---------------------------------------------------------------------
    @classmethod
    def settings(cls) -> tuple[Setting[Any], ...]:
        return cls._settings

    @classmethod
    def setting(cls, name: str) -> Setting[Any]:
        return next(s for s in cls._settings if s.name == name)

    @classmethod
    def label(cls) -> str:
        return t(cls.vi, cls.en)

    # -- making values -----------------------------------------------------------------------
    @classmethod
    def defaults(cls: type[G], context: Any = None) -> G:
        return cls({s.name: s.default_for(context) for s in cls._settings},
                   {s.name: s.effective for s in cls._settings if isinstance(s, Rule)}, context)

    @classmethod
    def load(cls: type[G], stored: Callable[[str], str | None], context: Any = None) -> G:
        """From stored text (`stored(key)` -> text or None); a damaged value is its default."""
        base = cls.defaults(context)
        values, effective = dict(base._values), dict(base._effective)
        for s in cls._settings:
            text = stored(s.key)
            if text is not None:
                try:
                    values[s.name] = s.parse(text)
                except SettingError:
                    pass
            if isinstance(s, Rule) and (day := stored(s.key + FROM)):
                try:
                    effective[s.name] = Day().parse(s.label, day)
                except SettingError:
                    pass
        return cls(values, effective, context)

    @classmethod
    def parse(cls: type[G], typed: Mapping[str, object], context: Any = None, base: G | None = None) -> G:
        """From typed input (name -> text or value; names left out keep `base`'s or the default)."""
        start = base if base is not None else cls.defaults(context)
        values, effective = dict(start._values), dict(start._effective)
        errors: dict[str, str] = {}
        for s in cls._settings:
            if s.name in typed:
                try:
                    values[s.name] = s.parse(typed[s.name])
                except SettingError as exc:
                    errors[s.name] = str(exc)
            if isinstance(s, Rule) and s.name + FROM in typed:
                try:
                    effective[s.name] = Day().parse(s.label, typed[s.name + FROM])
                except SettingError as exc:
                    errors[s.name + FROM] = str(exc)
        if errors:
            raise ValidationError(errors)
        return cls(values, effective, start._context)

    # -- reading -----------------------------------------------------------------------------
    def value(self, name: str) -> object:
        return self._values[name]

    def effective(self, name: str) -> date | None:
        return self._effective.get(name)

    def at(self: G, day: date) -> G:
        """The values in force for a period ending on `day`: a rule not yet in force gives way to
        the earlier one."""
        values = dict(self._values)
        for s in self._settings:
            if isinstance(s, Rule) and day < self._effective[s.name]:
                values[s.name] = s.earlier
        return type(self)(values, self._effective, self._context)

    def stored(self) -> dict[str, str]:
        """key -> stored text, each rule's effective date included."""
        out = {}
        for s in self._settings:
            out[s.key] = s.type.dump(self._values[s.name])
            if isinstance(s, Rule):
                out[s.key + FROM] = self._effective[s.name].isoformat()
        return out

    def shown(self) -> dict[str, str]:
        """key -> the value as people read it (the audit trail's old and new values)."""
        out = {}
        for s in self._settings:
            out[s.key] = s.type.show(self._values[s.name])
            if isinstance(s, Rule):
                out[s.key + FROM] = format_date_vi(self._effective[s.name])
        return out

    def __iter__(self) -> Iterator[tuple[Setting[Any], object]]:
        return iter((s, self._values[s.name]) for s in self._settings)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values == self._values \
            and other._effective == self._effective

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._values!r})"

    def replace(self: G, **changes: object) -> G:
        return type(self)({**self._values, **changes}, self._effective, self._context)


def key_setting(groups: tuple[type[SettingGroup], ...], key: str) -> Setting[Any] | None:
    """The setting stored under `key` (a rule's "@from" key gives the rule)."""
    base = key.removesuffix(FROM)
    return next((s for g in groups for s in g.settings() if s.key == base), None)
