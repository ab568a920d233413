"""Hover and completion in a news item's front matter, from the JSON Schema that validates it.

Where the cursor is in the YAML is read from the lines and their indentation, not from a
parse, so that it still works while the front matter is broken half-way through typing.
A key path is a tuple of key names and ``"*"`` for an item of a list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(
    r"^(?P<indent> *)(?P<dash>(?:- +)?)(?P<key>[A-Za-z_$][\w.$-]*|\"[^\"]*\"|'[^']*') *:(?= |$)"
)
_PREFIX = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)?)(?P<word>[A-Za-z_$][\w.$-]*)?$")
_VALUE = re.compile(r"^(?P<head> *(?:- +)?(?P<key>[A-Za-z_$][\w.$-]*) *: *)(?P<word>[^#]*)$")

Path = tuple[str, ...]


@dataclass(frozen=True)
class Shape:
    """A line that holds a key: the column of its ``-`` (or ``None``), the key, its column."""

    dash: int | None
    key: str
    column: int


def shape(line: str) -> Shape | None:
    match = _KEY.match(line)
    if match is None:
        return None
    key = match["key"]
    if key[:1] in "\"'":
        key = key[1:-1]
    dash = len(match["indent"]) if match["dash"] else None
    return Shape(dash, key, match.end("dash"))


def parent_path(lines: Sequence[str], index: int, column: int, dash: int | None) -> Path:
    """The key path of the mapping that a key at ``column`` of line ``index`` belongs to
    (``dash``: the column of the line's own ``-``, when it starts a list item)."""
    path: list[str] = []
    target = column
    if dash is not None:
        path.insert(0, "*")
        target = dash
    for j in range(index - 1, -1, -1):
        if target == 0:
            break
        found = shape(lines[j])
        if found is None:
            stripped = lines[j].lstrip(" ")
            if stripped.startswith("-") and len(lines[j]) - len(stripped) < target:
                path.insert(0, "*")  # an item whose first line holds no key
                target = len(lines[j]) - len(stripped)
            continue
        if found.column < target:
            path.insert(0, found.key)
            target = found.column
            if found.dash is not None:
                path.insert(0, "*")
                target = found.dash
        elif found.column == target and found.dash is not None and found.dash < target:
            path.insert(0, "*")
            target = found.dash
    return tuple(path)


def siblings(lines: Sequence[str], index: int, column: int) -> set[str]:
    """The keys at ``column`` in the mapping holding line ``index``."""
    keys: set[str] = set()
    for step in (-1, 1):
        j = index if step == 1 else index - 1
        while 0 <= j < len(lines):
            line = lines[j]
            stripped = line.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                j += step
                continue
            found = shape(line)
            content = len(line) - len(stripped)
            if found is not None and found.column == column:
                keys.add(found.key)
                if found.dash is not None:
                    break  # the first key of this list item
            elif content < column:
                break
            j += step
    return keys


def resolve(schema: dict[str, Any], node: Any) -> dict[str, Any]:
    """A subschema with its local ``$ref`` followed."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 16:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            break
        target: Any = schema
        for part in ref[2:].split("/"):
            target = (
                target.get(part.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(target, dict)
                else {}
            )
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **merged} if isinstance(target, dict) else merged
        seen += 1
    return node if isinstance(node, dict) else {}


def _branches(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    out = [node]
    for word in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(word, []) or []:
            out.append(resolve(schema, branch))
    return out


def subschema(schema: dict[str, Any], path: Path) -> dict[str, Any] | None:
    node = resolve(schema, schema)
    for part in path:
        found: dict[str, Any] | None = None
        for branch in _branches(schema, node):
            if part == "*":
                items = branch.get("items")
                if isinstance(items, dict):
                    found = resolve(schema, items)
            else:
                props = branch.get("properties")
                if isinstance(props, dict) and part in props:
                    found = resolve(schema, props[part])
            if found is not None:
                break
        if found is None:
            return None
        node = found
    return node


def properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for branch in _branches(schema, node):
        props = branch.get("properties")
        if isinstance(props, dict):
            for key, value in props.items():
                out.setdefault(key, resolve(schema, value))
    return out


def enum_values(schema: dict[str, Any], node: dict[str, Any]) -> list[Any]:
    values: list[Any] = []
    for branch in _branches(schema, node):
        if isinstance(branch.get("enum"), list):
            values.extend(v for v in branch["enum"] if v not in values)
        if "const" in branch and branch["const"] not in values:
            values.append(branch["const"])
    return values


def describe(schema: dict[str, Any], key: str, node: dict[str, Any]) -> str:
    """Markdown: the key, its title, description, type and allowed values."""
    parts = [f"**{key}**" + (f": {node['title']}" if isinstance(node.get("title"), str) else "")]
    if isinstance(node.get("description"), str):
        parts.append(node["description"])
    kind = node.get("type")
    if kind is None and node.get("format"):
        kind = "string"
    if kind is not None:
        shown = " | ".join(kind) if isinstance(kind, list) else str(kind)
        fmt = f" ({node['format']})" if isinstance(node.get("format"), str) else ""
        parts.append(f"type: `{shown}`{fmt}")
    values = enum_values(schema, node)
    if values:
        parts.append("one of: " + ", ".join(f"`{json.dumps(v)}`" for v in values))
    return "\n\n".join(parts)


def key_at(lines: Sequence[str], index: int, character: int) -> tuple[Path, str] | None:
    """The key path of the key under a 0-based (line, character in code points), if any."""
    found = shape(lines[index]) if 0 <= index < len(lines) else None
    if found is None:
        return None
    end = lines[index].index(":", found.column)
    if not found.column <= character <= end:
        return None
    return (*parent_path(lines, index, found.column, found.dash), found.key), found.key


@dataclass(frozen=True)
class Completion:
    label: str
    detail: str
    documentation: str
    insert: str
    # what the completion replaces: (start character, end character) on the cursor's line
    start: int
    end: int
    is_key: bool


def complete(
    schema: dict[str, Any], lines: Sequence[str], index: int, character: int
) -> list[Completion]:
    """Completions at a 0-based (line, character in code points) of the front matter's lines
    (``lines``: the front matter between its ``---`` lines)."""
    if not 0 <= index < len(lines):
        return []
    before = lines[index][:character]
    key_match = _PREFIX.match(before)
    if key_match is not None and lines[index][character:].strip() == "":
        column = key_match.end("dash")
        dash = len(key_match["indent"]) if key_match["dash"] else None
        parent = parent_path(lines, index, column, dash)
        node = subschema(schema, parent)
        if node is None:
            return []
        present = siblings(lines, index, column) if dash is None else set()
        word = key_match["word"] or ""
        out = []
        for key, sub in properties(schema, node).items():
            if key in present and key != word:
                continue
            out.append(
                Completion(
                    key,
                    _type_word(sub),
                    describe(schema, key, sub),
                    f"{key}: ",
                    column,
                    character,
                    True,
                )
            )
        return out
    value_match = _VALUE.match(before)
    if value_match is None:
        return []
    found = shape(lines[index])
    if found is None:
        return []
    path = (*parent_path(lines, index, found.column, found.dash), found.key)
    node = subschema(schema, path)
    if node is None:
        return []
    start = len(value_match["head"])
    return [
        Completion(
            text,
            _type_word(node),
            describe(schema, found.key, node),
            text,
            start,
            character,
            False,
        )
        for text in (v if isinstance(v, str) else json.dumps(v) for v in enum_values(schema, node))
    ]


def _type_word(node: dict[str, Any]) -> str:
    kind = node.get("type", "")
    return " | ".join(kind) if isinstance(kind, list) else str(kind)
