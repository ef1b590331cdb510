"""The PII policy for the fields around a comment's text, applied at the door (`CommentIn`).

The text itself is redacted by the pipeline. Everything else a caller sends is classified here:

- ``customer_id`` is *pseudonymised*: stored, shown, exported and sent in webhooks only as
  ``cu_`` + 32 hex digits of HMAC-SHA256(key, id). The same customer always gets the same
  pseudonym under one key, so profiles, cases and erasure still work; without the key the
  pseudonym cannot be turned back into the id. The key comes from ``VOC_PSEUDONYM_KEY`` or,
  when that is unset, from a random key file made once under the data directory
  (``pseudonym.key``, mode 0600). Every process writing to one database must use the same key:
  set ``VOC_PSEUDONYM_KEY`` wherever more than one host writes, and keep a copy of it apart from
  the database — a lost key means returning customers get new pseudonyms.
- ``metadata``: keys and string values go through the same redactor as comment text (numbers too,
  as their digits: a card number sent as an integer is still a card number), except the fields
  named in ``VOC_METADATA_SAFE_FIELDS``, which are stored as sent.
- ``segment``, ``touchpoint`` and ``journey_stage`` are redacted like text (they are labels; a
  redactor hit there means someone put personal data in a label).
- ``external_id`` is the sending system's record id: one holding an e-mail address, a URL or a
  formatted personal number (anything the redactor finds, unless it is digits alone, the form of
  most record ids) is refused, since it would be stored and shown as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

PSEUDONYM_PREFIX = "cu_"
_PSEUDONYM_RE = re.compile(r"^cu_[0-9a-f]{32}$")
KEY_FILE_NAME = "pseudonym.key"


def is_pseudonym(value: str) -> bool:
    return bool(_PSEUDONYM_RE.match(value))


def pseudonymise(customer_id: str, key: bytes) -> str:
    """The stored form of a customer id; a value that already is a pseudonym is kept as it is."""
    if is_pseudonym(customer_id):
        return customer_id
    digest = hmac.new(key, customer_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:32]


def load_or_create_key(configured: str | None, data_dir: Path) -> bytes:
    """The pseudonymisation key: the configured secret, else the data directory's key file."""
    if configured:
        return configured.encode("utf-8")
    path = data_dir / KEY_FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two processes starting together cannot each write a different key.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise ValueError(f"the pseudonymisation key file {path} is empty")
    return key.encode("utf-8")


@dataclass(frozen=True)
class PiiPolicy:
    """How the structured fields of one comment are made safe to store (see the module docstring)."""

    key: bytes
    safe_metadata_fields: frozenset[str] = field(default_factory=frozenset)
    redactor: Callable[[str], Any] | None = None  # voc_engine.nlp.redact.redact; loaded when None

    def _redact(self, text: str) -> tuple[str, dict[str, int]]:
        redactor = self.redactor
        if redactor is None:
            from voc_engine.nlp.redact import redact as redactor
        result = redactor(text)
        return result.text, result.counts

    def customer_id(self, value: str) -> str:
        return pseudonymise(value, self.key)

    def label(self, value: str) -> str:
        return self._redact(value)[0]

    def external_id_problem(self, value: str) -> str | None:
        """Why an external id may not be stored as it is (never quoting it), or None."""
        if value.isdigit():
            return None
        _, counts = self._redact(value)
        if counts:
            kinds = ", ".join(sorted(counts))
            return f"looks like personal data ({kinds}); send the source system's record id instead"
        return None

    def metadata(self, metadata: dict[str, Any]) -> dict[str, Any]:
        return {
            self.label(key): (value if key in self.safe_metadata_fields else self._metadata_value(value))
            for key, value in metadata.items()
        }

    def _metadata_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.label(value)
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            redacted = self.label(str(value))
            return value if redacted == str(value) else redacted
        if isinstance(value, dict):
            return {self.label(str(k)): self._metadata_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._metadata_value(v) for v in value]
        return value
