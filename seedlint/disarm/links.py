"""Where a link on a DISARM page points, decided from its text alone (nothing is read).

A link is *external* (a URL with a web scheme, an anchor on the same page), *outside* (it
climbs out of the corpus root, is an absolute path or a ``file:`` URL: its target is never
read, not even stat'ed), or *inside*: a path relative to the corpus root, to be looked up in the
corpus listing (:class:`CorpusFiles`).

Links that start with a generation's prefix for "the corpus root" (``../../generated_pages/``,
``../generated_pages/``, see :mod:`seedlint.disarm.generations`) are read as that: the generator
wrote them relative to its output directory. Every other relative link is resolved against the
page's own directory, like a browser does. Percent-encoding (``%2e%2e``) and backslashes are
decoded first, so they cannot hide a climb.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from seedlint.disarm.generations import ROOT_PREFIXES

Status = Literal["external", "anchor", "outside", "inside", "empty"]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f]")
_WEB_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", "tel", "news", "irc"})


@dataclass(frozen=True, slots=True)
class Resolved:
    status: Status
    path: str = ""  # inside: the target relative to the corpus root, posix, no "./"
    why: str = ""  # outside: how it leaves the corpus


@lru_cache(maxsize=65536)
def resolve(target: str, page_dir: str, *, has_root: bool = True) -> Resolved:
    """Resolve ``target`` written on a page in ``page_dir`` (relative to the corpus root,
    ``""`` for the root itself). A pure function of its arguments (cached)."""
    raw = target.strip()
    if not raw:
        return Resolved("empty")
    if raw.startswith("#"):
        return Resolved("anchor")
    decoded = unquote(raw) if "%" in raw else raw
    # double encoding (%252e) must not hide a climb either
    for _ in range(3 if "%" in decoded else 0):
        again = unquote(decoded)
        if again == decoded:
            break
        decoded = again
    decoded = decoded.replace("\\", "/")
    scheme = _SCHEME.match(decoded)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name == "file":
            return Resolved("outside", why="is a file: URL")
        if len(name) == 1:
            return Resolved("outside", why="is an absolute Windows path")
        if name in _WEB_SCHEMES or decoded[scheme.end() :].startswith("//"):
            return Resolved("external")
        return Resolved("external")
    if decoded.startswith("//"):
        return Resolved("external")
    if decoded.startswith("/") or decoded.startswith("~"):
        return Resolved("outside", why="is an absolute path")
    path = decoded.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return Resolved("anchor")
    if _CONTROL.search(path):
        return Resolved("outside", why="holds control characters")
    joined = None
    for prefix in ROOT_PREFIXES:
        if path.startswith(prefix):
            joined = path[len(prefix) :]
            break
    if joined is None:
        joined = posixpath.join(page_dir, path) if page_dir else path
    if not has_root:
        return Resolved("inside", path=joined)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../"):
        return Resolved("outside", why="climbs out of the corpus root")
    if normal == ".":
        normal = ""
    return Resolved("inside", path=normal)


class CorpusFiles:
    """The files under one corpus root, listed lazily one directory at a time.

    Only directories inside the root are ever listed, symbolic links are never followed, and
    no file is opened: a lookup costs at most one ``scandir`` per directory of the corpus.
    Names compare exactly (case-sensitive), as on the web servers that publish the pages.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._dirs: dict[str, dict[str, bool] | None] = {}

    def listing(self, directory: str) -> dict[str, bool] | None:
        """``name -> is a real directory`` for ``directory`` (relative to the root, ``""``
        for the root), or ``None`` when it is not a directory of the corpus."""
        if directory in self._dirs:
            return self._dirs[directory]
        result: dict[str, bool] | None = None
        if directory == "":
            result = self._scan(self.root)
        else:
            parent, name = posixpath.split(directory)
            above = self.listing(parent)
            if above is not None and above.get(name) is True:
                result = self._scan(self.root / directory)
        self._dirs[directory] = result
        return result

    @staticmethod
    def _scan(path: Path) -> dict[str, bool] | None:
        try:
            with os.scandir(path) as entries:
                return {e.name: e.is_dir(follow_symlinks=False) for e in entries}
        except OSError:
            return None

    def exists(self, path: str) -> bool:
        if path == "":
            return True
        parent, name = posixpath.split(path.rstrip("/"))
        listing = self.listing(parent)
        if listing is None or name not in listing:
            return False
        return listing[name] or not path.endswith("/")

    def names(self, directory: str) -> list[str]:
        listing = self.listing(directory)
        return sorted(listing) if listing else []
