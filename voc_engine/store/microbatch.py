"""Micro-batching: concurrent requests share encoder passes and database transactions.

`Coalescer` is the mechanism: requests `submit` items; one worker task takes what is waiting
(at most `max_size`, waiting at most `max_wait` for more), makes ONE call of a synchronous
function on its own thread, and hands each request its result. Under load the function sees
dozens of items per call; a lone request waits at most `max_wait`. Calls never overlap, so the
function needs no locking.

The API's ingest path is three such stages, each on its own thread, so they overlap (the
encoder works on one micro-batch while the previous one commits):

* `PlanBatcher` coalesces `FeedbackStore.plan_ingest_many`: one read of the store to validate
  and deduplicate the rows of every waiting request;
* `MicroBatcher` coalesces `Pipeline.enrich` calls: one encoder pass for many requests' texts;
* `CommitBatcher` coalesces `FeedbackStore.commit_ingest_many`: one transaction (one fsync on
  SQLite, one statement per table, one call of each ingest hook) for the comments of every
  request whose enrichment finished together.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Generic, Sequence, TypeVar

from voc_engine.schema import Enrichment

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore, IngestPlan, IngestResult

Item = TypeVar("Item")
Result = TypeVar("Result")
EnrichFn = Callable[[list[str], list[Any]], list[Enrichment]]


@dataclass
class BatcherStats:
    calls: int = 0
    items: int = 0
    requests: int = 0
    batch_sizes: deque = field(default_factory=lambda: deque(maxlen=1000))  # the latest calls


class Coalescer(Generic[Item, Result]):
    """Collects items submitted concurrently from one event loop into calls of `process`.

    `process(items)` returns one result per item; a result that is an exception instance is
    raised to that item's caller alone. If `process` raises, every caller of that call gets it.
    """

    def __init__(
        self,
        process: Callable[[list[Item]], Sequence[Result | BaseException]],
        *,
        max_wait_ms: float,
        max_size: int,
        size: Callable[[Item], int] = lambda _: 1,
        on_batch: Callable[[int, int, float], None] | None = None,
        name: str = "voc-batch",
    ):
        self._process = process
        self.max_wait = max_wait_ms / 1000.0
        self.max_size = max_size
        self._size = size
        self.on_batch = on_batch  # (requests, size, seconds) after each call, e.g. for metrics
        self.stats = BatcherStats()
        self._name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue | None = None
        self._worker: asyncio.Task | None = None

    async def submit(self, item: Item) -> Result:
        queue = self._ensure_worker()
        future = asyncio.get_running_loop().create_future()
        await queue.put((item, future))
        return await future

    def _ensure_worker(self) -> asyncio.Queue:
        loop = asyncio.get_running_loop()
        with self._lock:
            # A new event loop (a restarted server, a new test client) gets a fresh queue and worker.
            if self._loop is not loop or self._worker is None or self._worker.done():
                self._loop = loop
                self._queue = asyncio.Queue()
                self._worker = loop.create_task(self._run(self._queue), name=self._name)
            return self._queue

    async def _run(self, queue: asyncio.Queue) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await queue.get()]
            size = self._size(batch[0][0])
            deadline = loop.time() + self.max_wait
            while size < self.max_size:
                try:  # whatever is already waiting joins without delay
                    entry = queue.get_nowait()
                except asyncio.QueueEmpty:
                    timeout = deadline - loop.time()
                    if timeout <= 0:
                        break
                    try:
                        entry = await asyncio.wait_for(queue.get(), timeout)
                    except asyncio.TimeoutError:
                        break
                batch.append(entry)
                size += self._size(entry[0])
            await self._call(loop, batch, size)

    async def _call(self, loop: asyncio.AbstractEventLoop, batch: list, size: int) -> None:
        items = [item for item, _ in batch]
        started = time.perf_counter()
        try:
            results = await loop.run_in_executor(self._executor, self._process, items)
            if len(results) != len(items):
                raise RuntimeError(f"{self._name}: {len(results)} results for {len(items)} items")
        except Exception as exc:  # every waiting request learns of it; the worker goes on
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        self.stats.calls += 1
        self.stats.items += size
        self.stats.requests += len(batch)
        self.stats.batch_sizes.append(size)
        if self.on_batch:
            self.on_batch(len(batch), size, time.perf_counter() - started)
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():  # a client that went away no longer waits
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

    async def aclose(self) -> None:
        """Stop this loop's worker (a later submit on a new loop starts another)."""
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self._worker = None


class MicroBatcher:
    """Concurrent `enrich(texts, ids)` calls share encoder passes."""

    def __init__(
        self,
        enrich: EnrichFn,
        max_wait_ms: float = 5.0,
        max_texts: int = 256,
        on_batch: Callable[[int, int, float], None] | None = None,
    ):
        self._enrich = enrich
        self._coalescer: Coalescer[tuple[list[str], list[Any]], list[Enrichment]] = Coalescer(
            self._enrich_many,
            max_wait_ms=max_wait_ms,
            max_size=max_texts,
            size=lambda item: len(item[0]),
            on_batch=on_batch,
            name="voc-enrich",
        )

    @property
    def stats(self) -> BatcherStats:
        return self._coalescer.stats

    async def enrich(self, texts: Sequence[str], ids: Sequence[Any] | None = None) -> list[Enrichment]:
        texts = list(texts)
        if not texts:
            return []
        ids = list(ids) if ids is not None else list(range(len(texts)))
        return await self._coalescer.submit((texts, ids))

    def _enrich_many(self, requests: list[tuple[list[str], list[Any]]]) -> list[list[Enrichment]]:
        texts = [t for request_texts, _ in requests for t in request_texts]
        ids = [i for _, request_ids in requests for i in request_ids]
        results = self._enrich(texts, ids)
        if len(results) != len(texts):
            raise RuntimeError(f"enrich returned {len(results)} results for {len(texts)} texts")
        out, start = [], 0
        for request_texts, _ in requests:
            out.append(results[start : start + len(request_texts)])
            start += len(request_texts)
        return out

    async def aclose(self) -> None:
        await self._coalescer.aclose()


class PlanBatcher:
    """Concurrent `plan_ingest` calls share one read of the store (see `FeedbackStore.plan_ingest_many`)."""

    def __init__(self, store: "FeedbackStore", max_rows: int = 5000):
        self.store = store
        self._coalescer: Coalescer = Coalescer(
            self._plan_many, max_wait_ms=0.0, max_size=max_rows, size=lambda rows: max(1, len(rows)), name="voc-plan"
        )

    def _plan_many(self, batches: list[list[Any]]) -> list["IngestPlan | Exception"]:
        try:
            return self.store.plan_ingest_many(batches)
        except Exception:
            if len(batches) == 1:
                raise
        # One request's failure is that request's alone: plan each on its own.
        outcomes: list[IngestPlan | Exception] = []
        for rows in batches:
            try:
                outcomes.append(self.store.plan_ingest(rows))
            except Exception as exc:  # noqa: BLE001 - handed to that request's caller
                outcomes.append(exc)
        return outcomes

    @property
    def stats(self) -> BatcherStats:
        return self._coalescer.stats

    async def plan(self, rows: Sequence[Any]) -> "IngestPlan":
        return await self._coalescer.submit(list(rows))

    async def aclose(self) -> None:
        await self._coalescer.aclose()


class CommitBatcher:
    """Concurrent `commit_ingest` calls share one transaction (see `FeedbackStore.commit_ingest_many`)."""

    def __init__(self, store: "FeedbackStore", max_wait_ms: float = 0.0, max_comments: int = 2000):
        self.store = store
        self._coalescer: Coalescer = Coalescer(
            store.commit_ingest_many,
            max_wait_ms=max_wait_ms,
            max_size=max_comments,
            size=lambda item: max(1, len(item[0].new)),
            name="voc-commit",
        )

    @property
    def stats(self) -> BatcherStats:
        return self._coalescer.stats

    async def commit(self, plan: "IngestPlan", enrichments: Sequence[Enrichment]) -> list["IngestResult"]:
        return await self._coalescer.submit((plan, list(enrichments)))

    async def aclose(self) -> None:
        await self._coalescer.aclose()


class IngestService:
    """The API's ingest path into one store: plan, enrich and commit, each stage shared with
    concurrent requests (see the module docstring)."""

    def __init__(self, planner: PlanBatcher, batcher: MicroBatcher, committer: CommitBatcher):
        self.planner = planner
        self.batcher = batcher
        self.committer = committer

    async def plan(self, rows: Sequence[Any]) -> "IngestPlan":
        """Validate the rows and sort them into new, already stored, repeated and rejected."""
        return await self.planner.plan(rows)

    async def store(self, plan: "IngestPlan") -> list["IngestResult"]:
        """Enrich the plan's new comments and store them; acknowledged only once committed."""
        enrichments = await self.batcher.enrich(plan.texts, plan.ids) if plan.new else []
        return await self.committer.commit(plan, enrichments)

    async def aclose(self) -> None:
        """Stop the store's stages (the encoder stage is shared by every store of the process)."""
        await self.planner.aclose()
        await self.committer.aclose()
