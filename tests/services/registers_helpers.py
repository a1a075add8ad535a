"""Records of every register for service, report and UI tests, saved as a clerk would."""

from __future__ import annotations

from tests.conftest import NGO_QUYEN

from desk.domain.registers.frames import REGISTER as STAFFING_FRAMES
from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.registers.visits import REGISTER as VISITS
from desk.services import records


def save(workspace, reg, **values) -> str:
    with workspace.session() as session:
        return records.save(session, reg, values, unit_code=NGO_QUYEN)


def official(workspace, name="Nguyễn Văn An", office="economy", title="staff", category="civil_servant",
             status="working", **more) -> str:
    values = {"full_name": name, "staff_category": category, "office": office, "title": title, "status": status}
    values.update(more)
    return save(workspace, OFFICIALS, **values)


def frame(workspace, office="economy", authorised=5, effective="01/07/2025", **more) -> str:
    return save(workspace, STAFFING_FRAMES, office=office, authorised=authorised, effective_date=effective, **more)


def movement(workspace, kind="secondment", direction="out", start="01/09/2025", **more) -> str:
    return save(workspace, MOVEMENTS, kind=kind, direction=direction, start_date=start, **more)


def visit(workspace, start="10/09/2025", body="Bộ Nội vụ", **more) -> str:
    values = {"start_date": start, "kind": "survey", "team_body": body, "content": "Khảo sát bộ máy"}
    values.update(more)
    return save(workspace, VISITS, **values)


def initiative(workspace, name="Thứ bảy thân thiện", channels=("in_person",), status="active", **more) -> str:
    return save(workspace, INITIATIVES, name=name, start_date="02/08/2025", channels=list(channels), status=status,
                **more)


def obstacle(workspace, title="Thiếu công chức", domain="PERSONNEL", status="received", **more) -> str:
    values = {"title": title, "domain": domain, "level": "province", "raised_on": "05/09/2025", "status": status}
    values.update(more)
    return save(workspace, OBSTACLES, **values)
