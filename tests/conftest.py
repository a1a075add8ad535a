"""Shared fixtures: a fresh data folder with the office set to Phường Ngô Quyền (Hải Phòng)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desk.domain import lang, passwords
from desk.services import office
from desk.services.workspace import open_workspace

NGO_QUYEN = 11329
# The suite hashes passwords thousands of times: at a cheaper scrypt cost than Desk's (2**17, 128 MB).
# tests/domain/test_passwords.py proves the production cost; processes the tests start use it too.
passwords.N = 2 ** 12


@pytest.fixture(autouse=True)
def _vietnamese_and_isolated(monkeypatch, tmp_path):
    """Every test starts in Vietnamese and can never touch the real user data folder."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "default-data"))
    lang.set_language("vi")
    yield
    lang.set_language("vi")


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def workspace(data_dir):
    ws = open_workspace(str(data_dir))
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    yield ws
    ws.engine.dispose()
