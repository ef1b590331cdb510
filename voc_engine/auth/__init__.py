"""People and sign-in: users (persons and named services) with a role, passwords (argon2id),
sessions, API keys (SHA-256 hashes), and the one authorisation decision (`authorize`).

    from voc_engine.auth import authorize, create_user, create_api_key

Attributes are imported lazily so that `voc --help` does not import SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    **{name: "voc_engine.auth.policy" for name in ("ROLES", "Principal", "authorize")},
    **{name: "voc_engine.auth.keys" for name in
       ("ApiKeyInfo", "authenticate", "create_api_key", "list_api_keys", "revoke_api_key")},
    **{name: "voc_engine.auth.users" for name in
       ("UserInfo", "create_user", "disable_user", "enable_user", "get_user", "list_users", "reset_password",
        "update_user")},
    **{name: "voc_engine.auth.sessions" for name in ("authenticate_session", "login", "logout")},
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'voc_engine.auth' has no attribute {name!r}")
