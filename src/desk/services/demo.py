"""A realistic demo set for the configured unit, so a new user sees a working app at once."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session

from desk.domain import periods
from desk.domain.access import Actor, os_actor
from desk.domain.formats import format_date_vi
from desk.domain.register import Record
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.units import Unit
from desk.services import demo_registers, records, report_texts

# (domain, title, proposal, competent level) as communes reported them in 2025.
_OBSTACLES = [
    ("ORG_STRUCTURE", "Chưa có hướng dẫn bố trí bộ phận tham mưu về quốc phòng, an ninh sau sắp xếp",
     "Đề nghị Sở Nội vụ hướng dẫn cơ cấu tổ chức thống nhất", "province"),
    ("PERSONNEL", "Thiếu công chức công nghệ thông tin, chuyển đổi số",
     "Đề nghị tỉnh điều động, biệt phái 02 công chức có chuyên môn CNTT", "province"),
    ("PERSONNEL", "Thiếu công chức địa chính để giải quyết hồ sơ đất đai tồn đọng",
     "Đề nghị tăng cường cán bộ từ Sở Nông nghiệp và Môi trường", "province"),
    ("PERSONNEL", "Công chức chuyên môn không phù hợp vị trí việc làm kế toán",
     "Đề nghị mở lớp bồi dưỡng nghiệp vụ kế toán ngân sách xã", "province"),
    ("DEPUTY_COUNT", "Số lượng Phó Chủ tịch vượt định mức bình quân sau hợp nhất",
     "Đề nghị lộ trình sắp xếp cấp phó đến năm 2030", "province"),
    ("PREMISES", "Trụ sở làm việc chật hẹp, phải làm việc tại 03 điểm cách xa nhau",
     "Đề nghị bố trí kinh phí cải tạo trụ sở xã cũ làm nơi tiếp công dân", "province"),
    ("PREMISES", "Chưa có phương án xử lý nhà, đất dôi dư của xã cũ",
     "Đề nghị tỉnh ban hành phương án sắp xếp tài sản công", "province"),
    ("VEHICLES_EQUIPMENT", "Thiếu máy tính, máy quét phục vụ số hóa hồ sơ",
     "Đề nghị cấp bổ sung 10 bộ máy tính và 02 máy quét", "province"),
    ("DATA_SYSTEMS", "Phần mềm quản lý văn bản chưa liên thông với hệ thống của tỉnh",
     "Đề nghị Sở Khoa học và Công nghệ hỗ trợ kết nối", "province"),
    ("DATA_SYSTEMS", "Dữ liệu hộ tịch của các xã cũ chưa được hợp nhất",
     "Đề nghị Bộ Tư pháp hướng dẫn chuyển đổi dữ liệu", "central"),
    ("DIGITAL_TRANSFORMATION", "Người dân cao tuổi khó thực hiện dịch vụ công trực tuyến",
     "Tổ chức tổ công nghệ số cộng đồng hướng dẫn tại nhà văn hóa", "commune"),
    ("DIGITAL_TRANSFORMATION", "Đường truyền mạng tại bộ phận một cửa thường xuyên gián đoạn",
     "Đề nghị doanh nghiệp viễn thông nâng cấp đường truyền", "commune"),
    ("ACCOUNTING", "Chưa mở được tài khoản tại Kho bạc cho đơn vị mới",
     "Đề nghị Kho bạc Nhà nước khu vực hướng dẫn thủ tục", "province"),
    ("ACCOUNTING", "Chưa có hướng dẫn quyết toán ngân sách của các xã cũ",
     "Đề nghị Sở Tài chính ban hành hướng dẫn", "province"),
    ("DOCUMENT_ISSUANCE", "Quy trình ký số văn bản chưa thống nhất giữa Đảng ủy và UBND",
     "Ban hành quy chế làm việc về ký số", "commune"),
    ("DECENTRALIZATION", "Chưa rõ thẩm quyền cấp giấy phép xây dựng sau khi bỏ cấp huyện",
     "Đề nghị Bộ Xây dựng hướng dẫn phân cấp", "central"),
    ("DECENTRALIZATION", "Thẩm quyền xử phạt vi phạm hành chính lĩnh vực đất đai chưa rõ",
     "Đề nghị hướng dẫn thẩm quyền của Chủ tịch UBND cấp xã", "central"),
    ("LEGAL", "Mẫu con dấu mới chưa được cấp cho Trung tâm Phục vụ hành chính công",
     "Đề nghị Công an tỉnh đẩy nhanh thủ tục", "province"),
    ("OTHER", "Người dân chưa nắm địa chỉ trụ sở mới sau sắp xếp",
     "Thông báo trên loa truyền thanh, fanpage và nhóm Zalo của phường", "commune"),
]
# The body each proposal above is addressed to (obstacles' "body" list), and what real reports
# say of its cause, legal basis and impact; by title, so the demo's random draws stay the same.
_BODY = {"ORG_STRUCTURE": "SNV", "PERSONNEL": "SNV", "DEPUTY_COUNT": "SNV", "PREMISES": "STC",
         "VEHICLES_EQUIPMENT": "STC", "DATA_SYSTEMS": "SKHCN", "ACCOUNTING": "STC", "LEGAL": "UBND_TINH"}
_BODY_BY_TITLE = {"Dữ liệu hộ tịch của các xã cũ chưa được hợp nhất": "BTP",
                  "Chưa rõ thẩm quyền cấp giấy phép xây dựng sau khi bỏ cấp huyện": "BXD",
                  "Thẩm quyền xử phạt vi phạm hành chính lĩnh vực đất đai chưa rõ": "BNNMT",
                  "Thiếu công chức địa chính để giải quyết hồ sơ đất đai tồn đọng": "SNNMT",
                  "Phần mềm quản lý văn bản chưa liên thông với hệ thống của tỉnh": "SKHCN"}
_CAUSE = {
    "PERSONNEL": ("Sau sắp xếp, biên chế được giao chưa đủ cho các vị trí chuyên môn sâu (Nghị định 150/2025/NĐ-CP).",
                  "Hồ sơ giải quyết chậm, công chức phải kiêm nhiệm nhiều việc", 270),
    "DECENTRALIZATION": ("Luật Tổ chức chính quyền địa phương 2025 bỏ cấp huyện; văn bản hướng dẫn phân cấp chưa "
                         "ban hành đầy đủ.", "Hồ sơ đề nghị cấp phép phải chờ hướng dẫn", 64),
    "DATA_SYSTEMS": ("Dữ liệu của các xã cũ lưu trên nhiều phần mềm khác nhau, chưa có chuẩn chuyển đổi.",
                     "Người dân phải cung cấp lại giấy tờ đã nộp", 180),
    "PREMISES": ("Chưa có phương án sử dụng trụ sở các xã cũ theo Nghị định 186/2025/NĐ-CP.",
                 "Người dân phải đi xa để làm thủ tục", None),
    "ACCOUNTING": ("Tài khoản của các xã cũ chưa được tất toán, chuyển số dư.",
                   "Chậm chi trả chế độ, thanh toán hợp đồng", 35),
}

_PLACES = ["tổ dân phố số 1", "tổ dân phố số 3", "khu vực chợ", "bộ phận một cửa", "nhà văn hóa khu 5",
           "trụ sở cũ", "điểm tiếp công dân"]
_RESULTS = ["Đã được Sở Nội vụ hướng dẫn bằng văn bản", "Đã bố trí xong", "Đã được cấp bổ sung",
            "Đã khắc phục, hoạt động ổn định", "Đã có quyết định phân công"]
_STATUS_WEIGHTS = {"received": 2, "in_progress": 3, "referred": 2, "resolved": 5, "closed": 1}


def obstacle_values(rng: random.Random, today: date) -> Record:
    domain, title, proposal, level = rng.choice(_OBSTACLES)
    raised = date(2025, 7, 1) + timedelta(days=rng.randrange(0, max(1, (min(today, date(2025, 12,
                                                                                        31)) - date(2025, 7, 1)).days)))
    status = rng.choices(list(_STATUS_WEIGHTS), weights=list(_STATUS_WEIGHTS.values()))[0]
    if raised < date(2025, 10, 1) and rng.random() < 0.6:
        status = "resolved"                  # the older an obstacle, the likelier it was resolved
    deadline = raised + timedelta(days=rng.choice([15, 30, 45, 60, 90]))
    if status in obstacles.OPEN_STATUSES and rng.random() < 0.6:
        deadline = today + timedelta(days=rng.randrange(5, 120))   # many open ones had their deadline extended
    values = {
        "domain": domain, "title": f"{title} ({rng.choice(_PLACES)})", "proposal": proposal, "level": level,
        "source": rng.choice(["self_review", "citizen", "visiting_team", "higher_level"]),
        "raised_on": raised, "deadline": deadline, "status": status,
        "description": f"Phát hiện qua rà soát ngày {format_date_vi(raised)}.",
    }
    if level != "commune":
        values["requested_body"] = _BODY_BY_TITLE.get(title, _BODY.get(domain, "SNV"))
    if domain in _CAUSE:
        values["cause"], values["impact"], values["impact_count"] = _CAUSE[domain]
    if status == "resolved":
        resolved_on = min(today, raised + timedelta(days=rng.randrange(3, 80)))
        values["resolved_on"] = resolved_on
        values["result"] = rng.choice(_RESULTS)
        values["guide_doc"] = f"{rng.randrange(100, 9999)}/SNV-CQĐP ngày {format_date_vi(resolved_on)}"
    return values


# How an obstacle got to its state: received first, then these, each some days after the last.
_PATHS = {"received": (), "in_progress": ("in_progress",), "referred": ("in_progress", "referred"),
          "resolved": ("in_progress", "resolved"), "closed": ("in_progress", "closed")}


def steps(rng: random.Random, values: Record, today: date) -> list[Record]:
    """The saves that take an obstacle from received to its state, each dated (a dated state history)."""
    final = values["status"]
    path = _PATHS[final]
    if final == "resolved" and rng.random() < 0.3:
        path = ("in_progress", "referred", "resolved")       # answered by the province
    last = values.get("resolved_on") or min(today, values["raised_on"] + timedelta(days=rng.randrange(5, 90)))
    span = max(0, (last - values["raised_on"]).days)
    days = sorted(values["raised_on"] + timedelta(days=rng.randrange(0, span + 1)) for _ in path[:-1])
    first = {**values, "status": "received", "result": None, "resolved_on": None, "guide_doc": None}
    out = [first]
    for state, day in zip(path, [*days, last]):
        out.append({**first, "status": state, "status_since": day,
                    **({key: values.get(key) for key in ("result", "guide_doc")} if state == final else {})})
    return out


def _said_for(values: Record, unit: Unit) -> Record:
    return {key: demo_registers.for_unit(value, unit) if isinstance(value, str) else value
            for key, value in values.items()}


def fill(session: Session, unit: Unit, *, count: int = 300, seed: int = 2025, today: date | None = None,
         actor: Actor | None = None) -> int:
    """Add `count` obstacles through the same validation (and audit trail) a clerk's entry goes through."""
    rng = random.Random(seed)
    today = today or date.today()
    for _ in range(count):
        first, *later = (_said_for(values, unit) for values in steps(rng, obstacle_values(rng, today), today))
        record_id = records.save(session, OBSTACLES, first, unit_code=unit.code, actor=actor, today=today)
        for values in later:
            records.save(session, OBSTACLES, values, unit_code=unit.code, record_id=record_id, actor=actor,
                         today=today)
    # Officials, frames, movements, visits (with the obstacles they found), initiatives, TTHC, needs.
    demo_registers.fill(session, unit, seed=seed, today=today, actor=actor)
    if today > periods.quarter(2025, 3).end:
        report_texts.save(session, actor or os_actor(), unit.code, periods.quarter(2025, 3),
                          {key: demo_registers.for_unit(text, unit) for key, text in _Q3_TEXTS.items()})
    return count


# What a ward's clerk wrote for Q3/2025 (after press accounts of wards' reports on the two-tier model).
_Q3_TEXTS = {
    "general": "Sau hơn hai tháng vận hành chính quyền địa phương hai cấp, bộ máy của phường cơ bản ổn định, "
               "hoạt động thông suốt; các phòng chuyên môn và Trung tâm Phục vụ hành chính công đi vào nền nếp. "
               "Việc tiếp nhận, giải quyết thủ tục hành chính cho người dân, doanh nghiệp không bị gián đoạn.",
    "results": "Hoàn thành việc bố trí cán bộ, công chức theo vị trí việc làm; ban hành quy chế làm việc của "
               "UBND phường; đưa vào sử dụng phần mềm quản lý văn bản và hồ sơ công việc; triển khai mô hình "
               "«Thứ bảy thân thiện» và tổ công nghệ số cộng đồng hỗ trợ người dân làm dịch vụ công trực tuyến.",
    "shortcomings": "Một số công chức chưa có chuyên môn phù hợp với vị trí việc làm, nhất là địa chính, công nghệ "
                    "thông tin và kế toán. Trụ sở làm việc phân tán ở ba điểm. Nguyên nhân: khối lượng công việc "
                    "tăng sau sắp xếp trong khi văn bản hướng dẫn phân cấp, phân quyền chưa ban hành đầy đủ.",
    "tasks": "Tiếp tục rà soát, sắp xếp công chức theo vị trí việc làm; đẩy mạnh số hóa hồ sơ, nâng tỷ lệ hồ sơ "
             "trực tuyến toàn trình; hoàn thành phương án sử dụng trụ sở các phường cũ trong quý IV/2025.",
    "recommendations": "Đề nghị các sở, ngành sớm ban hành văn bản hướng dẫn chuyên môn cho cấp xã sau sắp xếp.",
}
