"""D001, D003: what keeps the DISARM page parser from reading a page (reported by the parser)."""

from seedlint.core.finding import Severity
from seedlint.core.rules import declare

UNRECOGNISED = declare(
    "D001",
    "disarm-unrecognised-layout",
    kind="disarm",
    severity=Severity.ERROR,
    doc="""
    Page layout matches no known DISARM template generation.

    **What it checks**: a DISARM page starts with a heading such as
    ``# Technique T0145.002: AI-Generated Account Imagery`` (``# DISARM Techniques:`` for an
    index page) and holds the fields or tables of its page type in at least one known template
    generation (see ``seedlint/disarm/generations.py``: ``amitt``, ``disarm-2022``,
    ``disarm-2023``, ``disarm-2024``, ``disarm-2024b``), more of them known than unknown to
    that generation (a page of an unknown generation that shares one table with a known one is
    not read as the known one, with a finding per field it seems to lack). A page that does
    not is reported once,
    at its first line, and no other DISARM rule runs on it: findings about a page that cannot
    be read would be noise.

    **Why**: the generator rewrites pages by their layout; a page of unknown layout is either
    not a DISARM page, a page of a template generation seedlint does not know yet, or a page
    mangled beyond recognition.

    **Bad**::

        Technique T0145.002 - AI-Generated Account Imagery
        Summary: ...

    **Good**::

        # Technique T0145.002: AI-Generated Account Imagery

        * **Summary**: ...

    **Fix**: restore the page from the generator's output; if it is a page of a newer
    template generation, add that generation to ``seedlint/disarm/generations.py``; if it is
    not a DISARM page, exclude it.
    """,
)

MISSPELLED_LABEL = declare(
    "D003",
    "disarm-misspelled-field-label",
    kind="disarm",
    severity=Severity.ERROR,
    doc="""
    A field label is a near miss of one the generator writes.

    **What it checks**: every ``**Label**:`` field in the generated region against the labels
    the template generations use for the page type. A label that differs from a known one by a
    typo (and whose known spelling is not also on the page) is reported with a "did you mean";
    the field is read as the known one, so it is not also reported missing. Labels unlike any
    known one are left alone: other template generations may add fields.

    **Why**: the generator and every tool reading the pages look fields up by their exact
    label; a misspelled label is a field that silently disappears.

    **Bad**: ``* **Belongs to tactic stag**: TA15``

    **Good**: ``* **Belongs to tactic stage**: TA15``

    **Fix**: correct the label (better: regenerate the page).
    """,
)
