"""Which commit a base revision names: ``REF``, ``A...B`` (their merge base) or ``auto`` (what a
hook or CI job means by "the base", :func:`describe_auto`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from seedlint.gate.git import GitError, is_shallow, merge_base, resolve_commit

AUTO = "auto"


def describe_auto(environ: Mapping[str, str] | None = None) -> tuple[str, str, str | None]:
    """Which base ``--diff-base auto`` means here: ``(source, first ref, second ref or None)``
    where a second ref asks for the merge base of the two."""
    env = os.environ if environ is None else environ
    first = env.get("PRE_COMMIT_FROM_REF") or env.get("PRE_COMMIT_ORIGIN")
    if first:
        second = env.get("PRE_COMMIT_TO_REF") or env.get("PRE_COMMIT_SOURCE")
        return "PRE_COMMIT_FROM_REF", first, second or None
    if env.get("GITHUB_BASE_REF"):
        return "GITHUB_BASE_REF", f"origin/{env['GITHUB_BASE_REF']}", "HEAD"
    if env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA"):
        return "CI_MERGE_REQUEST_DIFF_BASE_SHA", env["CI_MERGE_REQUEST_DIFF_BASE_SHA"], None
    return "HEAD", "HEAD", None


def _shallow_hint(root: Path) -> str:
    if is_shallow(root):
        return (
            " (this clone is shallow: fetch the history, e.g. actions/checkout with "
            "'fetch-depth: 0', or GIT_DEPTH: 0 on GitLab)"
        )
    return ""


def _short(ref: str) -> str:
    """A revision as messages show it (a full commit id cut to 12 digits)."""
    is_id = len(ref) == 40 and all(c in "0123456789abcdef" for c in ref)
    return ref[:12] if is_id else ref


def resolve_base(root: Path, spec: str) -> tuple[str | None, str]:
    """The commit ``spec`` names in the work tree ``root`` and the words naming it in
    messages. ``spec`` is a revision, ``A...B`` (their merge base; ``B`` defaults to HEAD) or
    ``auto``. Raises :class:`GitError` when it names nothing."""
    shown = f"--diff-base {spec}"
    fallback = False
    if spec == AUTO:
        source, first, second = describe_auto()
        if source == "HEAD":
            commit = resolve_commit(root, "HEAD")
            return commit, "HEAD"  # None: no commit yet, everything is new
        shown = f"--diff-base auto (from {source})"
        if second is None:
            commit = resolve_commit(root, first)
            if commit is None:
                raise GitError(f"{shown}: '{first}' is not a commit in {root}{_shallow_hint(root)}")
            return commit, _short(first)
        # pre-commit falls back to A..B when A and B share no history; so do we
        fallback = source == "PRE_COMMIT_FROM_REF"
        spec = f"{first}...{second}"
    if "..." in spec:
        first, _, second = spec.partition("...")
        first, second = first or "HEAD", second or "HEAD"
        for name in (first, second):
            if resolve_commit(root, name) is None:
                hint = _shallow_hint(root) or (
                    f" (fetch it first: git fetch origin {name.removeprefix('origin/')})"
                    if name.startswith("origin/")
                    else ""
                )
                raise GitError(f"{shown}: unknown git revision '{name}' in {root}{hint}")
        commit = merge_base(root, first, second)
        if commit is None and fallback:
            return resolve_commit(root, first), _short(first)
        if commit is None:
            raise GitError(
                f"{shown}: '{first}' and '{second}' have no common ancestor in "
                f"{root}{_shallow_hint(root)}"
            )
        return commit, f"the merge base of {_short(first)} and {_short(second)}"
    commit = resolve_commit(root, spec)
    if commit is None:
        raise GitError(f"{shown}: unknown git revision '{spec}' in {root}{_shallow_hint(root)}")
    return commit, _short(spec)
