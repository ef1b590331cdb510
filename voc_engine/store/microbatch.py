"""Micro-batching: concurrent requests share encoder passes.

Each request awaits `MicroBatcher.enrich(texts, ids)`. A single worker task collects what
arrives within `max_wait` (or until `max_texts` are waiting), makes ONE call to the enrich
function in a worker thread, and hands each request its slice of the results. Under load the
encoder sees batches of dozens of texts instead of one at a time; an idle service adds at most
`max_wait` to a lone request. Calls into the enrich function never overlap (one worker thread),
so the model needs no locking.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from voc_engine.schema import Enrichment

EnrichFn = Callable[[list[str], list[Any]], list[Enrichment]]


@dataclass
class _Request:
    texts: list[str]
    ids: list[Any]
    future: asyncio.Future


@dataclass
class BatcherStats:
    calls: int = 0
    texts: int = 0
    requests: int = 0
    batch_sizes: deque = field(default_factory=lambda: deque(maxlen=1000))  # the latest calls


class MicroBatcher:
    """Coalesces concurrent `enrich` calls from one event loop into shared batches."""

    def __init__(
        self,
        enrich: EnrichFn,
        max_wait_ms: float = 10.0,
        max_texts: int = 256,
        on_batch: Callable[[int, int, float], None] | None = None,
    ):
        self._enrich = enrich
        self.max_wait = max_wait_ms / 1000.0
        self.max_texts = max_texts
        self.on_batch = on_batch  # (requests, texts, seconds) after each call, e.g. for metrics
        self.stats = BatcherStats()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voc-enrich")
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[_Request] | None = None
        self._worker: asyncio.Task | None = None

    async def enrich(self, texts: Sequence[str], ids: Sequence[Any] | None = None) -> list[Enrichment]:
        texts = list(texts)
        ids = list(ids) if ids is not None else list(range(len(texts)))
        if not texts:
            return []
        queue = self._ensure_worker()
        future = asyncio.get_running_loop().create_future()
        await queue.put(_Request(texts, ids, future))
        return await future

    def _ensure_worker(self) -> asyncio.Queue:
        loop = asyncio.get_running_loop()
        with self._lock:
            # A new event loop (a restarted server, a new test client) gets a fresh queue and worker.
            if self._loop is not loop or self._worker is None or self._worker.done():
                self._loop = loop
                self._queue = asyncio.Queue()
                self._worker = loop.create_task(self._run(self._queue), name="voc-microbatcher")
            return self._queue

    async def _run(self, queue: asyncio.Queue) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await queue.get()]
            size = len(batch[0].texts)
            deadline = loop.time() + self.max_wait
            while size < self.max_texts:
                timeout = deadline - loop.time()
                if timeout <= 0:
                    break
                try:
                    request = await asyncio.wait_for(queue.get(), timeout)
                except asyncio.TimeoutError:
                    break
                batch.append(request)
                size += len(request.texts)
            await self._process(loop, batch)

    async def _process(self, loop: asyncio.AbstractEventLoop, batch: list[_Request]) -> None:
        texts = [t for r in batch for t in r.texts]
        ids = [i for r in batch for i in r.ids]
        started = time.perf_counter()
        try:
            results = await loop.run_in_executor(self._executor, self._enrich, texts, ids)
            if len(results) != len(texts):
                raise RuntimeError(f"enrich returned {len(results)} results for {len(texts)} texts")
        except Exception as exc:  # every waiting request learns of it; the worker goes on
            for request in batch:
                if not request.future.done():
                    request.future.set_exception(exc)
            return
        self.stats.calls += 1
        self.stats.texts += len(texts)
        self.stats.requests += len(batch)
        self.stats.batch_sizes.append(len(texts))
        if self.on_batch:
            self.on_batch(len(batch), len(texts), time.perf_counter() - started)
        start = 0
        for request in batch:
            end = start + len(request.texts)
            if not request.future.done():  # a client that went away no longer waits
                request.future.set_result(results[start:end])
            start = end

    async def aclose(self) -> None:
        """Stop this loop's worker (a later call on a new loop starts another)."""
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self._worker = None
