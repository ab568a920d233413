"""R: files that cannot be read as text, and files of no known kind (K)."""

from seedlint.finding import Severity
from seedlint.rules import declare

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

    **What it checks**: that each file to check can be opened and read.

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
    style heading or the edit-line marker. Files found by walking a directory are skipped and
    counted instead.

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
