"""``seedlint server`` end to end: a real LSP client drives ``python -m seedlint server`` over
stdio in a git workspace made in tmp_path, as an editor would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types

from tests.conftest import SEEDS, need
from tests.lsp_session import Session, apply_text_edits, commit_all, edits_of, have_git

pytestmark = [
    pytest.mark.asyncio(loop_scope="function"),
    pytest.mark.skipif(not have_git(), reason="the server tests build a git workspace"),
]

ITEM = "_news/2019-12-28-facebook.md"
OTHER = "_news/2019-12-27-other.md"  # earlier: N003 is on the later item
SEED = SEEDS / "000_826817a14694072e.txt"


def cli_findings(root: Path, rel: str, text: str) -> list[tuple[str, int, int, int, int, str, str]]:
    """What ``seedlint check --format json`` says of ``text`` saved as ``rel``."""
    (root / rel).write_bytes(text.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "seedlint", "check", "--no-cache", "--output-format", "json", rel],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return sorted(
        (
            f["code"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["message"],
            f["severity"],
        )
        for f in json.loads(proc.stdout)
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def as_findings(
    diagnostics: list[types.Diagnostic], text: str
) -> list[tuple[str, int, int, int, int, str, str]]:
    """Diagnostics back to 1-based code-point columns (UTF-16 positions converted)."""
    from seedlint.server.positions import LineIndex

    index = LineIndex(text)
    severity = {1: "error", 2: "warning", 3: "info"}
    out = []
    for d in diagnostics:
        s = index.offset(d.range.start.line, d.range.start.character)
        e = index.offset(d.range.end.line, d.range.end.character)
        out.append(
            (
                str(d.code),
                d.range.start.line + 1,
                s - index.starts[d.range.start.line] + 1,
                d.range.end.line + 1,
                e - index.starts[d.range.end.line] + 1,
                d.message,
                severity[int(d.severity or 1)],
            )
        )
    return sorted(out)


@pytest.fixture
def news_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_news").mkdir(parents=True)
    (root / "_config.yml").write_text("title: site\n")
    shutil.copy(SEED, root / ITEM)
    commit_all(root)
    return root


@pytest_asyncio.fixture
async def news(news_workspace: Path) -> AsyncIterator[Session]:
    session = Session(news_workspace)
    await session.start()
    await session.indexed()
    yield session
    await session.stop()


async def test_diagnostics_match_the_command_line_with_astral_characters_and_crlf(
    news: Session,
) -> None:
    text = SEED.read_text(encoding="utf-8")
    # an astral character before a finding on its line, a misspelt key, CRLF line breaks
    text = text.replace('title: "Facebook', 'title: "\U0001f600 Facebook', 1)
    text = text.replace("category: news", "categroy: news").replace("\n", "\r\n")
    text = text.replace("heat: -1", "heat: \U0001f600 -1")
    diagnostics = await news.open(ITEM, text)
    assert {str(d.code) for d in diagnostics} >= {"N001"}
    heat = next(d for d in diagnostics if "heat" in d.message)
    line = text.split("\r\n")[heat.range.start.line]
    assert line.startswith("heat:")
    # the protocol counts UTF-16 code units: the emoji is two of them
    assert heat.range.end.character == utf16(line)
    cli = cli_findings(news.root, "_news/copy-2019-12-28.md", text)
    served = as_findings(diagnostics, text)
    assert served == cli  # codes, positions, messages, severities


async def test_incremental_changes_misspelt_key_and_its_fixes(news: Session) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert await news.open(ITEM, text) == []
    # type "categroy" over "category" in two incremental edits
    diagnostics = await news.change(ITEM, [((1, 0, 1, 8), "categ"), ((1, 5, 1, 5), "roy")])
    (n001,) = [d for d in diagnostics if d.code == "N001"]
    assert n001.range == types.Range(types.Position(1, 0), types.Position(1, 8))
    assert "did you mean 'category'" in n001.message
    actions = await news.actions(ITEM, n001)
    rename = next(a for a in actions if "rename key" in a.title)
    assert "unsafe" in rename.title and not rename.is_preferred
    suppress = next(a for a in actions if "suppress" in a.title)
    after = apply_text_edits(text.replace("category", "categroy", 1), edits_of(rename))
    assert after == text
    suppressed = apply_text_edits(text.replace("category", "categroy", 1), edits_of(suppress))
    assert "categroy: news  # seedlint: ignore[N001]" in suppressed
    assert [d.code for d in await news.replace_all(ITEM, suppressed)] == []


async def test_entity_gets_a_preferred_safe_fix(news: Session) -> None:
    text = SEED.read_text(encoding="utf-8")
    await news.open(ITEM, text)
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("sourceUrl")))
    end = len(text.split("\n")[line])
    diagnostics = await news.change(ITEM, [((line, end, line, end), "?a=1&#038;b=2")])
    (n005,) = [d for d in diagnostics if d.code == "N005"]
    (fix,) = [a for a in await news.actions(ITEM, n005) if "suppress" not in a.title]
    assert fix.is_preferred and "unsafe" not in fix.title
    fixed = apply_text_edits(news.texts[news.uri(ITEM)], [])  # the original
    typed = text.split("\n")
    typed[line] += "?a=1&#038;b=2"
    fixed = apply_text_edits("\n".join(typed), edits_of(fix))
    assert "?a=1&b=2" in fixed
    assert await news.replace_all(ITEM, fixed) == []


async def test_hover_on_key_and_on_finding(news: Session) -> None:
    text = SEED.read_text(encoding="utf-8").replace("heat: -1", "heat: hot")
    diagnostics = await news.open(ITEM, text)
    heat_line = text.split("\n").index("heat: hot")
    schema_help = await news.hover(ITEM, heat_line, 1)
    assert "**heat**" in schema_help and "Popularity score" in schema_help
    assert "integer" in schema_help
    finding = next(d for d in diagnostics if d.range.start.line == heat_line)
    rule_doc = subprocess.run(
        [sys.executable, "-m", "seedlint", "rule", str(finding.code)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown = await news.hover(ITEM, heat_line, finding.range.start.character + 1)
    assert rule_doc.strip() in shown


async def test_completion_offers_missing_keys_and_enum_values(news: Session) -> None:
    text = SEED.read_text(encoding="utf-8").replace("heat: -1\n", "")
    await news.open(ITEM, text)
    lines = text.split("\n")
    at = lines.index("published: false")
    await news.change(ITEM, [((at, 0, at, 0), "he\n")])
    labels = {c.label for c in await news.complete(ITEM, at, 2)}
    assert "heat" in labels and "title" not in labels and "category" not in labels
    type_line = lines.index("type: article")
    values = {c.label for c in await news.complete(ITEM, type_line, len("type: "))}
    assert "article" in values
    nested = lines.index("  name: Axios")
    keys = {c.label for c in await news.complete(ITEM, nested + 1, 2)}
    assert "name" not in keys


async def test_the_server_survives_broken_documents(news: Session) -> None:
    broken = [
        "---\n",  # front matter never closed
        "---\na: [\n---\n",
        "\x00\x01binary",
        "---\n" + "- [" * 500 + "\n---\n",
        "---\nkey: \udcff\n---\n",  # a lone surrogate
        "",
    ]
    for number, text in enumerate(broken):
        await news.open(f"_news/broken-{number}.md", text)
    # edits far past the end of a line and of the document are clamped, never fatal
    await news.change("_news/broken-0.md", [((99, 99, 120, 0), "tail")])
    # and the server still answers
    text = SEED.read_text(encoding="utf-8").replace("category", "categroy", 1)
    assert [d.code for d in await news.open(ITEM, text)] == ["N001"]
    assert isinstance(await news.hover("_news/broken-2.md", 0, 0), str)


async def test_corpus_rules_see_the_disk_and_follow_watched_files(news: Session) -> None:
    seed = SEED.read_text(encoding="utf-8")
    other = news.root / OTHER
    other.write_text(seed.replace("Facebook purges", "Another title"), encoding="utf-8")
    news.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=other.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    diagnostics = await news.open(ITEM, seed)
    assert "N003" in {d.code for d in diagnostics}  # the same URL as the other item on disk
    other.write_text(
        seed.replace("axios.com/facebook", "axios.com/other").replace("Facebook purges", "Another"),
        encoding="utf-8",
    )
    news.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=other.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    while "N003" in {d.code for d in await news.next_diagnostics(ITEM)}:
        pass


# -- DISARM pages: dead links, unknown IDs, the protected region -------------------------------


@pytest.fixture
def disarm_workspace(tmp_path: Path, disarm_new: Path) -> Path:
    root = tmp_path / "framework"
    root.mkdir()
    shutil.copytree(disarm_new, root / "generated_pages")
    commit_all(root)
    return root


@pytest_asyncio.fixture
async def disarm(disarm_workspace: Path) -> AsyncIterator[Session]:
    session = Session(disarm_workspace)
    await session.start()
    await session.indexed()
    yield session
    await session.stop()


PAGE = "generated_pages/techniques/T0002.md"
MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"


async def test_dead_link_and_unknown_id_from_the_corpus_on_disk(disarm: Session) -> None:
    text = (disarm.root / PAGE).read_text(encoding="utf-8")
    assert [d.code for d in await disarm.open(PAGE, text)] == []
    marker = text.split("\n").index(MARKER)
    note = "\n[T0001 link](../../generated_pages/techniques/T9999.md) and T9998.001\n"
    diagnostics = await disarm.change(PAGE, [((marker + 1, 0, marker + 1, 0), note)])
    codes = {str(d.code) for d in diagnostics}
    assert codes & {"D201", "D203"}, diagnostics
    assert all(d.range.start.line > marker for d in diagnostics)


async def test_protected_region_edit_and_its_restore(disarm: Session) -> None:
    text = (disarm.root / PAGE).read_text(encoding="utf-8")
    await disarm.open(PAGE, text)
    diagnostics = await disarm.change(PAGE, [((0, 0, 0, 0), "my note\n")])
    (g001,) = [d for d in diagnostics if d.code == "G001"]
    assert g001.range.start.line == 0
    (restore,) = [a for a in await disarm.actions(PAGE, g001) if "restore" in a.title]
    assert restore.is_preferred
    edited = "my note\n" + text
    fixed = apply_text_edits(edited, edits_of(restore))
    # the same fix as the command line's --fix --diff-base HEAD
    (disarm.root / PAGE).write_text(edited, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "seedlint",
            "check",
            "--fix",
            "--diff-base",
            "HEAD",
            "--no-cache",
            "-q",
            PAGE,
        ],
        cwd=disarm.root,
        capture_output=True,
    )
    assert fixed == (disarm.root / PAGE).read_text(encoding="utf-8")
    assert "G001" not in {d.code for d in await disarm.replace_all(PAGE, fixed)}
    # a gate finding cannot be suppressed
    assert not [a for a in await disarm.actions(PAGE, g001) if "suppress" in a.title]


_ = need  # the DISARM fixtures skip (with the reason) when ../shared is absent
