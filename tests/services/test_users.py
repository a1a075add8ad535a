"""Users and roles: the first administrator, sign-in, what each role may do, scrypt hashes that never leak."""

from __future__ import annotations

import base64
import hashlib
import logging
import sys
import time
from datetime import UTC

import pytest
import sqlalchemy as sa
from tests.conftest import NGO_QUYEN

from desk.domain import passwords
from desk.domain.access import Actor, Permission, PermissionDenied, Role, os_actor, require
from desk.domain.passwords import hash_password, verify_password
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.services import records, users
from desk.store import audit
from desk.store.models import table_of
from desk.store.tables import metadata

PASSWORD = "Ngô-Quyền-2025"


@pytest.fixture
def admin(workspace) -> Actor:
    with workspace.session() as session:
        return users.create_first_admin(session, "Quản Trị", PASSWORD, "Lê Văn Quản")


def sign_in(workspace, name, password):
    with workspace.session() as session:
        return users.authenticate(session, name, password)


def test_the_first_user_is_an_administrator_and_only_one_first_admin_exists(workspace, admin):
    assert admin.role == Role.ADMIN and admin.user_id is not None
    with pytest.raises(UserError, match="đã có người quản trị"), workspace.session() as session:
        users.create_first_admin(session, "khac", PASSWORD)


def test_sign_in_ignores_case_and_never_says_which_part_was_wrong(workspace, admin):
    assert sign_in(workspace, "quản trị", PASSWORD) == admin
    for name, password in (("Quản Trị", "sai-mat-khau"), ("không-có", PASSWORD)):
        with pytest.raises(UserError) as caught:
            sign_in(workspace, name, password)
        assert str(caught.value) == "Sai tên đăng nhập hoặc mật khẩu."


def test_passwords_are_scrypt_hashes_with_their_parameters_and_never_stored_or_logged(workspace, admin, caplog):
    with caplog.at_level(logging.DEBUG):
        with workspace.session() as session:
            users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
        with pytest.raises(UserError):
            sign_in(workspace, "lan", "mật-khẩu-sai-của-Lan")
    with workspace.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM desk_user WHERE name = 'lan'").scalar()
        # Every value of every table, on either engine (a dump of the database's contents).
        everything = "\n".join(str(tuple(row)) for table in metadata.sorted_tables
                                for row in conn.execute(sa.select(table)))
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(passwords.N), "8", "1") and salt and digest
    assert verify_password("mật-khẩu-của-Lan", stored)
    assert "mật-khẩu-của-Lan" not in everything and "mật-khẩu-sai-của-Lan" not in everything
    assert "mật-khẩu" not in caplog.text
    assert hash_password("x" * 8) != hash_password("x" * 8)          # salted


def test_weak_passwords_and_odd_names_are_refused_in_vietnamese(workspace, admin):
    with workspace.session() as session:
        with pytest.raises(UserError, match="ít nhất 8 ký tự"):
            users.add_user(session, admin, "lan", Role.CLERK, "ngan")
        with pytest.raises(UserError, match="chỉ được gồm chữ"):
            users.add_user(session, admin, "os:root", Role.CLERK, PASSWORD)
        users.add_user(session, admin, "Lan", Role.CLERK, PASSWORD)
        with pytest.raises(UserError, match="Đã có người dùng «lan»"):
            users.add_user(session, admin, "lan", Role.CLERK, PASSWORD)


@pytest.mark.parametrize("role, allowed", [
    (Role.CLERK, {Permission.ENTER_RECORDS}),
    (Role.LEADER, {Permission.ENTER_RECORDS, Permission.APPROVE, Permission.LOCK_PERIODS}),
    (Role.ADMIN, set(Permission)),
])
def test_what_each_role_may_do(role, allowed):
    actor = Actor("ai-do", role, user_id=1)
    for permission in Permission:
        if permission in allowed:
            require(actor, permission)
        else:
            with pytest.raises(PermissionDenied):
                require(actor, permission)


def test_the_refusal_names_the_person_the_action_and_the_role_needed():
    with pytest.raises(PermissionDenied) as caught:
        require(Actor("lan", Role.CLERK, 3), Permission.LOCK_PERIODS)
    assert str(caught.value) == ("«lan» (vai trò Cán bộ nhập liệu) không có quyền khóa hoặc mở khóa kỳ báo cáo; "
                                 "cần vai trò Lãnh đạo trở lên.")
    with pytest.raises(PermissionDenied, match="--user"):
        require(os_actor(), Permission.MANAGE_USERS)
    assert PermissionDenied("x").exit_code == 2


def test_only_an_administrator_manages_users_and_every_change_is_audited(workspace, admin):
    with workspace.session() as session:
        lan = users.add_user(session, admin, "lan", Role.CLERK, PASSWORD)
    clerk = sign_in(workspace, "lan", PASSWORD)
    with pytest.raises(PermissionDenied), workspace.session() as session:
        users.add_user(session, clerk, "hung", Role.LEADER, PASSWORD)
    with workspace.session() as session:
        users.set_role(session, admin, lan.id, Role.LEADER)
        users.reset_password(session, admin, lan.id, "mật-khẩu-mới-2025")
        users.set_active(session, admin, lan.id, False, reason="Chuyển công tác")
    with pytest.raises(UserError, match="ngừng hoạt động"):
        sign_in(workspace, "lan", "mật-khẩu-mới-2025")
    with workspace.session() as session:
        trail = [(e.actor, e.action, e.field, e.old_value, e.new_value, e.reason)
                 for e in audit.history(session, "desk_user", lan.id)]
    assert ("Quản Trị", "edit", "role", "clerk", "leader", None) in trail
    # A reset is on record with a fingerprint of the new hash (it finds a hash put in outside Desk), never the
    # password or the hash itself
    with workspace.session() as session:
        stored = users.get(session, lan.id).password_hash
    assert ("Quản Trị", "edit", "password", None, passwords.fingerprint(stored), "đặt lại mật khẩu") in trail
    assert not any(stored in str(entry) or "mật-khẩu-mới-2025" in str(entry) for entry in trail)
    assert ("Quản Trị", "edit", "active", "1", "0", "Chuyển công tác") in trail


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(workspace, admin):
    with workspace.session() as session:
        with pytest.raises(UserError, match="quản trị duy nhất"):
            users.set_role(session, admin, admin.user_id, Role.CLERK)
        with pytest.raises(UserError, match="quản trị duy nhất"):
            users.set_active(session, admin, admin.user_id, False)
        second = users.add_user(session, admin, "pho", Role.ADMIN, PASSWORD)
        users.set_role(session, admin, admin.user_id, Role.CLERK)     # now allowed: "pho" remains
    assert second.role == "admin"


def test_a_signed_in_clerk_is_recorded_as_the_author_of_a_record(workspace, admin):
    with workspace.session() as session:
        users.add_user(session, admin, "lan", Role.CLERK, PASSWORD)
    clerk = sign_in(workspace, "lan", PASSWORD)
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu người", "level": "province",
                                                "raised_on": "05/09/2025", "status": "received"},
                           unit_code=NGO_QUYEN, actor=clerk)
        assert audit.history(session, table_of(OBSTACLES), rid)[0].actor == "lan"


def test_unlock_checks_the_signed_in_users_password(workspace, admin):
    with workspace.session() as session:
        assert users.verify(session, admin, PASSWORD)
        assert not users.verify(session, admin, "sai")
        assert not users.verify(session, os_actor(), PASSWORD)


def test_desk_hashes_at_scrypt_n_2_17_and_remakes_older_hashes_at_the_next_sign_in(workspace, admin, monkeypatch):
    # Desk's own cost (the suite runs cheaper): n=2**17, r=8, p=1, as the brief asks
    monkeypatch.setattr(passwords, "N", passwords.PRODUCTION_N)
    stored = hash_password("mật-khẩu-của-Lan")
    assert stored.split("$")[1:4] == ["131072", "8", "1"]
    assert verify_password("mật-khẩu-của-Lan", stored) and not verify_password("mat-khau-cua-Lan", stored)
    # Given a user whose hash was made at the old cost (2**14)
    monkeypatch.setattr(passwords, "N", 2 ** 14)
    with workspace.session() as session:
        users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
    monkeypatch.setattr(passwords, "N", passwords.PRODUCTION_N)

    def stored_cost():
        with workspace.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT password_hash FROM desk_user WHERE name = 'lan'").scalar().split("$")[1]

    assert stored_cost() == "16384"
    # A wrong password changes nothing; the right one signs in and the hash is re-made at today's cost
    with pytest.raises(UserError):
        sign_in(workspace, "lan", "sai-mat-khau-roi")
    assert stored_cost() == "16384"
    assert sign_in(workspace, "lan", "mật-khẩu-của-Lan").name == "lan"
    assert stored_cost() == "131072"
    assert sign_in(workspace, "lan", "mật-khẩu-của-Lan").name == "lan"


@pytest.mark.parametrize("costs", ["1099511627776$8$1", "16777216$8$1", "16384$8$100000", "16384$64$1",
                                   "16383$8$1"])
def test_a_stored_hash_asking_for_costs_desk_never_uses_never_signs_in_and_is_not_worked_out(
        workspace, admin, monkeypatch, costs):
    # Given a database (a crafted backup restored) whose clerk's hash asks for a huge or odd scrypt cost
    with workspace.session() as session:
        users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
    salt, key = hash_password("mật-khẩu-của-Lan").split("$")[4:]
    with workspace.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE desk_user SET password_hash = ? WHERE name = 'lan'",
                             (f"scrypt${costs}${salt}${key}",))
    derived = []
    monkeypatch.setattr(passwords, "_derive", lambda *args: derived.append(args) or b"")
    # When the clerk signs in: refused at once, as a wrong password, with no key derived at those costs
    with pytest.raises(UserError):
        sign_in(workspace, "lan", "mật-khẩu-của-Lan")
    assert [args[2:5] for args in derived if args[2] != passwords.N] == []


def test_a_lock_stored_far_ahead_never_keeps_the_name_out_longer_than_the_longest_lock(workspace, admin):
    from datetime import datetime, timedelta

    # Given a database (a crafted backup restored) locking the clerk until 9999 after a failure 10 minutes ago
    with workspace.session() as session:
        users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
    now = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    with workspace.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sign_in_attempt (name_key, failures, last_failure_at, locked_until) "
                             "VALUES ('lan', 9, ?, '9999-12-31 00:00:00')",
                             ((now - timedelta(minutes=10)).replace(tzinfo=None).isoformat(" "),))
    # When she signs in: she waits what is left of the longest lock (an hour), not «4193427000 phút»
    with pytest.raises(UserError, match="còn 50 phút 0 giây"), workspace.session() as session:
        users.authenticate(session, "lan", "mật-khẩu-của-Lan", now=now)
    # And once it is over, she signs in
    with workspace.session() as session:
        assert users.authenticate(session, "lan", "mật-khẩu-của-Lan", now=now + timedelta(minutes=51)).name == "lan"
    # A lock no failure set (no failure recorded) holds nobody out
    with workspace.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sign_in_attempt SET failures = 9, last_failure_at = NULL, "
                             "locked_until = '9999-12-31 00:00:00' WHERE name_key = 'lan'")
    with workspace.session() as session:
        assert users.authenticate(session, "lan", "mật-khẩu-của-Lan", now=now).name == "lan"


def test_a_lock_ending_after_midnight_names_its_day():
    from datetime import datetime, timedelta

    now = datetime(2026, 3, 2, 23, 50).astimezone()
    said = users._locked_message("lan", 7, now + timedelta(minutes=30), now)
    assert f"{(now + timedelta(minutes=30)):%H:%M:%S} ngày 03/03/2026" in said


def test_repeated_wrong_passwords_lock_the_name_with_a_growing_wait(workspace, admin):
    from datetime import datetime, timedelta

    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def attempt(password, at):
        with workspace.session() as session:
            return users.authenticate(session, "quản trị", password, now=at)

    # Five wrong passwords are just wrong
    for i in range(users.FREE_FAILURES):
        with pytest.raises(UserError) as caught:
            attempt("sai-mat-khau", start + timedelta(seconds=i))
        assert str(caught.value) == "Sai tên đăng nhập hoặc mật khẩu."
    # The sixth locks the name for 30 seconds, and says so
    with pytest.raises(UserError) as caught:
        attempt("sai-mat-khau", start + timedelta(seconds=10))
    assert "Đã nhập sai mật khẩu 6 lần liên tiếp: tên «quản trị» tạm khóa đăng nhập đến" in str(caught.value)
    assert "(còn 30 giây)" in str(caught.value)
    # While locked even the right password is refused (and not checked)
    with pytest.raises(UserError, match="còn 20 giây"):
        attempt(PASSWORD, start + timedelta(seconds=20))
    # After the wait one more wrong password doubles it: 60 s, then 120 s
    with pytest.raises(UserError, match="còn 1 phút 0 giây"):
        attempt("sai-mat-khau", start + timedelta(seconds=41))
    assert users.lock_time(8) == timedelta(minutes=2) and users.lock_time(30) == timedelta(hours=1)
    # After that wait the right password signs in and clears the count
    assert attempt(PASSWORD, start + timedelta(seconds=102)) == admin
    with pytest.raises(UserError) as caught:
        attempt("sai-mat-khau", start + timedelta(seconds=103))
    assert str(caught.value) == "Sai tên đăng nhập hoặc mật khẩu."


def test_an_unknown_name_is_locked_alike_and_a_reset_lifts_a_lock(workspace, admin):
    from datetime import datetime, timedelta

    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with workspace.session() as session:
        lan = users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
    for name in ("không-có-ai", "lan"):
        for _ in range(users.FREE_FAILURES + 1):
            with pytest.raises(UserError), workspace.session() as session:
                users.authenticate(session, name, "sai-mat-khau", now=at)
        with pytest.raises(UserError, match="tạm khóa"), workspace.session() as session:
            users.authenticate(session, name, "sai-mat-khau", now=at + timedelta(seconds=1))
    with workspace.session() as session:
        users.reset_password(session, admin, lan.id, "mật-khẩu-mới-của-Lan")
    with workspace.session() as session:
        assert users.authenticate(session, "lan", "mật-khẩu-mới-của-Lan", now=at + timedelta(seconds=2)).name == "lan"


@pytest.mark.parametrize("name, twin", [("quаntri", "quantri"), ("QUANTRI", None), ("quantrі", "quantri"),
                                        ("Quаn Trị", None), ("quan tri", None), ("rnai", "mai"), ("lân", None)])
def test_a_user_name_that_looks_like_an_existing_one_is_refused(workspace, admin, name, twin):
    with workspace.session() as session:
        users.add_user(session, admin, "quantri", Role.CLERK, "mật-khẩu-của-Lan")
        users.add_user(session, admin, "mai", Role.CLERK, "mật-khẩu-của-Mai")
        users.add_user(session, admin, "lan", Role.CLERK, "mật-khẩu-của-Lan")
    if twin is None:
        if name == "QUANTRI":       # the same name in capitals is the same user, refused as such
            with pytest.raises(UserError, match="Đã có người dùng"), workspace.session() as session:
                users.add_user(session, admin, name, Role.CLERK, "mật-khẩu-mới-1")
            return
        with workspace.session() as session:
            users.add_user(session, admin, name, Role.CLERK, "mật-khẩu-mới-1")
        return
    with pytest.raises(UserError) as caught, workspace.session() as session:
        users.add_user(session, admin, name, Role.CLERK, "mật-khẩu-mới-1")
    assert str(caught.value).startswith(f"Tên đăng nhập «{name}» dễ nhầm với người dùng đã có «{twin}»")
    if name == "quаntri":
        assert "(có ký tự trông giống chữ Latinh nhưng khác mã: а (CYRILLIC SMALL LETTER A))" in str(caught.value)


def test_libsodiums_scrypt_and_the_standard_librarys_make_the_same_hashes(monkeypatch):
    # Desk derives with whichever is faster on the PC; a hash made by one signs in with the other: the same
    # function, the same bytes
    at_hand = passwords._scrypts()
    assert set(at_hand) == {passwords.OPENSSL, passwords.LIBSODIUM}
    made = {}
    for name, scrypt in at_hand.items():
        with monkeypatch.context() as only:
            only.setattr(passwords, "_fastest", lambda name=name, scrypt=scrypt: (name, scrypt))
            assert passwords.implementation().startswith(name)
            made[name] = hash_password("mật-khẩu-của-Lan")
    for name, scrypt in at_hand.items():
        with monkeypatch.context() as only:
            only.setattr(passwords, "_fastest", lambda name=name, scrypt=scrypt: (name, scrypt))
            for stored in made.values():
                assert verify_password("mật-khẩu-của-Lan", stored)
                assert not verify_password("mat-khau-cua-Lan", stored)
    salt = base64.b64decode(made[passwords.OPENSSL].split("$")[4])
    by_libsodium = at_hand[passwords.LIBSODIUM]("mật-khẩu-của-Lan".encode(), salt, 2 ** 12, 8, 1, 32, 2 ** 26)
    assert by_libsodium == hashlib.scrypt("mật-khẩu-của-Lan".encode(), salt=salt, n=2 ** 12, r=8, p=1, dklen=32)


def _slowed(scrypt, seconds):
    def slow(*args):
        time.sleep(seconds)
        return scrypt(*args)
    return slow


@pytest.mark.parametrize("slower", [passwords.OPENSSL, passwords.LIBSODIUM])
def test_the_password_is_derived_by_the_scrypt_found_faster_on_this_pc(monkeypatch, slower):
    # Given the two scrypts, one of them slower on this PC
    at_hand = passwords._scrypts()
    slowed = {name: _slowed(scrypt, 0.02) if name == slower else scrypt for name, scrypt in at_hand.items()}
    monkeypatch.setattr(passwords, "_scrypts", lambda: slowed)
    passwords._fastest.cache_clear()
    try:
        # When Desk chooses (as the sign-in does while the clerk types) and derives a password's hash
        passwords.prepare()
        stored = hash_password("mật-khẩu-của-Lan")
        # Then the other derives it, the self-check says so, and the hash signs in
        faster = next(name for name in at_hand if name != slower)
        assert passwords._fastest()[0] == faster
        assert passwords.implementation() == f"{faster}, nhanh hơn {slower} trên máy này"
        assert verify_password("mật-khẩu-của-Lan", stored)
    finally:
        passwords._fastest.cache_clear()


def test_without_pynacl_the_password_is_derived_by_openssl_with_no_trial(monkeypatch):
    # Given an installation without PyNaCl
    monkeypatch.setitem(sys.modules, "nacl.bindings", None)          # its import fails
    monkeypatch.setattr(passwords, "_trial", None)                    # not called: nothing to compare
    passwords._fastest.cache_clear()
    try:
        # Then OpenSSL's scrypt derives the keys, and says so
        assert passwords.implementation() == passwords.OPENSSL
        assert verify_password("mật-khẩu-của-Lan", hash_password("mật-khẩu-của-Lan"))
    finally:
        passwords._fastest.cache_clear()
