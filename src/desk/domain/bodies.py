"""Names of bodies a movement or visit comes from or goes to, offered as completions (free text stays allowed)."""

from __future__ import annotations

from desk.domain.units import Unit, units_of

# Provincial departments after the 2025 reorganisation (Decree 45/2025/NĐ-CP), and the ministries
# that most often send teams or staff to communes.
_DEPARTMENTS = ("Sở Nội vụ", "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
                "Sở Xây dựng", "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                "Sở Công Thương", "Văn phòng UBND")
_MINISTRIES = ("Bộ Nội vụ", "Bộ Tài chính", "Bộ Nông nghiệp và Môi trường", "Bộ Tư pháp", "Bộ Xây dựng",
               "Bộ Khoa học và Công nghệ", "Văn phòng Chính phủ")


def own_body(unit: Unit) -> str:
    """The unit as a body that sends or receives staff: «UBND phường Ngô Quyền»."""
    return f"UBND {unit.in_sentence}"


def suggested_bodies(unit: Unit) -> list[str]:
    """This unit first, then the province and its departments, the ministries, the province's other communes."""
    province = unit.province.in_sentence
    here = [own_body(unit), f"UBND {province}"]
    departments = [f"{d} {province}" for d in _DEPARTMENTS]
    communes = [f"UBND {u.in_sentence}" for u in units_of(unit.province.code) if u.code != unit.code]
    return [*here, *departments, *_MINISTRIES, *communes]
