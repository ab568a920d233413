"""G: the contribution gate. A DISARM page's region above the edit-line marker is generated;
with ``--diff-base REF`` (and always under the pre-commit hook) it is compared with the same
page at the git revision REF. The stage lives in :mod:`seedlint.gate.stage`; the comparison in
:mod:`seedlint.gate.protected`.

The codes are selected like any other (``--select G``: the gate alone; ``ignore``,
``per-file-ignores`` in the configuration), but no inline ``seedlint: ignore`` silences them:
the directive would itself be an edit of the protected region (see
:mod:`seedlint.pipeline.suppressions`).
docs/ci.md shows the hook and CI set-ups.
"""

from seedlint.core.finding import Severity
from seedlint.core.rules import declare

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
    that did not exist at REF has nothing to compare. A page under ``generated_pages/`` with no
    marker at REF (an index, a framework table) is generated in full: any change of it counts.
    Line-ending conversions (LF/CRLF) and the final newline after the marker are not changes.
    Lines below the marker are never reported.

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

PAGE_DELETED = declare(
    "G004",
    "generated-page-deleted",
    kind="disarm",
    severity=Severity.ERROR,
    doc="""
    A DISARM page that exists at the base revision is deleted by the change.

    **What it checks**: with ``--diff-base REF``, git's list of what the change deletes (not the
    files found on disk) under the checked directories: a file that was a DISARM page at REF
    (it had the edit-line marker, or lies under ``generated_pages/``) and is gone. A page
    renamed with a rewrite (git sees a deletion and a new file) is reported here too.

    **Why**: the pages are written by the generator from the framework's data; deleting one by
    hand takes everything above its marker out of the gate's view (a deleted page has no
    protected region left to compare) and is undone by the next generation.

    **Bad**: ``git rm generated_pages/techniques/T0002.md`` in a pull request. **Good**: the
    technique removed from the framework's data, and the pages regenerated.

    **Fix**: restore the page (``git checkout REF -- PAGE``); propose the removal upstream.
    """,
)

PAGE_MOVED = declare(
    "G005",
    "generated-page-moved",
    kind="disarm",
    severity=Severity.ERROR,
    doc="""
    A DISARM page is renamed or moved by the change.

    **What it checks**: with ``--diff-base REF``, every rename git detects (any similarity, any
    directory, including one the walk skips such as ``build/``) of a file that was a DISARM
    page at REF. The finding names the old and the new path.

    **Why**: a page's name and place are generated (links between pages depend on them); a
    page moved by hand breaks those links and leaves the gate comparing nothing at the old
    path.

    **Bad**: ``git mv generated_pages/techniques/T0002.md build/T0002.md``. **Good**: the page
    where the generator wrote it, notes below its marker.

    **Fix**: move the page back (``git mv NEW OLD``), or restore it from REF.
    """,
)

TYPE_CHANGED = declare(
    "G006",
    "corpus-file-not-regular",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    A corpus file is made a symbolic link, a submodule (gitlink) or another non-file entry.

    **What it checks**: with ``--diff-base REF``, git's list of what the change turns into a
    symbolic link or a gitlink (or adds as one) under the checked directories, for news items,
    DISARM pages and every ``*.md``, ``*.markdown`` or ``*.txt`` path.

    **Why**: what is merged is the link, not the file it points to: a page replaced by a link
    to an edited copy elsewhere would pass a check that follows the link, and a gitlink's
    content is another repository's. The gate checks regular files only.

    **Bad**: ``generated_pages/techniques/T0002.md -> ../../notes/T0002.md``. **Good**: the page
    as a regular file.

    **Fix**: replace the link with the file itself (``git checkout REF -- PATH`` for a page).
    """,
)

CONFIG_CHANGED = declare(
    "G010",
    "configuration-changed",
    kind="any",
    severity=Severity.WARNING,
    doc="""
    The change edits seedlint's configuration, or a schema or baseline it names.

    **What it checks**: with ``--diff-base REF``, the configuration (``seedlint.toml``,
    ``.seedlint.toml``, ``[tool.seedlint]`` in ``pyproject.toml``, or ``--config FILE``) and the
    schema files it names are read as they are at REF, never from the change under review. Each
    of those files that the change adds, edits or deletes gets this finding, on the file.

    **Why**: a pull request must not configure its own check (turn ``G`` off, exclude the
    pages, raise a limit). Its configuration takes effect once merged; the finding makes sure a
    reviewer sees that it changes, and the run fails until a maintainer merges it deliberately.

    **Bad**: a pull request that adds ``ignore = ["G"]`` and edits a page above its marker.
    **Good**: configuration changes in a pull request of their own, reviewed as such.

    **Fix**: nothing to fix in the change itself: a maintainer reviews the new configuration
    and merges it (the next pull requests are checked with it).
    """,
)

CHECKOUT_DIFFERS = declare(
    "G007",
    "checkout-differs-from-commit",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    A changed file on disk is not what git commits: an attribute converts it at checkout.

    **What it checks**: with ``--diff-base REF``, each file the change adds or modifies is
    compared, byte for byte, with the blob git stores for it (the one that is merged). When
    they differ by more than line endings, because a ``.gitattributes`` line
    (``working-tree-encoding``, ``filter``, ``ident``) converts the file on checkout, the file
    gets this finding, and every other check reads the blob, not the file on disk.

    **Why**: a reviewer, an editor and a check that reads the checkout see the converted text;
    the repository gets the blob. An attribute that makes a page on disk equal the base while
    the committed page differs would otherwise let any edit through.

    **Bad**: ``generated_pages/** working-tree-encoding=IBM037`` in ``.gitattributes``.
    **Good**: corpus files stored as UTF-8 text, as they are checked out (``eol`` and ``text``
    attributes are fine: line endings are not content).

    **Fix**: remove the attribute and commit the files as they should read
    (``git add --renormalize .``).
    """,
)
