"""Password hashing: argon2id (argon2-cffi's defaults, RFC 9106's second recommendation).

Only people have passwords; the hash is in PHC form, so its parameters travel with it and a
hash made with older parameters is replaced at the next successful sign-in.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from voc_engine.errors import InvalidArgumentError

MIN_LENGTH = 12
# Hashing cost does not depend on length, but a megabyte "password" is no password.
MAX_LENGTH = 1024

# A hash of a random string nobody knows, with the hasher's parameters (a test checks they are
# the same): checked against when the user name is unknown, so that an unknown name takes as long
# to refuse as a wrong password.
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$GClA+D9eh2vD6r4dDgA+8g$WfrrHmpaqq9murhZ5aWFnteAT+X4dt4v35LHV1743J0"
)


class WeakPasswordError(InvalidArgumentError):
    """A password too short or too long."""


def hasher() -> PasswordHasher:
    return PasswordHasher()


def check_strength(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPasswordError(f"a password has at most {MAX_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    return hasher().hash(check_strength(password))


def verify_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """(whether `password` matches `stored`, a fresh hash when `stored`'s parameters are out of date).

    With no stored hash (unknown user, no password set) the dummy hash is checked, and the
    answer is no.
    """
    ph = hasher()
    try:
        ok = ph.verify(stored or DUMMY_HASH, password[:MAX_LENGTH]) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, None
    if ok and ph.check_needs_rehash(stored):
        return True, ph.hash(password)
    return ok, None
