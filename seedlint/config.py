"""Find and load configuration: ``[tool.seedlint]`` in ``pyproject.toml`` or a
``seedlint.toml``, found by walking up from the current directory, or named by ``--config``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from seedlint.settings import Settings


class ConfigError(Exception):
    """An unreadable or invalid configuration (exit code 2)."""


def find(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in ("seedlint.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and "seedlint" not in _read(candidate).get(
                    "tool", {}
                ):
                    continue
                return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None


def load(explicit: Path | None = None, cwd: Path | None = None) -> Settings:
    path = explicit if explicit is not None else find((cwd or Path.cwd()).resolve())
    if path is None:
        return Settings()
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data = _read(path)
    table = data.get("tool", {}).get("seedlint", {}) if path.name == "pyproject.toml" else data
    return from_table(table, path)


def from_table(table: dict[str, Any], path: Path) -> Settings:
    def codes(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: '{key}' must be a list of rule codes")
        return tuple(value)

    select = codes("select") if "select" in table else None
    return Settings(
        select=select,
        extend_select=codes("extend-select"),
        ignore=codes("ignore"),
        config_path=path,
    )
