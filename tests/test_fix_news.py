"""``--fix``/``--diff`` on news items: copies of real items with injected defects come back
byte for byte as they were (so nothing outside the fixed values moved), fixing twice changes
nothing the second time, and the fixed rules pass afterwards."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NEWS_CORPUS, need
from tests.helpers import Outcome, check_json, run_cli

REAL_DEFECT = "2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md"
CRLF_ITEM = (
    "2020-09-23-as-low-code-competition-grows-microsoft-integrates-power-apps-with-github-and-"
    "teams.md"
)


def news(name: str) -> Path:
    return need(NEWS_CORPUS) / "_news" / name


def copy_item(tmp_path: Path, name: str, edit: Any = None, new_name: str | None = None) -> Path:
    """A copy of a real item in ``tmp_path/_news`` (bytes kept), optionally edited."""
    raw = news(name).read_bytes()
    target = tmp_path / "_news" / (new_name or name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(edit(raw) if edit else raw)
    return target


def sub(old: bytes, new: bytes, count: int = 1) -> Any:
    def edit(raw: bytes) -> bytes:
        assert raw.count(old) >= count, old
        return raw.replace(old, new, count)

    return edit


def fix(capsys: Any, *args: str | Path) -> Outcome:
    return run_cli(capsys, "check", "--no-cache", "--fix", *args)


def diff(capsys: Any, *args: str | Path) -> Outcome:
    return run_cli(capsys, "check", "--no-cache", "--diff", *args)


def codes(capsys: Any, *args: str | Path) -> list[str]:
    result = check_json(capsys, *args)
    assert result.code in (0, 1), result.err
    return sorted(result.codes())


def test_real_entity_defect_is_fixed_and_nothing_else_changes(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(tmp_path, REAL_DEFECT)
    original = path.read_bytes()
    assert codes(capsys, path) == ["N005"]
    result = fix(capsys, path)
    assert result.code == 0, result.out + result.err
    assert "Fixed 1 finding in 1 file (N005 x1)." in result.out
    assert path.read_bytes() == original.replace(b"&#038;", b"&")
    assert codes(capsys, path) == []
    again = fix(capsys, path)
    assert again.code == 0 and "Fixed" not in again.out
    assert path.read_bytes() == original.replace(b"&#038;", b"&")


def test_diff_writes_nothing_and_applies_like_fix(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = copy_item(tmp_path, REAL_DEFECT)
    original = path.read_bytes()
    result = diff(capsys, "_news")
    assert result.code == 1
    assert path.read_bytes() == original
    assert f"--- a/_news/{REAL_DEFECT}\n+++ b/_news/{REAL_DEFECT}\n" in result.out
    assert '-  - url: "https://i2.wp.com/' in result.out and '&#038;ssl=1"\n' in result.out
    assert '+  - url: "https://i2.wp.com/' in result.out and '497&ssl=1"\n' in result.out
    assert "Would fix 1 finding in 1 file (N005 x1)." in result.err
    (tmp_path / "fix.patch").write_text(result.out, encoding="utf-8", newline="")
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True)
    assert path.read_bytes() == original.replace(b"&#038;", b"&")
    clean = diff(capsys, "_news")
    assert clean.code == 0 and clean.out == "" and "No fixes to apply." in clean.err


def _inject(raw: bytes) -> bytes:
    """Safe-fixable defects in every item: white space after the title, a repeated ``type``
    line, an HTML entity for the last slash of the article URL."""
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    raw, n = re.subn(rb'^(title: ".*)"(\r?)$', rb'\1  "\2', raw, count=1, flags=re.M)
    assert n == 1
    raw, n = re.subn(rb"^(type: \w+)(\r?\n)", rb"\1\2\1\2", raw, count=1, flags=re.M)
    assert n == 1
    raw, n = re.subn(
        rb'^((?:webUrl|sourceUrl): "?https://[^\r\n]*)/([^/\r\n]*\r?)$',
        rb"\1&#47;\2",
        raw,
        count=1,
        flags=re.M,
    )
    assert newline in raw
    return raw


def test_whole_corpus_with_injected_defects_comes_back_byte_for_byte(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = need(NEWS_CORPUS)
    site = tmp_path / "site"
    shutil.copytree(corpus, site)
    originals = {p.name: p.read_bytes() for p in sorted((corpus / "_news").glob("*.md"))}
    assert sum(b"\r\n" in raw for raw in originals.values()) > 0  # CRLF items are included
    for name, raw in originals.items():
        (site / "_news" / name).write_bytes(_inject(raw))
    monkeypatch.chdir(site)
    before = codes(capsys, "_news")
    assert before.count("Y002") == len(originals) and before.count("N007") == len(originals)
    assert before.count("N005") > len(originals) * 9 // 10

    result = fix(capsys, "--jobs", "2", "_news")  # outcomes with fixes come from workers
    assert result.code == 1  # the real duplicate article (N003) remains: it has no fix
    assert "N003" in result.out
    for name, raw in originals.items():
        expected = raw.replace(b"&#038;", b"&") if name == REAL_DEFECT else raw
        assert (site / "_news" / name).read_bytes() == expected, name
    assert codes(capsys, "_news") == ["N003"]

    again = fix(capsys, "_news")
    assert "Fixed" not in again.out
    assert diff(capsys, "_news").code == 0
    for name, raw in originals.items():
        expected = raw.replace(b"&#038;", b"&") if name == REAL_DEFECT else raw
        assert (site / "_news" / name).read_bytes() == expected, name
    assert not list(site.rglob("*.seedlint-tmp"))


def test_near_miss_key_is_renamed_only_with_unsafe_fixes(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(tmp_path, CRLF_ITEM, sub(b"\r\nquality:", b"\r\nqualty:"))
    injected = path.read_bytes()
    result = fix(capsys, path)
    assert result.code == 1
    assert path.read_bytes() == injected
    assert "N001 unsafe fix available: rename key 'qualty' to 'quality'" in result.out
    assert "1 unsafe fix is available with --unsafe-fixes" in result.out
    result = fix(capsys, "--unsafe-fixes", path)
    assert result.code == 0, result.out
    assert path.read_bytes() == news(CRLF_ITEM).read_bytes()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"\ntitle:", b"\ntitel: x\ntitle:"),  # 'title' exists: renaming would duplicate it
        (b"\nheat:", b"\nurl: x\nheat:"),  # several URL keys are as close: ambiguous
    ],
)
def test_ambiguous_key_gets_no_fix(capsys: Any, tmp_path: Path, old: bytes, new: bytes) -> None:
    name = "2021-03-30-power-apps-code-review-tool.md"
    path = copy_item(tmp_path, name, sub(old, new))
    injected = path.read_bytes()
    result = fix(capsys, "--unsafe-fixes", path)
    assert result.code == 1 and "N001" in result.out
    assert path.read_bytes() == injected


def test_filename_date_is_reported_then_renamed_with_unsafe_fixes(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    wrong = REAL_DEFECT.replace("2021-02-16", "2021-03-01")
    right = REAL_DEFECT.replace("2021-02-16", "2021-02-15")  # publishedDateTime 2021-02-15T22:10
    path = copy_item(tmp_path, REAL_DEFECT, new_name=wrong)
    original = path.read_bytes()

    shown = diff(capsys, "_news")
    assert (
        f"N002 unsafe fix available: rename the file to {right} "
        f"(git mv _news/{wrong} _news/{right})" in shown.err
    )
    assert "rename from" not in shown.out

    result = fix(capsys, "_news")
    assert path.exists() and not (tmp_path / "_news" / right).exists()
    assert f"N002 unsafe fix available: rename the file to {right}" in result.out

    shown = diff(capsys, "--unsafe-fixes", "_news")
    assert f"rename from _news/{wrong}\nrename to _news/{right}\n" in shown.out

    result = fix(capsys, "--unsafe-fixes", f"_news/{wrong}")
    assert f"Renamed _news/{wrong} -> _news/{right}." in result.out
    assert result.code == 0, result.out  # the check after the fix ran on the new name
    assert not path.exists()
    assert (tmp_path / "_news" / right).read_bytes() == original.replace(b"&#038;", b"&")


def test_rename_never_replaces_an_existing_file(capsys: Any, tmp_path: Path) -> None:
    wrong = REAL_DEFECT.replace("2021-02-16", "2021-03-01")
    right = REAL_DEFECT.replace("2021-02-16", "2021-02-15")
    path = copy_item(tmp_path, REAL_DEFECT, sub(b"&#038;", b"&"), new_name=wrong)
    occupant = tmp_path / "_news" / right
    occupant.write_bytes(b"someone else's file\n")
    result = fix(capsys, "--unsafe-fixes", path)
    assert result.code == 1
    assert f"not renamed to {right}: cannot rename: {right} already exists" in result.out
    assert occupant.read_bytes() == b"someone else's file\n"
    assert path.exists()


def test_duplicate_key_with_a_different_value_is_left_alone(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(
        tmp_path, REAL_DEFECT, sub(b"type: article\n", b"type: article\ntype: video\n")
    )
    injected = path.read_bytes()
    result = fix(capsys, path)
    assert "Y002" in result.out
    assert path.read_bytes() == injected.replace(b"&#038;", b"&")


def test_duplicate_block_value_is_deleted_with_its_lines_only(capsys: Any, tmp_path: Path) -> None:
    block = b"provider:\n  name: Marc D Anderson's Blog\n  domain: sympmarc.com\n"
    path = copy_item(
        tmp_path, REAL_DEFECT, sub(b"\ntopics:", b"\n# about the topics\n" + block + b"\ntopics:")
    )
    result = fix(capsys, path)
    assert result.code == 0, result.out
    expected = news(REAL_DEFECT).read_bytes().replace(b"&#038;", b"&")
    assert path.read_bytes() == expected.replace(b"\ntopics:", b"\n# about the topics\n\ntopics:")


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        (b'title: "  Power Apps\\t"', b'title: "Power Apps"'),
        (b'title: "Power Apps\\u00a0\\_"', b'title: "Power Apps"'),
        (b"title: ' Power Apps '", b"title: 'Power Apps'"),
        (b"title: 'It''s Power Apps '", b"title: 'It''s Power Apps'"),
        (b'title: "Power Apps\n  "', b'title: "Power Apps"'),
        (b'title: "Power Apps " # a comment', b'title: "Power Apps" # a comment'),
    ],
)
def test_value_whitespace_is_stripped_in_its_own_quoting(
    capsys: Any, tmp_path: Path, written: bytes, fixed: bytes
) -> None:
    line = b'title: "Power Apps: Filtering by Multi-select SharePoint Columns"'
    path = copy_item(tmp_path, REAL_DEFECT, sub(line, written))
    assert "N007" in codes(capsys, path)
    result = fix(capsys, path)
    assert result.code == 0, result.out
    expected = news(REAL_DEFECT).read_bytes().replace(b"&#038;", b"&").replace(line, fixed)
    assert path.read_bytes() == expected


def test_url_whitespace_is_one_finding_not_two(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(tmp_path, REAL_DEFECT, sub(b'webUrl: "https', b'webUrl: " https'))
    assert codes(capsys, path) == ["N005", "N007"]  # no N001 'does not match' for the URL
    assert fix(capsys, path).code == 0
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes().replace(b"&#038;", b"&")


def test_excerpts_copied_from_feeds_keep_their_white_space(capsys: Any) -> None:
    item = news("2021-03-30-power-apps-code-review-tool.md")  # excerpt: " I am happy to..."
    assert b'excerpt: " I am' in item.read_bytes()
    assert codes(capsys, item) == []


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        (b'webUrl: "https://x.com/a?b=1&amp;c=2"', b'webUrl: "https://x.com/a?b=1&c=2"'),
        (b"webUrl: https://x.com/a?b=1&#x26;c=2", b"webUrl: https://x.com/a?b=1&c=2"),
        (b"webUrl: 'https://x.com/a?b=1&#38;c=2'", b"webUrl: 'https://x.com/a?b=1&c=2'"),
        (b'webUrl: "https://x.com/a?q=&quot;x&quot;"', b'webUrl: "https://x.com/a?q=\\"x\\""'),
        (b"webUrl: 'https://x.com/a?q=&#39;x'", b"webUrl: 'https://x.com/a?q=''x'"),
        (b'webUrl: "https://x.com/a?b=1&amp;amp;c=2"', b'webUrl: "https://x.com/a?b=1&c=2"'),
    ],
)
def test_entity_fix_keeps_the_quoting(
    capsys: Any, tmp_path: Path, written: bytes, fixed: bytes
) -> None:
    line = b'webUrl: "https://sympmarc.com/2021/02/15/power-apps-filtering-by-multi-select-sharepoint-columns/"'
    path = copy_item(tmp_path, REAL_DEFECT, sub(line, written))
    result = fix(capsys, "--select", "N005", path)
    assert result.code == 0, result.out
    expected = news(REAL_DEFECT).read_bytes().replace(b"&#038;", b"&").replace(line, fixed)
    assert path.read_bytes() == expected
    assert fix(capsys, "--select", "N005", path).code == 0
    assert path.read_bytes() == expected


def test_suppressed_or_unselected_findings_are_not_fixed(capsys: Any, tmp_path: Path) -> None:
    ignored = copy_item(
        tmp_path, REAL_DEFECT, sub(b'&#038;ssl=1"\n', b'&#038;ssl=1"  # seedlint: ignore[N005]\n')
    )
    injected = ignored.read_bytes()
    assert fix(capsys, ignored).code == 0
    assert ignored.read_bytes() == injected

    line = b'title: "Power Apps: Filtering by Multi-select SharePoint Columns"'
    spaced = b'title: "Power Apps: Filtering by Multi-select SharePoint Columns "'
    path = copy_item(tmp_path / "b", REAL_DEFECT, sub(line, spaced))
    fix(capsys, "--ignore", "N005", path)
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes()  # N007 fixed, N005 left
    fix(capsys, "--select", "N007", path)
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes()


# Every fixable rule and the safety of its fix; each is applied by a test of tests/test_fix_*.py
# (a rule that declared a fix it does not make, or made one it does not declare, fails here or
# there: the engine never applies a fix its rule does not declare).
FIXABLE = {
    "Y002": "safe",
    "N001": "unsafe",
    "N002": "unsafe",
    "N005": "safe",
    "N007": "safe",
    "D203": "unsafe",
    "D206": "safe",
    "D403": "safe",
    "G001": "safe",
    "G002": "safe",
    "G003": "safe",
}


def test_rules_table_shows_each_fix_and_its_safety(capsys: Any) -> None:
    result = run_cli(capsys, "rules")
    rows = [line.split() for line in result.out.splitlines()[1:] if line.strip()]
    assert {row[0]: row[4] for row in rows if row[4] != "-"} == FIXABLE
