"""What the language server knows of a workspace, without any protocol: the settings of each
file, the corpus read from disk (indexed once, updated file by file), the open buffers, and the
findings and fixes of a buffer as ``seedlint check`` would report them for that file.

The workspace root plays the current directory of ``seedlint check``: display paths are
relative to it, and the configuration of a file is the nearest one at or above its directory
(the one ``seedlint check`` finds when run from the workspace root in a single-project
workspace).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from seedlint.config.loader import ConfigError, find, load
from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.outcome import FileOutcome
from seedlint.core.source import SourceText
from seedlint.fixes.model import Fix
from seedlint.fixes.stage_fixers import stage_fixes
from seedlint.pipeline.check import check_target, check_text
from seedlint.pipeline.discover import Target, UsageError
from seedlint.pipeline.run import add_corpus_findings, check_files, discover_targets, finish
from seedlint.server.head_region import HeadTexts, gate_findings

Candidate = tuple[Finding, Fix]
Logger = Callable[[str], None]


@dataclass
class Analysis:
    """A buffer's reported findings and the fixes offered for them."""

    path: Path
    display: str
    text: str  # the buffer as the editor has it
    source: SourceText | None  # the decoded text the findings count in (no byte-order mark)
    kind: str | None
    engine: Engine
    findings: list[Finding] = field(default_factory=list)
    fixes: list[Candidate] = field(default_factory=list)
    # the buffer's own results, kept to report it again when the rest of the corpus changes
    outcome: FileOutcome | None = None
    gate: list[tuple[Finding, Fix | None]] = field(default_factory=list)

    @property
    def shift(self) -> int:
        """Characters the buffer has before the decoded text (a byte-order mark)."""
        return 1 if self.text.startswith("\ufeff") else 0


class Project:
    """One workspace root: settings, the corpus index and the open buffers."""

    def __init__(self, root: Path, log: Logger = lambda message: None) -> None:
        self.root = Path(os.path.abspath(root))
        self.log = log
        self._settings: dict[Path | None, tuple[float, Settings]] = {}
        self._engines: dict[int, tuple[Settings, Engine]] = {}
        self.index: dict[str, FileOutcome] = {}  # display -> outcome of the file on disk
        self.indexed = False
        self.open: dict[str, Analysis] = {}  # display -> the buffer's latest analysis
        self.heads = HeadTexts()
        self._corpus: list[Finding] = []
        self._corpus_fixes: list[Candidate] = []
        self.config_errors: list[str] = []

    # -- paths and settings --------------------------------------------------------------
    def display(self, path: Path) -> str:
        absolute = os.path.abspath(path)
        rel = os.path.relpath(absolute, self.root)
        if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            return Path(absolute).as_posix()
        return rel.replace(os.sep, "/")

    def settings_for(self, path: Path) -> Settings:
        """The settings ``seedlint check`` would use for ``path`` (re-read when the
        configuration file changes; the defaults, and an error logged, when it is invalid)."""
        config = find(Path(os.path.abspath(path)).parent)
        try:
            stamp = config.stat().st_mtime if config is not None else 0.0
        except OSError:
            stamp = -1.0
        known = self._settings.get(config)
        if known is not None and known[0] == stamp:
            return known[1]
        try:
            settings = load(config) if config is not None else Settings()
        except ConfigError as exc:
            message = f"seedlint: configuration error: {exc}; using the defaults"
            self.log(message)
            self.config_errors.append(message)
            settings = Settings()
        self._settings[config] = (stamp, settings)
        return settings

    def engine_for(self, settings: Settings) -> Engine:
        known = self._engines.get(id(settings))
        if known is None or known[0] is not settings:
            known = self._engines[id(settings)] = (settings, Engine(settings))
        return known[1]

    # -- the corpus on disk --------------------------------------------------------------
    def build_index(self) -> None:
        """Check every file of the workspace once (results cached as ``seedlint check``
        caches them) for the corpus rules: the steps of a run
        (:mod:`seedlint.pipeline.run`)."""
        settings = self.settings_for(self.root / "x")
        engine = self.engine_for(settings)
        try:
            targets = discover_targets([str(self.root)], settings)
        except UsageError as exc:
            self.log(f"seedlint: cannot index {self.root}: {exc}")
            targets = []
        targets = [t._replace(display=self.display(t.path)) for t in targets]
        outcomes = check_files(targets, engine, Context(settings), jobs=1)
        self.index = {o.display: o for o in outcomes}
        self.indexed = True
        self.log(f"seedlint: indexed {len(self.index)} files under {self.root}")

    def refresh(self, paths: Iterable[Path]) -> None:
        """Files created, changed or deleted on disk: their entries of the index, again."""
        for path in paths:
            display = self.display(path)
            self.heads.forget(Path(os.path.abspath(path)))
            if not path.is_file():
                self.index.pop(display, None)
                continue
            if not self.indexed:
                continue
            settings = self.settings_for(path)
            target = Target(Path(os.path.abspath(path)), display, explicit=False)
            self.index[display] = check_target(target, self.engine_for(settings), Context(settings))

    # -- buffers -------------------------------------------------------------------------
    def close(self, path: Path) -> None:
        self.open.pop(self.display(path), None)

    def analyse(self, path: Path, text: str) -> Analysis:
        """Check a buffer as ``seedlint check`` would check the file holding ``text``."""
        path = Path(os.path.abspath(path))
        display = self.display(path)
        settings = self.settings_for(path)
        engine = self.engine_for(settings)
        ctx = Context(settings)
        target = Target(path, display, explicit=True)
        outcome = check_text(target, text, engine, ctx)
        source = _decoded(text)
        analysis = Analysis(path, display, text, source, outcome.kind, engine, outcome=outcome)
        if source is not None and outcome.kind is not None:
            analysis.gate = gate_findings(
                self.heads, engine, path, display, outcome.kind, source.text
            )
        self.open[display] = analysis
        self._run_corpus(engine, ctx)
        self._finish(analysis)
        return analysis

    def again(self, display: str) -> Analysis | None:
        """An open buffer's findings with the corpus as it is now (nothing re-checked)."""
        analysis = self.open.get(display)
        if analysis is not None:
            self._finish(analysis)
        return analysis

    def _run_corpus(self, engine: Engine, ctx: Context) -> None:
        outcomes = dict(self.index)
        for display, analysis in self.open.items():
            if analysis.outcome is not None:
                outcomes[display] = analysis.outcome
        fixes: list[Candidate] = []
        self._corpus = add_corpus_findings([], list(outcomes.values()), engine, ctx, fixes)
        self._corpus_fixes = fixes

    def _finish(self, analysis: Analysis) -> None:
        from seedlint.gate.protected import MARKER_REMOVED
        from seedlint.gate.stage import MARKER_MISSING, MARKER_NEAR_MISS

        assert analysis.outcome is not None
        engine = analysis.engine
        every = list(analysis.outcome.findings)
        every += [f for f in self._corpus if f.path == analysis.display]
        gate = [f for f, _ in analysis.gate]
        gone = {f.line for f in gate if f.code == MARKER_REMOVED}
        if gone and MARKER_REMOVED in engine.enabled:  # one defect, one finding (as the gate)
            every = [
                f
                for f in every
                if f.code != MARKER_MISSING and not (f.code == MARKER_NEAR_MISS and f.line in gone)
            ]
        every += gate
        analysis.findings = finish(every, [analysis.outcome], engine)
        reported = {f.sort_key() for f in analysis.findings}
        offered: list[tuple[Finding, Fix | None]] = [
            *analysis.outcome.fixes,
            *((f, x) for f, x in self._corpus_fixes if f.path == analysis.display),
            *_staged(analysis),
            *analysis.gate,
        ]
        analysis.fixes = [(f, x) for f, x in offered if x is not None and f.sort_key() in reported]


def _decoded(text: str) -> SourceText | None:
    from seedlint.core.source import ReadProblem, decode

    try:
        return decode(text.encode("utf-8", "surrogatepass"))
    except ReadProblem:
        return None


def _staged(analysis: Analysis) -> list[Candidate]:
    """The fixes the fix engine computes itself (duplicate keys, link text IDs)."""
    assert analysis.outcome is not None
    if analysis.source is None:
        return []
    ctx = Context(analysis.engine.settings)
    try:
        return stage_fixes(analysis.outcome, analysis.path, analysis.source, analysis.engine, ctx)
    except Exception:  # a fixer's bug costs its fixes, never the diagnostics
        return []
