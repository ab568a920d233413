"""Baselines on a real corpus: ``--write-baseline`` makes the next run clean, findings keep
matching when lines move, a new defect then appears alone, stale entries are listed, and the
file is sorted, diff-friendly JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NEWS_CORPUS, need
from tests.helpers import run_cli

ENTITY_ITEM = "_news/2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md"
DUPLICATE_ITEM = "_news/2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md"
OTHER_ITEM = "_news/2020-09-15-microsoft-power-platform-learning-resources.md"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(need(NEWS_CORPUS), root)
    monkeypatch.chdir(root)
    return root


def check(capsys: Any, *args: str | Path) -> tuple[int, list[dict[str, Any]], str]:
    result = run_cli(capsys, "check", "--no-cache", "--format", "json", *args, ".")
    return result.code, json.loads(result.out), result.err


def insert_above(path: Path, line: int, text: str) -> None:
    data = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in data else "\n"
    lines = data.split(newline)
    lines.insert(line - 1, text)
    path.write_bytes(newline.join(lines).encode("utf-8"))


def test_baseline_makes_the_next_run_clean_and_a_new_defect_appears_alone(
    capsys: Any, site: Path
) -> None:
    code, found, _ = check(capsys)
    assert code == 1 and len(found) == 2
    result = run_cli(
        capsys, "check", "--no-cache", "--write-baseline", "seedlint-baseline.json", "."
    )
    assert result.code == 0, "the findings just recorded are not new"
    assert "wrote 2 findings to the baseline" in result.err
    code, found, _ = check(capsys, "--baseline", "seedlint-baseline.json")
    assert (code, found) == (0, [])
    # lines added above both recorded findings: they still match
    insert_above(site / ENTITY_ITEM, 2, "# checked by the desk")
    insert_above(site / DUPLICATE_ITEM, 2, "# checked by the desk")
    assert [f["line"] for f in check(capsys)[1]] == [22, 7]  # the findings did move
    code, found, err = check(capsys, "--baseline", "seedlint-baseline.json")
    assert (code, found) == (0, []) and "no longer match" not in err
    # a new defect appears alone
    other = site / OTHER_ITEM
    other.write_text(other.read_text("utf-8").replace("quality: ", "quality: x", 1), "utf-8")
    code, found, _ = check(capsys, "--baseline", "seedlint-baseline.json")
    assert code == 1
    assert [(f["code"], f["path"]) for f in found] == [("N001", OTHER_ITEM)]


def test_a_second_identical_defect_is_new(capsys: Any, site: Path) -> None:
    run_cli(capsys, "check", "--no-cache", "--write-baseline", "b.json", ".")
    item = site / ENTITY_ITEM
    lines = item.read_text("utf-8").split("\n")
    assert lines[20].startswith("  - url:") and lines[23].strip() == "isCached: true"
    lines[24:24] = lines[20:24]  # the same image again: an identical second defect
    item.write_text("\n".join(lines), "utf-8")
    code, found, _ = check(capsys, "--baseline", "b.json")
    assert code == 1
    assert [(f["code"], f["line"]) for f in found] == [("N005", 25)]


def test_stale_entries_are_counted_and_listed(capsys: Any, site: Path) -> None:
    run_cli(capsys, "check", "--no-cache", "--write-baseline", "b.json", ".")
    item = site / ENTITY_ITEM
    item.write_text(item.read_text("utf-8").replace("&#038;", "&"), "utf-8")  # fixed
    code, found, err = check(capsys, "--baseline", "b.json")
    assert (code, found) == (0, [])
    assert "1 baseline entry no longer match any finding" in err
    result = run_cli(
        capsys,
        "check",
        "--no-cache",
        "--baseline",
        "b.json",
        "--show-stale",
        "--format",
        "json",
        ".",
    )
    assert json.loads(result.out) == []
    assert f"stale baseline entry: {ENTITY_ITEM}: N005" in result.err
    # rewriting the baseline shrinks it
    run_cli(capsys, "check", "--no-cache", "--write-baseline", "b.json", ".")
    entries = json.loads((site / "b.json").read_text("utf-8"))["findings"]
    assert [e["code"] for e in entries] == ["N003"]


def test_the_file_is_sorted_diff_friendly_json(capsys: Any, site: Path) -> None:
    run_cli(
        capsys,
        "check",
        "--no-cache",
        "--write-baseline",
        "baseline/seedlint.json",
        ".",
    )
    text = (site / "baseline" / "seedlint.json").read_text("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    entries = data["findings"]
    assert data["seedlint-baseline"] == 1
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["content"]))
    assert [e["code"] for e in entries] == ["N005", "N003"]
    paths = {e["path"] for e in entries}
    assert all(p.startswith("../_news/") for p in paths), "relative to the baseline's folder"
    n005 = next(e for e in entries if e["code"] == "N005")
    assert n005 == {
        "code": "N005",
        "content": '- url: "https://i2.wp.com/sympmarc.com/wp-content/uploads/2021/02/image.png'
        '?resize=620%2C497&#038;ssl=1"',
        "count": 1,
        "path": f"../{ENTITY_ITEM}",
    }
    assert "line" not in n005, "keyed by content, never by line number"
    # written again from the same findings: byte for byte the same file
    run_cli(
        capsys,
        "check",
        "--no-cache",
        "--write-baseline",
        "baseline/seedlint.json",
        ".",
    )
    assert (site / "baseline" / "seedlint.json").read_text("utf-8") == text


def test_baseline_used_from_another_directory(
    capsys: Any, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli(capsys, "check", "--no-cache", "--write-baseline", "b.json", ".")
    monkeypatch.chdir(site / "_news")
    result = run_cli(capsys, "check", "--no-cache", "--baseline", "../b.json", ".")
    assert result.code == 0 and "Found 0 findings" in result.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found (create it with --write-baseline"),
        ("{not json", "b.json:1:2: baseline is not valid JSON"),
        ('{"findings": []}', "not a seedlint baseline"),
        ('{"seedlint-baseline": 9, "findings": []}', "baseline version 9 is not supported"),
        ('{"seedlint-baseline": 1, "findings": [{"code": "N005"}]}', "entry 1 lacks one of"),
    ],
)
def test_bad_baseline_files_are_clear_errors(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "b.json").write_text(content, "utf-8")
    result = run_cli(capsys, "check", "--no-cache", "--baseline", "b.json", need(NEWS_CORPUS))
    assert result.code == 2 and message in result.err and "Traceback" not in result.err


def test_a_run_over_some_files_reports_no_stale_entries_for_the_others(
    capsys: Any, site: Path
) -> None:
    """A pre-commit hook passes only the changed files: the baseline's entries for every
    other file are not stale."""
    run_cli(capsys, "check", "--no-cache", "--write-baseline", "b.json", ".")
    result = run_cli(capsys, "check", "--no-cache", "--baseline", "b.json", OTHER_ITEM)
    assert result.code == 0 and "no longer match" not in result.err
    item = site / ENTITY_ITEM
    item.write_text(item.read_text("utf-8").replace("&#038;", "&"), "utf-8")
    result = run_cli(capsys, "check", "--no-cache", "--baseline", "b.json", ENTITY_ITEM)
    assert result.code == 0 and "1 baseline entry no longer match" in result.err


def test_show_stale_without_a_baseline_says_so(capsys: Any, site: Path) -> None:
    result = run_cli(capsys, "check", "--no-cache", "--show-stale", ENTITY_ITEM)
    assert result.code == 1 and "no baseline was given" in result.err
