"""argparse's own words (its usage line, headings and complaints) in Vietnamese, as the rest of the commands."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

# argparse asks gettext for these (CPython ships no Vietnamese for them); one it asks that is not here
# (a newer Python's) stays in English rather than missing.
WORDS = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "subcommands": "lệnh",
    "show this help message and exit": "xem hướng dẫn này rồi thoát",
    "show program's version number and exit": "xem số phiên bản rồi thoát",
    " (default: %(default)s)": " (mặc định: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: cảnh báo: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "không có tham số này: %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ, có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    # The type's name is Python's (int, float): the value alone says it.
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
}
# Vietnamese nouns do not change with their number.
PLURAL_WORDS = {"expected %s argument": "cần %s giá trị", "conflicting option string: %s": "tùy chọn trùng: %s"}


def _word(message: str) -> str:
    return WORDS.get(message, message)


def _plural_word(singular: str, plural: str, n: int) -> str:
    return PLURAL_WORDS.get(singular, singular if n == 1 else plural)


@contextmanager
def vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese while parsers are built and arguments parsed (headings are taken when a
    parser is made, complaints when it parses), and its own language again after: tests run the commands
    in a process whose other parsers (pytest's) are not Desk's."""
    words, plurals = argparse._, argparse.ngettext      # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _word, _plural_word  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = words, plurals   # type: ignore[attr-defined]
