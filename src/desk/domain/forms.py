"""The data forms (biểu mẫu) Desk prints, by key: what the "Người lập biểu" setting and the form numbers refer to."""

from __future__ import annotations

from desk.domain.fields import Choice

FORMS = (
    Choice("obstacle_summary", "Tổng hợp khó khăn, vướng mắc theo lĩnh vực", "Obstacles by domain"),
    Choice("obstacle_list", "Danh sách khó khăn, vướng mắc", "List of obstacles"),
    Choice("obstacle_carried", "Khó khăn, vướng mắc từ kỳ trước chưa tháo gỡ", "Obstacles carried over"),
    Choice("obstacle_resolved", "Khó khăn, vướng mắc đã tháo gỡ trong kỳ", "Obstacles resolved"),
    Choice("recommendations", "Kiến nghị, đề xuất theo cơ quan giải quyết", "Recommendations by body"),
    Choice("staffing", "Biên chế được giao, hiện có, thừa, thiếu", "Staffing frame and actual"),
    Choice("deputies", "Số lượng cấp phó", "Deputies"),
    Choice("staffing_needs", "Nhu cầu nhân sự theo lĩnh vực chuyên môn", "Staffing needs by profession"),
    Choice("procedures", "Kết quả giải quyết thủ tục hành chính", "Administrative procedures"),
    Choice("movements", "Điều động, biệt phái, luân chuyển, tăng cường", "Staff movements"),
    Choice("visits", "Khảo sát, làm việc", "Field visits"),
    Choice("findings", "Khó khăn phát hiện qua khảo sát", "Obstacles found on visits"),
    Choice("initiatives", "Sáng kiến, mô hình", "Initiatives"),
    Choice("officials", "Danh sách cán bộ, công chức", "List of officials"),
    Choice("frames", "Khung biên chế", "Staffing frames"),
)
