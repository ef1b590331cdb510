"""One place for data: the store does not depend on the working directory, and says where it is made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _voc(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOC_")}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "PYTHONPATH": str(REPO)})
    return subprocess.run(
        [sys.executable, "-m", "voc_engine.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_commands_from_any_folder_share_the_per_user_store_and_it_is_announced_once(tmp_path):
    home = tmp_path / "home"
    first, second = tmp_path / "a", tmp_path / "b" / "deeper"
    first.mkdir()
    second.mkdir(parents=True)
    made = _voc(["keys", "create", "--role", "analyst"], first, home)
    assert made.returncode == 0, made.stderr
    store = home / "data" / "voc-engine" / "voc.db"
    assert store.exists() and f"created a new feedback store at {store}" in made.stderr
    again = _voc(["keys", "list"], second, home)
    assert again.returncode == 0, again.stderr
    assert "created a new feedback store" not in again.stderr
    assert not (first / "var").exists() and not (second / "var").exists()
