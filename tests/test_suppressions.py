"""Inline suppressions: ``# seedlint: ignore[CODE]`` on a front-matter line, ``<!-- seedlint:
ignore CODE -->`` on or above a markdown line; unused (S001, off by default) and invalid (S002)
suppressions reported at the comment."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from seedlint.config.settings import Settings
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Severity
from seedlint.core.outcome import FileOutcome
from seedlint.core.source import decode
from seedlint.pipeline.suppressions import apply_suppressions, directives
from tests.conftest import DISARM_NEW, NEWS_CORPUS, need
from tests.helpers import check_json

ENTITY_ITEM = "2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md"
DUPLICATE_ITEM = "2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md"
FIRST_ITEM = "2021-01-14-on-boarding-user-external-user-to-tenant-through-powerapps-portal.md"


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three real items (one N005, one N003 pair) in ``tmp_path``, the current directory."""
    corpus = need(NEWS_CORPUS) / "_news"
    for name in (ENTITY_ITEM, DUPLICATE_ITEM, FIRST_ITEM):
        shutil.copy(corpus / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit_line(path: Path, line: int, edit: Any) -> None:
    """Apply ``edit`` to the text of 1-based ``line``, keeping the file's line endings."""
    data = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in data else "\n"
    lines = data.split(newline)
    lines[line - 1] = edit(lines[line - 1])
    path.write_bytes(newline.join(lines).encode("utf-8"))


def insert_line(path: Path, line: int, text: str) -> None:
    data = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in data else "\n"
    lines = data.split(newline)
    lines.insert(line - 1, text)
    path.write_bytes(newline.join(lines).encode("utf-8"))


def where(capsys: Any, *args: str) -> list[tuple[str, str, int, int]]:
    found = check_json(capsys, *args, ".")
    return [(f["code"], f["path"], f["line"], f["column"]) for f in found.findings]


def test_real_defects_before_any_suppression(capsys: Any, news: Path) -> None:
    assert [(c, p, line) for c, p, line, _ in where(capsys)] == [
        ("N005", ENTITY_ITEM, 21),
        ("N003", DUPLICATE_ITEM, 6),
    ]


def test_yaml_comment_on_the_line_suppresses_that_finding_only(capsys: Any, news: Path) -> None:
    edit_line(news / ENTITY_ITEM, 21, lambda s: s + "  # seedlint: ignore[N005]")
    assert [c for c, *_ in where(capsys)] == ["N003"]


def test_crlf_item_and_several_codes(capsys: Any, news: Path) -> None:
    path = news / DUPLICATE_ITEM  # 57 of the corpus's items use CRLF line endings
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    edit_line(news / DUPLICATE_ITEM, 6, lambda s: s + " # seedlint: ignore[N005, N003]")
    edit_line(news / ENTITY_ITEM, 21, lambda s: s + " # seedlint: ignore[N]")  # a prefix
    assert where(capsys) == []


def test_wrong_line_or_wrong_code_suppresses_nothing(capsys: Any, news: Path) -> None:
    edit_line(news / ENTITY_ITEM, 22, lambda s: s + "  # seedlint: ignore[N005]")
    edit_line(news / DUPLICATE_ITEM, 6, lambda s: s + "  # seedlint: ignore[N005]")
    assert [c for c, *_ in where(capsys)] == ["N005", "N003"]


def test_comment_line_above_covers_the_next_line(capsys: Any, news: Path) -> None:
    insert_line(news / ENTITY_ITEM, 21, "  # seedlint: ignore[N005]")
    assert [c for c, *_ in where(capsys)] == ["N003"]


def test_unused_suppressions_are_reported_only_when_selected(capsys: Any, news: Path) -> None:
    edit_line(news / ENTITY_ITEM, 6, lambda s: s + "  # seedlint: ignore[N005, N101, N999]")
    assert [c for c, *_ in where(capsys)] == ["N005", "N003"]  # S001 is off by default
    found = check_json(capsys, "--extend-select", "S001", ".")
    unused = [f for f in found.findings if f["code"] == "S001"]
    assert len(unused) == 1
    (s001,) = unused
    line = (news / ENTITY_ITEM).read_text("utf-8").splitlines()[5]
    assert (s001["path"], s001["line"], s001["column"]) == (
        ENTITY_ITEM,
        6,
        line.index("# seedlint") + 1,
    )
    assert s001["message"] == (
        "unused suppression: N005 (no such finding on this line), "
        "N101 (rule not enabled), N999 (unknown rule code)"
    )


def test_used_suppression_is_not_reported_as_unused(capsys: Any, news: Path) -> None:
    edit_line(news / ENTITY_ITEM, 21, lambda s: s + "  # seedlint: ignore[N005]")
    assert [c for c, *_ in where(capsys, "--extend-select", "S001")] == ["N003"]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("# seedlint: ignore", "suppression names no rule code"),
        ("# seedlint: disable N005", "unknown seedlint directive 'disable'"),
        ("# seedlint: ignore[url]", "'url' is not a rule code"),
    ],
)
def test_invalid_suppressions_are_reported(
    capsys: Any, news: Path, comment: str, message: str
) -> None:
    edit_line(news / ENTITY_ITEM, 21, lambda s: s + "  " + comment)
    found = where(capsys)
    assert [c for c, *_ in found] == ["N005", "S002", "N003"]
    full = check_json(capsys, ".").findings
    s002 = next(f for f in full if f["code"] == "S002")
    assert message in s002["message"] and s002["line"] == 21 and s002["severity"] == "warning"
    assert [c for c, *_ in where(capsys, "--ignore", "S002")] == ["N005", "N003"]


def test_suppression_text_outside_comments_is_not_a_directive(capsys: Any, news: Path) -> None:
    # in a value (no space before '#') and in the markdown body (YAML comments are for
    # front matter)
    edit_line(news / ENTITY_ITEM, 21, lambda s: s.replace("ssl=1", "ssl=1#seedlint:ignore[N005]"))
    path = news / ENTITY_ITEM
    path.write_text(path.read_text("utf-8") + "\n# seedlint: ignore[N003]\n", "utf-8")
    found = check_json(capsys, "--extend-select", "S001", ".")
    assert [f["code"] for f in found.findings] == ["N005", "N003"]


# --- markdown: HTML comments --------------------------------------------------------------------


def page_with_comment(comment_line: str, at: int) -> tuple[str, Any]:
    """A real DISARM page with ``comment_line`` inserted before line ``at``."""
    page = need(DISARM_NEW) / "techniques" / "T0002.md"
    lines = page.read_text("utf-8").split("\n")
    lines.insert(at - 1, comment_line)
    return "\n".join(lines), decode("\n".join(lines).encode("utf-8"))


def run_apply(source: Any, findings: list[Finding], select: tuple[str, ...] = ()) -> list[str]:
    engine = Engine(Settings(extend_select=select))
    outcome = FileOutcome("p.md", "disarm", suppressions=directives(source, "disarm"))
    kept = apply_suppressions(findings, [outcome], engine)
    return [f"{f.code}:{f.line}" for f in kept]


def finding(code: str, line: int) -> Finding:
    return Finding(code, Severity.ERROR, "x", "p.md", line, 1, line, 2, kind="disarm")


def test_html_comment_alone_above_a_markdown_line() -> None:
    _, source = page_with_comment("<!-- seedlint: ignore D201 -->", 5)
    findings = [finding("D201", 6), finding("D201", 7), finding("N001", 6)]
    assert run_apply(source, findings) == ["D201:7", "N001:6"]


def test_html_comment_on_the_line_and_runs_of_comments() -> None:
    text, source = page_with_comment("<!-- seedlint: ignore D201 -->", 5)
    lines = text.split("\n")
    lines.insert(5, "<!-- seedlint: ignore D301 -->")  # a second comment line: both cover line 7
    assert lines[2].startswith("**Summary**")
    lines[2] += " <!-- seedlint: ignore D004 -->"  # inline, on a line with text: that line only
    source = decode("\n".join(lines).encode("utf-8"))
    findings = [finding("D201", 7), finding("D301", 7), finding("D004", 3), finding("D004", 4)]
    assert run_apply(source, findings) == ["D004:4"]


def test_html_unused_and_yaml_syntax_in_markdown() -> None:
    _, source = page_with_comment("<!-- seedlint: ignore D201 -->", 5)
    assert run_apply(source, [], select=("S001",)) == ["S001:5"]
    _, source = page_with_comment("# seedlint: ignore[D201]", 5)  # a heading, not a directive
    assert run_apply(source, [finding("D201", 5)], select=("S001",)) == ["D201:5"]


def test_gate_findings_cannot_be_suppressed_inline(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directive above DISARM's marker is itself an edit of the protected region: it cannot
    wave that edit through (S002 says so; the configuration can, where a reviewer sees it)."""
    from tests.gate_helpers import Repo, copy_pages, isolate

    isolate(monkeypatch)
    repo = Repo(tmp_path / "repo")
    (rel,) = copy_pages(repo, ["techniques/T0002.md"])
    repo.commit("generated pages")
    monkeypatch.chdir(repo.path)
    edited = repo.read(rel).replace("Organise citizens", "Organize citizens")
    repo.write(rel, edited)
    found = check_json(capsys, "--select", "G,S", "--diff-base", "HEAD", rel)
    assert [f["code"] for f in found.findings] == ["G001"]
    line = found.findings[0]["line"]
    lines = edited.split("\n")
    lines[line - 1] += " <!-- seedlint: ignore G001 -->"
    repo.write(rel, "\n".join(lines))
    found = check_json(capsys, "--select", "G,S", "--diff-base", "HEAD", rel)
    assert found.code == 1
    assert [(f["code"], f["line"]) for f in found.findings] == [("G001", line), ("S002", line)]
    assert "cannot be suppressed inline" in found.findings[1]["message"]
    (repo.path / "seedlint.toml").write_text(f'[per-file-ignores]\n"{rel}" = ["G001"]\n', "utf-8")
    # the gate reads the configuration at the base: the maintainers' turning G001 off for the
    # page counts once it is committed (issue 13)
    repo.git("add", "seedlint.toml")
    repo.git("commit", "-q", "--no-verify", "-m", "let this edit through")
    found = check_json(capsys, "--select", "G", "--diff-base", "HEAD", rel)
    assert found.findings == [] and found.code == 0


def test_a_refused_code_leaves_the_others_of_its_directive(capsys: Any, news: Path) -> None:
    edit_line(news / ENTITY_ITEM, 21, lambda s: s + "  # seedlint: ignore[N005, X001]")
    found = check_json(capsys, ".").findings
    assert [f["code"] for f in found] == ["S002", "N003"]
    assert "X001: internal errors cannot be suppressed" in found[0]["message"]


def test_html_comment_above_a_real_disarm_finding(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a copy of the real DISARM corpus: a comment line above a finding's line suppresses
    that finding and changes nothing else."""
    pages = tmp_path / "generated_pages"
    shutil.copytree(need(DISARM_NEW), pages)
    monkeypatch.chdir(tmp_path)

    def found() -> list[dict[str, Any]]:
        return check_json(capsys, "generated_pages").findings

    before = found()
    target = next(f for f in before if f["kind"] == "disarm" and f["line"] > 1 and f["context"])
    path = tmp_path / target["path"]
    insert_line(path, target["line"], f"<!-- seedlint: ignore {target['code']} -->")
    after = found()

    def key(f: dict[str, Any]) -> tuple[str, str, str | None]:
        return (f["code"], f["path"], f["context"])

    assert sorted(map(key, after)) == sorted(key(f) for f in before if f is not target)


@pytest.mark.parametrize(
    "spelling", ["seedlint", "SEEDLINT", "SeEdLiNt", "\u017feedlint", "seedl\u0131nt"]
)
def test_a_directive_is_found_in_any_case_the_expression_accepts(spelling: str) -> None:
    source = decode(f"---\ntitle: x  # {spelling}: ignore[N005]\n---\n".encode())
    assert [d[3] for d in directives(source, "news")] == [("N005",)]
