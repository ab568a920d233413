"""Temporary git repositories for the gate tests: real git, isolated from the user's and the
outer repository's configuration, with real DISARM pages copied in at test time."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from seedlint.disarm.marker import MARKER
from tests.conftest import DISARM_NEW, need

# a hook run, a CI job or the user's shell may set these; none may leak into a test repository
_LEAKY_PREFIXES = ("GIT_", "PRE_COMMIT")
_LEAKY = (
    "GITHUB_BASE_REF",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "SEEDLINT_OUTPUT_FORMAT",
    # a CI service sets CI: the gate then checks staged blobs only (tests say when they want it)
    "CI",
)


def need_git() -> str:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed: the gate compares with git revisions")
    return git


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for git and pre-commit in a test repository: no inherited git or
    pre-commit variables, no global or system git configuration, a fixed identity."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(_LEAKY_PREFIXES) and k not in _LEAKY
    }
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Contributor",
        GIT_AUTHOR_EMAIL="contributor@example.org",
        GIT_COMMITTER_NAME="Contributor",
        GIT_COMMITTER_EMAIL="contributor@example.org",
        NO_COLOR="1",
    )
    env.update(extra or {})
    return env


def isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process's environment what :func:`clean_env` gives a child process (seedlint
    runs git in-process in the CLI tests)."""
    for name in list(os.environ):
        if name.startswith(_LEAKY_PREFIXES) or name in _LEAKY:
            monkeypatch.delenv(name)
    for name, value in clean_env().items():
        if os.environ.get(name) != value:
            monkeypatch.setenv(name, value)


class Repo:
    """A git work tree made by the test."""

    def __init__(self, path: Path, *, init: bool = True) -> None:
        need_git()
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        if init:
            self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True, env: Mapping[str, str] | None = None) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=clean_env(env),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stdout}{proc.stderr}")
        return proc.stdout

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def read(self, rel: str) -> str:
        return (self.path / rel).read_bytes().decode("utf-8")

    def commit(self, message: str = "change", paths: Iterable[str] = ()) -> str:
        """Stage ``paths`` (everything when none) and commit without running hooks."""
        self.git("add", "-A", "--", *paths)
        self.git("commit", "-q", "--no-verify", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def disarm_pages() -> Path:
    """The newer DISARM generation, read in place (skips when ../shared is absent)."""
    return need(DISARM_NEW)


def copy_pages(repo: Repo, names: Iterable[str], root: str = "generated_pages") -> list[str]:
    """Copy real pages (paths relative to ``generated_pages``) into the repository."""
    source = disarm_pages()
    copied = []
    for name in names:
        rel = f"{root}/{name}"
        repo.write(rel, (source / name).read_bytes())
        copied.append(rel)
    return copied


def marker_line(text: str) -> int:
    """1-based line of the marker in a page's text."""
    return text.split("\n").index(MARKER) + 1


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def add_note(text: str, note: str = "Seen again in a 2024 campaign; see the report.") -> str:
    """A page with a note below its marker, as a contributor adds it (newline after the
    marker, the note, a final newline)."""
    return text.rstrip("\n") + "\n\n" + note + "\n"


def merge_in_progress(repo: Repo, rel: str) -> tuple[str, str]:
    """main regenerates the page ``rel`` next to its marker while feature adds a note:
    merging main into feature conflicts. Returns main's page and the resolution (main's page
    with the note), staged; the merge is left to conclude."""
    repo.git("checkout", "-q", "-b", "feature")
    text = repo.read(rel)
    repo.write(rel, add_note(text))
    repo.commit("a note")
    repo.git("checkout", "-q", "main")
    regenerated = text.replace(f"\n\n{MARKER}", f"\n| C99999 A new counter | D03 |\n{MARKER}")
    repo.write(rel, regenerated)
    repo.commit("regenerated")
    repo.git("checkout", "-q", "feature")
    merged = repo.git("merge", "-q", "main", check=False)
    assert "CONFLICT" in merged, merged
    resolved = add_note(regenerated)
    repo.write(rel, resolved)
    repo.git("add", rel)
    return regenerated, resolved
