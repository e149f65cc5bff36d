"""Fixtures shared by every test: the shared corpora and a network that stays local."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The end-to-end harness (fixtures `fake_telegram`, `bot`): see tests/e2e.py; a real
# PostgreSQL (fixtures `pg_url`, `pg_empty_url`): see tests/postgres.py.
pytest_plugins = ("tests.e2e", "tests.postgres")

ROOT = Path(__file__).resolve().parents[1]
# CI checks the repository out with shared/ beside it; a user's clone has no such folder.
SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_3827e3caecbd4bea.txt"


def bot_env(**settings: str) -> dict[str, str]:
    """The environment of a `python -m bot` child process: ours without the machine's own
    NEWSBOT_/TELEGRAM_ settings, importing this checkout, with `settings` added."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    return {**env, "PYTHONPATH": str(ROOT), **settings}


@pytest.fixture(autouse=True)
def _local_network_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 only: no proxy may take a request elsewhere."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def shared_dir() -> Path:
    """../shared (the corpora and the seed), or a skip that says why it is missing."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"shared corpora not found at {SHARED} (CI has them beside the checkout)")
    return SHARED


@pytest.fixture
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "000_3827e3caecbd4bea.txt"
