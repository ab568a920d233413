"""The speed tricks of listing files: a file's path, display path and :class:`~pathlib.Path`
made from its directory's, without parsing or normalising the whole path again.

Measured listing the 20,000 items of ``benchmarks/bench.py --docs 20000`` (best of 7, in one
process; a warm run of those items takes about 0.25 s, so each trick is 5 to 10% of it):

* ``_make_child_relpath``: ``Path(directory) / name`` parses every full path (about 2 us a
  file); CPython's pathlib (3.8 to 3.12) makes a child of an already parsed path with this
  private method: used where it exists, ``joinpath`` elsewhere (the same Path either way).
  57 to 81 ms with it, 100 ms without.
* the directory's prefix joined by ``+``: ``os.path.join`` and the display path's
  normalisation cost about 1 us a file; a file's path is its directory's prefix plus its name,
  its display path likewise (where ``os.path.join`` would not give the same, for a bare UNC
  share, it is used). 59 to 61 ms with it, 73 to 94 ms without.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def child_maker(directory: str) -> Callable[[str], Path]:
    """A function giving the Path of ``name`` inside ``directory``."""
    base = Path(directory)
    made: Callable[[str], Path] = getattr(base, "_make_child_relpath", base.joinpath)
    return made


def child_namer(directory: str, display: Callable[[str], str]) -> Callable[[str], tuple[str, str]]:
    """A function giving the path of ``name`` inside ``directory`` (as ``os.path.join``) and
    its display path (``display`` of that path)."""
    prefix = os.path.join(directory, "")
    if prefix + "x" != os.path.join(directory, "x"):  # a bare UNC share

        def joined(name: str) -> tuple[str, str]:
            full = os.path.join(directory, name)
            return full, display(full)

        return joined
    shown = display(prefix + "x")[:-1]  # the display path of a file here, but its name

    def concatenated(name: str) -> tuple[str, str]:
        return prefix + name, shown + name

    return concatenated
