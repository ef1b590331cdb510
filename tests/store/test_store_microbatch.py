"""The API's micro-batching stages, with stand-in stores: what is shared, and what stays per request."""

from __future__ import annotations

import asyncio
import threading

import pytest

from voc_engine.nlp.prepare import PreparedText
from voc_engine.schema import Enrichment
from voc_engine.store.microbatch import MicroBatcher, PlanBatcher


class _Store:
    """Plans rows unless one of them is "boom" (a defect that raises, not a row error)."""

    def __init__(self):
        self.calls: list[int] = []

    def plan_ingest_many(self, batches):
        self.calls.append(len(batches))
        if any("boom" in rows for rows in batches):
            raise RuntimeError("defect")
        return [f"plan of {rows}" for rows in batches]

    def plan_ingest(self, rows):
        return self.plan_ingest_many([rows])[0]


def test_concurrent_plans_share_one_call_and_a_failure_stays_with_its_request():
    store = _Store()
    planner = PlanBatcher(store)

    async def run():
        try:
            return await asyncio.gather(
                planner.plan(["a"]), planner.plan(["boom"]), planner.plan(["b"]), return_exceptions=True
            )
        finally:
            await planner.aclose()

    first, second, third = asyncio.run(run())
    assert first == "plan of ['a']" and third == "plan of ['b']"
    assert isinstance(second, RuntimeError)
    assert store.calls[0] == 3  # all three in one call, then each on its own after the failure
    assert planner.stats.requests == 3 and planner.stats.calls == 1


def test_a_lone_request_gets_the_failure_itself():
    planner = PlanBatcher(_Store())

    async def run():
        try:
            return await planner.plan(["boom"])
        finally:
            await planner.aclose()

    with pytest.raises(RuntimeError, match="defect"):
        asyncio.run(run())


# --------------------------------------------------------------------------- fairness
def _enrichments(texts, ids):
    return [Enrichment(id=i, redacted_text=t) for t, i in zip(texts, ids)]


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.001)


def test_a_small_request_goes_into_the_next_call_before_a_big_ones_later_parts():
    calls: list[list[str]] = []
    gate = threading.Event()

    def enrich(texts, ids):
        calls.append(list(texts))
        if len(calls) == 1:
            gate.wait(10)  # the first call is busy while the small request arrives
        return _enrichments(texts, ids)

    # Budget 8 units; a big text costs 4, a small one 1.
    batcher = MicroBatcher(enrich, max_wait_ms=0, max_texts=8, cost=len)

    async def run():
        try:
            big = asyncio.create_task(batcher.enrich(["bbbb"] * 6, [f"b{k}" for k in range(6)]))
            await _until(lambda: calls)
            small = asyncio.create_task(batcher.enrich(["s"], ["s0"]))
            await asyncio.sleep(0)  # submitted, waiting behind the running call
            gate.set()
            small_result = await small
            big_finished_first = big.done()
            return small_result, big_finished_first, await big
        finally:
            await batcher.aclose()

    small_result, big_finished_first, big_result = asyncio.run(run())
    assert calls[0] == ["bbbb", "bbbb"]  # alone, the big request fills the budget
    assert "s" in calls[1] and calls[1].count("bbbb") == 1  # then an equal share each
    assert sum(call.count("bbbb") for call in calls[2:]) == 3  # its later parts come after
    assert not big_finished_first
    assert [e.id for e in small_result] == ["s0"]
    assert [e.id for e in big_result] == [f"b{k}" for k in range(6)]  # put back together in order


def test_every_waiting_request_is_served_while_many_small_ones_keep_coming():
    calls: list[list[str]] = []

    def enrich(texts, ids):
        calls.append(list(texts))
        return _enrichments(texts, ids)

    batcher = MicroBatcher(enrich, max_wait_ms=0, max_texts=4, cost=len)

    async def run():
        try:
            big = asyncio.create_task(batcher.enrich(["bbb"] * 3, ["b0", "b1", "b2"]))
            smalls = [asyncio.create_task(batcher.enrich(["s"], [f"s{k}"])) for k in range(12)]
            await asyncio.gather(*smalls)
            return await big
        finally:
            await batcher.aclose()

    assert [e.id for e in asyncio.run(run())] == ["b0", "b1", "b2"]
    assert all(sum(len(t) for t in call) <= 4 or len(call) == 1 for call in calls)


def test_a_failed_text_fails_its_own_request_only():
    def enrich(texts, ids):
        return [ValueError("defect") if t == "boom" else Enrichment(id=i) for t, i in zip(texts, ids)]

    batcher = MicroBatcher(enrich, max_wait_ms=5, max_texts=16)

    async def run():
        try:
            return await asyncio.gather(
                batcher.enrich(["a", "boom", "b"]), batcher.enrich(["c"]), return_exceptions=True
            )
        finally:
            await batcher.aclose()

    failed, fine = asyncio.run(run())
    assert isinstance(failed, ValueError)
    assert [e.id for e in fine] == [0]


def test_the_next_call_is_started_before_the_previous_one_is_finished():
    events: list[str] = []
    gate = threading.Event()

    class TwoSteps:
        def start(self, texts, ids):
            events.append(f"start {texts}")
            if len(events) == 1:
                gate.wait(10)
            return texts, ids

        def finish(self, started):
            events.append(f"finish {started[0]}")
            return _enrichments(*started)

    batcher = MicroBatcher(TwoSteps(), max_wait_ms=0, max_texts=16)

    async def run():
        try:
            first = asyncio.create_task(batcher.enrich(["a"]))
            await _until(lambda: events)
            second = asyncio.create_task(batcher.enrich(["b"]))
            await asyncio.sleep(0)
            gate.set()
            return await asyncio.gather(first, second)
        finally:
            await batcher.aclose()

    first, second = asyncio.run(run())
    # While the encoder's workers would run the first call, the second is prepared.
    assert events == ["start ['a']", "start ['b']", "finish ['a']", "finish ['b']"]
    assert first[0].redacted_text == "a" and second[0].redacted_text == "b"


def test_long_texts_are_prepared_in_the_helper_process_and_short_ones_in_the_call():
    seen: list = []

    def enrich(texts, ids):
        seen.extend(texts)
        return _enrichments([t.text if isinstance(t, PreparedText) else t for t in texts], ids)

    batcher = MicroBatcher(enrich, max_wait_ms=0, max_texts=16, long_text_chars=50)
    long_text = "The queue was long. " * 10 + "Write to jane.doe@example.com"

    async def run():
        try:
            return await batcher.enrich(["short one", long_text])
        finally:
            await batcher.aclose()

    short, long = asyncio.run(run())
    assert seen[0] == "short one"
    assert isinstance(seen[1], PreparedText) and seen[1].redactions == {"EMAIL": 1}
    assert long.redacted_text.endswith("Write to [EMAIL]")


def test_a_request_with_much_text_is_planned_on_its_own_and_the_others_are_not_held_up():
    class Store(_Store):
        def __init__(self):
            super().__init__()
            self.gate = threading.Event()
            self.alone: list = []

        def plan_ingest(self, rows):
            self.alone.append(rows)
            self.gate.wait(10)  # a long validation
            return f"plan of {len(rows)} long rows"

    store = Store()
    planner = PlanBatcher(store, alone_chars=100)

    async def run():
        try:
            big = asyncio.create_task(planner.plan([{"text": "x" * 150}]))
            await _until(lambda: store.alone)
            small = await planner.plan(["a"])  # planned while the big one is still validating
            store.gate.set()
            return small, await big
        finally:
            await planner.aclose()

    small, big = asyncio.run(run())
    assert small == "plan of ['a']" and big == "plan of 1 long rows"


def test_a_long_text_is_served_alone_and_a_small_request_gets_a_call_of_its_own():
    calls: list[list[str]] = []
    gate = threading.Event()

    def enrich(texts, ids):
        calls.append(list(texts))
        if len(calls) == 1:
            gate.wait(10)
        return _enrichments(texts, ids)

    # Budget 16 units: a long text of 11 is more than half a call.
    batcher = MicroBatcher(enrich, max_wait_ms=0, max_texts=16, cost=lambda text: 11 if text == "long" else 1)

    async def run():
        try:
            big = asyncio.create_task(batcher.enrich(["long"] * 3))
            await _until(lambda: calls)
            small = asyncio.create_task(batcher.enrich(["s1", "s2"]))
            await asyncio.sleep(0)
            gate.set()
            await asyncio.gather(big, small)
        finally:
            await batcher.aclose()

    asyncio.run(run())
    assert calls[0] == ["long"]
    assert ["s1", "s2"] in calls[1:3]  # its own call, next or after the next long text's
    assert all(call == ["long"] or "long" not in call for call in calls)


def test_a_long_texts_second_step_does_not_hold_up_the_short_calls_behind_it():
    gate = threading.Event()
    events: list[str] = []

    class TwoSteps:
        def start(self, texts, ids):
            events.append(f"start {texts}")
            return texts, ids

        def finish(self, started):
            if started[0] == ["long"] and not gate.is_set():
                gate.wait(10)  # the heads over a long comment's many sentences
            events.append(f"finish {started[0]}")
            return _enrichments(*started)

    batcher = MicroBatcher(TwoSteps(), max_wait_ms=0, max_texts=16, cost=lambda text: 11 if text == "long" else 1)

    async def run():
        try:
            big = asyncio.create_task(batcher.enrich(["long", "long"]))
            await _until(lambda: events)
            small = await batcher.enrich(["s"])  # served while the long one is still finishing
            big_done = big.done()
            gate.set()
            return small, big_done, await big
        finally:
            gate.set()
            await batcher.aclose()

    small, big_done, big = asyncio.run(run())
    assert [e.redacted_text for e in small] == ["s"] and not big_done
    assert [e.redacted_text for e in big] == ["long", "long"]
    # One long text at a time: the second starts once the first has finished.
    assert events == ["start ['long']", "start ['s']", "finish ['s']", "finish ['long']",
                      "start ['long']", "finish ['long']"]


def test_a_calls_reported_seconds_are_those_of_its_own_steps():
    import time

    reports: list[tuple[int, int, float]] = []

    class TwoSteps:
        def start(self, texts, ids):
            time.sleep(0.02)
            return texts, ids

        def finish(self, started):
            time.sleep(0.02)
            return _enrichments(*started)

    batcher = MicroBatcher(TwoSteps(), max_wait_ms=0, max_texts=16, on_batch=lambda *r: reports.append(r))

    async def run():
        try:
            await asyncio.gather(*(batcher.enrich([f"t{k}"]) for k in range(3)))
        finally:
            await batcher.aclose()

    asyncio.run(run())
    assert sum(texts for _, texts, _ in reports) == 3
    assert all(seconds >= 0.04 for _, _, seconds in reports)  # both of its steps


def test_the_helper_process_goes_when_the_service_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "service.py"
    script.write_text(
        "import asyncio, os, sys\n"
        "from voc_engine.store.microbatch import MicroBatcher\n"
        "if __name__ == '__main__':\n"
        "    batcher = MicroBatcher(lambda texts, ids: list(texts), max_wait_ms=0, long_text_chars=5)\n"
        "    asyncio.run(batcher.enrich(['a long enough text']))\n"
        "    print(batcher._helper._processes and next(iter(batcher._helper._processes)), flush=True)\n"
        "    sys.stdin.read()\n"
    )
    service = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    helper = int(service.stdout.readline())
    os.kill(service.pid, signal.SIGKILL)  # no shutdown, no closed queue
    service.wait()
    for _ in range(300):
        if not os.path.exists(f"/proc/{helper}") or "zombie" in _state(helper):
            break
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{helper}") or "zombie" in _state(helper)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next((line for line in status if line.startswith("State:")), "").lower()
    except OSError:
        return "gone"


def test_a_call_waits_for_the_requests_announced_and_for_no_others():
    calls: list[list[str]] = []

    def enrich(texts, ids):
        calls.append(list(texts))
        return [Enrichment(id=i) for i in ids]

    # A minute's max_wait: a call made within the test's bounds was not waiting it out.
    batcher = MicroBatcher(enrich, max_wait_ms=60_000, max_texts=16)

    async def arrive(text: str) -> asyncio.Task:
        batcher.expect(-1)  # as IngestService does: planned, then submitted without a pause
        task = asyncio.ensure_future(batcher.enrich([text]))
        await asyncio.sleep(0.05)
        return task

    async def run():
        try:
            batcher.expect(2)  # two requests being planned
            first = await arrive("a")
            assert not first.done() and calls == []  # the other one is on its way: wait for it
            second = await arrive("b")
            await asyncio.wait_for(asyncio.gather(first, second), 10)
            assert calls == [["a", "b"]]
            batcher.expect(1)
            await asyncio.wait_for(await arrive("c"), 10)  # alone: nothing to wait for
            assert calls[-1] == ["c"]
            # An announced request that never comes (all its rows were stored before) stops
            # the wait when it leaves.
            batcher.expect(1)
            waiting = asyncio.ensure_future(batcher.enrich(["d"]))
            await asyncio.sleep(0.05)
            assert not waiting.done()
            batcher.expect(-1)
            await asyncio.wait_for(waiting, 10)
            assert calls[-1] == ["d"]
        finally:
            await batcher.aclose()

    asyncio.run(run())
