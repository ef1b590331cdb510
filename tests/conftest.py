"""Shared fixtures: the real shipped pipeline, loaded once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from pg_support import in_ci

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline():
    """The real scoring pipeline with the shipped models, loaded once per test session
    (skipped while the models are missing, failed in CI)."""
    from voc_engine.errors import ModelNotFoundError
    from voc_engine.nlp.pipeline import Pipeline

    try:
        return Pipeline.default()
    except ModelNotFoundError as exc:
        if in_ci():
            pytest.fail(f"the shipped models are missing: {exc}")
        pytest.skip(f"the shipped models are missing ({exc}): run `make models`")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated to head once per session; tests copy it instead of migrating."""
    from voc_engine.store.db import make_engine, upgrade

    path = tmp_path_factory.mktemp("template") / "voc.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"public corpora not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The PostgreSQL server of VOC_TEST_POSTGRES_URL; skips visibly without one, fails under CI=true."""
    from voc_engine.store.db import normalise_url

    url = os.environ.get("VOC_TEST_POSTGRES_URL")
    if not url:
        message = 'PostgreSQL not configured: run `eval "$(scripts/postgres.sh start)"` to set VOC_TEST_POSTGRES_URL'
        if in_ci():
            pytest.fail(message + " (CI=true: PostgreSQL tests must not skip)")
        pytest.skip(message)
    return normalise_url(url)
