"""The collector held off while the window starts is always running again once the start is over."""

from __future__ import annotations

import gc

import pytest

from desk import start_gc


@pytest.fixture(autouse=True)
def _collector_as_before():
    yield
    gc.unfreeze()
    gc.enable()


def test_off_while_starting_then_on_with_the_start_set_aside():
    with start_gc.held():
        assert not gc.isenabled()
        start_gc.started()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled()
    start_gc.signed_out()
    assert gc.get_freeze_count() == 0


def test_on_again_when_the_start_fails_before_the_window_is_up():
    with pytest.raises(RuntimeError), start_gc.held():
        raise RuntimeError("the data folder could not be opened")
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    with start_gc.held():
        start_gc.started()
    assert not gc.isenabled()
