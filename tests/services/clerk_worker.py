"""One clerk's Desk in its own process for the concurrency tests: many saves of shared records, report numbers taken."""

from __future__ import annotations

import json
import random
import sys

from desk.domain import passwords
from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records, reporting
from desk.services.workspace import open_workspace

passwords.N = 2 ** 12


def main(url: str, folder: str, name: str, saves: int, numbers: int, seed: int) -> dict:
    """Each save adds one to a shared record's impact_count from the version it read; a save refused
    because another clerk saved first is read again and retried, as a clerk would after the message."""
    rng = random.Random(seed)
    workspace = open_workspace(folder, database=url)
    actor = Actor(name, Role.CLERK)
    with workspace.session() as session:
        ids = [row["id"] for row in records.query(session, OBSTACLES, records.RecordQuery(unit_code=UNIT))]
    refused = 0
    for _ in range(saves):
        record_id = rng.choice(ids)
        while True:
            with workspace.session() as session:
                record = records.get(session, OBSTACLES, record_id)
                values, version = records.stored_values(record, OBSTACLES), record.version
            values["impact_count"] = (values["impact_count"] or 0) + 1
            try:
                with workspace.session() as session:
                    records.save(session, OBSTACLES, values, unit_code=UNIT, record_id=record_id, actor=actor,
                                 version=version)
                break
            except records.RecordChanged:
                refused += 1
    taken = []
    for _ in range(numbers):
        with workspace.session() as session:
            taken.append(reporting.take_number(session, 2026, "BC-UBND"))
    workspace.engine.dispose()
    return {"refused": refused, "numbers": taken}


UNIT = 11329

if __name__ == "__main__":
    url, folder, name, saves, numbers, seed = sys.argv[1:7]
    print(json.dumps(main(url, folder, name, int(saves), int(numbers), int(seed))))
