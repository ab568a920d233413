"""An unterminated front matter (Y003): where it most likely ends, and its findings in one run.

Real items of the news corpus, copied to ``tmp_path`` with their closing ``---`` line deleted:
the message names the line after which ``---`` belongs, the YAML and schema findings of the
front matter come in the same run, and a markdown body below it adds no finding.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import check_json, run_cli

LF_ITEM = "2021-01-06-you-can-now-share-dataverse-for-teams-apps-beyond-a-team.md"
CRLF_ITEM = "2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md"
BODY = (
    "## What is new\n"
    "\n"
    "Apps built in Dataverse for Teams can now be shared beyond a team.\n"
    "Note: this needs a Power Apps licence.\n"
    "\n"
    "- one\n"
    "- two\n"
    "\n"
    '<img src="/assets/images/x.png" alt="x">\n'
)


def unterminated(corpus: Path, name: str) -> tuple[str, int, str]:
    """(the item without its closing line, the last line of its front matter, line break)."""
    text = (corpus / "_news" / name).read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = lines.index("---", 1)
    last = max(i for i in range(closing) if lines[i].strip())  # 0-based = the line above
    return newline.join(lines[:closing] + lines[closing + 1 :]), last + 1, newline


def write(tmp_path: Path, text: str, name: str = LF_ITEM) -> Path:
    path = tmp_path / "_news" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def findings(capsys: Any, path: Path) -> list[tuple[str, int, int, str]]:
    result = check_json(capsys, path)
    assert "Traceback" not in result.err and result.code == 1
    return [(f["code"], f["line"], f["column"], f["message"]) for f in result.findings]


def line_number(text: str, prefix: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def assert_y003(found: tuple[str, int, int, str], last: int) -> None:
    code, line, column, message = found
    assert (code, line, column) == ("Y003", 1, 1)
    assert "no closing '---' line" in message
    assert f"add '---' after line {last}" in message


@pytest.mark.parametrize("name", [LF_ITEM, CRLF_ITEM])
def test_where_the_front_matter_most_likely_ends(
    capsys: Any, tmp_path: Path, news_corpus: Path, name: str
) -> None:
    text, last, _ = unterminated(news_corpus, name)
    (only,) = findings(capsys, write(tmp_path, text, name))
    assert_y003(only, last)


@pytest.mark.parametrize("name", [LF_ITEM, CRLF_ITEM])
@pytest.mark.parametrize("directly", [False, True], ids=["after-a-blank-line", "directly"])
def test_a_markdown_body_below_adds_no_finding(
    capsys: Any, tmp_path: Path, news_corpus: Path, name: str, directly: bool
) -> None:
    """Headings, prose (with a ``Note: ...`` line that YAML would read as a key), a list and
    HTML below the front matter: the body, not YAML."""
    text, last, newline = unterminated(news_corpus, name)
    text = text.rstrip("\r\n") + newline + ("" if directly else newline)
    text += BODY.replace("\n", newline)
    (only,) = findings(capsys, write(tmp_path, text, name))
    assert_y003(only, last)


def _schema(text: str) -> tuple[str, tuple[str, int, int, str]]:
    line = line_number(text, "quality:")
    return re.sub(r"quality: \d+", "quality: high", text, count=1), (
        "N001",
        line,
        10,
        "$.quality: expected an integer",
    )


def _duplicate(text: str) -> tuple[str, tuple[str, int, int, str]]:
    line = line_number(text, "type: article") + 1
    return text.replace("type: article", "type: article\ntype: video", 1), (
        "Y002",
        line,
        1,
        "duplicate key 'type'",
    )


def _tab(text: str) -> tuple[str, tuple[str, int, int, str]]:
    line = line_number(text, "  name: Microsoft")
    return text.replace("  name: Microsoft", "\tname: Microsoft", 1), (
        "Y001",
        line,
        1,
        "a tab indents this line",
    )


def _misspelt(text: str) -> tuple[str, tuple[str, int, int, str]]:
    line = line_number(text, "heat:")
    return text.replace("heat:", "haet:", 1), ("N001", line, 1, "did you mean 'heat'")


@pytest.mark.parametrize("defect", [_schema, _duplicate, _tab, _misspelt])
@pytest.mark.parametrize("body", [False, True], ids=["no-body", "markdown-body"])
def test_a_defect_inside_is_reported_in_the_same_run(
    capsys: Any, tmp_path: Path, news_corpus: Path, defect: Any, body: bool
) -> None:
    text, last, _ = unterminated(news_corpus, LF_ITEM)
    text, (code, line, column, words) = defect(text)
    if code == "Y002":
        last += 1  # a line more above the end
    if body:
        text = text.rstrip("\n") + "\n\n" + BODY
    y003, other = findings(capsys, write(tmp_path, text))
    assert_y003(y003, last)
    assert other[:3] == (code, line, column) and words in other[3]


def test_no_fix_is_applied_on_a_guess(capsys: Any, tmp_path: Path, news_corpus: Path) -> None:
    """``--fix`` edits nothing in a file whose front matter has no end (the duplicate key has a
    safe fix when it is closed)."""
    text, _, _ = unterminated(news_corpus, LF_ITEM)
    path = write(tmp_path, text.replace("type: article", "type: article\ntype: article", 1))
    before = path.read_bytes()
    result = run_cli(capsys, "check", "--fix", "--no-cache", path)
    assert result.code == 1 and "no closing '---' line" in result.out
    assert path.read_bytes() == before
