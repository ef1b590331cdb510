"""The API's micro-batching stages, with stand-in stores: what is shared, and what stays per request."""

from __future__ import annotations

import asyncio

import pytest

from voc_engine.store.microbatch import PlanBatcher


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
