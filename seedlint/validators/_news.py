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


def walk(value: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], Any]]:
    """Every (path, value) pair in a converted front matter, depth first, in document order."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


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
