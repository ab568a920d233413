"""The exit codes of every ``seedlint`` command: 0 no findings, 1 findings, 2 a usage or
configuration error, or an internal error."""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
