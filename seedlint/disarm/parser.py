"""Parse one DISARM page into the model of :mod:`seedlint.disarm.model`.

One pass over the lines, with regular expressions compiled once. The parser is generation
agnostic: it reads headings, ``**Label**:`` fields (bulleted or not, colon inside or outside
the bold), markdown and HTML tables, links and IDs the same way for every page, and asks
:mod:`seedlint.disarm.generations` what the labels and headers mean. It reports only what stops
it from understanding the page (an unrecognised layout, a misspelled field label); every other
check is a rule in ``seedlint/validators/disarm_*.py`` that reads the model.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from pathlib import Path

from seedlint.core.finding import ParseProblem, Span
from seedlint.core.source import SourceText
from seedlint.disarm import generations as gen
from seedlint.disarm import ids
from seedlint.disarm.marker import MARKER, near_miss
from seedlint.disarm.model import (
    INDEX,
    BadId,
    Cell,
    Field,
    Heading,
    Link,
    MarkerInfo,
    Mention,
    MentionWhere,
    Page,
    Row,
    Table,
)

UNRECOGNISED = "D001"
MISSPELLED_LABEL = "D003"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORDS = "|".join(re.escape(w) for w in sorted(gen.HEADING_WORDS, key=len, reverse=True))
_OBJECT_HEADING = re.compile(
    rf"#[ \t]+(?P<word>{_WORDS})[ \t]+(?P<id>[^\s:]*)[ \t]*:[ \t]*(?P<name>.*?)[ \t]*\Z"
)
_ANY_HEADING = re.compile(r"#[ \t]+(?P<word>[A-Za-z][A-Za-z-]*)")
_INDEX_HEADING = re.compile(
    r"#[ \t]+(?P<word>" + "|".join(gen.INDEX_HEADING_WORDS) + r")\b[ \t]*(?P<name>.*?)[ \t]*\Z"
)
_FIELD = re.compile(
    r"(?P<bullet>[*+-][ \t]+)?\*\*(?P<label>[^*\n]+?)(?P<c1>:?)\*\*(?P<c2>:?)[ \t]*(?P<value>.*)\Z"
)
# a second field on a field's line: after line breaks (``<br><br>**Parent Technique:**``), as
# the generator writes it, or after mere spaces (a generation that lost the line break)
_INLINE_FIELD = re.compile(
    r"[ \t]*(?P<br>(?:<br\s*/?>[ \t]*)*)\*\*(?P<label>[^*\n]+?)(?P<c1>:?)\*\*(?P<c2>:?)[ \t]*"
)
_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\Z")
_PIPE = re.compile(r"(?<!\\)\|")
_MD_LINK = re.compile(
    r"!?\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<lt><)?(?P<target>(?(lt)[^<>\n]*|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*))(?(lt)>)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)"
)
# the text of an <a> is looked for within 1,000 characters, so that a line of unclosed anchors
# is scanned in linear time
_HTML_LINK = re.compile(
    r"<a\s[^>]*?\bhref\s*=\s*(?P<q>[\"'])(?P<target>[^\"'\n]*)(?P=q)[^>]*>"
    r"(?P<text>[^\n]{0,1000}?)</a\s*>",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?|ftp|file|mailto):[^\s<>()\[\]\"'|]*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_HTML_ROW = re.compile(r"<tr\b[^>]*>", re.IGNORECASE)
_CELL_OPEN = re.compile(r"<(?P<tag>t[dh])\b[^>]*>", re.IGNORECASE)
_CELL_CLOSE = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HISTORY_HINT = re.compile(r"reviously|ormerly|the ID\b|renumbered|[Dd]eprecated")
# "This Technique previously used the ID T0019.", "... previously documented by T0104.005"
_RETIRED = re.compile(
    r"(?:previously|formerly|used the ID|renumbered|deprecated)[^.<>|]*\Z", re.IGNORECASE
)
_MARKER_HINT = re.compile(r"[Ee][Dd][Ii][Tt]|[Nn][Oo][Tt][Ee][Ss]")
# code is never content of a page: fenced blocks are skipped, code spans blanked
_FENCE_OPEN = re.compile(r"[ ]{0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\Z")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")


def fenced_lines(lines: list[str]) -> frozenset[int]:
    """0-based indexes of the lines of fenced code blocks, fences included (an unclosed fence
    runs to the end of the page, as markdown renders it)."""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        if "`" not in lines[i] and "~" not in lines[i]:
            i += 1
            continue
        opened = _FENCE_OPEN.match(lines[i])
        if opened is None or (opened["fence"][0] == "`" and "`" in opened["info"]):
            i += 1
            continue
        fence = opened["fence"]
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            if (
                len(lines[j]) - len(lines[j].lstrip(" ")) <= 3
                and stripped.startswith(fence)
                and not stripped.strip(fence[0])
            ):
                break
            j += 1
        found.update(range(i, min(j, len(lines) - 1) + 1))
        i = j + 1
    return frozenset(found)


def blank_code_spans(text: str) -> str:
    """``text`` with every code span replaced by spaces (columns stay where they were)."""
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def parse_page(source: SourceText, path: Path) -> tuple[Page | None, list[ParseProblem]]:
    """The page model of ``source`` (``None`` when its layout is not recognised) and the
    problems that kept the parser from reading parts of it."""
    return _Parser(source, path).parse()


class _Parser:
    def __init__(self, source: SourceText, path: Path) -> None:
        self.source = source
        self.path = path
        self.lines = split_lines(source.text)
        self.problems: list[ParseProblem] = []
        has_code = "```" in source.text or "~~~" in source.text
        self.fenced = fenced_lines(self.lines) if has_code else frozenset()

    # -- entry ---------------------------------------------------------------------------------

    def parse(self) -> tuple[Page | None, list[ParseProblem]]:
        lines = self.lines
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            return None, [self._unrecognised(1, "the page is empty")]
        heading, page_type = self._heading(first)
        if heading is None or page_type is None:
            return None, self.problems
        marker = self._marker(page_type)
        boundary = marker.line
        if boundary is None and marker.near_misses and page_type != INDEX:
            boundary = marker.near_misses[0][0]
        generated_end = (boundary - 1) if boundary is not None else len(lines)
        page = Page(
            self.path,
            page_type,
            None,
            heading,
            marker=marker,
            generated_end=generated_end,
            line_count=len(lines),
        )
        if boundary is not None:
            page.notes_line = boundary + 1
            page.notes = "\n".join(lines[boundary:])
        page.repeated_heading_lines = self._repeats(heading, first)
        # the notes of a page whose generated content was written twice are an old copy of the
        # page: one finding (D404) says so, instead of a finding per stale line in that copy
        # (without a marker, the copies below the first, newest one are that old page)
        scan_end = len(lines)
        if page.repeated_heading_lines:
            scan_end = generated_end if boundary else page.repeated_heading_lines[0] - 1
        self._body(page, first + 1, scan_end)
        if page_type != INDEX:
            labels = [f.label for f in page.fields]
            headers = [t.header for t in page.tables if not t.html and t.line <= generated_end]
            prefixes = {
                p
                for link in page.links
                if not link.in_notes
                for p in (*gen.ROOT_PREFIXES, "../")
                if link.target.startswith(p)
            }
            plain = any(
                not self.lines[f.line - 1].lstrip().startswith(("*", "-", "+")) for f in page.fields
            )
            generation = gen.recognise(page_type, labels, headers, prefixes, plain)
            if generation is None:
                total = len(labels) + len(headers)
                known = sum(1 for label in labels if gen.field_for(page_type, label) is not None)
                known += sum(1 for hd in headers if gen.table_for(page_type, hd) is not None)
                why = (
                    f"only {known} of its {total} field labels and table headers are those of a "
                    f"{page_type} page of a known template generation"
                    if known
                    else f"no field or table of a {page_type} page of any known template generation"
                )
                return None, [self._unrecognised(heading.line, why)]
            page.generation = generation.name
            self._misspelled_labels(page)
        return page, self.problems

    def _unrecognised(self, line: int, why: str) -> ParseProblem:
        known = ", ".join(g.name for g in gen.GENERATIONS)
        return ParseProblem(
            UNRECOGNISED,
            f"unrecognised page layout: {why}",
            Span(line, 1, line, len(self.lines[line - 1]) + 1 if line <= len(self.lines) else 2),
            f"known template generations: {known}; a DISARM page starts with a heading such as "
            "'# Technique T0001: Name' (or '# DISARM Techniques:' for an index page)",
        )

    # -- heading -------------------------------------------------------------------------------

    def _heading(self, index: int) -> tuple[Heading | None, str | None]:
        text = self.lines[index]
        line = index + 1
        match = _OBJECT_HEADING.match(text)
        if match is not None:
            page_type = gen.HEADING_WORDS[match["word"]].name
            return Heading(
                line,
                match["word"],
                match["id"],
                match["name"],
                match.start("id") + 1,
                match.start("name") + 1,
                text,
            ), page_type
        match = _INDEX_HEADING.match(text)
        if match is not None:
            return Heading(
                line,
                match["word"],
                "",
                match["name"].rstrip(":").strip(),
                match.start("word") + 1,
                match.start("name") + 1,
                text,
            ), INDEX
        if text.startswith("#") and not self._object_expected():
            # a summary page the generator writes besides the index pages (such as
            # counter_tactics/TA01counters.md, '# Tactic TA01 Strategic Planning counters'):
            # read its tables and links like an index page's
            title = text.lstrip("#").strip()
            start = len(text) - len(text.lstrip("#").lstrip()) + 1
            return Heading(line, title.split(" ", 1)[0], "", title, start, start, text), INDEX
        word = _ANY_HEADING.match(text)
        if word is not None and word["word"] in gen.HEADING_WORDS:
            why = (
                f"the heading '{text.strip()[:80]}' is not of the form "
                f"'# {word['word']} <ID>: <name>'"
            )
        elif text.startswith("#"):
            why = f"the heading '{text.strip()[:80]}' names no known DISARM page type"
        else:
            why = "the page does not start with a '# <Type> <ID>: <name>' heading"
        self.problems.append(self._unrecognised(line, why))
        return None, None

    def _object_expected(self) -> bool:
        """Whether the file must be an object page: it sits in a page directory
        (``techniques/``, ...) or is named after an ID (``T0145.002.md``)."""
        name = self.path.name
        stem = name[:-3] if name.endswith(".md") else self.path.stem
        return self.path.parent.name in gen.DIRECTORY_TYPES or ids.kind_of(stem) is not None

    # -- marker --------------------------------------------------------------------------------

    def _marker(self, page_type: str) -> MarkerInfo:
        exact: list[int] = []
        misses: list[tuple[int, int, str, str]] = []
        seen: set[int] = set()
        for hit in _MARKER_HINT.finditer(self.source.text):
            number = self.source.position(hit.start())[0]
            if number in seen:
                continue
            seen.add(number)
            if number - 1 in self.fenced:
                continue
            text = self.lines[number - 1]
            if text.rstrip() == MARKER:
                exact.append(number)
                continue
            found = near_miss(text)
            if found is not None:
                misses.append((number, found[0], text.strip(), found[1]))
        if page_type == INDEX:
            return MarkerInfo(tuple(exact), tuple(misses))
        if exact:
            # near misses in the notes of a page whose marker is fine are the user's text
            misses = [m for m in misses if m[0] < exact[0]]
        return MarkerInfo(tuple(exact), tuple(misses))

    def _repeats(self, heading: Heading, first: int) -> tuple[int, ...]:
        if not heading.id:
            return ()
        key = (heading.word, heading.id)
        found: list[int] = []
        for number in range(first + 2, len(self.lines) + 1):
            text = self.lines[number - 1]
            if text.startswith("#") and number - 1 not in self.fenced:
                match = _OBJECT_HEADING.match(text)
                if match is not None and (match["word"], match["id"]) == key:
                    found.append(number)
        return tuple(found)

    # -- body ----------------------------------------------------------------------------------

    def _body(self, page: Page, start: int, end: int) -> None:
        """Lines ``start``..``end-1`` (0-based) after the heading."""
        lines = self.lines
        text_field: int | None = None  # index in page.fields of a text field to continue
        # continuation lines of text fields, joined once at the end (index -> (lines, last))
        more: dict[int, tuple[list[str], int]] = {}
        pipe_block = False  # the line before was a table line that started no table
        i = start
        self._scan_line(page, page.heading.line, lines[page.heading.line - 1], "heading")
        while i < end:
            text = lines[i]
            number = i + 1
            in_notes = number > page.generated_end
            stripped = text.strip()
            if not stripped or i in self.fenced:
                if i in self.fenced:
                    text_field = None
                pipe_block = False
                i += 1
                continue
            if _TABLE_OPEN.search(text):
                i = self._html_table(page, i, end)
                text_field = None
                continue
            if (
                stripped.startswith("|")
                and i + 1 < end
                and _DELIMITER.match(lines[i + 1])
                and "-" in lines[i + 1]
            ):
                i = self._md_table(page, i, end)
                text_field = None
                pipe_block = False
                continue
            if stripped.startswith("|"):
                if not pipe_block:
                    self._broken_table(page, i, end)
                pipe_block = True
            else:
                pipe_block = False
            if not in_notes and page.page_type != INDEX:
                match = _FIELD.match(text)
                if match is not None and (match["c1"] or match["c2"]):
                    new = self._fields(page, number, text, match)
                    page.fields.extend(new)
                    last = new[-1]
                    spec = gen.field_for(page.page_type, last.label)
                    text_field = (
                        len(page.fields) - 1 if (spec is None or spec.value == "text") else None
                    )
                    self._scan_line(page, number, text, "field")
                    i += 1
                    continue
                if text_field is not None and not stripped.startswith("#"):
                    pending = more.setdefault(text_field, ([], number))[0]
                    pending.append(stripped)
                    more[text_field] = (pending, number)
            self._scan_line(page, number, text, "notes" if in_notes else "text")
            i += 1
        _join_continuations(page, more)

    def _broken_table(self, page: Page, i: int, end: int) -> None:
        """Line ``i`` (0-based), first of a block of table lines that starts no table: a header
        broken over two lines (``| Associated||`` then ``| Technique | When to use |``), or a
        table without its delimiter row; one record per block of such lines. A header names
        columns: a line with a link is a row cut off from its table (by a blank line inside a
        cell above, say), which is D301's."""
        lines, text = self.lines, self.lines[i]
        if not (
            i + 1 < end
            and lines[i + 1].strip().startswith("|")
            and "](" not in text
            and "href" not in text
        ):
            return
        delimiter = next(
            (
                j + 1
                for j in range(i + 2, min(end, i + 4))
                if _DELIMITER.match(lines[j]) and "-" in lines[j]
            ),
            None,
        )
        if i + 1 not in self.fenced:
            page.broken_tables.append((i + 1, delimiter))

    def _fields(self, page: Page, number: int, text: str, match: re.Match[str]) -> list[Field]:
        """One field line; a line may hold several (``... <br><br>**Parent Technique:** ...``)."""
        out: list[Field] = []
        label = match["label"].strip().rstrip(":").strip()
        value_start = match.start("value")
        value = match["value"]
        pieces: list[tuple[str, int, str]] = []  # (label, column of value, value)
        cursor = 0
        current_label, current_start = label, value_start
        for inline in _INLINE_FIELD.finditer(value):
            if not (inline["c1"] or inline["c2"]):
                continue
            inner = inline["label"].strip().rstrip(":").strip()
            if gen.field_for(page.page_type, inner) is None:
                continue
            if not inline["br"]:
                if inline.start() == 0 or value[inline.start()] not in " \t":
                    continue  # bold text inside the value, not a field of its own
                column = value_start + inline.start("label") - 1
                page.joined_fields.append((number, column, inner))
            pieces.append((current_label, current_start, value[cursor : inline.start()]))
            current_label, current_start = inner, value_start + inline.end()
            cursor = inline.end()
        pieces.append((current_label, current_start, value[cursor:]))
        for name, start, raw in pieces:
            spec = gen.field_for(page.page_type, name)
            lead = len(raw) - len(raw.lstrip())
            out.append(
                Field(
                    spec.key if spec else name,
                    name,
                    raw.strip(),
                    number,
                    start + lead + 1,
                    number,
                    spec is not None,
                )
            )
        return out

    def _misspelled_labels(self, page: Page) -> None:
        known = gen.known_labels(page.page_type)
        present = {f.key for f in page.fields if f.known}
        for index, item in enumerate(page.fields):
            if item.known:
                continue
            norm = gen.normalise_label(item.label)
            close = difflib.get_close_matches(norm, list(known), n=1, cutoff=0.8)
            if not close:
                continue
            spec = known[close[0]]
            if spec.key in present:
                continue
            label = spec.labels[0]
            page.fields[index] = Field(
                spec.key, item.label, item.value, item.line, item.column, item.end_line, True
            )
            present.add(spec.key)
            line_text = self.lines[item.line - 1]
            column = line_text.find(item.label) + 1 or 1
            self.problems.append(
                ParseProblem(
                    MISSPELLED_LABEL,
                    f"field label '{item.label}' is not one the generator writes "
                    f"(did you mean '{label}'?)",
                    Span(item.line, column, item.line, column + len(item.label)),
                )
            )

    # -- tables --------------------------------------------------------------------------------

    def _cells(self, number: int, text: str) -> tuple[Cell, ...]:
        """The cells of one markdown table line, as GitHub renders it."""
        body_start = len(text) - len(text.lstrip())
        body_end = len(text.rstrip())
        if text[body_start : body_start + 1] == "|":
            body_start += 1
        pipes = [m.start() for m in _PIPE.finditer(text, body_start, body_end)]
        if body_end > body_start and text[body_end - 1] == "|" and (body_end - 1) in pipes:
            pipes.pop()
            body_end -= 1
        bounds = [body_start, *[p + 1 for p in pipes]]
        ends = [*pipes, body_end]
        cells: list[Cell] = []
        for left, right in zip(bounds, ends, strict=True):
            raw = text[left:right]
            content = raw.strip()
            # an empty cell is placed just inside its pipe (after one space, if any)
            lead = len(raw) - len(raw.lstrip()) if content else min(1, len(raw))
            column = left + lead + 1
            cells.append(Cell(content, number, column, column + len(content)))
        return tuple(cells)

    def _md_table(self, page: Page, index: int, end: int) -> int:
        lines = self.lines
        header_line = index + 1
        header_cells = self._cells(header_line, lines[index])
        header = tuple(c.text for c in header_cells)
        in_notes = header_line > page.generated_end
        where: MentionWhere = "notes" if in_notes else "table"
        self._scan_line(page, header_line, lines[index], where)
        rows: list[Row] = []
        i = index + 2
        pending: tuple[int, tuple[Cell, ...], bool, str, list[int]] | None = None

        def flush() -> None:
            if pending is not None:
                line, cells, closed, text, more = pending
                rows.append(Row(line, cells, tuple(more), closed, text))

        while i < end:
            text = lines[i]
            stripped = text.strip()
            if not stripped or i in self.fenced:
                break
            number = i + 1
            starts_row = stripped.startswith("|")
            if pending is not None and (not pending[2] or not starts_row):
                # a line break inside a cell: this line continues the row above
                line, cells, _, row_text, more = pending
                more.append(number)
                pending = (
                    line,
                    cells,
                    stripped.endswith("|") and not stripped.endswith("\\|"),
                    row_text,
                    more,
                )
                self._scan_line(page, number, text, where)
                i += 1
                continue
            if not starts_row:
                break
            flush()
            closed = stripped.endswith("|") and not stripped.endswith("\\|")
            pending = (number, self._cells(number, text), closed, text, [])
            self._scan_line(page, number, text, where)
            i += 1
        flush()
        spec = (
            None if in_notes or page.page_type == INDEX else gen.table_for(page.page_type, header)
        )
        page.tables.append(
            Table(
                spec.key if spec else None,
                header,
                header_line,
                tuple(rows),
                False,
                spec.required_cells if spec else (),
                spec.links_to if spec else None,
            )
        )
        return i

    def _html_table(self, page: Page, index: int, end: int) -> int:
        """An HTML ``<table>`` (index pages); returns the index of the line after it."""
        lines = self.lines
        stop = index
        while stop < end and not _TABLE_CLOSE.search(lines[stop]):
            stop += 1
        last = min(stop, end - 1)
        block_lines = lines[index : last + 1]
        block = "\n".join(block_lines)
        starts = [0]
        for text in block_lines[:-1]:
            starts.append(starts[-1] + len(text) + 1)

        def position(offset: int) -> tuple[int, int]:
            row = bisect_right(starts, offset) - 1
            return index + 1 + row, offset - starts[row] + 1

        in_notes = index + 1 > page.generated_end
        where: MentionWhere = "notes" if in_notes else "table"
        for offset, text in enumerate(block_lines):
            self._scan_line(page, index + 1 + offset, text, where)
        row_starts = [m.end() for m in _HTML_ROW.finditer(block)]
        header: tuple[str, ...] = ()
        header_line = index + 1
        rows: list[Row] = []
        for r, begin in enumerate(row_starts):
            finish = row_starts[r + 1] if r + 1 < len(row_starts) else len(block)
            cells: list[Cell] = []
            tags: list[str] = []
            opens = list(_CELL_OPEN.finditer(block, begin, finish))
            for c, opened in enumerate(opens):
                # a cell ends at its closing tag, looked for only up to the next cell: linear
                # even in a row of unclosed cells
                limit = opens[c + 1].start() if c + 1 < len(opens) else finish
                closing = _CELL_CLOSE.search(block, opened.end(), limit)
                if closing is None:
                    continue
                line, column = position(opened.end())
                body = block[opened.end() : closing.start()]
                content = " ".join(_TAG.sub(" ", body).split())
                cells.append(Cell(content, line, column, column + len(body.split("\n")[0])))
                tags.append(opened["tag"].lower())
            if not cells:
                continue
            if not header and not rows and all(t == "th" for t in tags):
                header = tuple(c.text for c in cells)
                header_line = cells[0].line
                continue
            line = cells[0].line
            rows.append(Row(line, tuple(cells), (), True, lines[line - 1]))
        page.tables.append(Table(None, header, header_line, tuple(rows), True))
        return last + 1

    # -- links and IDs -------------------------------------------------------------------------

    def _scan_line(self, page: Page, number: int, text: str, where: MentionWhere) -> None:
        """Links, IDs and malformed IDs on one line (code spans are not content)."""
        text = blank_code_spans(text)
        in_notes = number > page.generated_end
        excluded: list[tuple[int, int]] = []  # link targets and URLs: no IDs there
        texts: list[tuple[int, int, str]] = []  # (start, end, text) of link texts
        if "](" in text:
            for match in _MD_LINK.finditer(text):
                target = match["target"]
                page.links.append(
                    Link(
                        match["text"],
                        target,
                        number,
                        match.start() + 1,
                        match.end() + 1,
                        match.start("target") + 1,
                        False,
                        in_notes,
                    )
                )
                texts.append((match.start("text"), match.end("text"), match["text"]))
                excluded.append((match.start("target"), match.end("target")))
        html_count = 0
        if "href" in text or "HREF" in text:
            for match in _HTML_LINK.finditer(text):
                html_count += 1
                label = " ".join(_TAG.sub(" ", match["text"]).split())
                page.links.append(
                    Link(
                        label,
                        match["target"],
                        number,
                        match.start() + 1,
                        match.end() + 1,
                        match.start("target") + 1,
                        True,
                        in_notes,
                    )
                )
                texts.append((match.start("text"), match.end("text"), label))
                excluded.append((match.start("target"), match.end("target")))
        if "://" in text or "file:" in text or "mailto:" in text:
            excluded.extend(m.span() for m in _URL.finditer(text))
        history: bool | None = None  # whether the line speaks of former IDs (looked up once)
        outside_ids = _Spans(excluded)
        md_texts = texts[: len(texts) - html_count] if html_count else texts
        html_texts = texts[len(texts) - html_count :] if html_count else []
        for token in ids.TOKEN.finditer(text):
            start = token.start()
            if start in outside_ids:
                continue
            word = token.group()
            column = start + 1
            here: MentionWhere = where
            link_text = _label_at(md_texts, start)
            if link_text is None:
                link_text = _label_at(html_texts, start)
            if link_text is not None:
                here = "link-text"
            if not ids.well_formed(token["prefix"], word):
                reason = ids.malformed_reason(token["prefix"], token["digits"], token["sub"])
                if reason is not None and not ids.foreign_context(text[max(0, start - 80) : start]):
                    page.bad_ids.append(BadId(word, reason, number, column, here))
                continue
            name, colon = "", False
            end = token.end()
            if link_text is not None:
                if link_text.lstrip().startswith(word):
                    name = " ".join(link_text.lstrip()[len(word) :].split())
            elif text.startswith(":", end) and not text.startswith("://", end):
                name = text[end + 1 : end + 201].strip()
                colon = True
            if history is None:
                history = _HISTORY_HINT.search(text) is not None
            retired = history and _RETIRED.search(text, max(0, start - 120), start) is not None
            page.mentions.append(Mention(word, number, column, here, name, colon, retired))


class _Spans:
    """A set of ``[begin, end)`` offsets, merged and sorted: membership costs O(log n), so a
    line with thousands of links stays linear to scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.begins: list[int] = []
        self.ends: list[int] = []
        for begin, end in sorted(spans):
            if self.ends and begin <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.begins.append(begin)
                self.ends.append(end)

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self.begins, offset) - 1
        return index >= 0 and offset < self.ends[index]


def _label_at(texts: list[tuple[int, int, str]], offset: int) -> str | None:
    """The label of the link text containing ``offset``; ``texts`` are the non-overlapping
    texts of one kind of link, in order."""
    index = bisect_right(texts, offset, key=lambda t: t[0]) - 1
    if index >= 0 and offset < texts[index][1]:
        return texts[index][2]
    return None


def _join_continuations(page: Page, more: dict[int, tuple[list[str], int]]) -> None:
    """Text fields with their continuation lines (field index -> (lines, last line))."""
    for index, (extra, end_line) in more.items():
        old = page.fields[index]
        joined = "\n".join([old.value, *extra] if old.value else extra)
        page.fields[index] = Field(
            old.key, old.label, joined, old.line, old.column, end_line, old.known
        )
