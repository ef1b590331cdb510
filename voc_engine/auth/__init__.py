"""API keys with roles (ingest, analyst, agent, admin), stored only as SHA-256 hashes.

    from voc_engine.auth import create_api_key, authenticate

Attributes are imported lazily so that `voc --help` does not import SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = ("ROLES", "ApiKeyInfo", "authenticate", "create_api_key", "list_api_keys", "revoke_api_key")
__all__ = list(_NAMES)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(import_module("voc_engine.auth.keys"), name)
    raise AttributeError(f"module 'voc_engine.auth' has no attribute {name!r}")
