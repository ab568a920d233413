"""The DISARM page model: what the parser makes of one generated page.

Positions are 1-based lines and columns as an editor shows them; ``end_column`` is exclusive.
The model is plain data: rules read it, :meth:`Page.to_data` turns it into the JSON-like value
the page-type schema (``schemas/disarm-<type>.schema.json``) validates, and
:meth:`Page.locate` maps a JSON path of that value back to the markdown line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from seedlint.core.finding import Span
from seedlint.disarm.generations import field_for, spec_for_key

INDEX = "index"

MentionWhere = Literal["heading", "field", "table", "text", "link-text", "notes"]


@dataclass(frozen=True, slots=True)
class Heading:
    """``# Technique T0145.002: AI-Generated Account Imagery`` (or an index page's title)."""

    line: int
    word: str  # "Technique", or "DISARM" for an index page
    id: str  # "" when the heading has none
    name: str
    id_column: int
    name_column: int
    text: str  # the whole heading line

    @property
    def span(self) -> Span:
        return Span(self.line, 1, self.line, len(self.text) + 1)

    @property
    def id_span(self) -> Span:
        return Span(self.line, self.id_column, self.line, self.id_column + max(len(self.id), 1))


@dataclass(frozen=True, slots=True)
class Field:
    """``* **Belongs to tactic stage**: TA15``: a label and its value (which may run on over
    several lines, like a summary with paragraphs)."""

    key: str  # the model key ("tactic"); the label itself when the label is unknown
    label: str  # as written
    value: str  # whitespace-trimmed; continuation lines joined with "\n"
    line: int
    column: int  # where the value starts
    end_line: int
    known: bool = True

    @property
    def span(self) -> Span:
        first = self.value.split("\n", 1)[0]
        return Span(self.line, self.column, self.line, self.column + max(len(first), 1))


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # trimmed
    line: int
    column: int
    end_column: int

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, max(self.end_column, self.column + 1))


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: tuple[Cell, ...]
    # lines after ``line`` that belong to this row because a cell held a line break
    continuation: tuple[int, ...] = ()
    closed: bool = True  # the row's line ends with "|"
    text: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    key: str | None  # the table's model key when its header is known ("incidents")
    header: tuple[str, ...]
    line: int  # the header row's line
    rows: tuple[Row, ...]
    html: bool = False
    required_cells: tuple[int, ...] = ()
    links_to: str | None = None

    @property
    def end_line(self) -> int:
        if not self.rows:
            return self.line + (0 if self.html else 1)
        last = self.rows[-1]
        return max((last.line, *last.continuation))


@dataclass(frozen=True, slots=True)
class Link:
    """A markdown ``[text](target)`` or HTML ``<a href="target">text</a>`` link."""

    text: str
    target: str
    line: int
    column: int  # start of the whole link
    end_column: int
    target_column: int
    html: bool = False
    in_notes: bool = False

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.end_column)

    @property
    def target_span(self) -> Span:
        return Span(
            self.line, self.target_column, self.line, self.target_column + max(len(self.target), 1)
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A well-formed ID written on the page (not inside a link target or URL)."""

    id: str
    line: int
    column: int
    where: MentionWhere
    # the name written after it: "T0097.102: Journalist Persona" -> "Journalist Persona"
    # (``colon`` tells the two forms apart), "" when none
    name: str = ""
    colon: bool = False
    # written as a former ID ("This Technique previously used the ID T0019.")
    retired: bool = False

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + len(self.id))


@dataclass(frozen=True, slots=True)
class BadId:
    """A token meant as an ID that is not well-formed (``T00145.006``)."""

    token: str
    reason: str
    line: int
    column: int
    where: MentionWhere

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + len(self.token))


@dataclass(frozen=True, slots=True)
class MarkerInfo:
    """Where the edit-line marker is, and what looked like it but is not."""

    lines: tuple[int, ...]  # lines that are exactly the marker
    # (line, column, text, why) of near misses: other case, a missing dash, extra words,
    # the marker with text on the same line
    near_misses: tuple[tuple[int, int, str, str], ...] = ()

    @property
    def line(self) -> int | None:
        return self.lines[0] if self.lines else None


@dataclass
class Page:
    """One DISARM page."""

    path: Path
    page_type: str  # "technique", ..., or "index"
    generation: str | None  # the template generation recognised (None for index pages)
    heading: Heading
    fields: list[Field] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    bad_ids: list[BadId] = field(default_factory=list)
    marker: MarkerInfo = field(default_factory=lambda: MarkerInfo(()))
    # the generated region: lines 1..generated_end (the marker's line minus one, or the whole
    # file when the marker is missing); notes are the lines after the marker
    generated_end: int = 0
    notes: str = ""
    notes_line: int | None = None
    line_count: int = 0
    # lines that repeat the page's own heading (generated content written twice)
    repeated_heading_lines: tuple[int, ...] = ()
    # (line, column, label) of a field written on the line of the field before it, with no
    # line break between them (``**Tactic**: TA15 Establish Assets **Parent Technique:** ...``)
    joined_fields: list[tuple[int, int, str]] = field(default_factory=list)
    # (header line, delimiter line or None) of markdown tables that do not render: a table
    # line followed by another that is not a delimiter row
    broken_tables: list[tuple[int, int | None]] = field(default_factory=list)
    # per-run memo for rules (where the page sits in its corpus, ...); not part of the model
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.heading.id

    @property
    def name(self) -> str:
        return self.heading.name

    @property
    def is_index(self) -> bool:
        return self.page_type == INDEX

    def field(self, key: str) -> Field | None:
        for item in self.fields:
            if item.key == key:
                return item
        return None

    def table(self, key: str) -> Table | None:
        for table in self.tables:
            if table.key == key:
                return table
        return None

    # -- schema support ----------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The JSON-like value the page-type schema validates."""
        data: dict[str, Any] = {"id": self.heading.id, "name": self.heading.name}
        for item in self.fields:
            if item.key in data or not item.known:
                continue
            spec = field_for(self.page_type, item.label) or spec_for_key(self.page_type, item.key)
            if spec is not None and spec.value in ("id", "id-name"):
                identifier, name = split_id_name(item.value)
                data[item.key] = identifier
                if name or spec.value == "id-name":
                    data[item.key + "_name"] = name
            else:
                data[item.key] = item.value
        tables: dict[str, Any] = {}
        for table in self.tables:
            if table.key is not None and table.key not in tables:
                tables[table.key] = [[c.text for c in row.cells] for row in table.rows]
        data["tables"] = tables
        return data

    def locate(self, path: tuple[str | int, ...], key: bool = False) -> Span:
        """The markdown position of the value at ``path`` of :meth:`to_data`."""
        if not path:
            return self.heading.span
        head = path[0]
        if head == "id":
            return self.heading.id_span
        if head == "name":
            return Span(
                self.heading.line,
                self.heading.name_column,
                self.heading.line,
                self.heading.name_column + max(len(self.heading.name), 1),
            )
        if head == "tables":
            if len(path) >= 2:
                table = self.table(str(path[1]))
                if table is not None:
                    if len(path) >= 3 and isinstance(path[2], int) and path[2] < len(table.rows):
                        row = table.rows[path[2]]
                        if len(path) >= 4 and isinstance(path[3], int) and path[3] < len(row.cells):
                            return row.cells[path[3]].span
                        return Span(row.line, 1, row.line, len(row.text) + 1)
                    return Span(table.line, 1, table.line, 2)
            return self.heading.span
        name = str(head)
        if name.endswith("_name") and self.field(name) is None:
            name = name[: -len("_name")]
        found = self.field(name)
        if found is not None:
            return found.span
        return self.heading.span


def split_id_name(value: str) -> tuple[str, str]:
    """``"TA15 Establish Assets"`` -> ``("TA15", "Establish Assets")``;
    ``"M004 - Friction"`` -> ``("M004", "Friction")``."""
    first = value.split("\n", 1)[0].strip()
    identifier, _, rest = first.partition(" ")
    rest = rest.strip()
    if rest.startswith("- ") or rest == "-":
        rest = rest[1:].strip()
    return identifier, rest
