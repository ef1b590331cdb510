"""The weekly digest ("communicate"): one team's week — control-chart signals, rising and emerging
topics, cases, action plans due — as a results object (`service.Digest`), a page of the
workspace, a self-contained HTML file (`render`) and a message of the webhook outbox."""

from voc_engine.digest.service import DIGEST_ROLES, Digest, build_digest, send_digest

__all__ = ["DIGEST_ROLES", "Digest", "build_digest", "send_digest"]
