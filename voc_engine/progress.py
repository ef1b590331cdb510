"""What a command shows while it works: a spinner for steps that take seconds, library noise kept out.

`step` shows "message (12 s)" on a terminal and, whatever stderr is, one line with the time when
the step ends, so a 40-second topic fit or the first run's encoder build is never silent.
`configure_cli_logging` routes Python warnings from the libraries underneath (umap, sklearn,
transformers…) into the log at DEBUG: they show with `voc --verbose`, never before a result.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("voc_engine")


@contextmanager
def step(message: str, enabled: bool = True) -> Iterator[None]:
    """Show `message` with a spinner while the block runs; then "message: done in 12.3 s"."""
    if not enabled:
        yield
        return
    from rich.console import Console

    console = Console(stderr=True)
    started = time.perf_counter()
    with console.status(message):
        yield
    console.print(f"{message}: done in {time.perf_counter() - started:.1f} s", highlight=False)


def configure_cli_logging(verbose: bool = False) -> None:
    """Our own INFO lines (the one-off encoder build, say) on stderr; library warnings and
    DEBUG only with `verbose`."""
    logging.captureWarnings(True)
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(message)s"))
    detailed = logging.StreamHandler(sys.stderr)
    detailed.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    warnings_log = logging.getLogger("py.warnings")
    warnings_log.propagate = False
    warnings_log.handlers = [detailed] if verbose else [logging.NullHandler()]
    warnings_log.setLevel(logging.DEBUG if verbose else logging.CRITICAL)
    log.propagate = False
    log.handlers = [detailed if verbose else plain]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
