"""Shared fixtures: paths to the seeds and to the third-party corpora in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("SEEDLINT_SHARED", ROOT.parent / "shared")).resolve()
CORPORA = SHARED / "corpora"
NEWS_CORPUS = CORPORA / "news-power-apps"
DISARM_OLD = CORPORA / "disarm-2c4757b" / "generated_pages"
DISARM_NEW = CORPORA / "disarm-49df5f6" / "generated_pages"
SARIF_SCHEMA = SHARED / "reference" / "sarif-schema-2.1.0.json"


def need(path: Path) -> Path:
    """Skip the calling test, with the reason, when third-party data is absent."""
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the shared corpora live in ../shared (third-party data, "
            "not in the repository); set SEEDLINT_SHARED to point elsewhere"
        )
    return path


@pytest.fixture
def news_corpus() -> Path:
    return need(NEWS_CORPUS)


@pytest.fixture
def disarm_old() -> Path:
    return need(DISARM_OLD)


@pytest.fixture
def disarm_new() -> Path:
    return need(DISARM_NEW)


@pytest.fixture(autouse=True)
def _private_result_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own result cache (``SEEDLINT_CACHE_DIR``): no test is served what
    another one (or a developer's run in the repository) cached."""
    monkeypatch.setenv("SEEDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("seedlint-cache")))
