"""The ``seedlint`` hook of ``.pre-commit-hooks.yaml``, run by the real pre-commit on real
commits in repositories the tests make.

The hook's repository is a snapshot of this checkout (the package, its schemas, pyproject.toml
and .pre-commit-hooks.yaml) committed to a temporary git repository and named by path in the
contributors' ``.pre-commit-config.yaml``, exactly as another project names this one by URL.
pre-commit builds the hook's ``language: python`` environment from it once per session
(``PRE_COMMIT_HOME`` in a temporary directory; pip reaches only the package registry); no
network beyond that.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from seedlint.disarm.marker import MARKER
from tests.conftest import ROOT, SEEDS
from tests.gate_helpers import (
    Repo,
    add_note,
    clean_env,
    copy_pages,
    line_of,
    merge_in_progress,
    need_git,
)

PAGES = ["techniques/T0002.md", "techniques/T0003.md", "techniques/T0004.md"]
T2 = "generated_pages/techniques/T0002.md"
T3 = "generated_pages/techniques/T0003.md"
T4 = "generated_pages/techniques/T0004.md"
SNAPSHOT = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "seedlint",
    "schemas",
    ".pre-commit-hooks.yaml",
)


@dataclass(frozen=True)
class Hook:
    pre_commit: str
    config: str
    home: Path

    def env(self) -> dict[str, str]:
        return clean_env({"PRE_COMMIT_HOME": str(self.home), "PRE_COMMIT_COLOR": "never"})


def _pre_commit() -> str:
    bindir = Path(sys.executable).parent
    found = shutil.which("pre-commit", path=str(bindir)) or shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    return found


@pytest.fixture(scope="session")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Hook:
    """This checkout as a hook repository, and pre-commit's environment for it, built once."""
    need_git()
    pre_commit = _pre_commit()
    if not (ROOT / ".pre-commit-hooks.yaml").is_file():
        pytest.fail(".pre-commit-hooks.yaml is missing from the repository root")
    work = tmp_path_factory.mktemp("seedlint-hook")
    source = Repo(work / "seedlint-src")
    for name in SNAPSHOT:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(
                path, source.path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        elif path.is_file():
            shutil.copy2(path, source.path / name)
    rev = source.commit("snapshot of the checkout under test")
    config = f"repos:\n  - repo: {source.path}\n    rev: {rev}\n    hooks:\n      - id: seedlint\n"
    setup = Hook(pre_commit, config, work / "pre-commit-home")
    scratch = Repo(work / "scratch")
    scratch.write(".pre-commit-config.yaml", config)
    scratch.commit("config")
    proc = subprocess.run(
        [pre_commit, "install-hooks"],
        cwd=scratch.path,
        env=setup.env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, f"pre-commit could not build the hook:\n{proc.stdout}{proc.stderr}"
    return setup


@dataclass
class Result:
    code: int
    output: str


class Contributor:
    """A repository with real DISARM pages and pre-commit installed, as a contributor has."""

    def __init__(self, hook: Hook, path: Path) -> None:
        self.hook = hook
        self.repo = Repo(path)
        copy_pages(self.repo, PAGES)
        self.repo.write(".pre-commit-config.yaml", hook.config)
        self.repo.commit("generated pages and hooks")
        self.run_pre_commit("install")

    def run_pre_commit(self, *args: str) -> Result:
        proc = subprocess.run(
            [self.hook.pre_commit, *args],
            cwd=self.repo.path,
            env=self.hook.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Result(proc.returncode, proc.stdout + proc.stderr)

    def commit(self, *paths: str, message: str = "contribution") -> Result:
        """``git add PATHS`` then ``git commit``, running the installed hook."""
        if paths:
            self.repo.git("add", "--", *paths)
        proc = subprocess.run(
            ["git", "commit", "-m", message],
            cwd=self.repo.path,
            env=self.hook.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Result(proc.returncode, proc.stdout + proc.stderr)

    def edit(self, rel: str, old: str, new: str) -> str:
        text = self.repo.read(rel)
        assert old in text
        self.repo.write(rel, text.replace(old, new, 1))
        return text


@pytest.fixture
def contributor(hook: Hook, tmp_path: Path) -> Contributor:
    return Contributor(hook, tmp_path / "corpus")


def test_edit_above_the_marker_is_blocked_with_file_and_line(contributor: Contributor) -> None:
    head = contributor.repo.head()
    text = contributor.edit(T2, "Organise citizens", "Organize citizens")
    result = contributor.commit(T2)
    assert result.code != 0
    assert f"{T2}:{line_of(text, 'Organise citizens')}:1: G001" in result.output
    assert contributor.repo.head() == head


def test_edit_below_the_marker_is_committed(contributor: Contributor) -> None:
    head = contributor.repo.head()
    contributor.repo.write(T3, add_note(contributor.repo.read(T3)))
    result = contributor.commit(T3)
    assert result.code == 0, result.output
    assert "seedlint" in result.output and "Passed" in result.output
    assert contributor.repo.head() != head
    # and a later note on the same page, below the first
    contributor.repo.write(T3, contributor.repo.read(T3) + "Another note.\n")
    assert contributor.commit(T3).code == 0


def test_deleted_marker_is_blocked(contributor: Contributor) -> None:
    text = contributor.edit(T2, MARKER, "")
    result = contributor.commit(T2)
    assert result.code != 0
    assert f"{T2}:" in result.output and "G002" in result.output
    assert f"it was line {text.split(chr(10)).index(MARKER) + 1}" in result.output


def test_altered_marker_is_blocked(contributor: Contributor) -> None:
    text = contributor.edit(T2, MARKER, MARKER.capitalize() + "\n\nMy note")
    result = contributor.commit(T2)
    assert result.code != 0
    line = text.split("\n").index(MARKER) + 1
    assert f"{T2}:{line}:1: G002" in result.output


def test_news_item_missing_its_title_is_blocked(contributor: Contributor) -> None:
    seed = (SEEDS / "000_826817a14694072e.txt").read_text("utf-8")
    assert "\ntitle:" in seed
    item = "_news/2019-12-28-facebook-ai-photos.md"
    contributor.repo.write(
        item,
        "".join(line for line in seed.splitlines(keepends=True) if not line.startswith("title:")),
    )
    head = contributor.repo.head()
    result = contributor.commit(item)
    assert result.code != 0
    assert f"{item}:" in result.output and "title" in result.output
    assert contributor.repo.head() == head
    contributor.repo.write(item, seed)
    result = contributor.commit(item)
    assert result.code == 0, result.output


def test_unstaged_bad_edit_does_not_affect_a_good_commit(contributor: Contributor) -> None:
    repo = contributor.repo
    # a note on T0003 is staged; then unstaged edits above the marker of T0002 and T0003
    repo.write(T3, add_note(repo.read(T3)))
    repo.git("add", T3)
    contributor.edit(T2, "Organise", "Organize")
    contributor.edit(T3, "# Technique", "# Technique (mine)")
    unstaged_t2, unstaged_t3 = repo.read(T2), repo.read(T3)
    result = contributor.commit()
    assert result.code == 0, result.output
    assert repo.git("show", "--name-only", "--format=", "HEAD").split() == [T3]
    assert "Organize" not in repo.git("show", f"HEAD:{T2}")
    assert "(mine)" not in repo.git("show", f"HEAD:{T3}")
    # pre-commit put the unstaged edits back
    assert (repo.read(T2), repo.read(T3)) == (unstaged_t2, unstaged_t3)


def test_files_other_than_news_and_pages_are_not_passed(contributor: Contributor) -> None:
    contributor.repo.write("README.md", "# Notes about this corpus\n")
    contributor.repo.write("notes.txt", "")
    contributor.repo.write("generated_pages/logo.png", b"\x89PNG\r\n\x1a\n\x00")
    result = contributor.commit("README.md", "notes.txt", "generated_pages/logo.png")
    # the hook always runs (a commit that only deletes a page must be seen), but none of these
    # files is passed: the empty notes.txt would be a K001 finding if it were
    assert result.code == 0, result.output
    assert "seedlint..." in result.output and "K001" not in result.output


def test_from_ref_to_ref_compares_with_the_branch_base(contributor: Contributor) -> None:
    repo = contributor.repo
    repo.git("checkout", "-q", "-b", "feature")
    text = contributor.edit(T2, "Organise", "Organize")
    repo.commit("edit above the marker (hooks skipped)")
    repo.write(T3, add_note(repo.read(T3)))
    repo.commit("a note")
    # HEAD~1..HEAD only adds a note; main...HEAD also holds the edit above the marker
    clean = contributor.run_pre_commit("run", "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert clean.code == 0, clean.output
    result = contributor.run_pre_commit("run", "--from-ref", "main", "--to-ref", "HEAD")
    assert result.code != 0
    assert f"{T2}:{line_of(text, 'Organise')}:1: G001" in result.output
    # main moves on with a regenerated T0004: not the branch's doing, not reported
    repo.git("checkout", "-q", "main")
    contributor.edit(T4, "# Technique", "# Technique (regenerated)")
    repo.commit("regenerated")
    repo.git("checkout", "-q", "feature")
    result = contributor.run_pre_commit("run", "--from-ref", "main", "--to-ref", "feature")
    assert result.code != 0
    assert T4 not in result.output and f"{T2}:" in result.output


def test_concluding_a_merge_with_a_regenerated_page_is_committed(
    contributor: Contributor,
) -> None:
    merge_in_progress(contributor.repo, T2)
    result = contributor.commit(message="merge main")
    assert result.code == 0, result.output
    assert contributor.repo.git("rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""


def test_directory_that_imitates_a_repository_hides_nothing(contributor: Contributor) -> None:
    # issue 13: HEAD, config, objects/ and refs/ in the pages' directory once made git take it
    # for a bare repository, and the pages inside for unchanged
    fake = contributor.repo.path / "generated_pages/techniques"
    for name in ("objects", "refs"):
        (fake / name).mkdir()
        (fake / name / ".keep").write_text("")
    (fake / "HEAD").write_text("ref: refs/heads/main\n")
    (fake / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = true\n")
    contributor.commit("generated_pages", message="a directory that looks like a repository")
    text = contributor.edit(T2, "Organise citizens", "Organize citizens")
    result = contributor.commit(T2)
    assert result.code != 0
    assert f"{T2}:{line_of(text, 'Organise citizens')}:1: G001" in result.output


def test_a_commit_that_only_deletes_a_page_is_blocked(contributor: Contributor) -> None:
    head = contributor.repo.head()
    contributor.repo.git("rm", "-q", T2)
    result = contributor.commit()
    assert result.code != 0, result.output
    assert f"{T2}:1:1: G004" in result.output
    assert contributor.repo.head() == head


def test_a_configuration_in_the_commit_does_not_configure_its_hook(
    contributor: Contributor,
) -> None:
    contributor.repo.write("seedlint.toml", 'ignore = ["G"]\n')
    contributor.edit(T2, "Organise citizens", "Organize citizens")
    result = contributor.commit("seedlint.toml", T2)
    assert result.code != 0
    assert "G001" in result.output
