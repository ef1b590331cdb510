"""What keeps a small request fast next to big ones and under many writers (mechanisms, not timings)."""

from __future__ import annotations

import gc

import api.deps as deps


def test_the_loaded_models_are_left_out_of_full_garbage_collections(monkeypatch):
    monkeypatch.setattr(deps, "_pipeline", None)
    monkeypatch.setattr(deps, "default_pipeline", lambda: object())
    gc.unfreeze()
    try:
        deps.get_pipeline()
        assert gc.get_freeze_count() > 0  # what existed once the models were loaded is frozen
    finally:
        gc.unfreeze()
