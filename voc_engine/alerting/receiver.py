"""A small webhook receiver on 127.0.0.1: what a CRM endpoint does, for the demo, tests and benchmark.

It checks the signature (401 if wrong), honours the Idempotency-Key (a repeat is acknowledged but
not recorded again) and can be stopped and started on the same port to play an outage.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from voc_engine.alerting.notify import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify_signature


@dataclass(frozen=True)
class ReceivedRequest:
    idempotency_key: str | None
    event: str | None
    signature_ok: bool
    body: dict[str, Any]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer (a killed sender) is not worth a traceback."""


class WebhookReceiver:
    def __init__(self, secret: str, port: int = 0, host: str = "127.0.0.1", path: str = "/hooks/voc"):
        self.secret = secret
        self.host = host
        self.port = port
        self.path = path
        self.requests: list[ReceivedRequest] = []  # every request that reached us
        self.records: dict[str, dict[str, Any]] = {}  # what an idempotent consumer keeps: one per key
        # Test hooks: run before answering; choose the status (default 200, 401 on a bad signature).
        self.before_response: Callable[[ReceivedRequest], None] | None = None
        self.respond_with: Callable[[ReceivedRequest], int] | None = None
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._arrived = threading.Condition(self._lock)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.path}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> "WebhookReceiver":
        if self._server is not None:
            return self
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                ok = verify_signature(receiver.secret, raw, self.headers.get(SIGNATURE_HEADER))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                request = ReceivedRequest(
                    self.headers.get(IDEMPOTENCY_HEADER), self.headers.get("X-VOC-Event"), ok, body
                )
                duplicate = receiver._record(request)
                if receiver.before_response is not None:
                    receiver.before_response(request)
                status = 200 if ok else 401
                if ok and receiver.respond_with is not None:
                    status = receiver.respond_with(request)
                self.send_response(status)
                answer = json.dumps({"ok": ok, "duplicate": duplicate}).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: Any) -> None:  # quiet
                pass

        self._server = _QuietServer((self.host, self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="webhook-receiver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the port: connections are refused until `start` (same port) again."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self._server = None
        self._thread = None

    def __enter__(self) -> "WebhookReceiver":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, request: ReceivedRequest) -> bool:
        """Keep every request, and the first of each Idempotency-Key (True: a repeat)."""
        with self._arrived:
            self.requests.append(request)
            duplicate = request.idempotency_key in self.records
            if request.signature_ok and request.idempotency_key and not duplicate:
                self.records[request.idempotency_key] = request.body
            self._arrived.notify_all()
            return duplicate

    def wait_for(self, count: int, timeout: float) -> bool:
        """Block until `count` distinct notifications are recorded (False on timeout)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.records) >= count, timeout)
