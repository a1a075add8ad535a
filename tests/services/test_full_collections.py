"""Garbage collection held back during long jobs, and given back as it was when they end."""

from __future__ import annotations

import gc

import pytest

from desk.services.full_collections import RARE_FULL, RARE_YOUNG, rare_collections, rare_full_collections


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(2000, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_a_consolidation_during_an_import_collects_least_often_and_the_import_keeps_its_own_after(thresholds):
    # Given an import running (full collections rare)
    with rare_full_collections():
        importing = gc.get_threshold()
        # When a consolidation runs beside it, then ends
        with rare_collections():
            both = gc.get_threshold()
        after = gc.get_threshold()
    # Then young collections were rare only while the consolidation ran, full ones throughout,
    # and Python's own thresholds are back once both ended
    assert importing == (2000, 10, RARE_FULL)
    assert both == (RARE_YOUNG, 10, RARE_FULL)
    assert after == importing
    assert gc.get_threshold() == (2000, 10, 10)


def test_a_failed_job_gives_the_thresholds_back_and_collection_switched_off_stays_off(thresholds):
    with pytest.raises(RuntimeError), rare_collections():
        raise RuntimeError("the job failed")
    assert gc.get_threshold() == (2000, 10, 10)
    gc.set_threshold(0, 10, 10)          # automatic collection off (by whoever runs Desk)
    with rare_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)
