"""Micro-batching: concurrent requests share encoder passes and database transactions.

`Coalescer` is the mechanism: requests `submit` items; one worker task takes what is waiting
(at most `max_size` units of work, waiting at most `max_wait` after the oldest arrival for
more), makes ONE call of a synchronous function on its own thread, and hands each request its
result. Under load the function sees many items per call; a lone request waits at most
`max_wait`. Calls never overlap, so the function needs no locking.

Fairness: an item may be `split` into parts (the enrich stage makes one part per text), and
each call takes parts of every waiting request by deficit round robin: each request earns an
equal share of the call's budget per call, and spends it on its next parts in order. A big
request is thus served a part at a time, and a one-line comment that arrives meanwhile goes
into the very next call, next to at most an equal share of the big one, instead of waiting
for all of it. Every waiting request is first in turn, so none starves.

The API's ingest path is three such stages, each on its own thread, so they overlap (the
encoder works on one micro-batch while the previous one commits):

* `PlanBatcher` coalesces `FeedbackStore.plan_ingest_many`: one read of the store to validate
  and deduplicate the rows of every waiting request;
* `MicroBatcher` coalesces `Pipeline.start` / `Pipeline.finish`: one encoder pass for many
  requests' texts; the next call is prepared while the encoder's workers run the previous
  one. A call's budget is counted in units of work that grow with the text analysed, so a
  long comment takes the place of several short ones. Comments over `long_text_chars` are
  normalised and redacted first in a helper process (see `voc_engine.nlp.prepare`);
* `CommitBatcher` coalesces `FeedbackStore.commit_ingest_many`: one transaction (one fsync on
  SQLite, one statement per table, one call of each ingest hook) for the comments of every
  request whose enrichment finished together.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Generic, Sequence, TypeVar

from voc_engine.nlp.prepare import PreparedText, exit_with_parent, prepare_text
from voc_engine.schema import Enrichment

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.ingest import IngestPlan, IngestResult
    from voc_engine.store.repository import FeedbackStore

Item = TypeVar("Item")
Result = TypeVar("Result")
EnrichFn = Callable[[list[str], list[Any]], list[Enrichment]]


@dataclass
class BatcherStats:
    calls: int = 0
    items: int = 0  # units of work (`size`), summed over calls
    requests: int = 0  # requests served per call, summed (a request split over calls counts in each)
    batch_sizes: deque = field(default_factory=lambda: deque(maxlen=1000))  # the latest calls


@dataclass(eq=False)
class _Submission:
    """One `submit` on its way through the calls: its parts not yet taken, the results so far."""

    item: Any
    parts: deque  # (position, part, size)
    results: list
    left: int  # parts whose result has not come back
    future: asyncio.Future
    arrived: float
    deficit: float = 0.0


class Coalescer(Generic[Item, Result]):
    """Collects items submitted concurrently from one event loop into calls of `process`.

    `process(parts)` returns one result per part; a result that is an exception instance is
    raised to that part's caller alone (and drops the rest of its parts). If `process` raises,
    every caller with a part in that call gets it. `split(item)` cuts an item into parts (by
    default the item is its one part) and `join(item, results)` makes the caller's result of
    its parts' results (by default the one part's result); `size(part)` is a part's units of
    work. With `finish`, a call is two steps: `process(parts)` starts it and returns a handle,
    `finish(handle)` returns the results; the next call's first step runs before the previous
    call's second (both on the one thread), so work that `process` hands to other threads
    (an encoder's workers) overlaps with the preparation of the next call; the second step of
    a call of one part over `alone_size` (default: half the budget) runs on a thread of its
    own, so the short calls behind it go on (`finish` must allow that: a `Pipeline`'s does, it
    reads no spaCy state).
    """

    def __init__(
        self,
        process: Callable[[list[Any]], Any],
        *,
        max_wait_ms: float,
        max_size: int,
        size: Callable[[Any], int] = lambda _: 1,
        split: Callable[[Item], Sequence[Any]] | None = None,
        join: Callable[[Item, list[Any]], Result] | None = None,
        finish: Callable[[Any], Sequence[Any]] | None = None,
        alone_size: float | None = None,
        on_batch: Callable[[int, int, float], None] | None = None,
        name: str = "voc-batch",
    ):
        self._process = process
        self._finish = finish
        self.max_wait = max_wait_ms / 1000.0
        self.max_size = max_size
        self.alone_size = max_size / 2 if alone_size is None else alone_size
        self._size = size
        self._split = split or (lambda item: [item])
        self._join = join or (lambda item, results: results[0])
        # (requests, parts, seconds in its steps) after each call, e.g. for metrics; the enrich
        # stage's parts are texts.
        self.on_batch = on_batch
        self.stats = BatcherStats()
        self._name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._aside_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{name}-long")
        self._aside: set[asyncio.Task] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._worker: asyncio.Task | None = None
        self._waiting: list[_Submission] = []  # in order of arrival, each with parts left
        self._arrival: asyncio.Event | None = None
        self._turn = 0  # which waiting request is first in the next call
        # Submits announced and still on their way (see `expect`); None until one is announced.
        self._expected: int | None = None

    def expect(self, change: int) -> None:
        """`change` more submits are on their way (negative: that many fewer), e.g. requests in
        an earlier stage. Once the submitters announce themselves so, a call waits for more
        only while some are announced: it no longer waits out `max_wait` for requests that are
        not coming (a lone request, the last of a burst). Call it on the event loop."""
        self._expected = (self._expected or 0) + change
        if self._expected <= 0 and self._arrival is not None and self._loop is _running_loop():
            self._arrival.set()  # a waiting gather need not wait any longer

    async def submit(self, item: Item) -> Result:
        self._ensure_worker()
        loop = asyncio.get_running_loop()
        parts = [(position, part, self._size(part)) for position, part in enumerate(self._split(item))]
        if not parts:
            return self._join(item, [])
        future = loop.create_future()
        self._waiting.append(_Submission(item, deque(parts), [None] * len(parts), len(parts), future, loop.time()))
        self._arrival.set()
        return await future

    def _ensure_worker(self) -> None:
        loop = asyncio.get_running_loop()
        with self._lock:
            # A new event loop (a restarted server, a new test client) gets a fresh worker.
            if self._loop is not loop or self._worker is None or self._worker.done():
                self._loop = loop
                self._waiting = []
                self._arrival = asyncio.Event()
                self._worker = loop.create_task(self._run(), name=self._name)

    def _waiting_size(self) -> int:
        return sum(size for submission in self._waiting for _, _, size in submission.parts)

    async def _gather(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wait for a request, then up to `max_wait` after its arrival for more, unless a full
        call is already waiting or no more are announced (see `expect`)."""
        while not self._waiting:
            self._arrival.clear()
            await self._arrival.wait()
        deadline = self._waiting[0].arrived + self.max_wait
        while self._waiting_size() < self.max_size:
            if self._expected is not None and self._expected <= 0:
                return
            timeout = deadline - loop.time()
            if timeout <= 0:
                return
            self._arrival.clear()
            try:
                await asyncio.wait_for(self._arrival.wait(), timeout)
            except asyncio.TimeoutError:
                return

    def _take(self, overlapping: bool = False) -> list[tuple[_Submission, int, Any, int]]:
        """The next call's parts: deficit round robin over the waiting requests.

        A part over `alone_size` (a long comment) is served alone, when it comes first: a
        small request never shares its call with one; and one at a time (while one finishes
        aside, the next waits: its encoding would queue before the short ones' at the
        encoder's workers). `overlapping`: this call starts while the previous one is still to
        be finished, which is worth it for small parts only (the previous call's requests wait
        meanwhile), so it takes those, up to half a call.
        """
        self._waiting = [s for s in self._waiting if not s.future.done()]  # callers gone away
        if not self._waiting:
            return []
        budget = self.max_size / 2 if overlapping else self.max_size
        first = self._turn % len(self._waiting)
        order = self._waiting[first:] + self._waiting[:first]
        quantum = budget / len(order)
        taken: list[tuple[_Submission, int, Any, int]] = []
        total = 0
        for submission in order:
            submission.deficit = min(submission.deficit + quantum, self.max_size)
            while submission.parts:
                position, part, size = submission.parts[0]
                alone = size > self.alone_size
                if alone and self._aside:
                    break
                if taken or overlapping:
                    if alone or size > submission.deficit or total + size > budget:
                        break
                # else: the call's first part goes in whatever its size, so every call progresses.
                submission.parts.popleft()
                submission.deficit -= size
                total += size
                taken.append((submission, position, part, size))
                if alone:
                    break
            if not submission.parts:
                submission.deficit = 0.0
            if taken and taken[0][3] > self.alone_size:
                break
        if taken:
            self._turn += 1
        self._waiting = [s for s in self._waiting if s.parts]
        return taken

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        started: tuple[list, Any, float] | None = None  # a call between its two steps
        while True:
            if started is None:
                await self._gather(loop)
            batch = self._take(overlapping=started is not None)
            if not batch and started is None:
                # Only long parts wait, and one is finishing aside: wait for it or for a request.
                self._arrival.clear()
                if self._aside:
                    await self._arrival.wait()
                continue
            step = None
            if batch:
                step = await self._step(loop, batch, self._process, [part for _, _, part, _ in batch])
            if started is not None:
                previous, handle, seconds = started
                finished = await self._step(loop, previous, self._finish, handle)
                if finished is not None:
                    self._deliver(previous, finished[0], seconds + finished[1])
                started = None
            if step is not None:
                outcome, seconds = step
                if self._finish is None:
                    self._deliver(batch, outcome, seconds)
                elif batch[0][3] > self.alone_size:
                    # One long part: its second step (for a long comment, the heads over many
                    # sentences) runs on a thread of its own, while the short calls go on here.
                    self._aside.add(loop.create_task(self._finish_aside(loop, batch, outcome, seconds)))
                else:
                    started = (batch, outcome, seconds)

    async def _finish_aside(self, loop, batch: list, handle: Any, seconds: float) -> None:
        try:
            finished = await self._step(loop, batch, self._finish, handle, self._aside_executor)
            if finished is not None:
                self._deliver(batch, finished[0], seconds + finished[1])
        except Exception as exc:  # noqa: BLE001 - nobody awaits this task: its callers must hear
            self._fail({id(s): s for s, _, _, _ in batch}.values(), exc)
        finally:
            self._aside.discard(asyncio.current_task())
            self._arrival.set()  # the next long part may go

    async def _step(
        self, loop, batch: list, function: Callable, argument: Any, executor: Executor | None = None
    ) -> tuple[Any, float] | None:
        """Run one step of a call on the stage's thread: (its result, the seconds it ran), or
        None after telling the call's requests of its failure."""
        try:
            return await loop.run_in_executor(executor or self._executor, _timed, function, argument)
        except Exception as exc:  # every waiting request learns of it; the worker goes on
            self._fail({id(s): s for s, _, _, _ in batch}.values(), exc)
            return None

    def _fail(self, submissions, exc: BaseException) -> None:
        for submission in submissions:
            submission.parts.clear()
            if not submission.future.done():
                submission.future.set_exception(exc)

    def _deliver(self, batch: list, results: Sequence[Any], seconds: float) -> None:
        if len(results) != len(batch):
            error = RuntimeError(f"{self._name}: {len(results)} results for {len(batch)} items")
            self._fail({id(s): s for s, _, _, _ in batch}.values(), error)
            return
        size = sum(part_size for _, _, _, part_size in batch)
        requests = len({id(s) for s, _, _, _ in batch})
        self.stats.calls += 1
        self.stats.items += size
        self.stats.requests += requests
        self.stats.batch_sizes.append(size)
        if self.on_batch:
            self.on_batch(requests, len(batch), seconds)
        for (submission, position, _, _), result in zip(batch, results, strict=True):
            if submission.future.done():  # failed already, or a client that went away
                continue
            if isinstance(result, BaseException):
                self._fail([submission], result)
                continue
            submission.results[position] = result
            submission.left -= 1
            if submission.left == 0:
                try:
                    submission.future.set_result(self._join(submission.item, submission.results))
                except Exception as exc:  # noqa: BLE001 - a defect in join: that caller's alone
                    submission.future.set_exception(exc)

    async def aclose(self) -> None:
        """Stop this loop's worker (a later submit on a new loop starts another)."""
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self._worker = None
        for task in list(self._aside):
            task.cancel()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _timed(function: Callable, argument: Any) -> tuple[Any, float]:
    began = time.perf_counter()
    return function(argument), time.perf_counter() - began


def text_cost(text: Any, analysis_chars: int = 10_000) -> int:
    """Units of work of one text in an enrich call: 1 (the encoder's pass, about as costly as
    the rest for a tweet), 1 per 1,000 characters the analysis reads (spaCy, rules, heads:
    about a tweet's cost each), and 1 per 10,000 characters redacted in the call."""
    if isinstance(text, PreparedText):
        return 1 + min(len(text.text), analysis_chars) // 1000
    if not isinstance(text, str):
        return 1
    return 1 + min(len(text), analysis_chars) // 1000 + len(text) // 10_000


class MicroBatcher:
    """Concurrent enrich calls share encoder passes.

    `enrich` is either `enrich(texts, ids) -> enrichments` or an object with `start(texts, ids)`
    and `finish(started)` (a `Pipeline`), which lets the next call be prepared while the
    encoder works on the previous one. `max_texts` is a call's budget in units of
    `text_cost` (a tweet is 1); a text of more than `alone_cost` units (a long comment) is
    analysed in a call of its own. A text longer than `long_text_chars` (0: none) is
    normalised and redacted in a helper process before it joins a call.
    """

    def __init__(
        self,
        enrich: EnrichFn | Any,
        max_wait_ms: float = 5.0,
        max_texts: int = 256,
        on_batch: Callable[[int, int, float], None] | None = None,
        *,
        cost: Callable[[Any], int] = text_cost,
        long_text_chars: int = 0,
        alone_cost: float | None = None,
    ):
        two_steps = hasattr(enrich, "start") and hasattr(enrich, "finish")
        self._enrich = enrich
        self.long_text_chars = long_text_chars
        self._helper: Executor | None = None
        self._helper_lock = threading.Lock()
        self._coalescer: Coalescer[tuple[list[Any], list[Any]], list[Enrichment]] = Coalescer(
            self._start if two_steps else self._enrich_parts,
            max_wait_ms=max_wait_ms,
            max_size=max_texts,
            size=lambda part: cost(part[0]),
            split=lambda item: list(zip(*item)),
            join=lambda item, results: results,
            finish=self._finish if two_steps else None,
            alone_size=alone_cost,
            on_batch=on_batch,
            name="voc-enrich",
        )

    @property
    def stats(self) -> BatcherStats:
        return self._coalescer.stats

    def expect(self, change: int) -> None:
        """Requests on their way to `enrich` (see `Coalescer.expect`)."""
        self._coalescer.expect(change)

    async def enrich(self, texts: Sequence[Any], ids: Sequence[Any] | None = None) -> list[Enrichment]:
        texts = list(texts)
        if not texts:
            return []
        ids = list(ids) if ids is not None else list(range(len(texts)))
        if len(ids) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(ids)} ids")
        if self.long_text_chars and any(isinstance(t, str) and len(t) > self.long_text_chars for t in texts):
            texts = await self._prepare_long(texts)
        return await self._coalescer.submit((texts, ids))

    def _enrich_parts(self, parts: list[tuple[Any, Any]]) -> list[Enrichment]:
        results = self._enrich([text for text, _ in parts], [i for _, i in parts])
        if len(results) != len(parts):
            raise RuntimeError(f"enrich returned {len(results)} results for {len(parts)} texts")
        return results

    def _start(self, parts: list[tuple[Any, Any]]) -> Any:
        return self._enrich.start([text for text, _ in parts], [i for _, i in parts])

    def _finish(self, started: Any) -> list[Enrichment]:
        return self._enrich.finish(started)

    async def _prepare_long(self, texts: list[Any]) -> list[Any]:
        """The texts, those over `long_text_chars` prepared in the helper process (left as they
        are, to be prepared in the call, should the helper be unavailable)."""
        loop = asyncio.get_running_loop()
        long_ones = [k for k, t in enumerate(texts) if isinstance(t, str) and len(t) > self.long_text_chars]
        helper = self._helper_executor()
        try:
            prepared = await asyncio.gather(*(loop.run_in_executor(helper, prepare_text, texts[k]) for k in long_ones))
        except BrokenProcessPool:  # the helper died (killed, out of memory): a fresh one next time
            with self._helper_lock:
                if self._helper is helper:
                    self._helper = None
            helper.shutdown(wait=False, cancel_futures=True)
            return texts
        out = list(texts)
        for k, text in zip(long_ones, prepared):
            out[k] = text
        return out

    def _helper_executor(self) -> Executor:
        with self._helper_lock:
            if self._helper is None:
                # spawn: a fork of this process would copy its threads' locks mid-use.
                self._helper = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=exit_with_parent,
                    initargs=(os.getpid(),),
                )
            return self._helper

    async def aclose(self) -> None:
        await self._coalescer.aclose()
        with self._helper_lock:
            helper, self._helper = self._helper, None
        if helper is not None:
            helper.shutdown(wait=False, cancel_futures=True)


class PlanBatcher:
    """Concurrent `plan_ingest` calls share one read of the store (see `FeedbackStore.plan_ingest_many`).

    A request carrying more than `alone_chars` characters of text is planned on its own thread
    instead: validating it takes a while (pydantic copies each text) and the small requests
    would wait behind it.
    """

    def __init__(self, store: "FeedbackStore", max_rows: int = 5000, alone_chars: int = 200_000):
        self.store = store
        self.alone_chars = alone_chars
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
        rows = list(rows)
        if _text_chars(rows) > self.alone_chars:
            return await asyncio.get_running_loop().run_in_executor(None, self.store.plan_ingest, rows)
        return await self._coalescer.submit(rows)

    async def aclose(self) -> None:
        await self._coalescer.aclose()


def _text_chars(rows: Sequence[Any]) -> int:
    return sum(len(row["text"]) for row in rows if isinstance(row, dict) and isinstance(row.get("text"), str))


class CommitBatcher:
    """Concurrent `commit_ingest` calls share one transaction (see `FeedbackStore.commit_ingest_many`)."""

    def __init__(self, store: "FeedbackStore", max_wait_ms: float = 0.0, max_comments: int = 2000):
        self.store = store
        self._coalescer: Coalescer = Coalescer(
            store.commit_ingest_many,
            max_wait_ms=max_wait_ms,
            max_size=max_comments,
            # A request of long comments commits on its own (over half the budget): the small
            # requests' transaction does not write its megabytes.
            size=lambda item: max(1, len(item[0].new)) + sum(map(len, item[0].texts)) // 2000,
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
        # Requests being planned are on their way to the encoder stage, which waits for them
        # rather than for `max_wait`. The caller goes on to `store` without yielding to the
        # event loop, so the stage sees each request waiting before it stops expecting it.
        self.batcher.expect(1)
        try:
            return await self.planner.plan(rows)
        finally:
            self.batcher.expect(-1)

    async def store(self, plan: "IngestPlan") -> list["IngestResult"]:
        """Enrich the plan's new comments and store them; acknowledged only once committed."""
        enrichments = await self.batcher.enrich(plan.texts, plan.ids) if plan.new else []
        return await self.committer.commit(plan, enrichments)

    async def aclose(self) -> None:
        """Stop the store's stages (the encoder stage is shared by every store of the process)."""
        await self.planner.aclose()
        await self.committer.aclose()
