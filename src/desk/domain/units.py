"""The official list of 34 provinces and 3,321 commune-level units (vietnam-provinces)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import metadata

from desk.domain.lang import t
from desk.domain.text import holds, search_form, search_words, vi_sort_key
from desk.errors import UserError

# The kinds of unit the package puts in front of a unit's own name ("Phường Ngô Quyền").
KINDS = ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu")
_TYPE_PREFIXES = tuple(f"{kind} " for kind in KINDS)


def _short(name: str) -> str:
    for prefix in _TYPE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: the kind in lower case, the proper name as it is ("thành phố
    Hải Phòng", "phường Ngô Quyền"), as Decree 30 writes a common noun followed by a proper name."""
    for prefix in _TYPE_PREFIXES:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix):]
    return name


def _committee(name: str) -> str:
    return f"Ủy ban nhân dân {in_sentence(name)}"


@dataclass(frozen=True)
class ProvinceInfo:
    code: int
    name: str          # "Thành phố Hải Phòng"

    @property
    def short_name(self) -> str:
        return _short(self.name)

    @property
    def in_sentence(self) -> str:
        """Its name inside a sentence: "thành phố Hải Phòng"."""
        return in_sentence(self.name)

    @property
    def committee(self) -> str:
        """Its People's Committee as a sentence names it: "Ủy ban nhân dân thành phố Hải Phòng"."""
        return _committee(self.name)


@dataclass(frozen=True)
class Unit:
    code: int
    name: str          # "Phường Ngô Quyền"
    unit_type: str     # "xã" | "phường" | "đặc khu"
    province: ProvinceInfo

    @property
    def short_name(self) -> str:
        """The place name used in a document's date line: "Ngô Quyền"."""
        return _short(self.name)

    @property
    def display(self) -> str:
        return f"{self.name}, {self.province.name}"

    @property
    def in_sentence(self) -> str:
        """Its name inside a sentence: "phường Ngô Quyền"."""
        return in_sentence(self.name)

    @property
    def committee(self) -> str:
        """Its People's Committee as a sentence names it: "Ủy ban nhân dân phường Ngô Quyền"."""
        return _committee(self.name)

    @property
    def committee_lines(self) -> tuple[str, str]:
        """The issuing-body block of a report: ("ỦY BAN NHÂN DÂN", "PHƯỜNG NGÔ QUYỀN")."""
        return "ỦY BAN NHÂN DÂN", self.name.upper()

    @cached_property
    def search_text(self) -> str:
        """Its name, its province's and its code in text.search_form (what a search looks in)."""
        return search_form(f"{self.name} {self.province.name} {self.code}")


# Where the database keeps the office's unit (setting rows): its code, and its names as the official
# list gave them with that list's version (the window's title, the sign-in and the home screen need them at
# every start; reading the list itself costs ~50 ms).
UNIT_KEY = "office.unit_code"
UNIT_NAMES_KEY = "office.unit_names"
UNITS_PACKAGE = "vietnam-provinces"


# The installed package cannot change while Desk runs: asked once (reading its metadata costs ~7 ms, and the
# unit is looked up several times on the way to the window).
@cache
def list_version() -> str | None:
    """The official unit list's version this Desk uses (None in a build without the package's metadata)."""
    try:
        return metadata.version(UNITS_PACKAGE)
    except metadata.PackageNotFoundError:     # a build without the package's metadata: no shortcut
        return None


def remembered(stored: str, code: str) -> Unit | None:
    """The unit saved with its code, if saved from the official list's installed version (else None:
    look it up again, the list may have renamed it)."""
    try:
        saved = json.loads(stored) if stored else None
        if not saved or str(saved["code"]) != code.strip() or saved["version"] != list_version():
            return None
        return Unit(int(saved["code"]), saved["name"], saved["unit_type"],
                    ProvinceInfo(int(saved["province_code"]), saved["province_name"]))
    except (ValueError, KeyError, TypeError):
        return None


@cache
def provinces() -> tuple[ProvinceInfo, ...]:
    from vietnam_provinces import Province  # the list loads on first use (~30 ms): not at every start

    found = (ProvinceInfo(int(p.code), p.name) for p in Province.iter_all())
    return tuple(sorted(found, key=lambda p: vi_sort_key(p.short_name)))


@cache
def _province_by_code() -> dict[int, ProvinceInfo]:
    return {p.code: p for p in provinces()}


@cache
def _unit_by_code() -> dict[int, Unit]:
    # Unsorted on purpose: looking up the office's unit at start-up must not pay for collation.
    from vietnam_provinces import Ward

    by_code = _province_by_code()
    return {int(w.code): Unit(int(w.code), w.name, str(w.division_type.value), by_code[int(w.province_code)])
            for w in Ward.iter_all()}


def codes() -> frozenset[int]:
    """Every unit's code (unsorted: where only membership matters, collation is not paid for)."""
    return frozenset(_unit_by_code())


@cache
def all_units() -> tuple[Unit, ...]:
    return tuple(sorted(_unit_by_code().values(), key=lambda u: vi_sort_key(u.short_name)))


def units_of(province_code: int) -> tuple[Unit, ...]:
    return tuple(u for u in all_units() if u.province.code == province_code)


def province(code: int) -> ProvinceInfo:
    try:
        return _province_by_code()[int(code)]
    except (KeyError, ValueError):
        raise UserError(t(f"Không có tỉnh, thành phố mã «{code}» trong danh mục 34 tỉnh, thành phố.",
                          f"No province has the code «{code}».")) from None


def unit(code: int | str) -> Unit:
    """The unit with this official code, or a UserError that names the code."""
    try:
        return _unit_by_code()[int(str(code).strip())]
    except (KeyError, ValueError):
        raise UserError(t(
            f"Không có đơn vị hành chính cấp xã mã «{code}» trong danh mục 3.321 xã, phường, đặc khu "
            "(mã theo gói vietnam-provinces, ví dụ 11329 là Phường Ngô Quyền, Hải Phòng).",
            f"No commune-level unit has the code «{code}» (codes as in vietnam-provinces, "
            "e.g. 11329 is Phường Ngô Quyền, Hải Phòng).")) from None


def search(query: str, province_code: int | None = None) -> list[Unit]:
    """Units whose name, province or code holds every typed word, as a register's search finds them
    (text.search_words): each word where a word starts ("an" must not match every "Thanh" and "Phường"),
    punctuation as a space ("Ngô Quyền, Hải Phòng"), a number anywhere in the code."""
    typed = search_words(query)
    pool = units_of(province_code) if province_code else all_units()
    return [u for u in pool if holds(typed, u.search_text)]
