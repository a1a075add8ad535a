"""Demo records for the registers besides obstacles: people, frames, movements, visits, initiatives, TTHC, needs.

Everything goes through records.save (the clerk's validation and audit trail). Dates of the
movements are placed around `today`, so the demo shows each derived state (ending soon,
overdue to end, ...) whenever it is run.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from sqlmodel import Session

from desk.domain.access import Actor
from desk.domain.formats import format_date_vi
from desk.domain.register import Record
from desk.domain.registers.frames import REGISTER as STAFFING_FRAMES
from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.needs import REGISTER as NEEDS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.registers.procedures import REGISTER as PROCEDURES
from desk.domain.registers.visits import REGISTER as VISITS
from desk.domain.units import Unit
from desk.services import records

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đinh", "Phan"]
_MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Tiến", "Công"],
           "female": ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thị Thu", "Thị Ánh", "Phương"]}
_GIVEN = {"male": ["An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Hải", "Khánh", "Long", "Nam", "Phong", "Quân",
                   "Sơn", "Thắng", "Tuấn", "Việt", "Hiếu", "Toàn"],
          "female": ["Anh", "Châu", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Phương",
                     "Thảo", "Trang", "Tuyết", "Yến", "Huyền", "Nhung"]}

# (office, title, category, job position, training field, matches, how many)
_STAFF = [
    ("council", "chair", "cadre", "Chủ tịch HĐND", "Luật", True, 1),
    ("council", "vice_chair", "cadre", "Phó Chủ tịch HĐND", "Quản lý nhà nước", True, 1),
    ("council", "head", "cadre", "Trưởng ban HĐND", "Kinh tế", True, 2),
    ("leadership", "chair", "cadre", "Chủ tịch UBND", "Quản lý kinh tế", True, 1),
    ("leadership", "vice_chair", "cadre", "Phó Chủ tịch UBND", "Kinh tế", True, 3),
    ("office", "head", "civil_servant", "Chánh Văn phòng", "Hành chính học", True, 1),
    ("office", "deputy", "civil_servant", "Phó Chánh Văn phòng", "Luật", True, 3),
    ("office", "staff", "civil_servant", "Văn phòng – thống kê", "Quản trị văn phòng", True, 3),
    ("office", "staff", "civil_servant", "Tư pháp – hộ tịch", "Luật", True, 2),
    ("office", "staff", "contract", "Văn thư – lưu trữ", "Lưu trữ học", True, 1),
    ("economy", "head", "civil_servant", "Trưởng phòng", "Kinh tế xây dựng", True, 1),
    ("economy", "deputy", "civil_servant", "Phó trưởng phòng", "Quản lý đất đai", True, 3),
    ("economy", "staff", "civil_servant", "Địa chính – xây dựng", "Quản lý đất đai", True, 2),
    ("economy", "staff", "civil_servant", "Kế toán – ngân sách", "Quản trị kinh doanh", False, 2),
    ("economy", "staff", "civil_servant", "Đô thị – môi trường", "Kỹ thuật môi trường", True, 2),
    ("culture_social", "head", "civil_servant", "Trưởng phòng", "Văn hóa học", True, 1),
    ("culture_social", "deputy", "civil_servant", "Phó trưởng phòng", "Công tác xã hội", True, 2),
    ("culture_social", "staff", "civil_servant", "Văn hóa – thông tin", "Báo chí", True, 2),
    ("culture_social", "staff", "civil_servant", "Lao động – thương binh – xã hội", "Công tác xã hội", True, 2),
    ("service_centre", "head", "civil_servant", "Giám đốc Trung tâm", "Hành chính học", True, 1),
    ("service_centre", "deputy", "civil_servant", "Phó Giám đốc Trung tâm", "Luật", True, 2),
    ("service_centre", "staff", "civil_servant", "Tiếp nhận, trả kết quả", "Quản trị văn phòng", True, 3),
    ("service_centre", "staff", "public_employee", "Lưu trữ, số hóa hồ sơ", "Lưu trữ học", True, 1),
    ("service_centre", "staff", "contract", "Hỗ trợ dịch vụ công trực tuyến", "Công nghệ thông tin", True, 2),
]
_LEVEL = {"Luật": "university", "Quản lý nhà nước": "master", "Kinh tế": "university"}


def for_unit(text: str, unit: Unit) -> str:
    """A demo text, written for a phường of a tỉnh, said of this unit: a xã's «xã», a thành phố's «thành phố»
    («Đề nghị Công an thành phố», «UBND xã cũ»)."""
    province_kind = unit.province.in_sentence.removesuffix(unit.province.short_name).strip()
    return _TINH.sub(province_kind, _PHUONG.sub(unit.unit_type, text))


_TINH, _PHUONG = re.compile(r"\btỉnh\b"), re.compile(r"\bphường\b")


def _person(rng: random.Random, gender: str) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE[gender])} {rng.choice(_GIVEN[gender])}"


def _citizen_id(rng: random.Random, unit: Unit, born: date, gender: str) -> str:
    digit = {("male", 19): "0", ("female", 19): "1", ("male", 20): "2", ("female", 20): "3"}[(gender, born.year // 100)]
    return f"{unit.province.code:03d}{digit}{born.year % 100:02d}{rng.randrange(0, 10**6):06d}"


def _officials(session: Session, unit: Unit, rng: random.Random, actor: Actor | None) -> list[tuple[str, Record]]:
    saved = []
    used: set[str] = set()
    for office, title, category, position, training, matches, n in _STAFF:
        for _ in range(n):
            gender = rng.choice(["male", "female"])
            name = _person(rng, gender)
            while name in used:                 # a demo without accidental namesakes
                name = _person(rng, gender)
            used.add(name)
            born = date(rng.randrange(1968, 1998), rng.randrange(1, 13), rng.randrange(1, 29))
            values: Record = {
                "full_name": name, "birth_date": born, "gender": gender, "staff_category": category,
                "office": office, "title": title, "job_position": position, "training_field": training,
                "training_level": _LEVEL.get(training, "university"), "training_matches": matches,
                "start_date": date(2025, 7, 1), "status": "working",
                "citizen_id": _citizen_id(rng, unit, born, gender),
                "phone": f"09{rng.randrange(10**7, 10**8)}",
                "former_unit": for_unit(rng.choice(["", "UBND phường cũ (trước sắp xếp)", "UBND quận (trước sắp xếp)"]),
                                        unit),
            }
            values["id"] = records.save(session, OFFICIALS, values, unit_code=unit.code, actor=actor)
            saved.append((values["id"], values))
    # Someone who retired after the merger: kept, not counted.
    retired = {"full_name": "Đỗ Văn Toàn", "birth_date": date(1965, 3, 2), "gender": "male",
               "staff_category": "civil_servant", "office": "economy", "title": "staff",
               "job_position": "Địa chính – xây dựng", "status": "left", "start_date": date(2025, 7, 1),
               "left_on": date(2025, 10, 1), "note": "Nghỉ hưu theo chế độ"}
    records.save(session, OFFICIALS, retired, unit_code=unit.code, actor=actor)
    return saved


def _frames(session: Session, unit: Unit, actor: Actor | None) -> int:
    rows = [
        (None, "", 52, date(2025, 7, 1), "Quyết định giao biên chế của UBND cấp tỉnh ngày 30/06/2025"),
        ("council", "", 4, date(2025, 7, 1), ""), ("leadership", "", 3, date(2025, 7, 1), ""),
        ("office", "", 10, date(2025, 7, 1), ""), ("economy", "", 12, date(2025, 7, 1), ""),
        ("culture_social", "", 8, date(2025, 7, 1), ""), ("service_centre", "", 7, date(2025, 7, 1), ""),
        # After the first months, the province raised the economic office's frame (land records).
        ("economy", "", 14, date(2025, 10, 1), "Quyết định điều chỉnh biên chế ngày 25/9/2025"),
        ("economy", "Địa chính – xây dựng", 4, date(2025, 10, 1), ""),
        ("service_centre", "Công nghệ thông tin", 2, date(2025, 10, 1), ""),
    ]
    for office, position, authorised, effective, decision in rows:
        records.save(session, STAFFING_FRAMES, {"office": office, "job_position": position, "authorised": authorised,
                                                "effective_date": effective, "decision": decision},
                     unit_code=unit.code, actor=actor)
    return len(rows)


def _movements(session: Session, unit: Unit, people: list[tuple[str, Record]], today: date, actor: Actor | None) -> int:
    here = f"UBND {unit.in_sentence}"
    province = unit.province.in_sentence
    staff = [(pid, v) for pid, v in people if v["title"] == "staff" and v["staff_category"] == "civil_servant"]
    out = [
        # (person index, kind, host, start, planned end, purpose)
        (0, "secondment", f"Sở Nội vụ {province}", today - timedelta(days=200), today + timedelta(days=20),
         "Hỗ trợ rà soát, sắp xếp tổ chức bộ máy sau hợp nhất"),
        (1, "reinforcement", f"UBND xã lân cận thuộc {province}", today - timedelta(days=60),
         today - timedelta(days=5), "Tăng cường công chức địa chính cho xã thiếu người"),
        (2, "secondment", f"Trung tâm Phục vụ hành chính công {province}", date(2022, 8, 1), None,
         "Biệt phái từ trước sắp xếp, chưa có quyết định kết thúc"),
    ]
    count = 0
    for index, kind, host, start, end, purpose in out:
        person_id, values = staff[index * 3 % len(staff)]
        records.save(session, MOVEMENTS, {
            "kind": kind, "direction": "out", "official_id": person_id, "home_body": here, "host_body": host,
            "decision_number": f"{100 + count}/QĐ-UBND", "decision_date": start - timedelta(days=7),
            "decision_signer": f"Chủ tịch UBND {unit.in_sentence}", "start_date": start, "planned_end": end,
            "purpose": purpose, "paid_by": "home"}, unit_code=unit.code, actor=actor)
        records.save(session, OFFICIALS, {**values, "status": "seconded_out"}, unit_code=unit.code,
                     record_id=person_id, actor=actor)
        count += 1
    incoming = [
        ("Phạm Văn Hưng", "Chuyên viên, Sở Nông nghiệp và Môi trường", f"Sở Nông nghiệp và Môi trường {province}",
         "economy", "reinforcement", today - timedelta(days=90), today + timedelta(days=90),
         "Tăng cường giải quyết hồ sơ đất đai tồn đọng"),
        ("Lê Thị Thu Hà", "Kỹ sư công nghệ thông tin, Sở Khoa học và Công nghệ",
         f"Sở Khoa học và Công nghệ {province}", "service_centre", "secondment", today - timedelta(days=150),
         today + timedelta(days=12), "Vận hành hệ thống một cửa điện tử, hướng dẫn dịch vụ công trực tuyến"),
        ("Trần Minh Tuấn", "Chuyên viên, Sở Tài chính", f"Sở Tài chính {province}", "economy", "reinforcement",
         today - timedelta(days=30), today + timedelta(days=150), "Hỗ trợ kế toán ngân sách, mở tài khoản kho bạc"),
        ("Nguyễn Thị Lan", "Chuyên viên, UBND thành phố", f"UBND {province}", "office", "rotation",
         today + timedelta(days=14), today + timedelta(days=380), "Luân chuyển theo kế hoạch đào tạo cán bộ"),
    ]
    for name, position, home, office, kind, start, end, purpose in incoming:
        records.save(session, MOVEMENTS, {
            "kind": kind, "direction": "in", "person_name": name, "person_position": position, "home_body": home,
            "host_body": here, "host_office": office, "decision_number": f"{2300 + count}/QĐ-UBND",
            "decision_date": start - timedelta(days=10), "decision_signer": f"Chủ tịch UBND {province}",
            "start_date": start, "planned_end": end, "purpose": purpose, "paid_by": "home"},
            unit_code=unit.code, actor=actor)
        count += 1
    return count


def _visits(session: Session, unit: Unit, actor: Actor | None) -> tuple[int, int]:
    province = unit.province.in_sentence
    level = "thành phố" if province.startswith("thành phố") else "tỉnh"
    visits: list[tuple[Record, list[tuple[str, str, str, str]]]] = [
        ({"start_date": date(2025, 9, 10), "end_date": date(2025, 9, 11), "kind": "survey", "team_body": "Bộ Nội vụ",
          "team_lead": "Ông Trần Văn Hải, Phó Vụ trưởng Vụ Chính quyền địa phương",
          "members": "02 chuyên viên Vụ Chính quyền địa phương; đại diện Sở Nội vụ",
          "basis": "Quyết định 878/QĐ-BNV ngày 12/08/2025 của Bộ trưởng Bộ Nội vụ",
          "places": "Trung tâm Phục vụ hành chính công; trụ sở UBND; tổ dân phố số 3",
          "content": "Khảo sát tình hình vận hành chính quyền địa phương hai cấp, tổ chức bộ máy, biên chế, "
                     "trụ sở và giải quyết thủ tục hành chính",
          "findings": "Bộ máy vận hành cơ bản ổn định; thiếu công chức địa chính, công nghệ thông tin; số cấp phó "
                      "vượt định mức bình quân; trụ sở phân tán"},
         [("PERSONNEL", "Thiếu công chức địa chính và công nghệ thông tin so với khối lượng hồ sơ",
           "Đề nghị thành phố tăng cường, biệt phái công chức có chuyên môn phù hợp", "province"),
          ("DEPUTY_COUNT", "Số cấp phó các phòng chuyên môn vượt bình quân 2 người/phòng",
           "Xây dựng lộ trình sắp xếp cấp phó đến năm 2030", "province"),
          ("PREMISES", "Trụ sở làm việc phân tán tại 03 điểm, người dân đi lại khó khăn",
           "Đề nghị bố trí kinh phí cải tạo trụ sở tập trung", "province"),
          ("DIGITAL_TRANSFORMATION", "Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp",
           "Tăng cường hướng dẫn người dân tại bộ phận một cửa", "commune")]),
        ({"start_date": date(2025, 10, 15), "end_date": date(2025, 10, 15), "kind": "working",
          "team_body": f"Sở Nội vụ {province}", "team_lead": "Bà Nguyễn Thị Hằng, Phó Giám đốc Sở",
          "basis": "Kế hoạch kiểm tra công tác tổ chức bộ máy sau sắp xếp",
          "places": "Văn phòng HĐND và UBND", "content": "Làm việc về bố trí, sử dụng cán bộ, công chức và vị trí "
                                                        "việc làm sau sắp xếp",
          "findings": "Đề nghị hoàn thiện đề án vị trí việc làm trước 31/12/2025"},
         [("ORG_STRUCTURE", "Chưa có đề án vị trí việc làm được phê duyệt sau sắp xếp",
           "Đề nghị Sở Nội vụ hướng dẫn mẫu đề án", "province"),
          ("ACCOUNTING", "Chưa thống nhất cơ cấu kế toán của các đơn vị sau hợp nhất",
           "Đề nghị Sở Tài chính hướng dẫn", "province")]),
        ({"start_date": date(2025, 11, 20), "end_date": date(2025, 11, 21), "kind": "supervision",
          "team_body": f"HĐND {province}", "team_lead": f"Ban Pháp chế HĐND {level}",
          "places": "Trung tâm Phục vụ hành chính công",
          "content": "Giám sát việc giải quyết thủ tục hành chính và tiếp nhận phản ánh của người dân",
          "findings": "Còn hồ sơ đất đai quá hạn; đề nghị công khai xin lỗi người dân khi trễ hẹn"},
         [("DECENTRALIZATION", "Thẩm quyền giải quyết một số thủ tục đất đai chưa rõ sau khi bỏ cấp huyện",
           "Đề nghị hướng dẫn thẩm quyền của Chủ tịch UBND cấp xã", "central")]),
        ({"start_date": date(2025, 8, 20), "kind": "inspection",
          "team_body": f"Ban Chỉ đạo sắp xếp đơn vị hành chính {province}",
          "content": "Kiểm tra việc bàn giao hồ sơ, tài sản của các đơn vị trước sắp xếp",
          "findings": "Việc bàn giao cơ bản hoàn thành"}, []),
    ]
    found = 0
    for values, obstacles_found in visits:
        visit_id = records.save(session, VISITS, values, unit_code=unit.code, actor=actor)
        for domain, title, proposal, level_code in obstacles_found:
            raised = values["start_date"]
            records.save(session, OBSTACLES, {
                "domain": domain, "title": title, "proposal": proposal, "level": level_code,
                "source": "visiting_team", "visit_id": visit_id, "raised_on": raised,
                "deadline": raised + timedelta(days=60), "status": "in_progress",
                "description": f"Ghi nhận qua đợt {values['team_body']} khảo sát, làm việc ngày "
                               f"{format_date_vi(raised)}."},
                unit_code=unit.code, actor=actor)
            found += 1
    return len(visits), found


def _initiatives(session: Session, unit: Unit, actor: Actor | None) -> int:
    word = unit.unit_type if unit.unit_type != "đặc khu" else "đặc khu"
    items = [
        {"name": "Thứ bảy thân thiện: bộ phận một cửa làm việc sáng thứ Bảy", "start_date": date(2025, 8, 2),
         "lead_office": "service_centre", "channels": ["in_person"],
         "description": "Tiếp nhận, trả kết quả hồ sơ vào sáng thứ Bảy cho người đi làm trong tuần",
         "participants": "Công chức Trung tâm Phục vụ hành chính công, đoàn viên thanh niên",
         "people_served": 1250, "dossiers_handled": 830, "results": "Người dân đánh giá hài lòng", "status": "active"},
        {"name": f"Trang Facebook (fanpage) của UBND {word}", "start_date": date(2025, 7, 1), "lead_office": "office",
         "channels": ["fanpage"], "description": "Đăng thông báo, hướng dẫn thủ tục, trả lời phản ánh",
         "participants": "Văn phòng HĐND và UBND", "people_served": 15400, "status": "active"},
        {"name": "Nhóm Zalo tổ dân phố kết nối với chính quyền", "start_date": date(2025, 7, 15),
         "lead_office": "culture_social", "channels": ["zalo"],
         "participants": "Tổ trưởng tổ dân phố, công chức văn hóa – thông tin", "people_served": 6200,
         "status": "active"},
        {"name": "Đoàn viên thanh niên hỗ trợ người dân làm dịch vụ công trực tuyến", "start_date": date(2025, 7, 20),
         "lead_office": "service_centre", "channels": ["in_person", "mobile"],
         "description": "Đoàn viên trực tại bộ phận một cửa và đến tận nhà người cao tuổi",
         "participants": f"Đoàn Thanh niên {word} (25 đoàn viên)", "people_served": 3100, "dossiers_handled": 2140,
         "results": "Tỷ lệ hồ sơ trực tuyến tăng rõ rệt", "status": "active"},
        {"name": "Đường dây nóng tiếp nhận phản ánh, kiến nghị", "start_date": date(2025, 7, 1),
         "lead_office": "office", "channels": ["hotline", "zalo"], "people_served": 480, "status": "active"},
        {"name": "Loa truyền thanh thông báo địa chỉ trụ sở mới", "start_date": date(2025, 7, 1),
         "end_date": date(2025, 9, 30), "lead_office": "culture_social", "channels": ["loudspeaker"],
         "results": "Người dân đã nắm được địa chỉ trụ sở mới", "status": "ended"},
    ]
    for values in items:
        records.save(session, INITIATIVES, values, unit_code=unit.code, actor=actor)
    return len(items)


def _procedures(session: Session, unit: Unit, today: date, actor: Actor | None) -> int:
    """The service point's figures month by month from July 2025 (what its monthly report says)."""
    pending, saved = 0, 0
    month = date(2025, 7, 1)
    while month <= min(today, date(2025, 12, 1)):
        nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        k = month.month - 6                           # the share done online grows month by month
        in_person, online = 420 - 25 * k, 260 + 45 * k
        resolved = in_person + online + pending - 60 - 5 * k
        values: Record = {"point": "Trung tâm Phục vụ hành chính công", "from_date": month,
                          "to_date": nxt - timedelta(days=1), "carried_over": pending,
                          "received_in_person": in_person, "received_online": online,
                          "fully_online": online // 2 + 10 * k, "resolved_early": resolved // 3,
                          "resolved_on_time": resolved - resolved // 3 - (12 - k), "resolved_late": 12 - k,
                          "pending": 60 + 5 * k, "digitised": (in_person + online) * (60 + 5 * k) // 100,
                          "rated": 300 + 20 * k, "satisfied": 280 + 19 * k}
        records.save(session, PROCEDURES, values, unit_code=unit.code, actor=actor)
        pending, month, saved = values["pending"], nxt, saved + 1
    return saved


def _needs(session: Session, unit: Unit, actor: Actor | None) -> int:
    rows = [
        ("land", "economy", "Địa chính – xây dựng", date(2025, 8, 1), 4, 2, ["second", "recruit"]),
        ("construction", "economy", "Quản lý xây dựng, đô thị", date(2025, 8, 1), 2, 1, ["second"]),
        ("justice", "office", "Tư pháp – hộ tịch", date(2025, 8, 1), 3, 2, ["recruit"]),
        ("it", "service_centre", "Công nghệ thông tin", date(2025, 8, 1), 2, 0, ["second", "recruit"]),
        ("accounting", "economy", "Kế toán – ngân sách", date(2025, 8, 1), 2, 0, ["train"]),
        # After the frame was raised in October, one IT post was filled by a secondment.
        ("it", "service_centre", "Công nghệ thông tin", date(2025, 11, 1), 2, 1, ["recruit"]),
    ]
    for profession, office, position, as_of, needed, present, solutions in rows:
        records.save(session, NEEDS, {"profession": profession, "office": office, "job_position": position,
                                      "as_of": as_of, "needed": needed, "present": present, "solutions": solutions},
                     unit_code=unit.code, actor=actor)
    return len(rows)


def fill(session: Session, unit: Unit, *, seed: int = 2025, today: date | None = None,
         actor: Actor | None = None) -> dict[str, int]:
    """Add a realistic set to every issue-3 register; returns register name -> records added."""
    rng = random.Random(seed)
    today = today or date.today()
    people = _officials(session, unit, rng, actor)
    counts = {"officials": len(people) + 1, "staffing": _frames(session, unit, actor),
              "movements": _movements(session, unit, people, today, actor)}
    counts["visits"], counts["visit_obstacles"] = _visits(session, unit, actor)
    counts["initiatives"] = _initiatives(session, unit, actor)
    counts["procedures"] = _procedures(session, unit, today, actor)
    counts["needs"] = _needs(session, unit, actor)
    return counts
