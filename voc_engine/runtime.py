"""The composition root: everything one deployment of voc-engine holds, built in one place.

A `Runtime` owns the settings (read once, when it is built), the installed extensions built for
those settings, the feedback store, the scoring pipeline, the API's micro-batchers and the
in-process webhook delivery worker. Each part is built on first use, so a command that needs
only the settings opens no database and loads no model.

Every entry point builds one: the ``voc`` command line in its callback (`cli_runtime` finds it
from any command), the API in `api.main.create_app` (kept on ``app.state``, reached through
`api.deps`), tests one per test database. Nothing else in the library holds process-wide
state, so two runtimes over two databases in one process do not meet; they may share one
pipeline's models (`Pipeline.with_flags`: each reads its own store's flag configuration).

    runtime = Runtime()                        # or Runtime(Settings(data_dir=...))
    runtime.store.count_comments()
    runtime.pipeline.enrich(["The refund never came."])
    runtime.close()
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable

from voc_engine.config import Settings

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.auth.keys import KeyAuthenticator
    from voc_engine.nlp.flags import FlagSource
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.hooks import Extensions
    from voc_engine.store.microbatch import IngestService, MicroBatcher
    from voc_engine.store.repository import FeedbackStore


class Runtime:
    """Settings, extensions, store, pipeline, batchers and delivery worker of one deployment.

    ``store``: an open store to use (its settings and extensions are the runtime's: one set of
    settings for everything); the runtime then leaves closing it to the caller. ``pipeline``:
    loaded models to share (a test session's, or another runtime's); this runtime reads its own
    store's flag configuration through them.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: "FeedbackStore | None" = None,
        pipeline: "Pipeline | None" = None,
        extensions: "Extensions | None" = None,
    ):
        if store is not None and (
            (settings is not None and settings != store.settings)
            or (extensions is not None and extensions is not store.extensions)
        ):
            raise ValueError("a runtime's store must be opened with the runtime's settings and extensions")
        self.settings = settings or (store.settings if store is not None else Settings())
        self._lock = threading.RLock()
        self._store = store
        self._owns_store = store is None
        self._extensions = extensions or (store.extensions if store is not None else None)
        self._models = pipeline
        self._pipeline: Pipeline | None = None
        self._batcher: MicroBatcher | None = None
        self._ingest: IngestService | None = None
        self._worker: Any = None
        self._keys: "KeyAuthenticator | None" = None
        # Called after every shared encoder call as (requests, texts, seconds): the service's metrics.
        self.enrich_batch_listeners: list[Callable[[int, int, float], None]] = []

    # ----------------------------------------------------------------- the parts
    @property
    def extensions(self) -> "Extensions":
        """The installed extensions (alerting, topics), built for these settings."""
        if self._extensions is None:
            with self._lock:
                if self._extensions is None:
                    from voc_engine.store.hooks import Extensions

                    self._extensions = Extensions.load(self.settings)
        return self._extensions

    @property
    def store(self) -> "FeedbackStore":
        """The feedback store of these settings, opened on first use (the embedded SQLite store
        migrates itself then; a server database must already be at the schema's head)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = self.open_store()
        return self._store

    def open_store(self, *, auto_upgrade: bool | None = None) -> "FeedbackStore":
        """A new store over this runtime's database, settings and extensions (the caller closes it)."""
        from voc_engine.store.repository import FeedbackStore

        return FeedbackStore(settings=self.settings, extensions=self.extensions, auto_upgrade=auto_upgrade)

    @property
    def store_opened(self) -> bool:
        return self._store is not None

    @property
    def pipeline(self) -> "Pipeline":
        """The shipped models (loaded on first use: seconds) reading, before each batch, the flag
        configuration and the custom taxonomy categories (accepted taxonomy drafts) saved in this
        runtime's store (found at the first batch, so loading the models opens no database)."""
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    from voc_engine.nlp.pipeline import Pipeline

                    models = self._models or Pipeline.default(self.settings)
                    pipeline = models.with_flags(self.flag_source())
                    topics = self.extensions.get("topics")
                    if topics is not None:  # the accepted taxonomy drafts: custom categories
                        pipeline = pipeline.with_categories(topics.category_source(lambda: self.store))
                    self._pipeline = pipeline
        return self._pipeline

    @property
    def pipeline_loaded(self) -> bool:
        return self._pipeline is not None

    def flag_source(self) -> "FlagSource":
        """The store's saved flag configuration when the alerting extension (which keeps it) is
        installed, else the shipped file."""
        extension = self.extensions.get("alerting")
        if extension is None:
            from voc_engine.nlp.flags import shipped_flags

            return shipped_flags()
        return extension.flag_source(lambda: self.store)

    @property
    def keys(self) -> "KeyAuthenticator":
        """API keys, each valid one's answer kept for ``settings.auth.key_recheck_seconds``."""
        if self._keys is None:
            store = self.store
            with self._lock:
                if self._keys is None:
                    from voc_engine.auth.keys import KeyAuthenticator

                    self._keys = KeyAuthenticator(store, self.settings.auth.key_recheck_seconds)
        return self._keys

    @property
    def batcher(self) -> "MicroBatcher":
        """Concurrent requests' texts go through shared encoder passes (the API's ingest and scoring)."""
        if self._batcher is None:
            with self._lock:
                if self._batcher is None:
                    from functools import partial

                    from voc_engine.store.microbatch import MicroBatcher, text_cost

                    section = self.settings.store
                    self._batcher = MicroBatcher(
                        _PipelineSteps(self),
                        max_wait_ms=section.microbatch_wait_ms,
                        max_texts=section.microbatch_max_texts,
                        on_batch=self._enrich_batch_done,
                        cost=partial(text_cost, analysis_chars=self.settings.max_analysis_chars),
                        long_text_chars=section.long_text_chars,
                        alone_cost=section.microbatch_alone_cost,
                    )
        return self._batcher

    @property
    def ingest(self) -> "IngestService":
        """The store's ingest path for concurrent requests: they share store reads, encoder passes
        and transactions (group commit)."""
        if self._ingest is None:
            batcher = self.batcher
            with self._lock:
                if self._ingest is None:
                    from voc_engine.store.microbatch import CommitBatcher, IngestService, PlanBatcher

                    store = self.store
                    self._ingest = IngestService(PlanBatcher(store), batcher, CommitBatcher(store))
        return self._ingest

    def _enrich_batch_done(self, requests: int, texts: int, seconds: float) -> None:
        for listener in list(self.enrich_batch_listeners):
            listener(requests, texts, seconds)

    # ----------------------------------------------------------------- the delivery worker
    def start_delivery(self) -> Any:
        """Start the in-process webhook delivery worker (VOC_ALERTS_DELIVERY=in_process, the
        default; None when delivery is external or alerting is not installed)."""
        with self._lock:
            if self._worker is None:
                extension = self.extensions.get("alerting")
                self._worker = extension.delivery_worker(self.store) if extension is not None else None
            return self._worker

    def stop_delivery(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()

    # ----------------------------------------------------------------- closing
    async def aclose(self) -> None:
        """Stop the batchers (their waiting requests are answered first), the worker, the store."""
        with self._lock:
            ingest, batcher = self._ingest, self._batcher
            self._ingest = self._batcher = None
        if ingest is not None:
            await ingest.aclose()
        if batcher is not None:
            await batcher.aclose()
        self.close()

    def close(self) -> None:
        """Stop the worker and close the store this runtime opened (safe to call twice)."""
        self.stop_delivery()
        with self._lock:
            store, self._store = (self._store, None) if self._owns_store else (None, self._store)
        if store is not None:
            store.dispose()

    def __enter__(self) -> "Runtime":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _PipelineSteps:
    """The runtime's pipeline (loaded on first use) in the two steps the micro-batcher calls."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime

    def start(self, texts, ids):
        return self.runtime.pipeline.start(texts, ids)

    def finish(self, started):
        return self.runtime.pipeline.finish(started)


def cli_runtime() -> Runtime:
    """The runtime of this ``voc`` command: the one `voc`'s callback built, or, for a command
    run on its own (a sub-app called directly), one built now and closed when the command ends.
    It lives on the command's root context (``ctx.obj``), which the command line framework
    keeps for the length of one command."""
    try:  # Typer 0.2x runs commands on its own copy of Click, whose context stack this is
        from typer._click.globals import get_current_context
    except ImportError:  # older Typer runs them on Click itself
        from click import get_current_context

    root = get_current_context().find_root()
    if not isinstance(root.obj, Runtime):
        root.obj = Runtime()
        root.call_on_close(root.obj.close)
    return root.obj
