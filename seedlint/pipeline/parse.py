"""Stage 4: parse a classified file into the document its rules see.

News items: front matter with positions (:mod:`seedlint.news.frontmatter`). DISARM pages: the page
model (:mod:`seedlint.disarm.parser`). Problems found while parsing are returned beside the
document as :class:`~seedlint.core.finding.ParseProblem` for the pipeline to report.
"""

from __future__ import annotations

from pathlib import Path

from seedlint.config.settings import Limits
from seedlint.core.document import DISARM, NEWS, DisarmDocument, Document, NewsDocument
from seedlint.core.finding import ParseProblem, Span
from seedlint.core.source import SourceText
from seedlint.news.frontmatter import YamlLimits
from seedlint.news.frontmatter import parse as parse_front_matter


def parse(
    path: Path, display: str, source: SourceText, kind: str, limits: Limits
) -> tuple[Document | None, list[ParseProblem]]:
    if kind == NEWS:
        front = parse_front_matter(
            source, YamlLimits(max_depth=limits.max_yaml_depth, max_nodes=limits.max_yaml_nodes)
        )
        if front is None:
            return None, [
                ParseProblem(
                    "Y003",
                    "news item has no front matter: the file must start with '---'",
                    Span.point(1),
                )
            ]
        problems = front.problems
        if front.data is None or not isinstance(front.data, dict):
            return None, problems
        return NewsDocument(path, display, source, kind, front), problems
    if kind == DISARM:
        from seedlint.disarm.parser import parse_page

        page, problems = parse_page(source, path)
        if page is None:
            return None, problems
        return DisarmDocument(path, display, source, kind, page), problems
    return None, [ParseProblem("K001", f"unknown document kind '{kind}'", Span.point(1))]
