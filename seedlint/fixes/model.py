"""What a fix is: data a rule attaches to a :class:`~seedlint.core.rules.Violation`.

A :class:`Fix` is a set of text edits on the decoded text of the file the violation is in
(character offsets into :attr:`seedlint.core.source.SourceText.text`, which never includes a
byte-order mark), optionally a rename of that file within its directory, and how safe it is:

* ``safe``: the fix keeps the meaning of the document (an HTML entity replaced by the character
  it stands for, a duplicate key with the same value deleted); ``--fix`` applies it.
* ``unsafe``: the fix is almost certainly right but may change meaning (a misspelt key renamed
  to the key it resembles, a file renamed to its date); only ``--unsafe-fixes`` applies it.

Rules build fixes; :mod:`seedlint.fixes.planner` applies them. Findings never carry fixes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Safety = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (an insertion when ``start == end``)."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid edit range {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits of one file (and optionally its new name) that repair one violation."""

    edits: tuple[Edit, ...]
    safety: Safety
    description: str
    # a new file name (no directory part) for the file: the fix renames it in place
    rename: str | None = None

    @classmethod
    def of(
        cls, edits: Iterable[Edit], safety: Safety, description: str, *, rename: str | None = None
    ) -> Fix:
        return cls(tuple(sorted(edits)), safety, description, rename)

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else -1

    def overlaps(self, other: Fix) -> bool:
        """Whether two fixes touch the same text (or both rename the file)."""
        if self.rename is not None and other.rename is not None:
            return True
        return any(_touch(a, b) for a in self.edits for b in other.edits)


def _touch(a: Edit, b: Edit) -> bool:
    # two insertions at one offset would be applied in an arbitrary order: treat as overlapping
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (raises ``ValueError`` on overlap)."""
    ordered = sorted(edits)
    out: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit.start}..{edit.end}")
        out.append(text[position : edit.start])
        out.append(edit.replacement)
        position = edit.end
    out.append(text[position:])
    return "".join(out)
