"""What a command shows while it works: library warnings only with --verbose; long steps are timed."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import logging, warnings
from voc_engine.progress import configure_cli_logging, step
configure_cli_logging({verbose})
warnings.warn("a library's deprecation notice")
logging.getLogger("voc_engine.nlp.encoder").info("building the int8 ONNX encoder (once)")
with step("fitting the topic model"):
    pass
"""


@pytest.mark.parametrize("verbose", [False, True])
def test_library_warnings_show_only_when_verbose_and_our_steps_always(verbose):
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(verbose=verbose)], capture_output=True, text=True, check=True
    )
    assert ("deprecation notice" in run.stderr) is verbose
    assert "building the int8 ONNX encoder" in run.stderr
    assert "fitting the topic model: done in" in run.stderr
    assert run.stdout == ""  # results stay on stdout, clean for pipes
