"""What the gate trusts: the configuration, the schemas and the baseline of a run with a base
revision (``--diff-base``, ``--only-changed``, the pre-commit hook, the action) come from the
base, never from the change under review.

A pull request is data. A ``seedlint.toml`` it adds, a ``[tool.seedlint]`` it edits, a schema
or baseline it rewrites would otherwise decide its own verdict (ignore ``G``, exclude the pages,
raise the time budget). :class:`BaseReader` reads every file that configuration names as it is
at the base revision when the file lies inside a git work tree (from git's objects, with one
``git cat-file`` per file), and from disk when it lies outside every work tree (a file the
workflow itself provides, such as ``--config /etc/seedlint/ci.toml``). The files it consulted
are remembered: the gate reports each that the change edits, adds or deletes (``G010``), so a
reviewer sees that the configuration changes once merged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from seedlint.gate.git import iter_blobs, toplevel
from seedlint.gate.revisions import resolve_base


@dataclass(frozen=True, slots=True)
class Consulted:
    """A file the configuration was read from (or looked for) inside a work tree: its root,
    its path there, and its bytes at the base (None: absent there)."""

    root: Path
    path: str
    data: bytes | None


@dataclass
class BaseReader:
    """A :data:`seedlint.config.loader.Reader` for the files of the base revision ``spec``."""

    spec: str
    consulted: list[Consulted] = field(default_factory=list)
    _commits: dict[Path, str | None] = field(default_factory=dict)
    # directory -> its work tree's root (discovery asks for three names in each directory)
    _roots: dict[str, Path | None] = field(default_factory=dict)

    def __call__(self, path: Path) -> bytes | None:
        absolute = os.path.abspath(path)
        directory = os.path.realpath(os.path.dirname(absolute))
        if directory not in self._roots:
            found = toplevel(Path(directory))
            self._roots[directory] = Path(os.path.realpath(found)) if found else None
        root = self._roots[directory]
        if root is None:  # outside every work tree: not part of any change
            return Path(absolute).read_bytes() if os.path.isfile(absolute) else None
        rel = os.path.relpath(os.path.join(directory, os.path.basename(absolute)), root)
        rel = rel.replace(os.sep, "/")
        if rel.startswith("../") or "\n" in rel or "\r" in rel:
            return None
        commit = self._commit(root)
        data = None
        if commit is not None:
            for _spec, blob in iter_blobs(root, [f"{commit}:{rel}"]):
                data = blob
        self.consulted.append(Consulted(root, rel, data))
        return data

    def _commit(self, root: Path) -> str | None:
        if root not in self._commits:
            self._commits[root] = resolve_base(root, self.spec)[0]
        return self._commits[root]
