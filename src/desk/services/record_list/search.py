"""Searching a register list in memory: rows narrowed word by word, matches ranked as they are read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, contains, not_
from typing import overload


@dataclass
class Rows:
    """Row ids with their search texts, side by side in one order (a base's, or its matches).

    The texts are kept as their UTF-8 bytes read a byte a character (latin-1: bytes_view), and a
    word is looked for in the same form. UTF-8 codes no character inside another's code, so the
    word is found there exactly where it is in the text, accents or not, and by Python's fastest
    search: one byte a character on both sides (one "ư" makes a str two bytes a character, and
    every search then converts the word first).
    """

    ids: list[int]
    keys: list[str]             # search_key
    folded: list[str]           # title_fold
    exact: list[str]            # title_casefold (the title in match_rank's exact form)
    flags: tuple[set[int], list[bool]] | None = None     # (flagged row ids, per row: is it in them)

    def narrowed(self, word: str) -> Rows:
        """The rows whose search text holds the word (itself when they all do)."""
        mask = list(map(contains, self.keys, repeat(as_bytes(word))))     # C loops: ~3x a comprehension
        if all(mask):
            return self
        flags = (self.flags[0], list(compress(self.flags[1], mask))) if self.flags is not None else None
        return Rows(list(compress(self.ids, mask)), list(compress(self.keys, mask)), list(compress(self.folded, mask)),
                    list(compress(self.exact, mask)), flags)

    def flagged(self, flagged: set[int]) -> int:
        """How many of the rows are flagged (kept per row, and carried to narrower rows)."""
        if self.flags is None or self.flags[0] is not flagged:
            self.flags = (flagged, list(map(flagged.__contains__, self.ids)))
        return sum(self.flags[1])


@dataclass
class Search:
    base: object
    words: tuple[str, ...]        # folded: what the rows matched
    exact_words: tuple[str, ...]  # casefolded: how they were ranked
    matched: Rows          # in the base's order, before ranking
    shown: Ranked


class Ranked(Sequence[int]):
    """The matches in text.match_rank's order (exact matches in the title, then folded ones, then
    the rest, each in the base's order), worked out only as far as they are read: the first
    screen of a search over 100k rows needs the first few hundred."""

    _CHUNK = 4096

    def __init__(self, rows: Rows, exact_words: tuple[str, ...], folded_words: tuple[str, ...]):
        self.rows = rows
        self._exact_words, self._folded_words = exact_words, folded_words
        self._done: list[int] = []
        self._phase, self._at = 0, 0        # phase 0: exact matches, 1: folded ones, 2: the rest
        self._rest_ids: list[int] = []      # rows not matched exactly, for phase 1
        self._rest_folded: list[str] = []
        self._last: list[int] = []          # rows not matched in the title, for phase 2

    def __len__(self) -> int:
        return len(self.rows.ids)

    @overload
    def __getitem__(self, position: int) -> int: ...

    @overload
    def __getitem__(self, position: slice) -> list[int]: ...

    def __getitem__(self, position: int | slice) -> int | list[int]:
        if isinstance(position, slice):
            stop = position.indices(len(self))[1]
            self._work(stop - 1)
            return self._done[position]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        self._work(position)
        return self._done[position]

    def __iter__(self) -> Iterator[int]:
        self._work(None)
        return iter(self._done)

    def index(self, key: int, *args: int) -> int:
        """The position of a row (a selection kept across a search): ranked only as far as it lies."""
        if args:
            self._work(None)
            return self._done.index(key, *args)
        if key not in self.rows.ids:        # not a match: no need to rank at all
            raise ValueError(key)
        start = 0
        while True:
            try:
                return self._done.index(key, start)
            except ValueError:
                if self._phase >= 3:
                    raise
                start = len(self._done)
                self._work(start + self._CHUNK)

    def _work(self, upto: int | None) -> None:
        """Rank until position `upto` is known (None: all)."""
        rows, chunk = self.rows, self._CHUNK
        while self._phase < 3 and (upto is None or len(self._done) <= upto):
            if self._phase == 0:
                a, b = self._at, min(self._at + chunk, len(rows.ids))
                ids = rows.ids[a:b]
                zero = holding(rows.exact[a:b], self._exact_words)
                others = list(map(not_, zero))
                self._done.extend(compress(ids, zero))
                self._rest_ids.extend(compress(ids, others))
                self._rest_folded.extend(compress(rows.folded[a:b], others))
                self._at = b
            elif self._phase == 1:
                a, b = self._at, min(self._at + chunk, len(self._rest_ids))
                ids = self._rest_ids[a:b]
                one = holding(self._rest_folded[a:b], self._folded_words)
                self._done.extend(compress(ids, one))
                self._last.extend(compress(ids, map(not_, one)))
                self._at = b
            else:
                self._done.extend(self._last)
                self._at = len(self._last)
            if self._at >= (len(rows.ids), len(self._rest_ids), len(self._last))[self._phase]:
                self._phase, self._at = self._phase + 1, 0


def holding(texts: list[str], words: Iterable[str]) -> list[bool]:
    """Per text (a bytes_view): does it hold every word."""
    mask = None
    for word in words:
        found = map(contains, texts, repeat(as_bytes(word)))
        mask = list(found) if mask is None else list(map(and_, mask, found))
    return mask if mask is not None else [True] * len(texts)


def as_bytes(word: str) -> str:
    """A word in the texts' form (bytes_view)."""
    return word if word.isascii() else word.encode().decode("latin-1")


def bytes_view(texts: list[bytes]) -> list[str]:
    """Each text's UTF-8 bytes read a byte a character (see Rows)."""
    return list(map(bytes.decode, texts, repeat("latin-1")))
