"""Desk's users: the first administrator, signing in, and the administrator's user management. No Qt."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session, col

from desk.domain.access import Actor, Permission, Role, os_actor, require
from desk.domain.confusables import foreign_letters, skeleton
from desk.domain.lang import t
from desk.domain.passwords import check_strength, fingerprint, hash_password, needs_rehash, verify_password
from desk.domain.text import clean
from desk.errors import UserError
from desk.store import audit
from desk.store.audit_replay import PASSWORD
from desk.store.security import SignInAttempt, User

log = logging.getLogger(__name__)
TABLE = User.__tablename__
MAX_NAME = 60
# Letters (Vietnamese too), digits, space, dot, dash, underscore. No ":" so nobody can pose as "os:...".
_NAME = re.compile(r"^[\w .\-]+$")


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a password of anyone")


def name_key(name: str) -> str:
    return clean(name).casefold()


def check_name(name: str) -> str:
    name = clean(name)
    if not name:
        raise UserError(t("Chưa nhập tên đăng nhập.", "The user name is empty."))
    if len(name) > MAX_NAME:
        raise UserError(t(f"Tên đăng nhập dài quá {MAX_NAME} ký tự.",
                          f"The user name is longer than {MAX_NAME} characters."))
    if not _NAME.match(name):
        raise UserError(t(f"Tên đăng nhập «{name}» chỉ được gồm chữ, số, dấu cách, dấu chấm, gạch ngang và gạch dưới.",
                          f"The user name «{name}» may only contain letters, digits, spaces, dots, dashes and "
                          "underscores."))
    return name


def _refuse_look_alike(session: Session, name: str) -> None:
    """A name that reads like an existing user's (a Cyrillic «а» in «quаntri») could pose as them."""
    wanted = skeleton(name)
    twin = next((u for u in session.scalars(select(User)) if skeleton(u.name) == wanted), None)
    if twin is None:
        return
    foreign = foreign_letters(name)
    detail_vi = f" (có ký tự trông giống chữ Latinh nhưng khác mã: {', '.join(foreign)})" if foreign else ""
    detail_en = f" (it has characters that look Latin but are not: {', '.join(foreign)})" if foreign else ""
    raise UserError(t(f"Tên đăng nhập «{name}» dễ nhầm với người dùng đã có «{twin.name}»{detail_vi}. Hãy chọn tên "
                      "khác.",
                      f"The user name «{name}» looks like the existing user «{twin.name}»{detail_en}. "
                      "Choose another name."))


def actor_of(user: User) -> Actor:
    return Actor(name=user.name, role=Role(user.role), user_id=user.id)


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name_key)).all())


def find(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(col(User.name_key) == name_key(name)))


def get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserError(t(f"Không tìm thấy người dùng số {user_id}.", f"No user number {user_id}."))
    return user


def _insert(session: Session, actor: Actor, name: str, role: Role, password: str, full_name: str) -> User:
    name = check_name(name)
    check_strength(password)
    if find(session, name) is not None:
        raise UserError(t(f"Đã có người dùng «{name}».", f"There is already a user «{name}»."))
    _refuse_look_alike(session, name)
    now = audit.utc_now()
    user = User(name=name, name_key=name_key(name), full_name=clean(full_name), role=role.value,
                password_hash=hash_password(password), active=True, created_at=now, updated_at=now)
    session.add(user)
    session.flush()
    # The password is never written to the audit trail or the log; the trail keeps a fingerprint of its
    # salted hash, so that a hash put in outside Desk (a crafted backup's) is found.
    audit.record_changes(session, actor, audit.CREATE, TABLE, user.id, {},
                         {"name": user.name, "full_name": user.full_name, "role": user.role, "active": True,
                          PASSWORD: fingerprint(user.password_hash)}, at=now)
    return user


def create_first_admin(session: Session, name: str, password: str, full_name: str = "",
                       creator: Actor | None = None) -> Actor:
    """The first run: the person setting Desk up becomes its administrator and is signed in."""
    if has_users(session):
        raise UserError(t("Desk đã có người quản trị; hãy đăng nhập bằng tài khoản quản trị để thêm người dùng.",
                          "Desk already has an administrator; sign in as one to add users."))
    user = _insert(session, creator or os_actor(), name, Role.ADMIN, password, full_name)
    log.info("first administrator %s created", user.name)
    return actor_of(user)


def add_user(session: Session, actor: Actor, name: str, role: Role, password: str, full_name: str = "") -> User:
    require(actor, Permission.MANAGE_USERS)
    user = _insert(session, actor, name, role, password, full_name)
    log.info("user %s (%s) added by %s", user.name, user.role, actor.name)
    return user


def _verify_while(password: str, stored: str, meanwhile: Callable[[], object] | None) -> bool:
    """verify_password, with meanwhile() run on this thread as the check runs on another: scrypt releases
    the GIL, so its ~0.4 s and the caller's own work (the window getting ready) overlap on a second core.
    The answer is the check's alone: meanwhile() only prepares, so its failure is logged, not raised
    (whatever it prepared is done again, and fails in plain sight, where it is needed)."""
    if meanwhile is None:
        return verify_password(password, stored)
    answer: list[bool] = []
    check = threading.Thread(target=lambda: answer.append(verify_password(password, stored)),
                             name="password check", daemon=True)
    check.start()
    try:
        meanwhile()
    except Exception:
        log.exception("preparing while the password was checked")
    finally:
        check.join()
    return bool(answer) and answer[0]


def authenticate(session: Session, name: str, password: str, *, now: datetime | None = None,
                 meanwhile: Callable[[], object] | None = None) -> Actor:
    """The signed-in actor, or UserError without saying whether the name or the password was wrong.

    After FREE_FAILURES wrong passwords for a name (known or not), the name is locked for a time that
    doubles with each further failure; while locked no password is even checked. The failures are
    written in their own transaction: the caller's rolls back when this raises. A hash made with an
    older, cheaper cost is re-made now that the password is known. meanwhile(): work that needs no
    signed-in user and shows nothing, run while the password is checked.
    """
    now = now or audit.utc_now()
    key = name_key(name or "")
    attempt = session.get(SignInAttempt, key)
    locked_until = _lock_end(attempt, now)
    if locked_until is not None and now < locked_until:
        raise UserError(_locked_message(clean(name or ""), attempt.failures if attempt else 0, locked_until, now))
    user = find(session, name or "")
    # An unknown name costs the same scrypt as a known one: the time taken does not tell which names exist.
    stored = user.password_hash if user is not None else _dummy_hash()
    if not _verify_while(password or "", stored, meanwhile) or user is None:
        log.info("sign-in refused for %r", clean(name or ""))     # the name only, never the password
        failures, locked_until = _note_failure(session, key, now)
        message = t("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")
        if locked_until is not None:
            message += " " + _locked_message(clean(name or ""), failures, locked_until, now)
        raise UserError(message)
    if not user.active:
        raise UserError(t(f"Tài khoản «{user.name}» đã ngừng hoạt động; hãy hỏi người quản trị.",
                          f"The account «{user.name}» is deactivated; ask the administrator."))
    if attempt is not None:
        attempt.failures, attempt.locked_until = 0, None
        session.add(attempt)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)     # same password, today's cost; not an edit
        session.add(user)
        session.flush()
        _record_password(session, actor_of(user), user, "mật khẩu được băm lại theo chi phí hiện hành")
    return actor_of(user)


# Lockout with back-off: FREE_FAILURES wrong passwords in a row are free, the next locks the name for
# FIRST_LOCK, and every further failure doubles it up to LONGEST_LOCK. A clerk who mistypes a few
# times waits seconds; a guesser gets a handful of tries an hour.
FREE_FAILURES = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)


def lock_time(failures: int) -> timedelta | None:
    """How long a name stays locked after this many failures in a row (None: not locked)."""
    if failures <= FREE_FAILURES:
        return None
    lock: timedelta = min(FIRST_LOCK * 2 ** (failures - FREE_FAILURES - 1), LONGEST_LOCK)
    return lock


def _note_failure(session: Session, key: str, now: datetime) -> tuple[int, datetime | None]:
    with Session(session.get_bind(), expire_on_commit=False) as other, other.begin():
        attempt = other.get(SignInAttempt, key) or SignInAttempt(name_key=key, failures=0)
        attempt.failures += 1
        attempt.last_failure_at = now
        wait = lock_time(attempt.failures)
        attempt.locked_until = now + wait if wait is not None else None
        other.add(attempt)
        return attempt.failures, attempt.locked_until


def _lock_end(attempt: SignInAttempt | None, now: datetime) -> datetime | None:
    """When the name's lock ends: as stored, but never later than LONGEST_LOCK after the failure that set it.
    A lock with no failure before now is none Desk wrote (a crafted backup's, or a clock set back): a row
    saying 9999 would otherwise lock the only administrator out for good."""
    if attempt is None or attempt.locked_until is None:
        return None
    failed = _utc(attempt.last_failure_at) if attempt.last_failure_at is not None else None
    if failed is None or failed > now:
        return None
    return min(_utc(attempt.locked_until), failed + LONGEST_LOCK)


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def _locked_message(name: str, failures: int, until: datetime, now: datetime) -> str:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    minutes, rest = divmod(seconds, 60)
    left_vi = f"{minutes} phút {rest} giây" if minutes else f"{rest} giây"
    left_en = f"{minutes} min {rest} s" if minutes else f"{rest} s"
    local = until.astimezone()
    # The day too when the lock ends on another day than today (past midnight).
    at_vi = f"{local:%H:%M:%S}" if local.date() == now.astimezone().date() else f"{local:%H:%M:%S ngày %d/%m/%Y}"
    at_en = f"{local:%H:%M:%S}" if local.date() == now.astimezone().date() else f"{local:%H:%M:%S on %d/%m/%Y}"
    return t(f"Đã nhập sai mật khẩu {failures} lần liên tiếp: tên «{name}» tạm khóa đăng nhập đến "
             f"{at_vi} (còn {left_vi}). Hãy thử lại sau, hoặc nhờ người quản trị đặt lại mật khẩu.",
             f"{failures} wrong passwords in a row: «{name}» cannot sign in until {at_en} "
             f"({left_en} from now). Try again later, or ask the administrator to reset the password.")


def verify(session: Session, actor: Actor, password: str) -> bool:
    """Does the password belong to this (signed-in) actor? Used to unlock an idle window."""
    if actor.user_id is None:
        return False
    user = session.get(User, actor.user_id)
    return user is not None and user.active and verify_password(password or "", user.password_hash)


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)
                          .where(col(User.role) == Role.ADMIN.value, col(User.active).is_(True))) or 0


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
        raise UserError(t(f"«{user.name}» là người quản trị duy nhất còn hoạt động; hãy thêm một người quản trị khác "
                          "trước.",
                          f"«{user.name}» is the only active administrator; add another administrator first."))


def _change(session: Session, actor: Actor, user: User, field: str, value: object, reason: str | None = None) -> None:
    old = getattr(user, field)
    if old == value:
        return
    setattr(user, field, value)
    user.updated_at = audit.utc_now()
    session.add(user)
    session.flush()
    audit.record(session, actor, audit.EDIT, TABLE, user.id, field=field, old=old, new=value, reason=reason,
                 at=user.updated_at)


def set_role(session: Session, actor: Actor, user_id: int, role: Role) -> None:
    require(actor, Permission.MANAGE_USERS)
    user = get(session, user_id)
    if role != Role.ADMIN:
        _keep_an_admin(session, user)
    _change(session, actor, user, "role", role.value)


def set_active(session: Session, actor: Actor, user_id: int, active: bool, reason: str | None = None) -> None:
    require(actor, Permission.MANAGE_USERS)
    user = get(session, user_id)
    if not active:
        _keep_an_admin(session, user)
    _change(session, actor, user, "active", active, reason)


def reset_password(session: Session, actor: Actor, user_id: int, password: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    check_strength(password)
    user = get(session, user_id)
    user.password_hash = hash_password(password)
    user.updated_at = audit.utc_now()
    session.add(user)
    attempt = session.get(SignInAttempt, user.name_key)
    if attempt is not None:      # the administrator's reset lifts a lockout
        attempt.failures, attempt.locked_until = 0, None
        session.add(attempt)
    session.flush()
    _record_password(session, actor, user, "đặt lại mật khẩu", at=user.updated_at)   # stored data is in Vietnamese


def _record_password(session: Session, actor: Actor, user: User, reason: str, at: datetime | None = None) -> None:
    """A new hash on record: its fingerprint, which desk check holds the stored hash to (audit_replay)."""
    audit.record(session, actor, audit.EDIT, TABLE, user.id, field=PASSWORD, new=fingerprint(user.password_hash),
                 reason=reason, at=at)
