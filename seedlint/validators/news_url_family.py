"""N006: an item mixes the 2019 and the 2020+ URL families."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.news.frontmatter import json_path
from seedlint.validators._news import URL_FAMILIES, containers


@document_rule("N006", "mixed-url-families", kind="news", severity=Severity.ERROR)
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """An item (or a related item) mixes URL fields of two template generations.

    **What it checks**: an item uses the 2019 family (``sourceUrl``, ``ampUrl``,
    ``cdnAmpUrl``) or the 2020+ family (``originalUrl``, ``webUrl``, ``ampWebUrl``,
    ``cdnAmpWebUrl``), not both. The finding is at the first key of the minority family.

    **Why**: the templates read one family; the other one's links are silently dropped, and
    mixing is the sign of a hand-merged item.

    **Bad**::

        sourceUrl: https://www.axios.com/a.html
        webUrl: https://www.axios.com/a.html

    **Good**: ``originalUrl`` and ``webUrl`` (or the three 2019 keys) only.

    **Fix**: rename the keys to one family.
    """
    old_keys, new_keys = (frozenset(keys) for keys in URL_FAMILIES.values())
    for path, value in containers(doc):
        if not isinstance(value, dict) or old_keys.isdisjoint(value) or new_keys.isdisjoint(value):
            continue
        present = {name: [k for k in keys if k in value] for name, keys in URL_FAMILIES.items()}
        if not all(present.values()):
            continue
        old, new = present["2019"], present["2020+"]
        minority = old if len(old) <= len(new) else new
        majority = new if minority is old else old
        key = minority[0]
        yield Violation(
            doc.span_at((*path, key), key=True),
            f"'{key}' mixes URL families: {', '.join(minority)} with {', '.join(majority)}",
            json_path((*path, key)),
        )
