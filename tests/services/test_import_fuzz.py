"""Fuzzing the import with mutated templates: always a message or an import, never a crash, 10 s or 500 MB."""

from __future__ import annotations

import io
import os
import random
import re
import resource
import time
import zipfile

import pytest

from desk.domain.registers import REGISTERS
from desk.errors import UserError
from desk.importers import worker
from desk.services import demo, importing, templates

SEED = int(os.environ.get("DESK_FUZZ_SEED", "1414"))
ROUNDS = int(os.environ.get("DESK_FUZZ_ROUNDS", "24"))     # ~0.5 s each: a worker process per import
MAX_SECONDS = 10.0
MAX_BYTES = 500 * 1024 ** 2

_STRANGE = ["\x00", "\x07", "\x1b", "\u202e", "\u200b", "\ufeff", "&amp;", "&lt;", "<", ">", "&", "\"", "'",
            "=SUM(A1)", "_x0000_", "_x001B_", "9" * 40, "-1", "1e308", "NaN", "Ạ" * 300, "𝔸", "\n" * 5,
            "31/02/2025", "00/00/0000", "-0", "TRUE", "#REF!"]


def _mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    text = xml.decode("utf-8", "replace")
    how = rng.randrange(9)
    at = rng.randrange(max(1, len(text)))
    if how == 0:                                  # cut a piece out
        return (text[:at] + text[at + rng.randrange(1, 400):]).encode()
    if how == 1:                                  # repeat a piece
        piece = text[at:at + rng.randrange(1, 2000)]
        return (text[:at] + piece * rng.randrange(2, 20) + text[at:]).encode()
    if how == 2:                                  # a strange value inside
        return (text[:at] + rng.choice(_STRANGE) + text[at:]).encode()
    if how == 3:                                  # a cell reference moved far or made odd
        refs = list(re.finditer(r'\br="([A-Z]*)(\d+)"', text))
        if refs:
            m = rng.choice(refs)
            new = rng.choice([f'r="{m.group(1)}{rng.randrange(1, 300_000)}"', 'r="IV1"', 'r="A0"', 'r="ZZZ9"',
                              'r=""', f'r="{m.group(1)}-5"'])
            return (text[:m.start()] + new + text[m.end():]).encode()
    if how == 4:                                  # a cell's type changed (a number said to be a string index...)
        types = list(re.finditer(r'\bt="(\w+)"', text))
        if types:
            m = rng.choice(types)
            return (text[:m.start()] + f't="{rng.choice(["s", "n", "b", "e", "d", "str", "inlineStr", "x"])}"'
                    + text[m.end():]).encode()
    if how == 5:                                  # a value changed to something odd
        values = list(re.finditer(r"<v>([^<]*)</v>", text))
        if values:
            m = rng.choice(values)
            return (text[:m.start()] + f"<v>{rng.choice(['-1', '99999999', '1e308', 'abc', '', '2.5', '-0'])}</v>"
                    + text[m.end():]).encode()
    if how == 6:                                  # a row hidden, or rows renumbered
        return re.sub(r"<row ", lambda m: '<row hidden="1" ' if rng.random() < 0.05 else m.group(0), text).encode()
    if how == 7:                                  # truncated
        return text[:at].encode()
    return xml[::-1] if rng.random() < 0.1 else text.replace("<c ", "<c ", 1).encode()


def _mutant(rng: random.Random, valid: bytes) -> bytes:
    if rng.random() < 0.15:                       # bytes of the package itself
        data = bytearray(valid)
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    source = zipfile.ZipFile(io.BytesIO(valid))
    names = source.namelist()
    xml_parts = [n for n in names if n.endswith((".xml", ".rels"))]
    chosen = set(rng.sample(xml_parts, k=rng.randrange(1, 3)))
    weights = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")     # where the data is: mutated more often
    chosen |= {n for n in weights if n in names and rng.random() < 0.6}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            if name in chosen:
                for _ in range(rng.randrange(1, 4)):
                    data = _mutate_xml(rng, data)
            target.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def valid_templates(tmp_path_factory):
    """A filled template of every register, exported from a Desk with demo data."""
    from desk.services import office
    from desk.services.workspace import open_workspace

    folder = tmp_path_factory.mktemp("fuzz-source")
    ws = open_workspace(str(folder))
    with ws.session() as session:
        office.set_office_unit(session, 11329)
    with ws.session() as session:
        demo.fill(session, ws.require_unit(), count=25)
    found = {}
    for name, reg in REGISTERS.items():
        path = folder / f"{name}.xlsx"
        with ws.session() as session:
            templates.export_template(session, reg, ws.require_unit(), path, with_records=True)
        found[name] = path.read_bytes()
    ws.engine.dispose()
    return found


def test_mutated_templates_give_a_message_or_an_import_never_a_crash(workspace, tmp_path, valid_templates,
                                                                     monkeypatch):
    # The reading worker gets 500 MB: a mutant that needed more would end it and be reported as too heavy.
    monkeypatch.setattr(worker, "MEMORY_CEILING", MAX_BYTES)
    rng = random.Random(SEED)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    outcomes = {"imported": 0, "listed": 0, "refused": 0}
    for round_ in range(ROUNDS):
        register = rng.choice(sorted(valid_templates))
        path = tmp_path / f"mutant-{round_:03d}-{register}.xlsx"
        path.write_bytes(_mutant(rng, valid_templates[register]))
        started = time.monotonic()
        try:
            plan = importing.import_file(workspace, path, dry_run=True)
        except UserError as exc:           # a message for the clerk; anything else fails the test
            assert str(exc).strip(), path.name
            assert getattr(exc, "kind", None) not in ("too_heavy", "timeout"), (path.name, str(exc))
            outcomes["refused"] += 1
        else:
            assert plan.problems or plan.planned or plan.needs_legacy_decision, path.name
            assert all(p.line() for p in plan.problems)
            outcomes["listed" if plan.problems else "imported"] += 1
        assert time.monotonic() - started < MAX_SECONDS, path.name
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - peak_before
    assert grown < MAX_BYTES
    # The mutants are not all thrown out at the door: some reach the row checks, some import cleanly
    assert outcomes["refused"] < ROUNDS and outcomes["listed"] + outcomes["imported"] > 0, outcomes
