"""Password hashing with scrypt (the faster here of libsodium's and OpenSSL's); each hash keeps its costs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from functools import cache

from desk.domain.lang import t
from desk.errors import UserError

# n=2**17, r=8, p=1: OWASP's recommended scrypt cost; 128 MB and ~0.2-0.5 s per check on an office PC,
# which is what makes guessing slow. Hashes made with less (Desk used 2**14 before) are re-made at the
# next successful sign-in (needs_rehash). The test suite lowers N (tests/conftest.py); one test
# proves the production cost.
PRODUCTION_N = 2 ** 17
N, R, P = PRODUCTION_N, 8, 1
KEY_LENGTH = 32
MIN_LENGTH = 8
SCHEME = "scrypt"
# The costs a stored hash may ask for: Desk's r and p, and n a power of two no higher than today's. A hash
# asking for more (a crafted database or backup) could take minutes or all the memory to check; a lower n
# only makes a hash cheaper to guess, which any hash put in outside Desk already is (the trail's
# fingerprint finds those), and hashes made at lower costs (Desk's before 2**17; a test's) still sign in.
ACCEPTED_R, ACCEPTED_P, MAX_KEY_LENGTH = (8,), (1,), 64


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


OPENSSL = "OpenSSL (hashlib)"
LIBSODIUM = "libsodium (PyNaCl)"
_TRIAL_N = 2 ** 10         # a trial's cost: ~1-3 ms each, 1 MB


def _libsodium_scrypt() -> Callable[..., bytes] | None:
    """libsodium's scrypt, where PyNaCl is installed: the same function as hashlib.scrypt (the same bytes out)."""
    try:
        from nacl.bindings import crypto_pwhash_scryptsalsa208sha256_ll
    except ImportError:         # an installation without PyNaCl still signs in with OpenSSL's
        return None
    return crypto_pwhash_scryptsalsa208sha256_ll


def _openssl_scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, length: int, maxmem: int) -> bytes:
    return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=length, maxmem=maxmem)


def _scrypts() -> dict[str, Callable[..., bytes]]:
    """The scrypts at hand, by name: OpenSSL's always, libsodium's where PyNaCl is installed."""
    found: dict[str, Callable[..., bytes]] = {OPENSSL: _openssl_scrypt}
    sodium = _libsodium_scrypt()
    if sodium is not None:
        found[LIBSODIUM] = sodium
    return found


@cache
def _fastest() -> tuple[str, Callable[..., bytes]]:
    """The scrypt that derives the keys: of those at hand, the one a short trial finds faster on this processor.

    Which one is depends on the processor, not on the cost: libsodium's uses vector instructions OpenSSL's
    lacks on some (0.31 s against 0.43 s at n=2**17 on one VM host), and is the slower on others (an AMD
    EPYC: 0.36-0.39 s against 0.29-0.31 s, and 1.6-1.8x slower at n=2**10 and 2**14 too). The sign-in waits
    for it (while the window gets ready). Guessing costs an attacker the same: that is set by n, r and p."""
    scrypts = _scrypts()
    if len(scrypts) == 1:
        return next(iter(scrypts.items()))
    return min(scrypts.items(), key=lambda named: _trial(named[1]))


def prepare() -> None:
    """The scrypt chosen ahead (its trial takes a few milliseconds): the sign-in makes it while the clerk types."""
    _fastest()


def _trial(scrypt: Callable[..., bytes]) -> float:
    """The fastest of two derivations at the trial's cost, in seconds."""
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        scrypt(b"trial", bytes(16), _TRIAL_N, R, P, KEY_LENGTH, _maxmem(_TRIAL_N, R, P))
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def _maxmem(n: int, r: int, p: int) -> int:
    # OpenSSL's default cap (32 MB) is too tight for n=2**14, r=8 on some builds.
    return 128 * r * (n + p + 2) * 2


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return _fastest()[1](password.encode("utf-8"), salt, n, r, p, length, _maxmem(n, r, p))


def implementation() -> str:
    """Which scrypt derives the keys, and what it was found faster than (the self-check says it)."""
    name = _fastest()[0]
    others = [other for other in _scrypts() if other != name]
    return name + (f", nhanh hơn {', '.join(others)} trên máy này" if others else "")


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise UserError(t(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.",
                          f"The password must have at least {MIN_LENGTH} characters."))
    if password != password.strip():
        raise UserError(t("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.",
                          "The password must not start or end with a space."))


def hash_password(password: str) -> str:
    """"scrypt$n$r$p$salt$hash" (salt and hash in base64)."""
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, N, R, P, KEY_LENGTH)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(key)}"


def fingerprint(stored: str) -> str:
    """What the audit trail keeps of a stored hash: a digest of it, which tells a hash put in outside Desk and
    nothing of the password (without the salt inside the hash, it cannot test a guess)."""
    return hashlib.sha256(stored.encode("utf-8")).hexdigest()[:32]


def needs_rehash(stored: str) -> bool:
    """Whether a stored hash was made with less than today's cost (re-made once the password is known)."""
    try:
        scheme, n, _r, _p, _salt, _key = stored.split("$")
        return scheme != SCHEME or int(n) < N
    except ValueError:
        return True


def acceptable(stored: str) -> bool:
    """Whether a stored hash is one Desk made: its scheme and its costs are Desk's own."""
    try:
        scheme, n, r, p, _salt, key = stored.split("$")
        return (scheme == SCHEME and int(n).bit_count() == 1 and 2 <= int(n) <= max(N, PRODUCTION_N)
                and int(r) in ACCEPTED_R and int(p) in ACCEPTED_P and len(base64.b64decode(key)) <= MAX_KEY_LENGTH)
    except (ValueError, TypeError):
        return False


def verify_password(password: str, stored: str) -> bool:
    """True if the password matches; a malformed stored value, or one with costs Desk never uses, never
    matches (and is not derived: its costs could take minutes or all the memory)."""
    if not acceptable(stored):
        return False
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        expected = base64.b64decode(key)
        derived = _derive(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, expected)
