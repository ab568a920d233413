"""Helpers shared by the news rules (not a rule module: the leading underscore keeps it out of
the registry)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yaml.nodes import ScalarNode

from seedlint.document import NewsDocument
from seedlint.finding import Span
from seedlint.frontmatter import PathPart

ARTICLE_URL_KEYS = ("originalUrl", "sourceUrl", "webUrl")
URL_FAMILIES = {
    "2019": ("sourceUrl", "ampUrl", "cdnAmpUrl"),
    "2020+": ("originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl"),
}


Pairs = list[tuple[tuple[PathPart, ...], Any]]
# the last front matter walked from its root, and its pairs: the news rules each walk the same
# document (by identity: rules never change the data they are given)
_last: tuple[Any, Pairs] | None = None


def walk(value: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], Any]]:
    """Every (path, value) pair in a converted front matter, depth first, in document order."""
    global _last
    if path:
        return iter(_pairs(value, path, []))
    last = _last
    if last is None or last[0] is not value:
        last = _last = (value, _pairs(value, (), []))
    return iter(last[1])


def _pairs(value: Any, path: tuple[PathPart, ...], out: Pairs) -> Pairs:
    out.append((path, value))
    if isinstance(value, dict):
        for key, item in value.items():
            _pairs(item, (*path, key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _pairs(item, (*path, index), out)
    return out


def is_url_key(key: PathPart) -> bool:
    return isinstance(key, str) and (key.endswith("Url") or key == "url")


def span_in_value(doc: NewsDocument, path: tuple[PathPart, ...], start: int, length: int) -> Span:
    """The span of ``value[start:start+length]`` for a one-line scalar, else the whole value."""
    _, node = doc.front.locate(path)
    if not isinstance(node, ScalarNode):
        return doc.span_at(path)
    whole = doc.front.span_of(node)
    if whole.line != whole.end_line or node.style not in (None, "", '"', "'"):
        return whole
    column = whole.column + (1 if node.style else 0) + start
    return Span(whole.line, column, whole.line, column + length)
