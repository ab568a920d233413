"""R: files that cannot be read as text, and files of no known kind (K)."""

from seedlint.core.finding import Severity
from seedlint.core.rules import declare

NOT_UTF8 = declare(
    "R001",
    "not-utf8",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    File is not UTF-8 text.

    **What it checks**: every file decodes as UTF-8 (a UTF-8 byte-order mark is allowed).
    UTF-16 and Latin-1 files are reported at the first byte that is not UTF-8.

    **Why**: the site generator and the DISARM tooling read UTF-8; other encodings turn into
    mojibake on the published page.

    **Bad**: a file saved as Latin-1 with ``café`` as byte ``0xe9``. **Good**: the same text
    saved as UTF-8.

    **Fix**: re-save the file as UTF-8 (``iconv -f latin1 -t utf-8``).
    """,
)

BINARY = declare(
    "R002",
    "binary-file",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    File contains NUL bytes.

    **What it checks**: no NUL byte appears in a checked file.

    **Why**: NUL bytes mean a binary file (an image, an archive) was committed under a text
    name, or the text was corrupted.

    **Bad**: ``logo.png`` renamed to ``logo.md``. **Good**: text only.

    **Fix**: remove the file or restore its text.
    """,
)

TOO_LARGE = declare(
    "R003",
    "file-too-large",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    File is larger than the configured limit (``max-file-size``, default 2 MiB).

    **What it checks**: a file's size, before reading it whole.

    **Why**: news items and DISARM pages are a few kilobytes; a multi-megabyte file is a
    mistake or an attack, and reading it would slow every run.

    **Bad**: a 50 MB log pasted into a page. **Good**: the page without it.

    **Fix**: shrink the file, or raise ``max-file-size`` in the configuration.
    """,
)

UNREADABLE = declare(
    "R004",
    "unreadable-file",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    File cannot be read (permissions, vanished during the run, not a regular file).

    **What it checks**: that each file to check can be opened and read, and that each directory
    to walk can be listed. Devices and FIFOs are refused without being read; a broken symbolic
    link is reported here too.

    **Why**: a file that cannot be read cannot be checked; seedlint says so instead of
    passing it silently.

    **Bad**: a file with mode ``000``. **Good**: a readable file.

    **Fix**: fix the permissions, or exclude the path.
    """,
)

UNKNOWN_KIND = declare(
    "K001",
    "unknown-kind",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    A file named on the command line is neither a news item nor a DISARM page.

    **What it checks**: every file passed explicitly (as pre-commit does) is recognised: a
    news item starts with ``---`` front matter, a DISARM page with a ``# Technique T0001: ...``
    style heading or the edit-line marker. Files of no known kind found by walking a directory
    are skipped and counted instead, except empty (or blank) files, which are always reported.

    **Why**: an empty or unrecognised file in the corpus would otherwise pass unchecked.

    **Bad**: an empty ``_news/2021-01-01-x.md``. **Good**: a file with front matter.

    **Fix**: give the file its content, or map its path to a kind with ``kinds`` in the
    configuration, or exclude it.
    """,
)

INTERNAL = declare(
    "X001",
    "internal-error",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    seedlint itself failed on this file.

    **What it checks**: nothing; it reports a bug in a rule or parser, isolated to one file so
    that every other file and rule still runs. The run exits with code 2.

    **Why**: a crash must never hide the findings of other files, nor pass silently.

    **Fix**: report the bug to seedlint with the file (``--format full`` shows the traceback);
    internal errors cannot be ignored, so exclude the file until the bug is fixed.
    """,
)

LINK_OUTSIDE = declare(
    "R005",
    "symlink-not-followed",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    A symbolic link loops or points outside the checked tree; it is not followed.

    **What it checks**: every symbolic link met while walking a directory, and every file named
    on the command line, resolves inside the checked tree (the directory being walked; for a
    file named explicitly, the current directory, or the file's own directory when it lies
    outside it). A link that leaves the tree, that loops, or a directory link back to its own
    parent is reported and never read. A link to a directory inside the tree is skipped
    quietly: its target is checked where it really is.

    **Why**: a pull request can add ``_news/x.md -> /etc/passwd``; following it would read,
    and print in findings, a file nobody asked to check. Loops make naive walkers spin.

    **Bad**: ``_news/item.md -> ../../secrets.md``, ``pages/up -> ..``.
    **Good**: a regular file, or a link to a file inside the corpus.

    **Fix**: replace the link with the file it points at, or delete it.
    """,
)

TIME_BUDGET = declare(
    "X002",
    "time-budget",
    kind="any",
    severity=Severity.ERROR,
    doc="""
    Checking one file took longer than the per-file time budget.

    **What it checks**: the time spent reading, parsing and running the per-file rules on one
    file stays under ``time-budget`` seconds (default 5). Past it the work on that file is
    stopped, the findings found so far are kept, and the run goes on with the next file.

    **Why**: a hostile or pathological file must not stall a CI gate; a news item or a DISARM
    page normally takes milliseconds.

    **Bad**: a page crafted to make a pattern backtrack for minutes. **Good**: an ordinary page.

    **Fix**: look at what is unusual in the file (a huge table, a very long line) and report it
    to seedlint if the file is legitimate; raise ``time-budget`` in the configuration only for
    trusted input.
    """,
)
