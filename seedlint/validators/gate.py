"""G: the contribution gate. A DISARM page's region above the edit-line marker is generated;
with ``--diff-base REF`` (and always under the pre-commit hook) it is compared with the same
page at the git revision REF. The stage lives in :mod:`seedlint.gate`; the comparison in
:mod:`seedlint.protected`.

The codes are selected like any other (``--select G``: the gate alone; ``ignore``,
``per-file-ignores`` in the configuration), but no inline ``seedlint: ignore`` silences them:
the directive would itself be an edit of the protected region (see :mod:`seedlint.suppressions`).
docs/ci.md shows the hook and CI set-ups.
"""

from seedlint.finding import Severity
from seedlint.rules import declare

REGION_CHANGED = declare(
    "G001",
    "protected-region-changed",
    kind="disarm",
    severity=Severity.ERROR,
    fix="safe",
    doc="""
    A line above a DISARM page's edit-line marker differs from the base revision.

    **What it checks**: with ``--diff-base REF`` (the pre-commit hook uses ``HEAD``, CI the
    merge base with the target branch), every page that had the marker line
    ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW`` at REF keeps every line above it
    exactly as it was: no line changed, added, deleted, or stripped of trailing whitespace. The
    finding points at the first changed line and its detail (``--format full``) shows a short
    unified diff. A renamed page is compared with its old path (git's rename detection); a page
    that did not exist at REF has nothing to compare. Line-ending conversions (LF/CRLF) and the
    final newline after the marker are not changes. Lines below the marker are never reported.

    **Why**: the region is written by the DISARM generator from the framework's data; a hand
    edit there is lost at the next generation or makes the regeneration conflict. Notes belong
    below the marker, where the generator keeps them.

    **Bad**: a contributor fixes a typo in ``**Summary**: Organise citizens ...`` above the
    marker. **Good**: the correction proposed in the framework's data, or a note below the
    marker.

    **Fix**: restore the region from the base (``git checkout REF -- PAGE`` keeps nothing of
    the edit; ``seedlint check --fix --diff-base REF`` restores it byte for byte and moves the
    lines you added or changed below the marker, as a note), then write your text below the
    marker. An editor or hook that strips trailing
    whitespace changes generated lines too: exclude ``generated_pages/`` from it.
    """,
)

MARKER_REMOVED = declare(
    "G002",
    "edit-line-marker-removed",
    kind="disarm",
    severity=Severity.ERROR,
    fix="safe",
    doc="""
    The edit-line marker that a DISARM page had at the base revision is gone or altered.

    **What it checks**: with ``--diff-base REF``, a page whose REF version has the line
    ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW`` still has it, exactly (trailing
    blanks allowed). The finding points where the marker was (or at the altered line) and says
    which line it was at REF. On such a page it stands for the single-page findings D401
    (marker missing) and D403 (near miss on that line): one defect, one finding.

    **Why**: the generator finds the notes by this line; without it the next generation
    overwrites the whole page, notes included, and nothing tells contributors where to write.

    **Bad**: ``DO NOT EDIT ABOVE THIS LINE - please add notes below`` or a page with the line
    deleted. **Good**: the marker line exactly as generated, notes after it.

    **Fix**: put the marker line back, verbatim, between the generated text and the notes.
    When the region above it is still as at REF, ``seedlint check --fix --diff-base REF`` puts
    it back (replacing an altered marker line); when the region changed too, it cannot know
    where the region ends and leaves the page to you.
    """,
)

MARKER_MOVED = declare(
    "G003",
    "edit-line-marker-moved",
    kind="disarm",
    severity=Severity.ERROR,
    fix="safe",
    doc="""
    The edit-line marker moved relative to the generated text since the base revision.

    **What it checks**: with ``--diff-base REF``, the marker line still follows the last
    generated line: it was not moved up (generated lines now below it, where they count as
    notes) nor down (notes now above it, where they count as generated text).

    **Why**: the generator keeps what is below the marker and rewrites what is above; a moved
    marker loses notes or duplicates generated text at the next generation.

    **Bad**: the marker moved above the ``| Counters |`` table. **Good**: the marker right
    after the generated text, as at REF.

    **Fix**: move the marker line back to where it was at REF (the finding's diff shows it);
    ``seedlint check --fix --diff-base REF`` does it, keeping notes that were above it below
    it, and generated lines that were below it above it, once.
    """,
)
