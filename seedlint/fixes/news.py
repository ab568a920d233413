"""Fixes of news-item front matter, as precise text edits at the positions of YAML nodes.

Every byte outside the fixed value stays as it was: comments, key order, quoting style, blank
lines, line endings (a CRLF file stays CRLF). A fix is offered only after it has been tried:
the edited front matter is parsed again and must give exactly the intended data (the fixed value
changed, everything else equal) with no new parse problem; otherwise the rule reports its
finding without a fix. That check is what makes these fixes safe on any input, whatever the
quoting or escaping of the value.
"""

from __future__ import annotations

import copy
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from seedlint.core.document import NewsDocument
from seedlint.core.finding import Span
from seedlint.core.source import SourceText
from seedlint.fixes.model import Edit, Fix, Safety, apply_edits
from seedlint.news.frontmatter import FrontMatter, PathPart, iter_nodes
from seedlint.news.frontmatter import parse as parse_front_matter

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# one unit of a double-quoted scalar's source: an escape sequence or one character
_DQ_UNIT = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r\n|.)|.", re.S)
_DQ_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _base(fm: FrontMatter) -> int:
    """Offset in the file's text of the first character of the YAML block."""
    return fm.source.offset(fm.start_line + 1)


def node_range(fm: FrontMatter, node: Node) -> tuple[int, int]:
    """(start, end) offsets of a node's source text in the file's text."""
    base = _base(fm)
    return base + node.start_mark.index, base + node.end_mark.index


def _expected(
    data: Any, path: tuple[PathPart, ...], change: Callable[[Any, PathPart], None]
) -> Any:
    """A deep copy of ``data`` with ``change(container, last part)`` applied at ``path``."""
    result = copy.deepcopy(data)
    container = result
    for part in path[:-1]:
        container = container[part]
    change(container, path[-1])
    return result


def verified(doc: NewsDocument, edits: list[Edit], expected: Any, fewer: str | None = None) -> bool:
    """Whether ``edits`` turn the front matter into ``expected`` data without a new parse
    problem (and, with ``fewer``, with one problem of that code less)."""
    try:
        text = apply_edits(doc.source.text, edits)
    except ValueError:
        return False
    fm = parse_front_matter(SourceText(text, doc.source.had_bom))
    if fm is None or fm.data is None or fm.data != expected:
        return False
    before = Counter(p.code for p in doc.front.problems)
    after = Counter(p.code for p in fm.problems)
    if fewer is not None:
        if after[fewer] >= before[fewer]:
            return False
        before[fewer] -= 1
    return all(after[code] <= before[code] for code in after)


_MISSING = object()


def _value_at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        in_dict = isinstance(data, dict) and isinstance(part, str) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_dict or in_list):
            return _MISSING
        data = data[part]
    return data


def _scalar(doc: NewsDocument, path: tuple[PathPart, ...]) -> ScalarNode | None:
    """The scalar node of the string value at ``path`` (``None`` if it is not one)."""
    _, node = doc.front.locate(path)
    value = _value_at(doc.data, path)
    if not isinstance(node, ScalarNode) or not isinstance(value, str) or node.value != value:
        return None
    return node


def _encode(text: str, style: str | None) -> str:
    """``text`` as it must be written inside a scalar of ``style``."""
    if style == '"':
        out = []
        for char in text:
            if char in '"\\':
                out.append("\\" + char)
            elif not char.isprintable():
                out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
            else:
                out.append(char)
        return "".join(out)
    if style == "'":
        return text.replace("'", "''")
    return text


def unescape_entities(
    doc: NewsDocument, path: tuple[PathPart, ...], entity: re.Pattern[str]
) -> Fix | None:
    """Replace each HTML character reference in the value at ``path`` by its character."""
    node = _scalar(doc, path)
    if node is None or not isinstance(node.value, str):
        return None
    value = node.value
    wanted = entity.sub(lambda m: html.unescape(m.group(0)), value)
    if wanted == value:
        return None
    start, end = node_range(doc.front, node)
    raw = doc.source.text[start:end]
    edits = []
    for match in entity.finditer(raw):
        char = html.unescape(match.group(0))
        if char != match.group(0):
            edits.append(
                Edit(start + match.start(), start + match.end(), _encode(char, node.style))
            )
    if not edits or not verified(doc, edits, _expected(doc.data, path, _setter(wanted))):
        return None
    shown = ", ".join(
        sorted({f"{raw[e.start - start : e.end - start]} -> {e.replacement}" for e in edits})
    )
    return Fix.of(edits, "safe", f"replace HTML entities ({shown})")


def _setter(value: Any) -> Callable[[Any, PathPart], None]:
    def change(container: Any, part: PathPart) -> None:
        container[part] = value

    return change


def _dq_units(inner: str) -> list[tuple[str, str]]:
    """(source, value) units of a double-quoted scalar's inside."""
    units = []
    for match in _DQ_UNIT.finditer(inner):
        token = match.group(0)
        if token.startswith("\\") and len(token) > 1:
            code = token[1:]
            if code[0] in "xuU":
                value = chr(int(code[1:], 16))
            elif code[0] in "\r\n":
                value = ""  # an escaped line break joins the lines
            else:
                value = _DQ_ESCAPES.get(code, "?")
            units.append((token, value))
        else:
            units.append((token, token))
    return units


def strip_value(doc: NewsDocument, path: tuple[PathPart, ...]) -> Fix | None:
    """Remove the leading and trailing whitespace of a quoted string value."""
    node = _scalar(doc, path)
    if node is None or node.style not in ('"', "'") or not isinstance(node.value, str):
        return None
    value = node.value
    wanted = value.strip()
    if wanted == value:
        return None
    start, end = node_range(doc.front, node)
    raw = doc.source.text[start:end]
    if len(raw) < 2 or raw[0] != node.style or raw[-1] != node.style:
        return None
    inner = raw[1:-1]
    units = _dq_units(inner) if node.style == '"' else [(c, c) for c in inner]
    # quoted scalars fold line breaks: strip every unit that is (or renders as) white space
    lead = 0
    while lead < len(units) and (units[lead][1] == "" or units[lead][1].isspace()):
        lead += 1
    trail = len(units)
    while trail > lead and (units[trail - 1][1] == "" or units[trail - 1][1].isspace()):
        trail -= 1
    head = sum(len(u[0]) for u in units[:lead])
    tail = sum(len(u[0]) for u in units[trail:])
    edits = []
    if head:
        edits.append(Edit(start + 1, start + 1 + head, ""))
    if tail:
        edits.append(Edit(end - 1 - tail, end - 1, ""))
    if not edits or not verified(doc, edits, _expected(doc.data, path, _setter(wanted))):
        return None
    return Fix.of(edits, "safe", "remove the white space around the value")


def _node_equal(a: Node, b: Node) -> bool:
    if type(a) is not type(b) or a.tag != b.tag:
        return False
    if isinstance(a, ScalarNode):
        return bool(a.value == b.value)
    if len(a.value) != len(b.value):
        return False
    if isinstance(a, SequenceNode):
        return all(_node_equal(x, y) for x, y in zip(a.value, b.value, strict=True))
    return all(
        _node_equal(ka, kb) and _node_equal(va, vb)
        for (ka, va), (kb, vb) in zip(a.value, b.value, strict=True)
    )


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _after_line(text: str, offset: int) -> int:
    """Offset just past the line break ending the line that holds ``offset`` (or the end)."""
    if offset > 0 and text[offset - 1] in "\r\n":
        return offset  # a block value's end is already at the start of the next line
    match = re.compile(r"\r\n|\r|\n").search(text, offset)
    return match.end() if match else len(text)


def duplicate_key_fixes(doc: NewsDocument) -> Iterator[tuple[Span, Fix]]:
    """For each repeated key of a block mapping whose value equals the first one's: delete the
    repeated entry (its lines). Yields the span of the repeated key, as Y002 reports it."""
    if doc.front.root is None:
        return
    text = doc.source.text
    for mapping in iter_nodes(doc.front.root):
        if not isinstance(mapping, MappingNode) or mapping.flow_style:
            continue
        first: dict[str, Node] = {}
        for key, value in mapping.value:
            if not isinstance(key, ScalarNode):
                continue
            if key.value not in first:
                first[key.value] = value
                continue
            if not _node_equal(first[key.value], value):
                continue
            key_start, _ = node_range(doc.front, key)
            # a block collection ends where the next token begins: it ends, here, with its
            # last scalar, so that the comments and blank lines after it stay
            value_end = max(
                (
                    node_range(doc.front, n)[1]
                    for n in iter_nodes(value)
                    if isinstance(n, ScalarNode)
                ),
                default=node_range(doc.front, value)[1],
            )
            if not isinstance(value, ScalarNode) and value.flow_style:
                value_end = max(value_end, node_range(doc.front, value)[1])
            while value_end > key_start and text[value_end - 1] in " \t\r\n":
                value_end -= 1
            line_start = _line_start(text, key_start)
            if text[line_start:key_start].strip():
                continue  # the key does not begin its line
            edit = Edit(line_start, _after_line(text, value_end), "")
            if verified(doc, [edit], doc.data, fewer="Y002"):
                yield (
                    doc.front.span_of(key),
                    Fix.of([edit], "safe", f"delete the repeated key '{key.value}' (same value)"),
                )


def rename_key(
    doc: NewsDocument, path: tuple[PathPart, ...], new: str, safety: Safety = "unsafe"
) -> Fix | None:
    """Rename the key at ``path`` to ``new``, in the key's quoting style."""
    key, _ = doc.front.locate(path)
    parent_path, old = path[:-1], path[-1]
    parent = _value_at(doc.data, parent_path)
    if not isinstance(key, ScalarNode) or not isinstance(old, str) or key.value != old:
        return None
    if not isinstance(parent, dict) or old not in parent or new in parent:
        return None
    if key.style in ('"', "'"):
        written = key.style + _encode(new, key.style) + key.style
    elif _PLAIN_KEY.fullmatch(new):
        written = new
    else:
        written = '"' + _encode(new, '"') + '"'
    start, end = node_range(doc.front, key)

    def change(container: Any, part: PathPart) -> None:
        container[new] = container.pop(part)

    edits = [Edit(start, end, written)]
    if not verified(doc, edits, _expected(doc.data, path, change)):
        return None
    return Fix.of(edits, safety, f"rename key '{old}' to '{new}'")
