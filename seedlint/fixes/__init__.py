"""Fixes: ``seedlint check --fix``, ``--diff`` and ``--unsafe-fixes``.

=====================  =========================================================================
:mod:`.model`          a fix: text edits of one file (+ an optional rename) and its safety
:mod:`.news`           front-matter fixes as precise edits at YAML node positions, each verified
:mod:`.disarm`         DISARM fixes that need the corpus (link text/target IDs) and the marker
:mod:`.protected`      DISARM protected-region restore from the ``--diff-base`` revision
:mod:`.gate`           ``--diff-base`` in a fix run: gate findings on fixed texts, no fix above
                       a protected marker, ``--only-changed``
:mod:`.stage`          fixers the engine runs itself (duplicate keys, link text/target IDs)
:mod:`.engine`         check, apply non-overlapping fixes, check again, until stable (in memory)
:mod:`.write`          atomic writes that never overwrite a file changed during the run
:mod:`.command`        the ``--fix`` and ``--diff`` command-line behaviour
=====================  =========================================================================

A rule offers a fix by attaching it to its :class:`~seedlint.core.rules.Violation` (``fix=``) and
declaring the rule's safety (``fix="safe"`` or ``"unsafe"``), which ``seedlint rules`` shows.
"""
