"""The documents that rules see: one class per kind, all sharing path, display name and text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedlint.core.finding import Span
from seedlint.core.source import SourceText
from seedlint.news.frontmatter import FrontMatter, PathPart

if TYPE_CHECKING:
    from seedlint.disarm.model import Page

NEWS = "news"
DISARM = "disarm"
KINDS = (NEWS, DISARM)


@dataclass
class Document:
    path: Path
    display: str
    source: SourceText
    kind: str


@dataclass
class NewsDocument(Document):
    front: FrontMatter

    @property
    def data(self) -> dict[str, Any]:
        data = self.front.data
        return data if isinstance(data, dict) else {}

    def span_at(self, path: tuple[PathPart, ...], *, key: bool = False) -> Span:
        return self.front.span_at(path, key=key)


@dataclass
class DisarmDocument(Document):
    page: Page
