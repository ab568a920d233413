"""N002: the date in a news item's file name matches its ``publishedDateTime``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.fixes.model import Fix

_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-.+")
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _date(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


@document_rule("N002", "filename-date", kind="news", severity=Severity.ERROR, fix="unsafe")
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """The file name's date differs from ``publishedDateTime``.

    **What it checks**: when the file name has the Jekyll shape ``YYYY-MM-DD-slug.md``, its
    date is the date of ``publishedDateTime`` or one day later (items are filed in the
    publisher's time zone, so a UTC evening timestamp may be filed the next day). File names
    of other shapes are not checked.

    **Why**: the site builds the item's URL and its order from the file name; a wrong date
    publishes it under the wrong day.

    **Bad**: ``2020-09-25-power-apps.md`` with ``publishedDateTime: 2020-09-23T19:26:00Z``.

    **Good**: ``2020-09-23-power-apps.md`` or ``2020-09-24-power-apps.md``.

    **Fix**: rename the file to the date of ``publishedDateTime`` or correct the timestamp.
    ``--fix`` and ``--diff`` name the rename (``rename from``/``rename to``) and leave it out;
    ``--fix --unsafe-fixes`` renames the file, in its directory and never over an existing
    file (unsafe: the item's URL changes, and the timestamp may be the wrong one).
    """
    name = doc.path.name
    value = doc.data.get("publishedDateTime")
    if not isinstance(value, str) or value[:10] == name[:10]:
        return  # the same date (or the same malformed one: then no date to compare)
    named = _date(_NAME.match(name))
    if named is None:
        return
    published = _date(_PUBLISHED.match(value))
    if published is None:
        return  # the schema rule reports a malformed timestamp
    if named in (published, published + timedelta(days=1)):
        return
    new_name = published.isoformat() + name[10:]
    yield Violation(
        doc.span_at(("publishedDateTime",)),
        f"file name date {named.isoformat()} does not match publishedDateTime "
        f"{published.isoformat()} (expected {published.isoformat()} or "
        f"{(published + timedelta(days=1)).isoformat()})",
        "$.publishedDateTime",
        fix=Fix((), "unsafe", f"rename the file to {new_name}", rename=new_name),
    )
