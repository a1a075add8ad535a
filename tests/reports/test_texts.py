"""What no cell can hold, found in many texts at once as openpyxl finds it in one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.reports.texts import ILLEGAL_CHARACTERS_RE, any_illegal


@given(st.lists(st.text(), max_size=8))
def test_any_illegal_finds_what_the_cell_s_own_check_finds(texts):
    assert any_illegal(texts) == any(ILLEGAL_CHARACTERS_RE.search(text) for text in texts)


def test_line_breaks_tabs_and_vietnamese_are_held_and_every_control_character_is_not():
    assert not any_illegal(["Trụ sở\tchật hẹp\r\nthiếu phòng", "Ngô Quyền", "\ud800 lẻ"])
    for code in [*range(0, 9), 11, 12, *range(14, 32)]:
        assert any_illegal(["Trụ sở", f"Ngô{chr(code)}Quyền"]), code


def test_a_value_that_is_not_text_is_said_so():
    with pytest.raises(TypeError):
        any_illegal(["Trụ sở", 3])
