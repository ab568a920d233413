"""Settings: what a configuration file or the command line can set, with their defaults.

Loading and validating ``[tool.seedlint]`` / ``seedlint.toml`` lives in
:mod:`seedlint.config.loader`; this module is only the typed result, cheap to import and to
pickle into worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seedlint.core.finding import Severity


@dataclass(frozen=True)
class Limits:
    """Bounds on hostile input (``[tool.seedlint.limits]``), documented in docs/limits.md:
    bytes per file (R003), YAML nesting and nodes after alias expansion (Y006), seconds of
    checking per file (X002)."""

    max_file_size: int = 2 * 1024 * 1024
    max_yaml_depth: int = 64
    max_yaml_nodes: int = 50_000
    time_budget: float = 5.0


# the most a configuration may raise each limit to: a check on a CI runner (a pull request's
# files, a user schema's patterns) never gets more than a minute or 64 MiB a file
CEILINGS = Limits(
    max_file_size=64 * 1024 * 1024,
    max_yaml_depth=1_000,
    max_yaml_nodes=5_000_000,
    time_budget=60.0,
)


@dataclass(frozen=True)
class SchemaSetting:
    """A kind's schema: the bundled one, a replacement file, or the bundled one extended."""

    path: Path | None = None
    allow_extra_properties: bool = False
    # the file's text as read when the configuration was loaded (at the base revision, in the
    # gate): what the run validates with, whatever the file on disk says later
    text: str | None = None


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()
    disarm_root: str | None = None
    site_root: str | None = None
    schemas: tuple[tuple[str, SchemaSetting], ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    limits: Limits = field(default_factory=Limits)
    config_path: Path | None = None
    # the default --format (``output-format``); the command line and SEEDLINT_OUTPUT_FORMAT win
    output_format: str | None = None

    def option(self, code: str, name: str, default: Any) -> Any:
        for rule_code, values in self.rule_options:
            if rule_code == code:
                for key, value in values:
                    if key == name:
                        return value
        return default

    def schema_for(self, kind: str) -> SchemaSetting:
        for schema_kind, setting in self.schemas:
            if schema_kind == kind:
                return setting
        return _BUNDLED


_BUNDLED = SchemaSetting()  # the bundled schema, as is
