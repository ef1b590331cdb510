"""Shared fixtures: the real shipped pipeline, loaded once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline():
    from voc_engine.nlp.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"public corpora not found at {SHARED_DATA}")
    return SHARED_DATA
