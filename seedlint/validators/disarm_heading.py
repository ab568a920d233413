"""D102, D103: a DISARM page's heading ID against its file name and directory."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.disarm import ids
from seedlint.disarm.generations import DIRECTORY_TYPES, PAGE_TYPE

PAGE_SUFFIX = ".md"


def stem(name: str) -> str | None:
    """The ID part of a page file name (``None`` for files that are not generated page files,
    such as the ``.txt`` samples in ``seeds/``)."""
    return name[: -len(PAGE_SUFFIX)] if name.endswith(PAGE_SUFFIX) else None


@document_rule("D102", "disarm-heading-id", kind="disarm", severity=Severity.ERROR)
def check_id(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """Heading ID is empty, malformed, of another kind, or differs from the file name.

    **What it checks**: the ID in the page's heading (``# Technique T0145.002: ...``):

    * it is not empty (a page generated for a spreadsheet row without an ID has the heading
      ``# Incident : `` and is written to a file named ``.md``);
    * it is a well-formed ID of the heading's page type (a ``Technique`` heading holds a
      technique ID);
    * it equals the file name without ``.md`` (``techniques/T0145.002.md``). Files not named
      ``*.md`` (samples, exports) are not page files and are not compared.

    One finding per page, at the heading's ID.

    **Why**: pages link to each other by file name and the generator finds a page by its ID:
    a page whose heading and file name disagree is linked under one ID and shows another, and
    the next generator run writes a second page for the same object.

    **Bad**: ``techniques/T0145.002.md`` headed ``# Technique T0145.003: ...``

    **Good**: ``techniques/T0145.002.md`` headed ``# Technique T0145.002: ...``

    **Fix**: rename the file after the ID, or correct the heading (regenerate the page); delete
    a page generated for a row without an ID and fix that row in the spreadsheet.
    """
    page = doc.page
    if page.is_index:
        return
    heading = page.heading
    file_stem = stem(doc.path.name)
    if not heading.id:
        where = " and the file is named '.md'" if file_stem == "" else ""
        yield Violation(
            heading.id_span,
            f"the heading has an empty {page.page_type} ID{where}: the page was generated for "
            "an object without an ID",
        )
        return
    page_type = PAGE_TYPE.get(page.page_type)
    expected = ids.BY_NAME.get(page_type.id_kind) if page_type else None
    kind = ids.kind_of(heading.id)
    problems: list[str] = []
    if kind is None and expected is not None:
        problems.append(
            f"'{heading.id}' is not a well-formed {expected.label} ID (expected the "
            f"form {expected.example})"
        )
    elif expected is not None and kind is not None and kind.name != expected.name:
        problems.append(
            f"'{heading.id}' is a {kind.label} ID, but the heading says '{heading.word}'"
        )
    if file_stem is not None and file_stem != heading.id:
        shown = file_stem if file_stem else ""
        problems.append(
            f"the heading ID '{heading.id}' differs from the file name '{shown}{PAGE_SUFFIX}'"
        )
    if problems:
        yield Violation(heading.id_span, "; ".join(problems))


@document_rule("D103", "disarm-wrong-directory", kind="disarm", severity=Severity.ERROR)
def check_directory(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """DISARM page is in another page type's directory.

    **What it checks**: a page in one of the framework's page directories (``techniques/``,
    ``incidents/``, ``counters/``, ``tactics/``, ``phases/``, ``tasks/``, ``actortypes/``,
    ``metatechniques/``, ...) is a page of that directory's type: ``techniques/`` holds
    ``# Technique T...`` pages.

    **Why**: links to a page are built from its type's directory; a page in the wrong one is
    unreachable and its links (``../../generated_pages/...``) still resolve, hiding the
    mistake.

    **Bad**: ``techniques/C00012.md`` headed ``# Counter C00012: Platform regulation``

    **Good**: ``counters/C00012.md``

    **Fix**: move the page to its type's directory.
    """
    page = doc.page
    if page.is_index:
        return
    directory = doc.path.parent.name
    holds = DIRECTORY_TYPES.get(directory)
    if holds is None or holds.name == page.page_type:
        return
    yield Violation(
        page.heading.id_span if page.heading.id else page.heading.span,
        f"a {page.page_type} page in '{directory}/', which holds {holds.name} pages "
        f"({holds.headings[0]} headings)",
    )
