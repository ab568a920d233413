"""N007: a string value with leading or trailing white space."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from yaml.nodes import ScalarNode

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.fixes.news import strip_value
from seedlint.news.frontmatter import PathPart, json_path
from seedlint.validators._news import containers, items

CODE = "N007"
# free text copied verbatim from the publisher's feed: white space there is the feed's
DEFAULT_IGNORED = ("excerpt", "featuredContent")


def _key(path: tuple[PathPart, ...]) -> str | None:
    """The key a value belongs to (``topics`` for ``topics[2]``)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _ignored(ctx: Context) -> Sequence[str]:
    value = ctx.option(CODE, "ignore-keys", DEFAULT_IGNORED)
    return tuple(value) if isinstance(value, (list, tuple)) else DEFAULT_IGNORED


def _reported(doc: NewsDocument, ctx: Context) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    ignored = _ignored(ctx)
    for where, container in containers(doc):
        for key, value in items(container):
            if isinstance(value, str) and value != value.strip():
                path = (*where, key)
                if _key(path) not in ignored and _quoted(doc, path, value):
                    yield path, value


def _quoted(doc: NewsDocument, path: tuple[PathPart, ...], value: str) -> bool:
    """Whether the value is a quoted scalar as written: a block scalar's line breaks are its
    own, a plain scalar has none at its ends."""
    _, node = doc.front.locate(path)
    return isinstance(node, ScalarNode) and node.style in ('"', "'") and node.value == value


def _enabled(settings: Settings) -> bool:
    from seedlint.config.selection import enabled_codes
    from seedlint.core.rules import all_rules

    rules = all_rules()
    return CODE in enabled_codes(rules, settings.select, settings.extend_select, settings.ignore)


def reports(doc: NewsDocument, ctx: Context, path: tuple[PathPart, ...]) -> bool:
    """Whether this rule is on and reports the value at ``path`` (so that N001 need not report
    the same value's surrounding white space as a malformed URL, domain or date)."""
    return any(p == path for p, _ in _reported(doc, ctx)) and _enabled(ctx.settings)


def _describe(value: str) -> str:
    lead = len(value) - len(value.lstrip())
    trail = len(value) - len(value.rstrip())
    parts = []
    if lead:
        parts.append(f"starts with {value[:lead]!r}")
    if trail:
        parts.append(f"ends with {value[len(value) - trail :]!r}")
    return " and ".join(parts)


@document_rule(
    CODE,
    "value-whitespace",
    kind="news",
    severity=Severity.ERROR,
    fix="safe",
    options={"ignore-keys": list(DEFAULT_IGNORED)},
)
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """A quoted value starts or ends with white space.

    **What it checks**: every quoted string value of the front matter (``title``, URLs,
    ``provider.name``, ``topics``...) has no leading or trailing white space: spaces, tabs,
    line breaks or no-break spaces inside the quotes. Free text copied verbatim from the
    publisher's feed is not checked: the keys in the option ``ignore-keys`` (default
    ``["excerpt", "featuredContent"]``, under ``[tool.seedlint.rules.N007]``). Block scalars
    (``|``, ``>``) are not checked: their line breaks are part of their syntax. When a URL,
    domain or date is malformed only because of the white space, this rule reports it instead
    of N001.

    **Why**: a URL with a trailing space is a broken link; a title or topic with one sorts and
    groups apart from the same title without it, and shows up in the JSON feed.

    **Bad**: ``title: "Power Apps portals "`` or ``originalUrl: " https://example.com/a"``

    **Good**: ``title: "Power Apps portals"``

    **Fix**: delete the white space inside the quotes (``--fix`` does it).
    """
    for path, value in _reported(doc, ctx):
        yield Violation(
            doc.span_at(path),
            f"value {_describe(value)}; remove the white space inside the quotes",
            json_path(path),
            fix=strip_value(doc, path),
        )
