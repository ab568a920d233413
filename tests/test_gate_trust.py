"""Issue 13: a pull request cannot switch the gate off.

Each test builds a pull request as an untrusted contributor would (a branch of a corpus with
real DISARM pages and news items), clones it afresh as CI does, and runs the documented
pull-request command (``seedlint check --diff-base origin/main...HEAD .``) in a child process
with a CI runner's own cache key. Every attack must fail the gate with its code; every harmless
change must pass.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from seedlint.disarm.marker import MARKER
from tests.conftest import NEWS_CORPUS, SEEDS, need
from tests.gate_helpers import Repo, add_note, clean_env, copy_pages, need_git
from tests.helpers import Outcome

PAGES = ["techniques/T0002.md", "techniques/T0003.md", "techniques/T0004.md"]
T2 = "generated_pages/techniques/T0002.md"
T3 = "generated_pages/techniques/T0003.md"
NEWS = sorted(p.name for p in SEEDS.glob("00[0-2]_*.txt"))
# a news item the seeds hold: valid as it is
ITEM = f"_news/{NEWS[0]}"
_clones = itertools.count()


def runner_env(extra: dict[str, str]) -> dict[str, str]:
    """A CI runner's environment: ``CI=true``, the default cache place (in the checkout),
    ``extra``."""
    env = clean_env({"CI": "true", **extra})
    env.pop("SEEDLINT_CACHE_DIR", None)
    return env


def fresh_item() -> str:
    """A valid news item that is no other's copy (its URLs are a mirror's)."""
    text = (SEEDS / NEWS[1]).read_text("utf-8")
    return text.replace("https://", "https://mirror.").replace("domain: ", "domain: mirror.")


class PullRequest:
    """A corpus on ``main`` (real pages, valid news items) and a ``feature`` branch that the
    test changes; :meth:`ci` runs the gate in a fresh clone of the branch, as CI does."""

    def __init__(self, tmp_path: Path) -> None:
        need_git()
        self.tmp = tmp_path
        self.repo = Repo(tmp_path / "upstream")
        copy_pages(self.repo, PAGES)
        for name in NEWS:
            self.repo.write(f"_news/{name}", (SEEDS / name).read_bytes())
        self.repo.commit("the corpus")
        self.repo.git("checkout", "-q", "-b", "feature")

    def edit_above_marker(self, rel: str = T2) -> None:
        text = self.repo.read(rel)
        assert "Organise" in text or "**Summary**" in text
        edited = text.replace("**Summary**", "**Summary** (improved)", 1)
        assert edited != text
        self.repo.write(rel, edited)

    def ci(
        self, *args: str, env: dict[str, str] | None = None, path: Path | None = None
    ) -> Outcome:
        """A fresh clone of ``feature`` with ``origin/main``, and the documented command in
        it (JSON output; the runner's own cache key, made fresh)."""
        clone = path or self.tmp / f"ci-{next(_clones)}"
        subprocess.run(
            ["git", "clone", "-q", "--branch", "feature", f"file://{self.repo.path}", str(clone)],
            env=clean_env(),
            check=True,
            capture_output=True,
            timeout=120,
        )
        self.clone = clone
        runner = {"SEEDLINT_CACHE_KEY_FILE": str(self.tmp / "runner.key"), **(env or {})}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "seedlint",
                "check",
                "--format",
                "json",
                "--diff-base",
                "origin/main...HEAD",
                *args,
                ".",
            ],
            cwd=clone,
            env=runner_env(runner),
            capture_output=True,
            text=True,
            timeout=120,
        )
        return Outcome(proc.returncode, proc.stdout, proc.stderr)


def codes(outcome: Outcome) -> set[str]:
    assert outcome.code in (0, 1, 2), outcome.err
    assert "Traceback" not in outcome.err, outcome.err
    return {f["code"] for f in outcome.findings} if outcome.out.strip() else set()


@pytest.fixture
def pr(tmp_path: Path) -> PullRequest:
    return PullRequest(tmp_path)


# --- configuration in the change --------------------------------------------------------------

CONFIGS = {
    "ignore G": ("seedlint.toml", 'ignore = ["G"]\n'),
    "select N only": (".seedlint.toml", 'select = ["N"]\n'),
    "per-file-ignores": (
        "pyproject.toml",
        '[tool.seedlint.per-file-ignores]\n"generated_pages/*" = ["G", "D"]\n',
    ),
    "exclude the pages": ("seedlint.toml", 'exclude = ["generated_pages/"]\n'),
    "narrow include": ("seedlint.toml", 'include = ["_news/*"]\n'),
    "lower max-file-size": ("seedlint.toml", "[limits]\nmax-file-size = 10\n"),
    "gate severity info": ("seedlint.toml", '[severity]\nG001 = "info"\nG010 = "info"\n'),
}


@pytest.mark.parametrize("how", list(CONFIGS))
@pytest.mark.parametrize("only_changed", [False, True])
def test_configuration_in_the_change_is_not_used(
    pr: PullRequest, how: str, only_changed: bool
) -> None:
    name, text = CONFIGS[how]
    pr.repo.write(name, text)
    pr.edit_above_marker()
    pr.repo.commit("edit above the marker, and a configuration that hides it")
    found = pr.ci(*(["--only-changed"] if only_changed else []))
    assert found.code == 1, found.out + found.err
    assert {"G001", "G010"} <= codes(found)
    g010 = [f for f in found.findings if f["code"] == "G010"]
    assert [f["path"] for f in g010] == [name]
    assert "takes effect after merge" in g010[0]["message"]


def test_configuration_at_the_base_is_the_one_used(pr: PullRequest) -> None:
    # a maintainer's configuration (merged before) is trusted: it may turn a code off
    pr.repo.git("checkout", "-q", "main")
    pr.repo.write("seedlint.toml", 'ignore = ["D"]\n')
    pr.repo.commit("the maintainers' configuration")
    pr.repo.git("checkout", "-q", "feature")
    pr.repo.git("merge", "-q", "main")
    pr.repo.write("seedlint.toml", "")  # the change tries to turn D back on: not yet
    pr.repo.write(T3, add_note(pr.repo.read(T3)))
    pr.repo.commit("a note, and the configuration emptied")
    found = pr.ci("--only-changed")
    assert codes(found) == {"G010"}, found.out


def test_schema_named_by_the_configuration_is_read_at_the_base(pr: PullRequest) -> None:
    pr.repo.git("checkout", "-q", "main")
    schema = json.loads(
        Path(__file__).parents[1].joinpath("schemas/news-item.schema.json").read_text()
    )
    pr.repo.write("schemas/news.json", json.dumps(schema))
    pr.repo.write("seedlint.toml", '[schemas.news]\npath = "schemas/news.json"\n')
    pr.repo.commit("our own news schema")
    pr.repo.git("checkout", "-q", "feature")
    pr.repo.git("merge", "-q", "main")
    # the change replaces the schema by one that accepts anything, and adds a broken item
    pr.repo.write("schemas/news.json", "{}")
    broken = pr.repo.read(ITEM).replace("title:", "titel:", 1)
    pr.repo.write("_news/999_new.txt", broken)
    pr.repo.commit("an item without a title, and a schema that lets it through")
    found = pr.ci()
    assert found.code == 1
    assert "G010" in codes(found) and "N001" in codes(found)
    assert any(f["code"] == "N001" and f["path"] == "_news/999_new.txt" for f in found.findings)


def test_time_budget_cannot_be_raised_past_its_ceiling(tmp_path: Path) -> None:
    (tmp_path / "seedlint.toml").write_text("[limits]\ntime-budget = 1e9\n")
    proc = subprocess.run(
        [sys.executable, "-m", "seedlint", "check", str(SEEDS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "time-budget" in proc.stderr and "at most 60" in proc.stderr


def test_catastrophic_schema_pattern_in_the_change_gets_nowhere(pr: PullRequest) -> None:
    pr.repo.write(
        "seedlint.toml", '[limits]\ntime-budget = 50.0\n[schemas.news]\npath = "s.json"\n'
    )
    pr.repo.write("s.json", json.dumps({"properties": {"title": {"pattern": "^(a+)+$"}}}))
    item = pr.repo.read(ITEM)
    pr.repo.write("_news/999_new.txt", item.replace("title:", f"title: {'a' * 40}b\nx:", 1))
    pr.repo.commit("a pattern that backtracks for ever")
    found = pr.ci()
    assert found.code == 1
    assert "G010" in codes(found)


def test_user_schema_pattern_runs_under_the_time_budget(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        json.dumps({"properties": {"title": {"type": "string", "pattern": "^(a+)+$"}}})
    )
    (tmp_path / "seedlint.toml").write_text(
        '[limits]\ntime-budget = 0.5\n[schemas.news]\npath = "s.json"\n'
        "allow-extra-properties = true\n"
    )
    item = (SEEDS / NEWS[0]).read_text("utf-8")
    lines = item.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {'a' * 60}b"
    (tmp_path / "item.txt").write_text("\n".join(lines))
    proc = subprocess.run(
        [sys.executable, "-m", "seedlint", "check", "--no-cache", "--format", "json", "item.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "X002" in {f["code"] for f in json.loads(proc.stdout)}


# --- what is merged, not what the checkout shows ----------------------------------------------


def test_page_replaced_by_a_symlink_to_an_edited_copy(pr: PullRequest) -> None:
    text = pr.repo.read(T2)
    pr.repo.write("notes/T0002.md", text.replace("**Summary**", "**Summary** (edited)", 1))
    (pr.repo.path / T2).unlink()
    os.symlink("../../notes/T0002.md", pr.repo.path / T2)
    pr.repo.commit("the page is now a link")
    found = pr.ci()
    assert found.code == 1
    assert any(f["code"] == "G006" and f["path"] == T2 for f in found.findings), found.out


def test_working_tree_encoding_cannot_show_the_base_while_the_blob_differs(
    pr: PullRequest,
) -> None:
    # the checkout converts the committed blob (UTF-8 of the page read as EBCDIC) back to the
    # base's bytes: the file on disk equals the base, what is merged is gibberish
    pr.repo.write(".gitattributes", "generated_pages/** working-tree-encoding=IBM037\n")
    pr.repo.git("add", ".gitattributes")
    pr.repo.git("add", "--renormalize", "generated_pages")
    pr.repo.commit("an encoding")
    blob = pr.repo.git("cat-file", "-p", f"HEAD:{T2}")
    if MARKER in blob:
        pytest.skip("git here cannot convert IBM037 (iconv): the attack cannot be built")
    found = pr.ci("--only-changed")
    assert (pr.clone / T2).read_bytes() == (pr.repo.path / T2).read_bytes()
    assert found.code == 1
    gate = {f["code"] for f in found.findings if f["path"] == T2}
    assert gate & {"G001", "G002"}, found.out


def test_defective_news_item_behind_an_encoding(pr: PullRequest) -> None:
    pr.repo.write(".gitattributes", "_news/999_new.txt working-tree-encoding=IBM037\n")
    pr.repo.write("_news/999_new.txt", pr.repo.read(ITEM))
    pr.repo.commit("a new item, committed as EBCDIC gibberish")
    blob = pr.repo.git("cat-file", "-p", "HEAD:_news/999_new.txt")
    if blob.startswith("---"):
        pytest.skip("git here cannot convert IBM037 (iconv): the attack cannot be built")
    found = pr.ci()
    assert found.code == 1
    assert any(f["path"] == "_news/999_new.txt" for f in found.findings), found.out


# --- the change list comes from git -----------------------------------------------------------


@pytest.mark.parametrize("only_changed", [False, True])
def test_deleted_page(pr: PullRequest, only_changed: bool) -> None:
    pr.repo.git("rm", "-q", T2)
    pr.repo.commit("a page deleted")
    found = pr.ci(*(["--only-changed"] if only_changed else []))
    assert found.code == 1
    assert [(f["code"], f["path"]) for f in found.findings if f["code"] == "G004"] == [("G004", T2)]


@pytest.mark.parametrize("only_changed", [False, True])
def test_page_renamed_with_a_rewrite(pr: PullRequest, only_changed: bool) -> None:
    text = pr.repo.read(T2)
    _head, _, rest = text.partition(MARKER)
    rewritten = "# Technique T0002: rewritten\n\n" + "Entirely new text.\n" * 40 + MARKER + rest
    pr.repo.git("rm", "-q", T2)
    pr.repo.write("generated_pages/techniques/T0002-new.md", rewritten)
    pr.repo.commit("renamed and rewritten (below git's 50% similarity)")
    found = pr.ci(*(["--only-changed"] if only_changed else []))
    assert found.code == 1
    assert {"G004"} <= codes(found) or {"G005"} <= codes(found), found.out


@pytest.mark.parametrize("place", ["build/T0002.md", ".hidden/T0002.md", "node_modules/x.md"])
def test_page_moved_where_the_walk_does_not_go(pr: PullRequest, place: str) -> None:
    (pr.repo.path / place).parent.mkdir(parents=True, exist_ok=True)
    pr.repo.git("mv", T2, place)
    pr.repo.commit("the page moved out of sight")
    found = pr.ci("--only-changed")
    assert found.code == 1
    moved = [f for f in found.findings if f["code"] == "G005"]
    assert [f["path"] for f in moved] == [place] and T2 in moved[0]["message"]


def test_page_replaced_by_a_gitlink(pr: PullRequest) -> None:
    sub = Repo(pr.tmp / "sub")
    sub.write("x.md", "x\n")
    commit = sub.commit("x")
    pr.repo.git("rm", "-q", T2)
    pr.repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},{T2}")
    pr.repo.git("commit", "-q", "--no-verify", "-m", "the page is a submodule now")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["code"] == "G006" and f["path"] == T2 for f in found.findings), found.out


def test_whole_generated_pages_deleted(pr: PullRequest) -> None:
    pr.repo.git("rm", "-q", "-r", "generated_pages")
    pr.repo.commit("no pages any more")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert sorted(f["path"] for f in found.findings if f["code"] == "G004") == [
        f"generated_pages/{p}" for p in PAGES
    ]


def test_directory_that_imitates_a_repository_hides_nothing(pr: PullRequest) -> None:
    fake = pr.repo.path / "generated_pages/techniques"
    (fake / "objects").mkdir()
    (fake / "refs").mkdir()
    (fake / "objects/.keep").write_text("")
    (fake / "refs/.keep").write_text("")
    (fake / "HEAD").write_text("ref: refs/heads/main\n")
    (fake / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = true\n")
    pr.edit_above_marker()
    pr.repo.commit("a page edited, in a directory that looks like a repository")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert "G001" in codes(found), found.out + found.err


# --- the cache is local state -----------------------------------------------------------------


@pytest.mark.parametrize("forger_key", ["the runner's", "their own"])
def test_forged_cache_in_the_change_is_not_read(pr: PullRequest, forger_key: str) -> None:
    # the contributor works in the very directory CI checks out into (the cache's run key
    # names it), runs seedlint on a valid item, makes the item defective, forges the cache
    # entry to say it has no findings, and force-adds the cache to the pull request
    work = pr.tmp / "ci-forged"
    subprocess.run(
        ["git", "clone", "-q", "--branch", "feature", f"file://{pr.repo.path}", str(work)],
        env=clean_env(),
        check=True,
        capture_output=True,
    )
    contributor = Repo(work, init=False)
    item = "_news/999_new.txt"
    contributor.write(item, fresh_item())
    _age(work)  # a file edited within the last seconds is never cached
    runner = str(pr.tmp / "runner.key")
    key = {"SEEDLINT_CACHE_KEY_FILE": runner if forger_key == "the runner's" else str(work / "k")}
    run = [sys.executable, "-m", "seedlint", "check", "--diff-base", "origin/main...HEAD", "."]
    done = subprocess.run(run, cwd=work, env=runner_env(key), capture_output=True)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert list((work / ".seedlint_cache").rglob("*.bin"))
    defective = contributor.read(item).replace("title:", "titel:", 1)
    contributor.write(item, defective)
    _forge_cache(work / ".seedlint_cache", item, defective.encode(), key)
    contributor.git("add", "-f", ".seedlint_cache", item)
    contributor.git("commit", "-q", "--no-verify", "-m", "a defective item, a cache that hides it")
    pr.repo.git("checkout", "-q", "main")  # so that the branch can be pushed to
    contributor.git("push", "-q", "origin", "feature")
    shutil.rmtree(work)
    found = pr.ci(path=work)
    assert found.code == 1, found.err
    assert any(f["path"] == item and f["code"] == "N001" for f in found.findings), found.out


def _age(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, (1_600_000_000, 1_600_000_000))


def _forge_cache(directory: Path, display: str, content: bytes, env: dict[str, str]) -> None:
    """Rewrite every cache file so that ``display`` (with ``content``) has no findings."""
    script = f"""
import os, sys
os.environ.update({env!r})
from seedlint.execution import cache
for file in {sorted(str(p) for p in directory.rglob("*.bin"))!r}:
    entries = cache._load(cache.Path(file))
    assert entries, file
    explicit, env_, meta, kind, skipped, findings, *rest = entries[{display!r}]
    meta = meta[:32] + cache.digest({content!r})
    meta = cache._STAT.pack(len({content!r}), -1, 0, 0) + cache.digest({content!r})
    entries[{display!r}] = (explicit, env_, meta, kind, skipped, (), *rest)
    with open(file, "wb") as handle:
        cache._write(handle, entries.items())
"""
    subprocess.run([sys.executable, "-c", script], check=True, env=runner_env(env), timeout=120)


# --- harmless changes pass --------------------------------------------------------------------


def test_note_below_the_marker_passes(pr: PullRequest) -> None:
    pr.repo.write(T3, add_note(pr.repo.read(T3)))
    pr.repo.commit("a note")
    found = pr.ci("--only-changed")
    assert found.code == 0, found.out


def test_crlf_conversion_passes(pr: PullRequest) -> None:
    pr.repo.write(T3, add_note(pr.repo.read(T3)).replace("\n", "\r\n"))
    pr.repo.commit("CRLF and a note")
    found = pr.ci("--only-changed")
    assert found.code == 0, found.out


def test_eol_attribute_passes(pr: PullRequest) -> None:
    pr.repo.write(".gitattributes", "*.md text eol=crlf\n")
    pr.repo.write(T3, add_note(pr.repo.read(T3)))
    pr.repo.commit("checkout with CRLF, and a note")
    found = pr.ci("--only-changed")
    assert found.code == 0, found.out


def test_bom_passes(pr: PullRequest) -> None:
    pr.repo.write(T3, b"\xef\xbb\xbf" + add_note(pr.repo.read(T3)).encode("utf-8"))
    pr.repo.commit("a BOM and a note")
    found = pr.ci("--only-changed")
    assert found.code == 0, found.out


def test_new_valid_news_item_passes(pr: PullRequest) -> None:
    pr.repo.write("_news/999_new.txt", fresh_item())
    pr.repo.commit("a new item")
    found = pr.ci("--only-changed")
    assert found.code == 0, found.out


def test_new_page_passes(pr: PullRequest) -> None:
    copy_pages(pr.repo, ["techniques/T0010.md"])
    pr.repo.commit("a new page")
    # the test corpus holds four pages: the new page's links to the rest are dead here
    found = pr.ci("--only-changed", "--ignore", "D201")
    assert found.code == 0, found.out


# --- news items the walk would not have seen (found by the red team) --------------------------


def test_ident_attribute_cannot_hide_bytes_of_a_new_item(pr: PullRequest) -> None:
    # the blob hides an invalid byte inside `$Id:...$`; `ident` makes the checkout show
    # `$Id: <sha> $`, and git then takes the fresh file for edited: the blob is what is merged
    item = "_news/999_new.txt"
    pr.repo.write(item, b"---\n#$Id:x\r\xff\xfe$\n" + fresh_item().encode("utf-8")[4:])
    pr.repo.commit("a new item")
    pr.repo.write(".gitattributes", "_news/* ident\n")
    pr.repo.git("add", ".gitattributes")
    pr.repo.git("commit", "-q", "--no-verify", "-m", "ident")
    found = pr.ci("--only-changed")
    assert found.code == 1, found.out + found.err
    assert any(f["path"] == item for f in found.findings), found.out


@pytest.mark.parametrize("name", ["_news/999_new.MD", "_news/999_new.mkd", "_news/999_new.html"])
def test_defective_item_with_another_extension(pr: PullRequest, name: str) -> None:
    pr.repo.write(name, fresh_item().replace("title:", "titel:", 1))
    pr.repo.commit("a defective item the walk would not take")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == name and f["code"] == "N001" for f in found.findings), found.out


def test_file_without_front_matter_in_the_news_directory(pr: PullRequest) -> None:
    pr.repo.write("_news/999_new.txt", "\n" + fresh_item())
    pr.repo.commit("an item whose front matter does not start the file")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == "_news/999_new.txt" for f in found.findings), found.out


@pytest.mark.parametrize("directory", ["build", "dist", "venv", ".drafts"])
def test_defective_item_in_a_directory_the_walk_skips(pr: PullRequest, directory: str) -> None:
    name = f"_news/{directory}/999_new.txt"
    pr.repo.write(name, fresh_item().replace("title:", "titel:", 1))
    pr.repo.commit("a defective item out of the walk's sight")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == name and f["code"] == "N001" for f in found.findings), found.out


def test_news_directory_replaced_by_a_symlink(pr: PullRequest) -> None:
    (pr.repo.path / "build").mkdir()
    pr.repo.git("mv", "_news", "build/news")
    pr.repo.write("build/news/999_new.txt", fresh_item().replace("title:", "titel:", 1))
    os.symlink("build/news", pr.repo.path / "_news")
    pr.repo.commit("the news directory is a link now")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == "_news" and f["code"] == "G006" for f in found.findings), found.out


def test_rename_of_an_item_to_a_wrong_date_is_checked_whole(pr: PullRequest) -> None:
    news = need(NEWS_CORPUS) / "_news"
    name = sorted(p.name for p in news.iterdir())[0]
    pr.repo.git("checkout", "-q", "main")
    pr.repo.write(f"_news/{name}", (news / name).read_bytes())
    pr.repo.commit("a dated item")
    pr.repo.git("checkout", "-q", "feature")
    pr.repo.git("merge", "-q", "main")
    wrong = "_news/1999-01-01-" + name[len("2020-01-01-") :]
    pr.repo.git("mv", f"_news/{name}", wrong)
    pr.repo.commit("renamed to a date that is not the item's")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == wrong and f["code"] == "N002" for f in found.findings), found.out


# --- --only-changed judges a finding by what caused it (red team, round 2) --------------------


def test_duplicate_key_inserted_above_the_first(pr: PullRequest) -> None:
    text = pr.repo.read(ITEM)
    at = text.index("\ntitle:")
    pr.repo.write(ITEM, text[:at] + '\ntitle: "Another title"' + text[at:])
    pr.repo.commit("a second title, above the first")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["code"] == "Y002" and f["path"] == ITEM for f in found.findings), found.out


def test_quote_left_open_breaks_a_later_line(pr: PullRequest) -> None:
    text = pr.repo.read(ITEM)
    line = next(x for x in text.split("\n") if x.startswith('title: "'))
    pr.repo.write(ITEM, text.replace(line, line.replace('title: "', "title: '", 1), 1))
    pr.repo.commit("a quote that no longer closes")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["path"] == ITEM and f["code"].startswith("Y") for f in found.findings), found.out


def test_new_item_that_duplicates_an_older_one_reported_on_the_older(pr: PullRequest) -> None:
    # the duplicate is reported on the file that sorts later: the unchanged one
    pr.repo.write("_news/0000_copy.txt", pr.repo.read(ITEM).replace("title:", "title: Copy of", 1))
    pr.repo.commit("an item filed twice")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["code"] == "N003" for f in found.findings), found.out


def test_old_defects_of_an_edited_file_stay_silent(pr: PullRequest) -> None:
    # the other side: a defect the base already had, on a line the change does not touch, is
    # not the change's (a page's dead links to pages this small corpus lacks)
    pr.repo.write(T3, add_note(pr.repo.read(T3)))
    pr.repo.commit("a note")
    assert pr.ci("--only-changed").code == 0


def test_index_page_without_a_marker_is_generated_in_full(pr: PullRequest) -> None:
    index = "generated_pages/techniques_index.md"
    pr.repo.git("checkout", "-q", "main")
    copy_pages(pr.repo, ["techniques_index.md"])
    pr.repo.commit("an index page")
    pr.repo.git("checkout", "-q", "feature")
    pr.repo.git("merge", "-q", "main")
    text = pr.repo.read(index)
    assert MARKER not in text
    pr.repo.write(index, text + "A note.\n")
    pr.repo.commit("an index edited")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert any(f["code"] == "G001" and f["path"] == index for f in found.findings), found.out


def test_new_item_with_lone_cr_line_breaks(pr: PullRequest) -> None:
    # a site generator reads no front matter there: not a news item, whatever its fields say
    pr.repo.write("_news/999_new.txt", fresh_item().replace("\n", "\r"))
    pr.repo.commit("an item with old Mac line endings")
    found = pr.ci("--only-changed")
    assert found.code == 1
    assert [(f["code"], f["line"]) for f in found.findings if f["code"] == "Y007"] == [("Y007", 1)]
