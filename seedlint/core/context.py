"""What every rule may consult besides its document: settings and where things are rooted."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from seedlint.config.settings import Settings

DEFAULT_DISARM_ROOT = "generated_pages"
SITE_MARKER = "_config.yml"


@dataclass
class Context:
    settings: Settings
    verbose: bool = False
    notes: list[str] = field(default_factory=list)
    # git revision to compare DISARM protected regions with (``--diff-base``)
    diff_base: str | None = None
    # report only findings on lines changed since ``diff_base`` (``--only-changed``)
    only_changed: bool = False
    # the files the configuration was read from at the base (seedlint.config.trust.Consulted): the
    # gate reports those the change edits
    consulted: list[Any] = field(default_factory=list)

    def note(self, message: str) -> None:
        """Something verbose output should say (a skipped check and why); said once."""
        if message not in self.notes:
            self.notes.append(message)

    def option(self, code: str, name: str, default: Any) -> Any:
        return self.settings.option(code, name, default)

    def disarm_root(self, path: Path) -> Path | None:
        """The DISARM corpus root of ``path``: the nearest ancestor named ``generated_pages``.

        A configured ``disarm-root`` directory wins when ``path`` lies inside it.
        """
        return _disarm_root(_real_parent(path), self.settings.disarm_root)

    def site_root(self, path: Path) -> Path | None:
        """The news site root: the nearest ancestor directory holding ``_config.yml``."""
        return _site_root(_real_parent(path), self.settings.site_root)


def _real_parent(path: Path) -> Path:
    """``path.resolve().parent``, resolving each directory once (``resolve`` stats every part
    of the path: a per-file cost on a big corpus)."""
    if os.path.islink(path):
        return path.resolve().parent
    directory = os.path.dirname(path)
    key = (directory, os.getcwd()) if not os.path.isabs(directory) else (directory, "")
    real = _RESOLVED.get(key)
    if real is None:
        if len(_RESOLVED) >= 4096:
            _RESOLVED.clear()
        real = _RESOLVED[key] = Path(directory or ".").resolve()
    return real


# (directory as given, the working directory when it is relative) -> the directory resolved
_RESOLVED: dict[tuple[str, str], Path] = {}


@lru_cache(maxsize=4096)
def _disarm_root(directory: Path, configured: str | None) -> Path | None:
    if configured is not None:
        root = Path(configured).resolve()
        if directory == root or root in directory.parents:
            return root
    for candidate in (directory, *directory.parents):
        if candidate.name == DEFAULT_DISARM_ROOT:
            return candidate
    return None


@lru_cache(maxsize=4096)
def _site_root(directory: Path, configured: str | None) -> Path | None:
    if configured is not None:
        root = Path(configured).resolve()
        if directory == root or root in directory.parents:
            return root
    for candidate in (directory, *directory.parents):
        if (candidate / SITE_MARKER).is_file():
            return candidate
    return None
