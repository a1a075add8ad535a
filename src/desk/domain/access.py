"""Who may do what: roles, permissions, the acting person (Actor) and require() that refuses in Vietnamese."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import Enum

from desk.domain.lang import t
from desk.errors import UserError


class Role(str, Enum):
    CLERK = "clerk"       # enters and edits records
    LEADER = "leader"     # also approves, locks and unlocks periods
    ADMIN = "admin"       # also manages users, settings and the office's unit

    @property
    def label(self) -> str:
        return t(*ROLE_LABELS[self])

    @classmethod
    def parse(cls, text: str) -> Role:
        key = (text or "").strip().lower()
        for role in cls:
            if key in (role.value, ROLE_LABELS[role][0].lower(), ROLE_LABELS[role][1].lower()):
                return role
        names = ", ".join(r.value for r in cls)
        raise UserError(t(f"Vai trò «{text}» không hợp lệ. Chọn một trong: {names}.",
                          f"Unknown role «{text}». Choose one of: {names}."))


ROLE_LABELS = {
    Role.CLERK: ("Cán bộ nhập liệu", "Clerk"),
    Role.LEADER: ("Lãnh đạo", "Leader"),
    Role.ADMIN: ("Quản trị", "Administrator"),
}


class Permission(str, Enum):
    ENTER_RECORDS = "enter_records"     # create, edit, void register records; import
    APPROVE = "approve"
    LOCK_PERIODS = "lock_periods"       # lock and unlock reporting periods
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    CHANGE_UNIT = "change_unit"
    RESTORE = "restore"                 # replaces the whole database: an administrator's decision


# Roles build on each other: a commune office has few people, the leader may also enter data.
_CLERK = frozenset({Permission.ENTER_RECORDS})
_LEADER = _CLERK | {Permission.APPROVE, Permission.LOCK_PERIODS}
_ADMIN = _LEADER | {Permission.MANAGE_USERS, Permission.CHANGE_SETTINGS, Permission.CHANGE_UNIT,
                    Permission.RESTORE}
PERMISSIONS: dict[Role, frozenset[Permission]] = {Role.CLERK: _CLERK, Role.LEADER: _LEADER, Role.ADMIN: _ADMIN}

_WHAT = {
    Permission.ENTER_RECORDS: ("nhập, sửa hoặc hủy bản ghi", "enter, edit or void records"),
    Permission.APPROVE: ("phê duyệt", "approve"),
    Permission.LOCK_PERIODS: ("khóa hoặc mở khóa kỳ báo cáo", "lock or unlock reporting periods"),
    Permission.MANAGE_USERS: ("quản lý người dùng", "manage users"),
    Permission.CHANGE_SETTINGS: ("thay đổi cài đặt", "change the settings"),
    Permission.CHANGE_UNIT: ("đổi đơn vị", "change the unit"),
    Permission.RESTORE: ("khôi phục dữ liệu từ bản sao lưu", "restore data from a backup"),
}

OS_PREFIX = "os:"


@dataclass(frozen=True)
class Actor:
    """The person an action is recorded against."""

    name: str                      # a Desk user's sign-in name, or "os:<login>" for the OS user
    role: Role
    user_id: int | None = None     # None: not signed in to Desk (the OS user, acting as a clerk)

    @property
    def display(self) -> str:
        if self.name.startswith(OS_PREFIX):
            login = self.name[len(OS_PREFIX):]
            return t(f"{login} (người dùng máy tính)", f"{login} (computer user)")
        return self.name

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]


def os_actor() -> Actor:
    """Whoever is logged in to the computer, acting as a clerk (the CLI without --user, old callers)."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):   # no USER/LOGNAME and no passwd entry (some services)
        login = "unknown"
    return Actor(name=f"{OS_PREFIX}{login}", role=Role.CLERK)


class PermissionDenied(UserError):
    """The actor's role does not allow the action; exit code 2 on the command line."""


def least_role(permission: Permission) -> Role:
    return next(role for role in (Role.CLERK, Role.LEADER, Role.ADMIN) if permission in PERMISSIONS[role])


def require(actor: Actor, permission: Permission) -> None:
    """Refuse (PermissionDenied, in the UI language) unless the actor's role allows the permission."""
    if actor.may(permission):
        return
    vi_what, en_what = _WHAT[permission]
    needed = least_role(permission)
    hint_vi = " Trên dòng lệnh, hãy dùng --user TÊN." if actor.user_id is None else ""
    hint_en = " On the command line, use --user NAME." if actor.user_id is None else ""
    raise PermissionDenied(t(
        f"«{actor.display}» (vai trò {ROLE_LABELS[actor.role][0]}) không có quyền {vi_what}; "
        f"cần vai trò {ROLE_LABELS[needed][0]} trở lên.{hint_vi}",
        f"«{actor.display}» (role {ROLE_LABELS[actor.role][1]}) may not {en_what}; "
        f"this needs the role {ROLE_LABELS[needed][1]} or higher.{hint_en}"))
