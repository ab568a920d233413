"""``seedlint server``: a Language Server Protocol 3.17 server over stdio (pygls).

=====================  =========================================================================
:mod:`.positions`      protocol positions (UTF-16 code units by default) and buffer changes
:mod:`.analysis`       a workspace: settings per file, the corpus index, a buffer's findings
:mod:`.protected`      a DISARM page's protected region compared with git ``HEAD``
:mod:`.actions`        code actions: seedlint's fixes and inline suppressions
:mod:`.schema_help`    where the cursor is in front matter; what the schema says there
:mod:`.features`       hover and completion answers
:mod:`.lsp`            the pygls server (imported only by :func:`main`)
=====================  =========================================================================
"""

from __future__ import annotations

import sys

MISSING = (
    "seedlint: error: 'seedlint server' needs the language-server extra: "
    "pip install 'seedlint[server]' (it adds pygls)"
)


def main() -> int:
    """Run the server on standard input and output until the client exits; 2 when pygls is
    not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(MISSING, file=sys.stderr)
        return 2
    from seedlint.server.lsp import serve

    serve()
    return 0
