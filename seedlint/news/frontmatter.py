"""Stage 4a: parse a news item's YAML front matter into plain data with positions.

The YAML is composed by libyaml (no Python objects are constructed from tags), then converted
here: scalars keep the type a user wrote where it matters (an unquoted timestamp stays the string
it is), unknown tags such as ``!!python/object/apply`` are reported and never constructed,
duplicate keys are reported with both positions, and aliases are expanded under a budget so an
alias bomb is refused instead of eating memory.

Positions come from the character offsets (``Mark.index``) that libyaml reports, mapped through
the file's own line index: libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors
do not, so its line numbers would drift after such a character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from seedlint.core.finding import ParseProblem, Span
from seedlint.core.source import SourceText
from seedlint.news.fast_yaml import Loader, resolved_tag, scalar_tag

_DELIMITER = re.compile(r"---[ \t]*(?:\r\n|\r|\n|$)")
_CLOSING_AT = re.compile(r"(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)")
# line breaks of YAML (1.1) that are not line breaks in an editor
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")

_TAG = "tag:yaml.org,2002:"
# ``value`` and ``merge`` are what the resolver gives a plain ``=`` and ``<<``: kept as text
_PLAIN_TAGS = {_TAG + t for t in ("str", "timestamp", "value", "merge")}
_KNOWN_TAGS = _PLAIN_TAGS | {_TAG + t for t in ("int", "float", "bool", "null", "map", "seq")}
# libyaml refuses to nest deeper than this, whatever max-yaml-depth says
PARSER_MAX_DEPTH = 1000
_CONSTRUCTOR = SafeConstructor()

PathPart = str | int


@dataclass(frozen=True, slots=True)
class YamlLimits:
    """Bounds that keep hostile YAML cheap; all are configurable."""

    max_depth: int = 64
    max_nodes: int = 50_000


@dataclass
class FrontMatter:
    """A parsed front-matter block.

    The YAML text starts on file line ``line_offset + 1``, at the file's character offset
    ``text_offset``; node positions are character offsets into it (:meth:`span_of`). ``data``
    is ``None`` when the block could not be parsed.
    """

    source: SourceText
    start_line: int
    line_offset: int
    text_offset: int
    # offset of the closing line (the end of the text when there is none)
    text_end: int
    closed: bool = True
    data: Any = None
    root: Node | None = None
    problems: list[ParseProblem] = field(default_factory=list)
    # every mapping and list of ``data`` with its path, each before those inside it (made by
    # the conversion; see seedlint.validators._news.containers)
    containers: list[tuple[tuple[PathPart, ...], Any]] = field(default_factory=list)
    # false when a duplicate key left a converted value out of ``data``
    containers_exact: bool = True
    # id of a mapping node -> key -> (key node, value node), the last of duplicates
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    # whether libyaml's own line and column are the file's: true unless the block holds a
    # character libyaml breaks lines at and editors do not (None: not yet known)
    _marks_are_positions: bool | None = field(default=None, repr=False, compare=False)

    @property
    def end_line(self) -> int:
        """The closing line (0 when there is none)."""
        return line_of(self.source, self.text_end) if self.closed else 0

    def may_hold(self, text: str) -> bool:
        """Whether a value of the front matter may contain ``text``: it is in the YAML, or a
        backslash is (a double-quoted escape can make any character)."""
        yaml_text, start, end = self.source.text, self.text_offset, self.text_end
        return yaml_text.find(text, start, end) >= 0 or yaml_text.find("\\", start, end) >= 0

    def span_of(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        if self._marks_are_positions is None:
            text = self.source.text
            self._marks_are_positions = not any(c in text for c in _YAML_ONLY_BREAKS)
        if self._marks_are_positions:  # no line index needed
            first = self.line_offset + 1
            return Span(first + start.line, start.column + 1, first + end.line, end.column + 1)
        base = self.text_offset
        line, column = self.source.position(base + start.index)
        end_line, end_column = self.source.position(base + end.index)
        return Span(line, column, end_line, end_column)

    def locate(self, path: tuple[PathPart, ...]) -> tuple[Node | None, Node | None]:
        """The (key node, value node) at ``path``; stops at the deepest node that exists."""
        key: Node | None = None
        node = self.root
        for part in path:
            if isinstance(node, MappingNode) and isinstance(part, str):
                found = self._keys_of(node).get(part)
                if found is None:
                    break
                key, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                key, node = None, node.value[part]
            else:
                break
        return key, node

    def _keys_of(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """A mapping's keys, indexed once (a rule may look up every key of a wide mapping)."""
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
            self._keys[id(node)] = keys
        return keys

    def span_at(self, path: tuple[PathPart, ...], *, key: bool = False) -> Span:
        """Span of the value (or, with ``key``, of the key) at ``path``."""
        key_node, value_node = self.locate(path)
        target = key_node if key and key_node is not None else value_node
        if target is None:
            return Span.point(self.start_line)
        return self.span_of(target)


def json_path(path: tuple[PathPart, ...]) -> str:
    """``("provider", "images", 0, "url")`` -> ``$.provider.images[0].url``."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            out.append(f".{part}")
        else:
            out.append("[" + repr(part) + "]")
    return "".join(out)


# (offset of the YAML text, offset of the closing line or -1 when there is none)
_Block = tuple[int, int]


def find_block(source: SourceText) -> tuple[int, int] | None:
    """(opening line, closing line) of the front matter, 1-based; closing is 0 when missing.

    ``None`` when the file does not start with ``---``.
    """
    block = _block(source)
    if block is None:
        return None
    return 1, 0 if block[1] < 0 else line_of(source, block[1])


def likely_last_line(source: SourceText) -> int:
    """The last line of an unterminated front matter, where it most likely ends (the error
    path; 1 when nothing but the opening line is YAML)."""
    block = _block(source)
    return 0 if block is None else _likely_end(source, block[0])[1]


def has_front_matter(source: SourceText) -> bool:
    """Whether the file starts with a ``---`` line (what makes it a news item); the closing
    line is looked for only when the front matter is parsed."""
    return _DELIMITER.match(source.text) is not None


def line_of(source: SourceText, offset: int) -> int:
    """The 1-based line of a character offset, by counting line feeds when the text before it
    has no lone CR (no line index needed)."""
    text = source.text
    if text.count("\r", 0, offset) == text.count("\r\n", 0, offset):
        return text.count("\n", 0, offset) + 1
    return source.position(offset)[0]


def _block(source: SourceText) -> _Block | None:
    return _find_block(source.text)


def _find_block(text: str) -> _Block | None:
    first_break = _DELIMITER.match(text)
    if first_break is None:
        return None
    begin = first_break.end()
    return begin, _closing_line(text, begin)


_LF_MARKS = ("\n---", "\n...")
_MARKS = (*_LF_MARKS, "\r---", "\r...")  # with lone CR line breaks


def _closing_line(text: str, begin: int) -> int:
    """Offset of the first line at or after ``begin`` that closes a front matter (``---`` or
    ``...``, then only blanks), or -1. Candidates are found by ``str.find`` (a regular
    expression searching from every line start costs five times more)."""
    if _CLOSING_AT.match(text, begin):
        return begin
    found = -1
    marks = _LF_MARKS if "\r" not in text or text.count("\r") == text.count("\r\n") else _MARKS
    for mark in marks:
        at = begin
        while True:
            at = text.find(mark, at, found if found >= 0 else len(text))
            if at < 0:
                break
            if _CLOSING_AT.match(text, at + 1):
                found = at + 1
                break
            at += 1
    return found


# a key of a front matter at the start of a line (an identifier, or quoted): prose rarely
# starts so
_KEY_LINE = re.compile(r"""(?:[A-Za-z_][\w.-]*|"[^"\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]|$)""")
# what else a front matter's lines start with: indentation, a list item, a comment, a flow
# collection, a quoted scalar, an explicit key
_YAML_START = re.compile(r"""[ \t#\[{"'?]|-(?:[ \t]|$)""")
_BLANK_OR_COMMENT = re.compile(r"[ \t]*(?:#.*)?$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _likely_end(source: SourceText, begin: int) -> tuple[int, int]:
    """Where an unterminated front matter most likely ends, for the error path only: (offset
    of its end, its last line holding YAML; 1 when none does).

    A line of prose (no key, no YAML syntax at its start: text, HTML, an image) or a heading
    after a blank line may start the body; the body starts at the first that has at least as
    many such lines as lines starting with a key from it on (a front matter's broken line has
    keys after it; a body may have a ``Note: ...`` line), unless what is above it is no YAML
    mapping and the whole rest is one. Without such a line the whole rest is the front
    matter. The end then moves back over blank and comment lines.
    """
    text = source.text
    offsets = [m.start() for m in _LINE.finditer(text, begin) if m.end() > m.start()]
    offsets.append(len(text))
    lines = [text[offsets[i] : offsets[i + 1]].rstrip("\r\n") for i in range(len(offsets) - 1)]
    count = len(lines)
    balance = [0] * (count + 1)  # lines of prose minus lines with a key, from each line on
    candidates: list[int] = []
    for i in range(count - 1, -1, -1):
        line = lines[i]
        weight = 0
        if _KEY_LINE.match(line):
            weight = -1
        elif line and not _YAML_START.match(line):
            weight = 1
        elif line.startswith("#") and (i == 0 or not lines[i - 1].strip(" \t")):
            weight = 1  # a heading, or a comment standing as a paragraph
        balance[i] = balance[i + 1] + weight
        if weight > 0:
            candidates.append(i)
    body = next((i for i in reversed(candidates) if balance[i] >= 0), count)

    def trimmed(cut: int) -> int:
        while cut > 0 and _BLANK_OR_COMMENT.match(lines[cut - 1]):
            cut -= 1
        return cut

    cut = trimmed(body)
    if (
        body < count
        and not _parses_as_mapping(text[begin : offsets[cut]])
        and _parses_as_mapping(text[begin:])
    ):
        cut = trimmed(count)  # a line of a multi-line value, not the body
    end = offsets[cut]
    return end, (line_of(source, end - 1) if cut else 1)


def _parses_as_mapping(text: str) -> bool:
    try:
        loader = Loader(text)
        try:
            return isinstance(loader.get_single_node(), MappingNode)
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return False


def _lone_cr_line(text: str, begin: int, finish: int, closed: bool) -> int | None:
    """The 1-based line of a delimiter line break that is a lone CR, or None: the break that
    ends the opening ``---`` line (at ``begin``) or the one right before the closing line (at
    ``finish``). Lone CRs inside the block are YAML line breaks, and harmless."""
    if text[begin - 1 : begin] == "\r":
        return 1
    if closed and finish > 0 and text[finish - 1 : finish] == "\r":
        lone = text.count("\r", 0, finish) - text.count("\r\n", 0, finish)
        return text.count("\n", 0, finish) + lone + 1
    return None


def _lone_cr_problems(text: str, begin: int, finish: int, closed: bool) -> list[ParseProblem]:
    """Y007 when a delimiter's line break is a lone CR (:func:`_lone_cr_line`)."""
    if text.find("\r", 0, finish + 1) < 0:
        return []
    line = _lone_cr_line(text, begin, finish, closed)
    if line is None:
        return []
    message = (
        "line ends with a lone carriage return (CR): site generators need LF or CR LF line "
        "breaks to read a front matter"
    )
    return [ParseProblem("Y007", message, Span.point(line, 1))]


def parse(source: SourceText, limits: YamlLimits = YamlLimits()) -> FrontMatter | None:
    """Parse the front matter of ``source``; ``None`` when it has none."""
    block = _block(source)
    if block is None:
        return None
    begin, closing = block
    start = 1
    if closing < 0:  # the error path: parse what most likely is the front matter
        finish, last = _likely_end(source, begin)
        fm = FrontMatter(
            source, start, line_offset=start, text_offset=begin, text_end=finish, closed=False
        )
        where = (
            f"; it most likely ends at line {last}: add '---' after line {last}"
            if last > start
            else ""
        )
        fm.problems.append(
            ParseProblem(
                "Y003",
                f"front matter is not terminated: no closing '---' line{where}",
                Span.point(start, 1),
            )
        )
        if last == start:
            return fm  # nothing but the opening line: not also "empty"
    else:
        finish = closing
        fm = FrontMatter(
            source, start, line_offset=start, text_offset=begin, text_end=finish, closed=True
        )
    base = begin
    text = source.text[begin:finish]
    fm.problems.extend(_lone_cr_problems(source.text, begin, finish, fm.closed))
    try:
        loader = Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        fm.problems.append(_syntax_problem(exc, source, base, text, limits))
        return fm
    except yaml.reader.ReaderError as exc:
        fm.problems.append(_reader_problem(exc, source, base, text))
        return fm
    except yaml.YAMLError as exc:
        first = " ".join(str(exc).split())
        fm.problems.append(ParseProblem("Y001", f"invalid YAML: {first}", Span.point(start + 1)))
        return fm
    except RecursionError:  # the pure-Python parser, where libyaml is missing
        fm.problems.append(ParseProblem("Y006", _too_deep(limits), Span.point(start + 1)))
        return fm
    if root is None:
        fm.problems.append(ParseProblem("Y005", "front matter is empty", Span.point(start)))
        return fm
    fm.root = root
    converter = _Converter(fm, limits, aliases="*" in text)
    try:
        fm.data = converter.convert(root, 0)
    except _LimitExceeded as exc:
        fm.data = None
        fm.problems.append(ParseProblem("Y006", str(exc), fm.span_of(exc.node)))
        return fm
    except RecursionError:  # a max-yaml-depth set beyond what Python's stack allows
        fm.data = None
        fm.problems.append(ParseProblem("Y006", _too_deep(limits), Span.point(start + 1)))
        return fm
    if not isinstance(root, MappingNode):
        shape = "a list" if isinstance(root, SequenceNode) else "a single value"
        fm.problems.append(
            ParseProblem(
                "Y005",
                f"front matter must be a mapping of keys to values, not {shape}",
                fm.span_of(root),
            )
        )
        fm.data = None
    return fm


def _too_deep(limits: YamlLimits) -> str:
    """The message when Python's own stack, not ``max-yaml-depth``, stopped the nesting."""
    return (
        "YAML nesting is too deep to be read (beyond what Python's stack allows; "
        f"max-yaml-depth is {limits.max_depth}: lower it)"
    )


def _syntax_problem(
    exc: yaml.MarkedYAMLError, source: SourceText, base: int, text: str, limits: YamlLimits
) -> ParseProblem:
    mark = exc.problem_mark or exc.context_mark
    index = min(mark.index, len(text)) if mark is not None else 0
    line, column = source.position(base + index)
    problem = exc.problem or "invalid YAML"
    if "maximum nesting depth" in problem:
        depth = min(limits.max_depth, PARSER_MAX_DEPTH)
        message = f"YAML nesting is deeper than {depth} levels (max-yaml-depth)"
        return ParseProblem("Y006", message, Span.point(line, column))
    if "cannot start any token" in problem and text[index : index + 1] == "\t":
        line_start = text.rfind("\n", 0, index) + 1
        if not text[line_start:index].strip(" \t"):
            message = "invalid YAML: a tab indents this line; YAML indents with spaces only"
            return ParseProblem("Y001", message, Span.point(line, column))
        message = "invalid YAML: a tab cannot start a value here; use spaces or quote the value"
        return ParseProblem("Y001", message, Span.point(line, column))
    message = f"invalid YAML: {problem}"
    if exc.context:
        message += f" ({exc.context})"
    if any(words in message for words in _DOCUMENT_PROBLEMS):
        message += (
            "; a front matter is one YAML document between its '---' lines: no '%' directive"
            " and no '---' or '...' line inside it"
        )
    return ParseProblem("Y001", message, Span.point(line, column))


# what libyaml says of a directive or a document marker, which a front matter cannot hold
_DOCUMENT_PROBLEMS = ("<document start>", "document indicator", "YAML document", "directive")


# YAML 1.1 printable characters: what libyaml accepts in a document
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reader_problem(
    exc: yaml.reader.ReaderError, source: SourceText, base: int, text: str
) -> ParseProblem:
    """A character YAML does not allow (a control character): where it is, by searching the
    text (libyaml reports a byte offset)."""
    bad = _NOT_PRINTABLE.search(text)
    index = bad.start() if bad is not None else 0
    char = bad.group() if bad is not None else chr(exc.character)
    line, column = source.position(base + index)
    message = (
        f"invalid YAML: character U+{ord(char):04X} is not allowed in YAML (control characters "
        "other than tab and line breaks are refused); remove it, or write it as an escape such "
        'as "\\x07" inside a double-quoted string'
    )
    return ParseProblem("Y001", message, Span.point(line, column))


class _LimitExceeded(Exception):
    def __init__(self, message: str, node: Node, *, at_top_key: bool = False) -> None:
        super().__init__(message)
        self.node = node
        # the error belongs at the top-level key whose value crossed the limit (where an alias
        # bomb goes off), which the converter knows only on the way up
        self.at_top_key = at_top_key


_STR = _TAG + "str"


class _Converter:
    """Nodes to plain values, tags resolved and checked, limits enforced, duplicates found.

    Called for every node of every front matter: the scalars of a mapping, most of a front
    matter, are handled in the mapping's own loop, without a call each.
    """

    def __init__(self, fm: FrontMatter, limits: YamlLimits, aliases: bool = True) -> None:
        self.fm = fm
        self.limits = limits
        self.max_nodes = limits.max_nodes
        self.max_depth = limits.max_depth
        self.nodes = 0
        # whether the YAML may hold an alias (a '*' in it): then the lists and mappings met are
        # remembered, so that the message can say when an alias made one count twice
        self.aliases = aliases
        self.collections: set[int] = set()
        self.expanded = False

    def convert(self, node: Node, depth: int, path: tuple[PathPart, ...] = ()) -> Any:
        self._count(node, depth)
        tag: Any = node.tag
        if tag.__class__ is slice:
            tag = node.tag = resolved_tag(tag)
        if tag not in _KNOWN_TAGS:
            self._unknown_tag(node)
        cls = node.__class__
        if cls is ScalarNode:
            return _scalar(node)  # type: ignore[arg-type]
        if self.aliases:
            if id(node) in self.collections:
                self.expanded = True
            self.collections.add(id(node))
        if cls is MappingNode:
            return self._mapping(node, depth, path)  # type: ignore[arg-type]
        return self._sequence(node, depth, path)  # type: ignore[arg-type]

    def _count(self, node: Node, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            how = "expands to" if self.expanded else "has"
            hint = " (an alias bomb?)" if self.expanded else ""
            raise _LimitExceeded(
                f"YAML {how} more than {self.max_nodes} values{hint} (max-yaml-nodes)",
                node,
                at_top_key=True,
            )
        if depth > self.max_depth:
            raise _LimitExceeded(
                f"YAML nesting is deeper than {self.max_depth} levels (max-yaml-depth)", node
            )

    def _unknown_tag(self, node: Node) -> None:
        self.fm.problems.append(
            ParseProblem(
                "Y004",
                f"YAML tag '{_short_tag(node.tag)}' is not allowed; it is never constructed",
                self.fm.span_of(node),
            )
        )

    def _mapping(self, node: MappingNode, depth: int, path: tuple[PathPart, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.fm.containers.append((path, result))
        pairs = node.value
        child = depth + 1
        for key_node, value_node in pairs:
            if key_node.__class__ is not ScalarNode:
                self._bad_key(key_node)
                continue
            tag: Any = key_node.tag
            if tag.__class__ is slice:
                tag = scalar_tag(tag)
                key_node.tag = tag
            if tag not in _KNOWN_TAGS:
                self._unknown_tag(key_node)
            try:
                if value_node.__class__ is not ScalarNode:
                    key = key_node.value
                    result[key] = self.convert(value_node, child, (*path, key))
                    continue
                result[key_node.value] = self._leaf(value_node, child)
            except _LimitExceeded as exc:
                if depth == 0 and exc.at_top_key:
                    exc.node = key_node
                    exc.at_top_key = False
                raise
        if len(result) != len(pairs):
            self._duplicates(pairs)
        return result

    def _sequence(self, node: SequenceNode, depth: int, path: tuple[PathPart, ...]) -> list[Any]:
        result: list[Any] = []
        self.fm.containers.append((path, result))
        child = depth + 1
        for item in node.value:
            if item.__class__ is not ScalarNode:
                result.append(self.convert(item, child, (*path, len(result))))
                continue
            result.append(self._leaf(item, child))
        return result

    def _leaf(self, node: ScalarNode, depth: int) -> Any:
        """A scalar's value (what :meth:`convert` does for a scalar, without its dispatch):
        counted, its tag resolved and checked."""
        count = self.nodes + 1
        if count > self.max_nodes or depth > self.max_depth:
            self._count(node, depth)
        self.nodes = count
        tag: Any = node.tag
        if tag.__class__ is slice:
            tag = node.tag = scalar_tag(tag)
        if tag in _PLAIN_TAGS:
            return node.value
        if tag not in _KNOWN_TAGS:
            self._unknown_tag(node)
        return _scalar(node)

    def _bad_key(self, key_node: Node) -> None:
        tag = key_node.tag = resolved_tag(key_node.tag)
        if tag not in _KNOWN_TAGS:
            self._unknown_tag(key_node)
        self.fm.problems.append(
            ParseProblem(
                "Y001",
                "invalid YAML key: keys must be plain values, not lists or mappings",
                self.fm.span_of(key_node),
            )
        )

    def _duplicates(self, pairs: list[tuple[Node, Node]]) -> None:
        """Y002 for every key met before in the mapping (the mapping keeps the last value)."""
        self.fm.containers_exact = False  # the earlier values are not in the data
        seen: dict[str, Node] = {}
        for key_node, _ in pairs:
            if key_node.__class__ is not ScalarNode:
                continue
            key = key_node.value
            if key in seen:
                first = self.fm.span_of(seen[key])
                here = self.fm.span_of(key_node)
                self.fm.problems.append(
                    ParseProblem(
                        "Y002",
                        f"duplicate key '{key}': first defined at line {first.line}, "
                        f"column {first.column}, again at line {here.line}, column {here.column}",
                        here,
                    )
                )
            seen[key] = key_node


_INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("int", "float", "bool", "null"))
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # what int() reads as YAML does
_BOOLS = SafeConstructor.bool_values


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag in _PLAIN_TAGS or tag not in _KNOWN_TAGS:
        return node.value
    try:
        if tag == _INT:
            if _DECIMAL.fullmatch(node.value):
                return int(node.value)
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _FLOAT:
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == _BOOL:
            return _BOOLS[node.value.lower()]
        if tag == _NULL:
            return None
    except (ValueError, KeyError, IndexError, yaml.YAMLError):  # ``!!int ""``, ``!!bool x``
        return node.value
    return node.value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def iter_nodes(node: Node) -> Iterator[Node]:
    """Every node under ``node`` once (aliases are not followed twice)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, MappingNode):
            for k, v in current.value:
                stack.extend((v, k))
        elif isinstance(current, SequenceNode):
            stack.extend(reversed(current.value))
