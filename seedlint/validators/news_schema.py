"""N001: news-item front matter against ``schemas/news-item.schema.json``."""

from __future__ import annotations

import copy
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.news.frontmatter import PathPart
from seedlint.news.schemas import fast_validator, validator

SCHEMA = "news-item"


@document_rule("N001", "news-schema", kind="news", severity=Severity.ERROR, fix="unsafe")
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """Front matter does not match the news-item schema.

    **What it checks**: the front matter against the bundled JSON Schema (2020-12)
    ``news-item`` (or the one configured under ``[tool.seedlint.schemas]``): required fields,
    types (an unquoted ``quality: "57"`` is a string), absolute http(s) URLs without spaces,
    RFC 3339 ``publishedDateTime`` (section 5.6 exactly: ASCII digits, offsets ``-23:59`` to
    ``+23:59``, no trailing newline such as a block scalar ``publishedDateTime: |`` leaves;
    a leap second ``:60`` only as the last second of a UTC day, ``23:59:60Z``), ``type`` in
    ``article``/``video``, the ``provider``, ``images`` and ``related`` shapes, the ``secured``
    token, and no unknown keys. One defect
    is one finding at the offending value (a missing key: at the mapping that lacks it), with
    its JSON path and the schema keyword.

    **Why**: the site generator and the API built from these files expect this shape; an item
    that breaks it renders empty or breaks the build.

    **Bad**::

        titel: "Facebook purges accounts"
        heat: "high"

    **Good**::

        title: "Facebook purges accounts"
        heat: 57

    **Fix**: follow the message: rename the key it suggests, give the value the type or form
    it names, add the missing field. ``seedlint schema news`` prints the schema. An unknown key
    that misspells exactly one missing known key (``titel``, ``webURL``) is renamed by
    ``--fix --unsafe-fixes`` (unsafe: the key might be meant as a new field).
    """
    setting = ctx.settings.schema_for("news")
    is_valid = fast_validator(SCHEMA, setting)
    if is_valid is not None and is_valid(doc.front.data):
        return  # the reference validator, slower, runs only for documents the fast one rejects
    errors = list(validator(SCHEMA, setting).iter_errors(doc.front.data))
    if not errors:
        return
    from seedlint.news.schema_errors import problems

    for problem in problems(errors, lambda path, key: doc.span_at(path, key=key)):
        if problem.keyword in ("pattern", "format") and _only_whitespace(doc, ctx, problem.path):
            continue  # N007 reports the white space around the value, with its fix
        fix = None
        if problem.suggestion is not None:
            from seedlint.fixes.news import rename_key

            fix = rename_key(doc, problem.path, problem.suggestion, "unsafe")
        yield Violation(problem.span, problem.message, problem.json_path, fix=fix)


def _only_whitespace(doc: NewsDocument, ctx: Context, path: tuple[PathPart, ...]) -> bool:
    """Whether the value at ``path`` is reported by N007 and valid once stripped."""
    from seedlint.validators.news_whitespace import reports

    if not path or not reports(doc, ctx, path):
        return False
    data = copy.deepcopy(doc.front.data)
    container = data
    for part in path[:-1]:
        container = container[part]
    container[path[-1]] = container[path[-1]].strip()
    errors = validator(SCHEMA, ctx.settings.schema_for("news")).iter_errors(data)
    return not any(tuple(e.absolute_path)[: len(path)] == path for e in errors)
