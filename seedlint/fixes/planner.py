"""The fix engine: check, apply the fixes that do not overlap, check again, until stable.

For every file of the run:

1. Read its bytes (a regular file, never through a symbolic link) and check the decoded text
   with the run's rules (:func:`seedlint.pipeline.check.check_source`); corpus rules see every file.
2. Keep the fixes of the findings the run would report (selected rules, minus suppressions and
   per-file ignores), that the user allowed (``safe``, or ``unsafe`` with ``--unsafe-fixes``).
3. Apply those that do not overlap each other (the others wait for the next pass), and check
   the edited text again, in memory. A pass that would leave the file with a new parse problem
   (a syntax error the fixes introduced) is dropped and the file is left as it was.
4. Repeat until no fix applies (at most :data:`MAX_PASSES` passes: a file still changing after
   that is left as it was and reported, since a fix that does not settle is a bug).

Nothing is written here: :class:`FixPlan` holds each file's original bytes and fixed text, and
:mod:`seedlint.fixes.command` writes them (``--fix``, through :mod:`seedlint.fixes.write`) or
prints their diff (``--diff``). A file with a syntax error gets no fix at all: no rule ran on
it, and no stage fixer runs either; nor does a file whose front matter has no closing line (its
rules ran on where it most likely ends).

The check itself is the run's own steps (:mod:`seedlint.pipeline.run`): ``discover_targets``,
``check_files`` for the first check, then on every pass ``add_corpus_findings`` and ``finish``
decide which findings the run would report. The gate's side is
:mod:`seedlint.fixes.gate_restore` (the texts are in memory, not on disk).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.outcome import FileOutcome
from seedlint.core.source import ReadProblem, SourceText, decode
from seedlint.fixes.model import Fix, Safety, apply_edits
from seedlint.fixes.stage_fixers import STAGE_FIXERS, stage_fixes
from seedlint.fixes.write import NotWritten, read_regular
from seedlint.pipeline.check import check_source
from seedlint.pipeline.classify import classify
from seedlint.pipeline.discover import Target
from seedlint.pipeline.parse import parse
from seedlint.pipeline.run import add_corpus_findings, check_files, discover_targets, finish

if TYPE_CHECKING:
    from seedlint.fixes.gate_restore import GateFixes

MAX_PASSES = 10

Candidate = tuple[Finding, Fix]


@dataclass(frozen=True, slots=True)
class Applied:
    """A fix that was applied: the finding it repaired (in the text of its pass)."""

    code: str
    line: int
    description: str
    safety: Safety
    renames: bool = False


@dataclass(eq=False)
class FileFix:
    """One file's state during a fix run and its result."""

    target: Target
    original: bytes
    source: SourceText
    text: str
    path: Path
    display: str
    outcome: FileOutcome | None = None
    # the gate's findings on the current text, with their restore fix (``--diff-base``)
    gate: list[tuple[Finding, Fix | None]] = field(default_factory=list)
    # the fixes the engine's own fixers offer for the current text (seedlint.fixes.stage_fixers)
    staged: list[Candidate] = field(default_factory=list)
    signature: tuple[str | None, bool, Counter[str]] | None = None
    applied: list[Applied] = field(default_factory=list)
    rename: str | None = None
    # why the file is not (or no longer) fixed; it is then left exactly as it was
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return self.problem is None and (self.text != self.source.text or self.rename is not None)

    @property
    def new_bytes(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.source.had_bom else b"") + self.text.encode("utf-8")

    def checked_target(self) -> Target:
        return self.target._replace(path=self.path, display=self.display)


@dataclass
class FixPlan:
    """What a fix run would change, and what it could not."""

    files: list[FileFix]
    # unsafe fixes left out (no ``--unsafe-fixes``), found on the final texts
    hidden: list[Candidate] = field(default_factory=list)
    # files with findings that have a fix, which cannot be fixed: (display, why)
    unfixable: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def problems(self) -> list[FileFix]:
        return [f for f in self.files if f.problem is not None and f.applied]


def _signature(
    state: FileFix, source: SourceText, settings: Settings
) -> tuple[str | None, bool, Counter[str]]:
    """(kind, parses to a document, count of each parse problem) of a text."""
    kind = classify(source, state.display, settings.kinds)
    if kind is None:
        return None, False, Counter()
    try:
        document, problems = parse(state.path, state.display, source, kind, settings.limits)
    except Exception:  # a parser bug: treat the text as broken
        return kind, False, Counter()
    return kind, document is not None, Counter(problem.code for problem in problems)


def _no_worse(
    new: tuple[str | None, bool, Counter[str]], old: tuple[str | None, bool, Counter[str]]
) -> bool:
    same_kind, parses = new[0] == old[0], new[1] or not old[1]
    return same_kind and parses and all(new[2][c] <= old[2][c] for c in new[2])


def effective_safety(engine: Engine, finding: Finding, fix: Fix) -> Safety | None:
    """The safety of a fix: unsafe if the rule or the fix says so; ``None`` (never applied)
    when the rule does not declare that it fixes."""
    rule = engine.rules.get(finding.code)
    if rule is None or rule.fix is None:
        return None
    return "safe" if rule.fix == "safe" and fix.safety == "safe" else "unsafe"


def _no_op(fix: Fix, text: str) -> bool:
    """A fix that would change nothing (a rule's bug; applying it would never settle)."""
    return fix.rename is None and all(text[e.start : e.end] == e.replacement for e in fix.edits)


def _select(
    candidates: list[Candidate], engine: Engine, unsafe: bool, text: str
) -> tuple[list[Candidate], list[Candidate]]:
    """The fixes to apply now (no two overlapping) and the unsafe ones left out."""
    chosen: list[Candidate] = []
    hidden: list[Candidate] = []
    for finding, fix in sorted(candidates, key=lambda c: (c[1].start, c[0].sort_key())):
        safety = effective_safety(engine, finding, fix)
        if safety is None or _no_op(fix, text):
            continue
        if safety == "unsafe" and not unsafe:
            hidden.append((finding, fix))
            continue
        if any(fix.edits == other.edits and fix.rename == other.rename for _, other in chosen):
            chosen.append((finding, fix))  # the same repair for two findings: one edit
            continue
        if any(fix.overlaps(other) for _, other in chosen):
            continue
        chosen.append((finding, fix))
    return chosen, hidden


def _load(target: Target, settings: Settings) -> FileFix | str:
    """The file's state for fixing, or why it cannot be fixed."""
    if getattr(target, "problem", None) is not None:
        return "it cannot be read"
    try:
        data, _ = read_regular(target.path, settings.limits.max_file_size)
        source = decode(data)
    except NotWritten as exc:
        return str(exc)
    except ReadProblem as exc:
        return exc.message
    return FileFix(target, data, source, source.text, target.path, target.display)


def plan_fixes(
    paths: Iterable[str],
    settings: Settings,
    ctx: Context,
    *,
    unsafe: bool,
    jobs: int | None = None,
    use_cache: bool = True,
) -> FixPlan:
    """Compute the fixes of a run without writing anything.

    The first check is the run's own steps (:mod:`seedlint.pipeline.run`: worker processes,
    cache); only the files that may get a fix are then read again and checked in memory, pass
    after pass (:func:`_passes`)."""
    engine = Engine(settings)
    targets = discover_targets(paths, settings)
    first = check_files(targets, engine, ctx, jobs=jobs, use_cache=use_cache)
    gate = None
    if ctx.diff_base is not None:
        from seedlint.fixes.gate_restore import GateFixes

        gate = GateFixes(ctx, targets, engine)
    wanted = _may_get_a_fix(first, engine, ctx, gate)
    states, static, unfixable = _load_all(targets, first, wanted, settings, gate)
    hidden = _passes(states, static, engine, ctx, gate, unsafe)
    touched = [s for s in states if s.applied or s.problem is not None]
    return FixPlan(touched, hidden, unfixable)


def _may_get_a_fix(
    first: Sequence[FileOutcome], engine: Engine, ctx: Context, gate: GateFixes | None
) -> set[str]:
    """The display paths of the files the first check offers a fix for (their own rules, a
    corpus rule, a stage fixer, the gate's restore)."""
    offered: list[Candidate] = []
    add_corpus_findings([], first, engine, ctx, offered)
    wanted = {f.path for f, _ in offered}
    wanted.update(
        o.display for o in first if o.fixes or any(f.code in STAGE_FIXERS for f in o.findings)
    )
    if gate is not None:
        wanted.update(gate.restorable())
    return wanted


def _load_all(
    targets: Sequence[Target],
    first: Sequence[FileOutcome],
    wanted: set[str],
    settings: Settings,
    gate: GateFixes | None,
) -> tuple[list[FileFix], list[FileOutcome], list[tuple[str, str]]]:
    """(the files to fix, read again; the outcomes of the others, which take part in corpus
    rules as the first check saw them; the files that cannot be fixed, and why)."""
    states: list[FileFix] = []
    static: list[FileOutcome] = []
    unfixable: list[tuple[str, str]] = []
    for target, outcome in zip(targets, first, strict=True):
        state = _load(target, settings) if target.display in wanted else None
        if state is not None and any(f.code == "Y003" for f in outcome.findings):
            # where the front matter ends is a guess: nothing is edited on a guess
            state = "its front matter has no closing '---' line"
        if not isinstance(state, FileFix):
            static.append(outcome)
            if state is not None:
                unfixable.append((target.display, state))
            continue
        states.append(state)
        if gate is not None:
            gate.remember(target.display, state.source.text)
    return states, static, unfixable


def _passes(
    states: list[FileFix],
    static: list[FileOutcome],
    engine: Engine,
    ctx: Context,
    gate: GateFixes | None,
    unsafe: bool,
) -> list[Candidate]:
    """Check, fix, check again until no fix applies (at most :data:`MAX_PASSES` passes); the
    unsafe fixes left out on the final texts."""
    dirty = list(states)
    hidden: list[Candidate] = []
    for number in range(MAX_PASSES + 1):
        for state in dirty:
            _recheck(state, engine, ctx, gate)
        candidates, reported = _offered(states, static, engine, ctx)
        hidden = []
        dirty = []
        for state in states:
            if state.problem is not None:
                continue
            found = _allowed(state, candidates[id(state)], reported, gate)
            chosen, left_out = _select(found, engine, unsafe, state.text)
            hidden.extend(left_out)
            if not chosen:
                continue
            if number == MAX_PASSES:
                state.problem = (
                    f"fixes did not settle after {MAX_PASSES} passes; left as it "
                    "was (please report this bug)"
                )
            elif _apply(state, chosen, engine, engine.settings):
                dirty.append(state)
        if not dirty:
            break
    return hidden


def _recheck(state: FileFix, engine: Engine, ctx: Context, gate: GateFixes | None) -> None:
    """Check a file's current text in memory: its outcome, stage fixes and gate findings."""
    source = SourceText(state.text, state.source.had_bom)
    state.outcome = check_source(state.checked_target(), source, engine, ctx)
    if state.signature is None:
        state.signature = _signature(state, source, engine.settings)
    state.staged = stage_fixes(state.outcome, state.path, source, engine, ctx)
    if gate is not None:
        state.gate = gate.findings(
            state.target.display, state.display, state.outcome.kind, state.text
        )


def _offered(
    states: list[FileFix], static: list[FileOutcome], engine: Engine, ctx: Context
) -> tuple[dict[int, list[Candidate]], set[tuple[str, int, int, str, str]]]:
    """Each file's fixes (by ``id`` of its state: its rules', the stage fixers', the corpus
    rules') and the keys (:meth:`Finding.sort_key`) of the findings the run would report:
    the run's steps (corpus rules, then :func:`~seedlint.pipeline.run.finish`) over every
    file's current outcome."""
    outcomes = static + [s.outcome for s in states if s.outcome is not None]
    by_display = {s.display: s for s in states}
    candidates: dict[int, list[Candidate]] = {id(s): [] for s in states}
    for state in states:
        if state.outcome is not None:
            candidates[id(state)].extend(state.outcome.fixes)
        candidates[id(state)].extend(state.staged)
    every = [f for o in outcomes for f in o.findings]
    every.extend(f for s in states for f, _ in s.gate)
    corpus_fixes: list[Candidate] = []
    every = add_corpus_findings(every, outcomes, engine, ctx, corpus_fixes)
    for finding, fix in corpus_fixes:
        owner = by_display.get(finding.path)
        if owner is not None:
            candidates[id(owner)].append((finding, fix))
    reported = {f.sort_key() for f in finish(every, outcomes, engine)}
    return candidates, reported


def _allowed(
    state: FileFix,
    candidates: list[Candidate],
    reported: set[tuple[str, int, int, str, str]],
    gate: GateFixes | None,
) -> list[Candidate]:
    """The fixes of a file's reported findings that the gate allows (none in a protected
    region, only on changed lines with ``--only-changed``), and the gate's own restores."""
    found = [c for c in candidates if c[0].sort_key() in reported]
    if gate is None:
        return found
    original = state.target.display
    found = [
        c
        for c in found
        if gate.keeps(original, c[0], state.text) and gate.allows(original, state.text, c[1])
    ]
    found += [(f, fix) for f, fix in state.gate if fix is not None and f.sort_key() in reported]
    return found


def _apply(state: FileFix, chosen: list[Candidate], engine: Engine, settings: Settings) -> bool:
    """Apply one pass of fixes to a file's text; ``False`` (and the file frozen as it was)
    when the result would not parse as well as before."""
    edits = sorted({edit for _, fix in chosen for edit in fix.edits})
    renames = {fix.rename for _, fix in chosen if fix.rename is not None}
    try:
        text = apply_edits(state.text, edits)
    except ValueError:
        state.problem = "fixes overlapped (please report this bug); left as it was"
        return False
    path, display = state.path, state.display
    if renames:
        new_name = sorted(renames)[0]
        if "/" in new_name or "\\" in new_name or new_name in ("", ".", ".."):
            state.problem = f"invalid new file name {new_name!r}; left as it was"
            return False
        path = state.path.with_name(new_name)
        head, _, _ = display.rpartition("/")
        display = f"{head}/{new_name}" if head else new_name
    previous = state.signature
    assert previous is not None
    trial = replace(state, text=text, path=path, display=display)
    signature = _signature(trial, SourceText(text, state.source.had_bom), settings)
    if not _no_worse(signature, previous):
        state.problem = (
            "a fix would have introduced a syntax error (please report this bug); left as it was"
        )
        return False
    state.text, state.path, state.display, state.signature = text, path, display, signature
    if renames:
        state.rename = path.name if path.name != state.target.path.name else None
    for finding, fix in chosen:
        safety = effective_safety(engine, finding, fix)
        assert safety is not None
        state.applied.append(
            Applied(finding.code, finding.line, fix.description, safety, fix.rename is not None)
        )
    return True
