"""The part of the pipeline's prepare step whose cost grows with the comment: decode, normalise
and redact the whole text.

Its own small module (no spaCy, no encoder), so a helper process can import it quickly: the
service has long comments prepared there, where their regular-expression passes, each of
which holds the GIL for its whole run over the text, cannot stall other requests
(see voc_engine.store.microbatch).
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from voc_engine.nlp.normalise import decode_bytes, normalise
from voc_engine.nlp.redact import redact

MAX_TEXT_CHARS = 1_000_000  # beyond this a comment is cut (and flagged), never dropped


@dataclass(frozen=True)
class PreparedText:
    """A comment decoded, normalised and redacted whole; ``Pipeline.enrich`` takes one in place
    of the raw text. ``error`` set: nothing left to score (``flags`` still apply)."""

    text: str = ""
    redactions: dict[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    error: str | None = None


def prepare_text(raw: Any) -> PreparedText:
    """Decode, normalise and redact one comment: every character of it, as it is stored."""
    if raw is None or (isinstance(raw, float) and raw != raw):  # None or NaN (an empty cell)
        return PreparedText(error="empty text")
    if isinstance(raw, (bytes, bytearray)):
        raw, _ = decode_bytes(bytes(raw))
    flags = []
    if isinstance(raw, str) and "\ufffd" in raw:
        # Bytes that were not UTF-8, replaced here or upstream (voc_engine.io reads them so for scoring).
        flags.append("invalid_utf8")
    if not isinstance(raw, str):
        return PreparedText(error=f"text must be a string, got {type(raw).__name__}")
    if len(raw) > MAX_TEXT_CHARS:
        raw = raw[:MAX_TEXT_CHARS]
        flags.append("text_cut")
    text = normalise(raw)
    if not text:
        return PreparedText(flags=tuple(flags), error="empty text")
    redaction = redact(text)
    return PreparedText(redaction.text, dict(redaction.counts), tuple(flags))


def exit_with_parent(parent_pid: int, every: float = 1.0) -> None:
    """In a helper process: exit once `parent_pid` is gone. A process pool's worker waits on its
    queue for ever when the service that started it is killed (kill -9 closes no queue)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="voc-exit-with-parent", daemon=True).start()
