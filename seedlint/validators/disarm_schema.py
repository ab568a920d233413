"""D002: the DISARM page model against ``schemas/disarm-<type>.schema.json``."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.news.schemas import bundled_names, fast_validator, validator

# the heading ID is D102's (one finding for a wrong heading ID, not two)
_OWNED_ELSEWHERE = ("$.id",)


@document_rule("D002", "disarm-schema", kind="disarm", severity=Severity.ERROR)
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """DISARM page does not match the schema of its page type.

    **What it checks**: the page model (heading name, fields, tables) of each page type against
    the bundled JSON Schema (2020-12) ``disarm-<type>`` (``seedlint schema disarm-technique``
    prints one): the fields a page type requires (a technique's summary and tactic stage, a
    tactic's phase, ...), the form of the IDs fields hold (``TA15``, ``P01``, ``M004``, a
    sub-technique's parent ``T0145``) and a non-empty name. Each finding is at the markdown
    line of the offending field (a missing field: at the heading), with its JSON path. The
    heading's own ID is checked by D102.

    **Why**: the generator, the DISARM explorer and the STIX export read these fields; a page
    without its tactic stage or with ``TA1`` for ``TA01`` drops out of the framework's grid.

    **Bad**::

        # Technique T0145.002: AI-Generated Account Imagery

        * **Summary**: AI Generated images used in account imagery.

        * **Belongs to tactic stage**: TA1

    **Good**: ``* **Belongs to tactic stage**: TA15``

    **Fix**: give the field the form the message names, or add the missing field (better:
    regenerate the page from the framework's spreadsheet).
    """
    page = doc.page
    if not page.is_index and not page.id:
        return  # a page without an ID is one finding (D102), not a list of empty fields
    name = f"disarm-{page.page_type}"
    if name not in _names():
        return
    setting = ctx.settings.schema_for(name)
    data = page.to_data()
    is_valid = fast_validator(name, setting)
    if is_valid is not None and is_valid(data):
        return  # the reference validator, slower, runs only for pages the fast one rejects
    errors = list(validator(name, setting).iter_errors(data))
    if not errors:
        return
    from seedlint.news.schema_errors import problems

    for problem in problems(errors, page.locate):
        if problem.json_path in _OWNED_ELSEWHERE:
            continue
        yield Violation(problem.span, problem.message, problem.json_path)


_NAMES: list[str] = []


def _names() -> list[str]:
    if not _NAMES:
        _NAMES.extend(bundled_names())
    return _NAMES
