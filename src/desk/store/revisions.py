"""The schema revisions Desk ships, read from the revision files' headers without loading Alembic."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Alembic costs ~0.2 s to import; a start-up with an up-to-date database must not pay it. The
# revision graph is read from the revision files' own headers instead (tests compare it with Alembic's).
_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision\s*=\s*(None|["\']([^"\']+)["\'])', re.M)


@cache
def _graph() -> dict[str, str | None]:
    graph = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            graph[revision.group(1)] = down.group(2)
    return graph


def head_revision() -> str:
    graph = _graph()
    (head,) = set(graph) - set(graph.values())
    return head


def known_revisions() -> set[str]:
    return set(_graph())
