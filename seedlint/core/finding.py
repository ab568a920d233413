"""The finding: one small immutable record that every stage produces and every reporter reads.

Fields (this is the documented machine-readable model; the ``json`` format prints it as is):

``code``        rule code, such as ``N001``
``severity``    ``error``, ``warning`` or ``info``
``message``     one human sentence
``path``        the file as given on the command line (or relative to it), forward slashes
``line``/``column``  1-based start position, columns count characters
``end_line``/``end_column``  1-based end; ``end_column`` is one past the last character
``json_path``   for structured data, where in the document (``$.provider.images[0].url``)
``kind``        the document kind (``news``, ``disarm``) or ``None`` before it is known
``detail``      optional longer text (a short diff, a traceback), shown by ``full``
``context``     the source text the finding points at, used for content-keyed baselines
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from typing import Any, NamedTuple


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Span(NamedTuple):
    """A 1-based region of a file; ``end_column`` is exclusive. (A named tuple: rules make one
    for every position they look up, three times faster than a frozen dataclass.)"""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column + 1)


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """What a parser (front matter, DISARM page) reports; the pipeline makes it a finding of
    the rule ``code``."""

    code: str
    message: str
    span: Span
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    json_path: str | None = None
    kind: str | None = None
    detail: str | None = None
    context: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The fields by name (``asdict`` copies every value recursively: 20x slower)."""
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(Finding))
