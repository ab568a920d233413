"""Helpers shared by the news rules (not a rule module: the leading underscore keeps it out of
the registry)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yaml.nodes import ScalarNode

from seedlint.core.document import NewsDocument
from seedlint.core.finding import Span
from seedlint.news.frontmatter import PathPart

ARTICLE_URL_KEYS = ("originalUrl", "sourceUrl", "webUrl")
URL_FAMILIES = {
    "2019": ("sourceUrl", "ampUrl", "cdnAmpUrl"),
    "2020+": ("originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl"),
}


Container = dict[str, Any] | list[Any]
Containers = list[tuple[tuple[PathPart, ...], Container]]


def containers(doc: NewsDocument) -> Containers:
    """Every mapping and list of a news item's front matter with its path (``()`` for the
    front matter itself), each before those inside it. Rules look at the values of these
    rather than at every (path, value) pair: only containers get a path made for them.

    The conversion of the YAML lists them as it makes them (``FrontMatter.containers``);
    when a duplicate key dropped one from the data, they are listed from the data."""
    front = doc.front
    if front.containers_exact and front.containers and front.containers[0][1] is front.data:
        return front.containers
    return containers_of(front.data)


def containers_of(data: Any) -> Containers:
    """:func:`containers` of plain data."""
    out: Containers = []
    if isinstance(data, (dict, list)):
        _collect(data, (), out)
    return out


def _collect(value: Container, path: tuple[PathPart, ...], out: Containers) -> None:
    out.append((path, value))
    for key, item in items(value):
        if item.__class__ is dict or item.__class__ is list:
            _collect(item, (*path, key), out)


def items(container: Container) -> Iterable[tuple[PathPart, Any]]:
    """(key, value) of a mapping, (index, item) of a list."""
    return container.items() if isinstance(container, dict) else enumerate(container)


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
