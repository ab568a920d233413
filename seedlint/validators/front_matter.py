"""Y: the YAML front matter of a news item (reported by :mod:`seedlint.news.frontmatter`)."""

from seedlint.core.finding import Severity
from seedlint.core.rules import declare

SYNTAX = declare(
    "Y001",
    "yaml-syntax",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    Front matter is not valid YAML.

    **What it checks**: the block between the ``---`` lines parses as YAML; the finding is at
    the position libyaml reports (tabs in indentation, an unclosed quote, a bad indent...).

    **Why**: the site generator drops an item whose front matter does not parse.

    **Bad**::

        title: "Facebook purges accounts
        excerpt: ...

    **Good**: ``title: "Facebook purges accounts"``

    **Fix**: correct the YAML at the reported position; quote values that contain ``: `` or
    start with a special character.
    """,
)

DUPLICATE_KEY = declare(
    "Y002",
    "duplicate-key",
    kind="news",
    severity=Severity.ERROR,
    fix="safe",
    doc="""
    A key appears twice in the same mapping.

    **What it checks**: keys are unique in every mapping of the front matter; the finding is at
    the second occurrence and names both positions.

    **Why**: YAML loaders silently keep one of the two values, so an edit to the other is lost.

    **Bad**::

        title: "Old title"
        title: "New title"

    **Good**: ``title: "New title"``

    **Fix**: delete one of the two keys (``--fix`` deletes the second when both values are
    identical).
    """,
)

UNTERMINATED = declare(
    "Y003",
    "unterminated-front-matter",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    Front matter has no closing ``---`` line.

    **What it checks**: a file that opens front matter with ``---`` closes it with a line that
    is exactly ``---`` (or ``...``).

    The message says where the front matter most likely ends ("add '---' after line N"): the
    body starts at the first line of prose, HTML or a heading below the keys (a line YAML
    cannot read at the top of the block, with no key after it), else the whole rest of the
    file is the front matter; blank and comment lines above the body are left to it. That
    part is parsed and checked in the same run: its YAML and schema findings come with this
    one, and the body below adds none. ``--fix`` edits nothing in such a file.

    **Why**: without it, the whole file is read as YAML or as body, depending on the tool.

    **Bad**: ``---`` / ``title: x`` / (end of file). **Good**: ``---`` / ``title: x`` / ``---``.

    **Fix**: add the closing ``---`` line after the line the message names.
    """,
)

UNSAFE_TAG = declare(
    "Y004",
    "yaml-tag",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    A YAML tag other than the plain types is used.

    **What it checks**: values carry no explicit tag such as ``!!python/object/apply`` or a
    custom ``!tag``. seedlint never constructs such values.

    **Why**: tags execute code or build objects in unsafe loaders, and no news field needs one.

    **Bad**: ``title: !!python/object/apply:os.system ["rm -rf /"]`` **Good**: ``title: "x"``

    **Fix**: remove the tag; quote the value if it must stay a string.
    """,
)

NOT_A_MAPPING = declare(
    "Y005",
    "front-matter-not-mapping",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    Front matter is empty, a list or a single value instead of a mapping of keys.

    **What it checks**: the front matter is a YAML mapping (``key: value`` lines).

    **Why**: a news item's fields are keys; a list or a bare string has none.

    **Bad**: ``---`` / ``- title`` / ``---`` **Good**: ``---`` / ``title: x`` / ``---``

    **Fix**: write the fields as ``key: value`` lines.
    """,
)

LIMITS = declare(
    "Y006",
    "yaml-limits",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    YAML nesting or alias expansion exceeds seedlint's limits.

    **What it checks**: nesting depth (``max-yaml-depth``, default 64) and the number of nodes
    after expanding aliases (``max-yaml-nodes``, default 50,000).

    **Why**: "billion laughs" alias bombs and deeply nested documents are denial-of-service
    inputs; a news item is a few dozen nodes deep and wide.

    **Bad**: ``a: &a [x, x]`` / ``b: &b [*a, *a]`` / ... ten levels of doubling.
    **Good**: plain values.

    **Fix**: remove the aliases and write the values out; raise the limits in the
    configuration only for trusted input.
    """,
)

LONE_CR = declare(
    "Y007",
    "front-matter-lone-cr",
    kind="news",
    severity=Severity.ERROR,
    doc="""
    The front matter's lines end with a lone carriage return (old Mac line endings).

    **What it checks**: the line break after the opening ``---`` and the one before the closing
    ``---`` are a line feed (LF) or CR LF, not a lone CR (inside the block a lone CR is a YAML
    line break like any other). Reported on the delimiter line concerned.

    **Why**: seedlint reads a lone CR as a line break (so positions stay right), but the site
    generators that publish the corpus do not find the delimiters then: Jekyll's front-matter
    pattern needs a line feed after the opening ``---`` and before the closing one, so such an
    item is published as a static file, not as a news item, whatever its fields say.

    **Bad**: ``---\\rtitle: x\\r---\\r`` **Good**: ``---\\ntitle: x\\n---\\n`` (or CR LF)

    **Fix**: convert the file's line endings to LF (``dos2unix -c mac FILE``, or your editor's
    "line endings" setting).
    """,
)
