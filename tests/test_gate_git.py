"""``seedlint check --diff-base`` / ``--only-changed`` against real git, in repositories the
tests make, with real DISARM pages and news items copied in at test time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seedlint.disarm.marker import MARKER
from seedlint.gate.git import GitError, base_texts, changes_since, iter_blobs
from tests.conftest import SEEDS
from tests.gate_helpers import (
    Repo,
    add_note,
    copy_pages,
    disarm_pages,
    isolate,
    line_of,
    marker_line,
    merge_in_progress,
)
from tests.helpers import Outcome, check_json, run_cli, run_subprocess

PAGES = ["techniques/T0002.md", "techniques/T0003.md", "techniques/T0004.md"]
T2 = "generated_pages/techniques/T0002.md"
T3 = "generated_pages/techniques/T0003.md"
T4 = "generated_pages/techniques/T0004.md"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """Three real technique pages, committed on main; the current directory is the repo."""
    repo = Repo(tmp_path / "repo")
    copy_pages(repo, PAGES)
    repo.commit("generated pages")
    monkeypatch.chdir(repo.path)
    return repo


def gate(found: Outcome) -> list[dict[str, Any]]:
    """The gate's findings (other rules' findings on these real pages are not this test's)."""
    return [f for f in found.findings if f["code"].startswith("G")]


def where(found: Outcome) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in gate(found)]


def test_edit_above_the_marker_is_reported_at_its_line(repo: Repo, capsys: Any) -> None:
    text = repo.read(T2)
    repo.write(T2, text.replace("Organise citizens", "Organize citizens"))
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert found.code == 1
    assert where(found) == [("G001", T2, line_of(text, "Organise citizens"))]
    [finding] = gate(found)
    assert "-**Summary**: Organise citizens" in finding["detail"]
    assert "+**Summary**: Organize citizens" in finding["detail"]
    assert finding["kind"] == "disarm"
    concise = run_cli(capsys, "check", "--no-cache", "--select", "G", "--diff-base", "HEAD", T2)
    assert f"{T2}:{line_of(text, 'Organise')}:1: G001 " in concise.out


def test_an_inline_directive_does_not_silence_the_gate(repo: Repo, capsys: Any) -> None:
    text = repo.read(T2)
    directive = "<!-- seedlint: ignore G001 -->"
    repo.write(T2, text.replace("Organise", f"Organize {directive}", 1))
    repo.write(T3, repo.read(T3).replace("\n", f"\n{directive}\n", 1))
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert where(found) == [("G001", T2, line_of(text, "Organise")), ("G001", T3, 2)]


def test_notes_below_the_marker_are_never_reported(repo: Repo, capsys: Any) -> None:
    for rel in (T2, T3, T4):
        text = repo.read(rel)
        repo.write(rel, add_note(text, f"A note.\n\n{MARKER}\n| x | y |\nDO NOT EDIT ABOVE"))
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert gate(found) == []
    repo.commit("notes")
    repo.write(T3, repo.read(T3).replace("A note.", "A better note.") + "more\n")
    assert gate(check_json(capsys, "--diff-base", "HEAD", "generated_pages")) == []
    assert gate(check_json(capsys, "--diff-base", "HEAD~1", "generated_pages")) == []


def test_whole_real_corpus_notes_pass_and_edits_are_each_reported_once(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = disarm_pages()
    repo = Repo(tmp_path / "big")
    names = [p.relative_to(source).as_posix() for p in sorted(source.rglob("*.md"))]
    copy_pages(repo, names)
    repo.commit("all pages")
    monkeypatch.chdir(repo.path)
    expected = []
    for name in names:
        rel = f"generated_pages/{name}"
        text = repo.read(rel)
        if MARKER not in text or name.rsplit("/", 1)[-1].startswith("."):
            continue  # no protected region; a hidden file is not walked
        lines = text.split("\n")
        lines[0] += " (edited)"
        repo.write(rel, add_note("\n".join(lines)))
        expected.append(("G001", rel, 1))
    assert len(expected) > 700
    found = check_json(capsys, "--diff-base", "HEAD", "--select", "G", "generated_pages")
    assert where(found) == sorted(expected)
    repo.git("checkout", "--", ".")
    unmarked = []
    for name in names:
        rel = f"generated_pages/{name}"
        if MARKER in repo.read(rel):
            repo.write(rel, add_note(repo.read(rel)))
        elif not name.rsplit("/", 1)[-1].startswith("."):
            unmarked.append(rel)
    found = check_json(capsys, "--diff-base", "HEAD", "--select", "G", "generated_pages")
    assert gate(found) == []
    # a page with no marker (an index) has no place for notes: all of it is generated (issue 13)
    assert len(unmarked) > 5
    for rel in unmarked:
        repo.write(rel, add_note(repo.read(rel)))
    found = check_json(capsys, "--diff-base", "HEAD", "--select", "G", "generated_pages")
    assert sorted(f["path"] for f in gate(found)) == sorted(unmarked)
    assert {f["code"] for f in gate(found)} == {"G001"}


def test_deleted_and_altered_markers(repo: Repo, capsys: Any) -> None:
    text2, text3 = repo.read(T2), repo.read(T3)
    repo.write(T2, text2.replace(MARKER, ""))
    repo.write(T3, text3.replace(MARKER, MARKER.title()))
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert found.code == 1
    codes = {(f["path"], f["code"]) for f in gate(found)}
    assert codes == {(T2, "G002"), (T3, "G002")}
    [altered] = [f for f in gate(found) if f["path"] == T3]
    assert altered["line"] == marker_line(text3)
    assert "altered" in altered["message"]
    # one defect, one finding: G002 (where the marker was, since when) stands for the
    # single-page marker findings, which come back when G002 is off
    marker_codes = {"D401", "D403"}
    assert not [f for f in found.findings if f["code"] in marker_codes]
    alone = check_json(capsys, "--diff-base", "HEAD", "--ignore", "G002", "generated_pages")
    assert {(f["path"], f["code"]) for f in alone.findings if f["code"] in marker_codes} == {
        (T2, "D401"),
        (T3, "D403"),
    }


def test_crlf_work_tree_and_final_newline(repo: Repo, capsys: Any) -> None:
    text = repo.read(T2)
    repo.write(T2, add_note(text).replace("\n", "\r\n"))
    assert gate(check_json(capsys, "--diff-base", "HEAD", "generated_pages")) == []
    repo.write(T2, text.replace("\n", "\r\n").replace("Organise", "Organize"))
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert where(found) == [("G001", T2, line_of(text, "Organise"))]


def test_crlf_base_and_lf_work_tree(tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch):
    repo = Repo(tmp_path / "crlf")
    [rel] = copy_pages(repo, ["techniques/T0002.md"])
    text = repo.read(rel)
    repo.write(rel, text.replace("\n", "\r\n"))
    repo.commit("a page committed with CRLF")
    monkeypatch.chdir(repo.path)
    repo.write(rel, add_note(text))
    assert gate(check_json(capsys, "--diff-base", "HEAD", rel)) == []


def test_renamed_page_is_a_gate_finding_and_compared_with_its_old_path(
    repo: Repo, capsys: Any
) -> None:
    # issue 13: a moved generated page is a change to the generated region (G005)
    text = repo.read(T2)
    moved = "generated_pages/techniques/T0002-renamed.md"
    repo.git("mv", T2, moved)
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert where(found) == [("G005", moved, 1)]
    assert T2 in gate(found)[0]["message"] and moved in gate(found)[0]["message"]
    repo.write(moved, text.replace("Organise", "Organize"))
    repo.git("add", moved)
    found = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert where(found) == [("G005", moved, 1), ("G001", moved, line_of(text, "Organise"))]
    g001 = next(f for f in gate(found) if f["code"] == "G001")
    assert T2 in g001["message"] and T2 in g001["detail"]


def test_new_page_gets_the_single_page_checks_only(repo: Repo, capsys: Any) -> None:
    page = (disarm_pages() / "techniques/T0010.md").read_text("utf-8")
    new = "generated_pages/techniques/T0010.md"
    repo.write(new, page.replace("# Technique T0010:", "# Technique T0010 (edited):"))
    assert gate(check_json(capsys, "--diff-base", "HEAD", "generated_pages")) == []
    repo.git("add", new)
    assert gate(check_json(capsys, "--diff-base", "HEAD", "generated_pages")) == []


def test_unknown_revision_is_a_clear_error(repo: Repo, capsys: Any) -> None:
    found = run_cli(capsys, "check", "--diff-base", "no-such-branch", "generated_pages")
    assert found.code == 2
    assert "unknown git revision 'no-such-branch'" in found.err
    assert "Traceback" not in found.err + found.out
    assert found.out == ""
    found = run_cli(capsys, "check", "--diff-base=--output=x", "generated_pages")
    assert found.code == 2


def test_outside_a_work_tree_is_a_clear_error(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "T0002.md").write_bytes((disarm_pages() / "techniques/T0002.md").read_bytes())
    found = run_subprocess("check", "--diff-base", "HEAD", "T0002.md", cwd=plain)
    assert found.code == 2
    assert "not in a git work tree" in found.err
    assert "Traceback" not in found.err
    found = run_subprocess("check", "--only-changed", "T0002.md", cwd=plain)
    assert found.code == 2 and "not in a git work tree" in found.err


def test_paths_relative_to_a_directory_outside_the_repository(
    repo: Repo, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = repo.read(T2)
    repo.write(T2, text.replace("Organise", "Organize"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    found = check_json(capsys, "--diff-base", "HEAD", "../repo/generated_pages")
    assert where(found) == [("G001", f"../repo/{T2}", line_of(text, "Organise"))]
    monkeypatch.chdir(repo.path / "generated_pages")
    found = check_json(capsys, "--diff-base", "HEAD", "techniques/T0002.md")
    assert where(found) == [("G001", "techniques/T0002.md", line_of(text, "Organise"))]


def test_branch_with_several_commits_is_compared_with_its_base(repo: Repo, capsys: Any) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    text2, text3 = repo.read(T2), repo.read(T3)
    repo.write(T2, text2.replace("Organise", "Organize"))
    repo.commit("edit above the marker")
    repo.write(T3, add_note(text3))
    repo.commit("a harmless note")
    # the parent of HEAD sees only the note; the base of the branch sees the edit
    assert gate(check_json(capsys, "--diff-base", "HEAD~1", "generated_pages")) == []
    found = check_json(capsys, "--diff-base", "main", "generated_pages")
    assert where(found) == [("G001", T2, line_of(text2, "Organise"))]
    # main moves on (a regeneration changes T0004): the merge base keeps it out of the PR
    repo.git("checkout", "-q", "main")
    repo.write(T4, repo.read(T4).replace("# Technique", "# Technique (regenerated)", 1))
    repo.commit("regenerated")
    repo.git("checkout", "-q", "feature")
    found = check_json(capsys, "--diff-base", "main...HEAD", "generated_pages")
    assert where(found) == [("G001", T2, line_of(text2, "Organise"))]
    assert "merge base of main and HEAD" in gate(found)[0]["message"]
    found = check_json(capsys, "--diff-base", "main...", "generated_pages")
    assert where(found) == [("G001", T2, line_of(text2, "Organise"))]


def test_concluding_a_merge_is_not_an_edit(repo: Repo, capsys: Any) -> None:
    regenerated, resolved = merge_in_progress(repo, T2)
    assert gate(check_json(capsys, "--diff-base", "auto", "generated_pages")) == []
    # an explicit base is taken literally; and an own edit during the merge is still one
    assert [f["code"] for f in gate(check_json(capsys, "--diff-base", "HEAD", T2))] == ["G001"]
    repo.write(T2, resolved.replace("Organise", "Organize"))
    found = check_json(capsys, "--diff-base", "auto", "generated_pages")
    assert where(found) == [("G001", T2, line_of(regenerated, "Organise"))]


def test_auto_follows_pre_commit_refs_and_ci_variables(
    repo: Repo, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    text = repo.read(T2)
    repo.write(T2, text.replace("Organise", "Organize"))
    repo.commit("edit above the marker")
    repo.write(T3, add_note(repo.read(T3)))
    repo.commit("note")
    expected = [("G001", T2, line_of(text, "Organise"))]
    assert gate(check_json(capsys, "--diff-base", "auto", "generated_pages")) == []  # HEAD
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    assert where(check_json(capsys, "--diff-base", "auto", "generated_pages")) == expected
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    monkeypatch.delenv("PRE_COMMIT_TO_REF")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    found = run_cli(capsys, "check", "--diff-base", "auto", "generated_pages")
    assert found.code == 2 and "origin/main" in found.err  # not fetched: a clear error
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    assert where(check_json(capsys, "--diff-base", "auto", "generated_pages")) == expected
    monkeypatch.delenv("GITHUB_BASE_REF")
    monkeypatch.setenv("CI_MERGE_REQUEST_DIFF_BASE_SHA", repo.git("rev-parse", "main").strip())
    assert where(check_json(capsys, "--diff-base", "auto", "generated_pages")) == expected


def test_nested_repository_the_revision_does_not_name(
    repo: Repo, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.git("branch", "base")
    inner = Repo(repo.path / "vendor" / "other")
    copy_pages(inner, PAGES[:1])
    inner.commit("a vendored corpus with its own history")
    inner.write(T2, inner.read(T2).replace("Organise", "Organize"))
    text = repo.read(T2)
    repo.write(T2, text.replace("Organise", "Organize"))
    found = check_json(capsys, "--diff-base", "base", "--only-changed", ".")
    assert where(found) == [("G001", T2, line_of(text, "Organise"))]
    assert not [f for f in found.findings if f["path"].startswith("vendor/")]
    monkeypatch.chdir(inner.path)
    found = run_cli(capsys, "check", "--diff-base", "base", ".")
    assert found.code == 2 and "unknown git revision 'base'" in found.err


def test_repository_without_commits(tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch):
    repo = Repo(tmp_path / "fresh")
    copy_pages(repo, PAGES[:1])
    monkeypatch.chdir(repo.path)
    found = check_json(capsys, "--diff-base", "auto", "--select", "G", "generated_pages")
    assert found.code == 0 and found.findings == []
    found = run_cli(capsys, "check", "--diff-base", "HEAD", "generated_pages")
    assert found.code == 2 and "unknown git revision 'HEAD'" in found.err


def news_item(title: bool = True) -> str:
    text = (SEEDS / "000_826817a14694072e.txt").read_text("utf-8")
    return (
        text
        if title
        else "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith("title:")
        )
    )


def test_only_changed_reports_findings_on_changed_lines_only(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "news")
    old = "_news/2019-12-28-old.md"
    untouched = "_news/2019-12-28-untouched.md"
    bad_url = "https://www.axios.com/facebook-ai photos.html"
    text = news_item().replace("type: article", "type: article-ish")
    repo.write(old, text)
    repo.write(untouched, text)
    repo.commit("items with an old defect")
    monkeypatch.chdir(repo.path)
    before = check_json(capsys, "_news")
    old_lines = {f["line"] for f in before.findings if f["path"] == old}
    assert line_of(text, "type: article-ish") in old_lines  # the backlog
    # a contributor changes one value of the item, wrongly
    url_line = line_of(text, "sourceUrl:")
    lines = text.split("\n")
    lines[url_line - 1] = f"sourceUrl: {bad_url}"
    repo.write(old, "\n".join(lines))
    full = check_json(capsys, "--diff-base", "HEAD", "_news")
    assert {f["line"] for f in full.findings if f["path"] == old} >= {
        url_line,
        line_of(text, "type: article-ish"),
    }
    changed = check_json(capsys, "--only-changed", "_news")
    assert changed.code == 1
    assert {(f["path"], f["line"]) for f in changed.findings} == {(old, url_line)}
    # a new file: every line is new
    repo.write("_news/2020-01-01-new.md", news_item(title=False))
    changed = check_json(capsys, "--only-changed", "--diff-base", "HEAD", "_news")
    assert any(
        f["path"] == "_news/2020-01-01-new.md" and "title" in f["message"] for f in changed.findings
    )
    # --no-only-changed undoes it (what the pre-commit hook's users pass in args)
    again = check_json(
        capsys, "--only-changed", "--no-only-changed", "--diff-base", "HEAD", "_news"
    )
    assert {f["path"] for f in again.findings} >= {old, untouched}


def test_only_changed_and_a_corpus_finding_on_a_file_not_checked(repo: Repo, capsys: Any) -> None:
    # the real corpus holds a page file named '.md' (walks skip hidden files; a corpus rule
    # reports it): an old defect, not on a changed line of this change
    hidden = "generated_pages/incidents/.md"
    repo.write(hidden, (disarm_pages() / "incidents/.md").read_bytes())
    repo.commit("the hidden page")
    repo.write(T3, add_note(repo.read(T3)))
    everything = check_json(capsys, "--diff-base", "HEAD", "generated_pages")
    assert hidden in {f["path"] for f in everything.findings}
    changed = check_json(capsys, "--only-changed", "generated_pages")
    assert hidden not in {f["path"] for f in changed.findings}


def test_only_changed_keeps_a_deleted_required_key(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "news")
    rel = "_news/2019-12-28-item.md"
    repo.write(rel, news_item())
    repo.commit("a valid item")
    monkeypatch.chdir(repo.path)
    assert check_json(capsys, "--only-changed", "_news").code == 0
    repo.write(rel, news_item(title=False))
    found = check_json(capsys, "--only-changed", "_news")
    assert found.code == 1
    assert any("title" in f["message"] for f in found.findings)


def test_changes_since_names_full_blob_ids_and_renames(repo: Repo) -> None:
    head = repo.head()
    repo.git("mv", T2, "generated_pages/techniques/moved.md")
    repo.write(T3, add_note(repo.read(T3)))
    repo.write("generated_pages/new.md", "# new\n")
    repo.git("add", "generated_pages/new.md")
    changes = {c.path: c for c in changes_since(repo.path, head)}
    assert set(changes) == {"generated_pages/techniques/moved.md", T3, "generated_pages/new.md"}
    moved = changes["generated_pages/techniques/moved.md"]
    assert (moved.status, moved.base_path) == ("R", T2)
    blob = repo.git("rev-parse", f"{head}:{T2}").strip()
    assert moved.base_blob == blob and len(blob) == 40
    assert (changes[T3].status, changes[T3].base_path) == ("M", T3)
    assert (
        changes["generated_pages/new.md"].status,
        changes["generated_pages/new.md"].base_blob,
    ) == ("A", None)


def test_base_texts_reads_many_files_with_one_git_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = disarm_pages()
    repo = Repo(tmp_path / "api")
    names = [p.relative_to(source).as_posix() for p in sorted(source.rglob("*.md"))]
    rels = copy_pages(repo, names)
    first = repo.commit("pages")
    for rel in rels[:10]:
        repo.write(rel, "changed\n")
    repo.commit("changed")
    texts = base_texts(repo.path, first, [*rels, "generated_pages/missing.md"])
    assert len(texts) == len(rels)
    for name, rel in zip(names, rels, strict=True):
        assert texts[rel] == (source / name).read_bytes()
    blobs = dict(iter_blobs(repo.path, [f"HEAD:{rels[0]}", "HEAD:nope", "0" * 40]))
    assert blobs == {f"HEAD:{rels[0]}": b"changed\n", "HEAD:nope": None, "0" * 40: None}
    with pytest.raises(GitError, match="unknown git revision"):
        base_texts(repo.path, "nope", rels[:1])
