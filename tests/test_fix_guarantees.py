"""What ``--fix`` promises whatever the input: atomic writes with permissions kept, no write to
a file with a syntax error, to a file that changed during the run, or outside the checked
paths, and a second run that changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from seedlint.fixes import write
from seedlint.fixes.model import Edit, Fix
from tests.helpers import run_cli
from tests.test_fix_news import REAL_DEFECT, copy_item, fix, news, sub


def fixed_bytes() -> bytes:
    return news(REAL_DEFECT).read_bytes().replace(b"&#038;", b"&")


def leftovers(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.name.endswith(".seedlint-tmp")]


def test_permissions_are_kept_and_the_file_is_replaced_whole(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(tmp_path, REAL_DEFECT)
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    assert fix(capsys, path).code == 0
    assert path.read_bytes() == fixed_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # a new file renamed over the old one, not rewritten
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_write_leaves_the_old_file(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    path = copy_item(tmp_path, REAL_DEFECT)
    original = path.read_bytes()

    def fail(*args: Any) -> None:
        raise failure

    monkeypatch.setattr(write.os, "replace", fail)
    result = fix(capsys, path)
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []
    if isinstance(failure, KeyboardInterrupt):
        assert result.code == 130
    else:
        assert result.code == 1
        assert "not fixed: cannot be written" in result.out


def test_a_file_changed_during_the_run_is_not_overwritten(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_item(tmp_path, REAL_DEFECT)
    from seedlint.fixes import command

    real_plan = command.plan_fixes

    def plan_then_edit(*args: Any, **kwargs: Any) -> Any:
        plan = real_plan(*args, **kwargs)
        path.write_bytes(path.read_bytes().replace(b"quality: 37", b"quality: 38"))  # an editor
        return plan

    monkeypatch.setattr(command, "plan_fixes", plan_then_edit)
    result = fix(capsys, path)
    assert "not fixed: changed on disk during the run; not overwritten" in result.out
    assert b"quality: 38" in path.read_bytes() and b"&#038;" in path.read_bytes()
    assert leftovers(tmp_path) == []


def test_the_check_right_before_the_swap_sees_a_late_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        path.write_bytes(b"edited meanwhile")

    monkeypatch.setattr(write.os, "fsync", fsync_then_edit)
    with pytest.raises(write.NotWritten, match="changed on disk"):
        write.replace_atomically(path, b"old", b"new")
    assert path.read_bytes() == b"edited meanwhile"
    assert leftovers(tmp_path) == []


def test_a_file_with_a_syntax_error_is_never_rewritten(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(
        tmp_path,
        REAL_DEFECT,
        sub(b"quality: 37\n", b'quality: "37\n'),  # an unclosed quote, and the entity still there
    )
    injected = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = fix(capsys, "--unsafe-fixes", path)
    assert result.code == 1 and "Y001" in result.out and "Fixed" not in result.out
    assert path.read_bytes() == injected and path.stat().st_mtime_ns == mtime


ALIAS_BOMB = (
    b"---\nurl: 'x&amp;'\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, 7)
    )
    + b"---\n"
)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xfe---\ntitle: x\n",  # UTF-16 byte-order mark
        b"---\ntitle: caf\xe9&amp;\n---\n",  # Latin-1
        b"---\nurl: \x00&amp;\n---\n",  # NUL byte
        ALIAS_BOMB,
        b"---\nwebUrl: https://x.com/&amp;\n",  # unterminated front matter
        b"---\n" + b"[" * 5000 + b"\n---\n",  # deep nesting
    ],
)
def test_bad_inputs_are_reported_and_left_untouched(
    capsys: Any, tmp_path: Path, garbage: bytes
) -> None:
    path = tmp_path / "_news" / "2021-01-01-bad.md"
    path.parent.mkdir()
    path.write_bytes(garbage)
    result = fix(capsys, "--unsafe-fixes", path)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert "internal error" not in result.out + result.err
    assert path.read_bytes() == garbage
    assert leftovers(tmp_path) == []


def test_a_fix_that_would_break_the_syntax_is_dropped(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a buggy fix cannot write a broken file: the edited text is parsed again first."""
    import seedlint.validators.news_url_entities as rule

    def broken(doc: Any, path: Any, entity: Any) -> Fix:
        start = doc.source.text.index("&#038;")
        return Fix.of([Edit(start, start + 6, '"\n  bad: [')], "safe", "broken")

    monkeypatch.setattr(rule, "unescape_entities", broken)
    path = copy_item(tmp_path, REAL_DEFECT)
    result = fix(capsys, path)
    assert "a fix would have introduced a syntax error" in result.out
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes()


def test_nothing_outside_the_checked_paths_is_written(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = copy_item(tmp_path / "checked", REAL_DEFECT)
    sibling = copy_item(tmp_path / "checked", REAL_DEFECT, new_name="2021-02-16-sibling.md")
    outside = copy_item(tmp_path / "outside", REAL_DEFECT)
    link = tmp_path / "checked" / "_news" / "2021-02-16-link.md"
    link.symlink_to(outside)
    monkeypatch.chdir(tmp_path)
    fix(capsys, "checked/_news/" + REAL_DEFECT)  # one file named: only it is fixed
    assert checked.read_bytes() == fixed_bytes()
    assert sibling.read_bytes() == news(REAL_DEFECT).read_bytes()
    fix(capsys, "checked")  # the directory: its files, never the link's target
    assert sibling.read_bytes() == fixed_bytes()
    assert outside.read_bytes() == news(REAL_DEFECT).read_bytes()
    assert link.is_symlink()
    assert leftovers(tmp_path) == []


def test_byte_order_mark_and_crlf_are_kept(capsys: Any, tmp_path: Path) -> None:
    def bom_crlf(raw: bytes) -> bytes:
        return b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")

    path = copy_item(tmp_path, REAL_DEFECT, bom_crlf)
    assert fix(capsys, path).code == 0
    assert path.read_bytes() == bom_crlf(fixed_bytes())


def test_fixes_that_need_two_passes_settle_in_one_run(capsys: Any, tmp_path: Path) -> None:
    """A doubly escaped entity and a repeated key whose value needs a fix too."""
    path = copy_item(
        tmp_path,
        REAL_DEFECT,
        sub(b'&#038;ssl=1"\n', b'&amp;amp;ssl=1"\n    width: 620\n'),
    )
    result = fix(capsys, path)
    assert result.code == 0, result.out
    assert path.read_bytes() == fixed_bytes()
    assert fix(capsys, path).out.count("Fixed") == 0


def test_unsafe_fixes_without_fix_or_diff_change_nothing(capsys: Any, tmp_path: Path) -> None:
    path = copy_item(tmp_path, REAL_DEFECT)
    result = run_cli(capsys, "check", "--no-cache", "--unsafe-fixes", path)
    assert result.code == 1 and "N005" in result.out
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes()


def test_machine_output_stays_parseable_with_fix(capsys: Any, tmp_path: Path) -> None:
    import json

    path = copy_item(tmp_path, REAL_DEFECT, sub(b"quality:", b"qualty:"))
    result = run_cli(capsys, "check", "--no-cache", "--fix", "--format", "json", path)
    assert [f["code"] for f in json.loads(result.out)] == ["N001"]
    assert "Fixed 1 finding" in result.err and "unsafe fix available" in result.err


def test_fixes_that_never_settle_leave_the_file_as_it_was(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seedlint.validators.news_url_entities as rule

    def growing(doc: Any, path: Any, entity: Any) -> Fix:  # a buggy fix: the entity stays
        start = doc.source.text.index("&#038;")
        return Fix.of([Edit(start, start, "x")], "safe", "grows")

    monkeypatch.setattr(rule, "unescape_entities", growing)
    path = copy_item(tmp_path, REAL_DEFECT)
    result = fix(capsys, path)
    assert "fixes did not settle after 10 passes" in result.out
    assert path.read_bytes() == news(REAL_DEFECT).read_bytes()


def test_a_fix_that_changes_nothing_is_not_applied(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seedlint.validators.news_url_entities as rule

    def same(doc: Any, path: Any, entity: Any) -> Fix:
        start = doc.source.text.index("&#038;")
        return Fix.of([Edit(start, start + 6, "&#038;")], "safe", "no-op")

    monkeypatch.setattr(rule, "unescape_entities", same)
    path = copy_item(tmp_path, REAL_DEFECT)
    mtime = path.stat().st_mtime_ns
    result = fix(capsys, path)
    assert "Fixed" not in result.out and "not fixed" not in result.out
    assert path.stat().st_mtime_ns == mtime


def test_diff_of_a_file_with_a_byte_order_mark_applies(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    monkeypatch.chdir(tmp_path)
    path = copy_item(tmp_path, REAL_DEFECT, lambda raw: b"\xef\xbb\xbf" + raw)
    result = run_cli(capsys, "check", "--no-cache", "--diff", "_news")
    assert result.code == 1
    (tmp_path / "fix.patch").write_text(result.out, encoding="utf-8", newline="")
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True)
    assert path.read_bytes() == b"\xef\xbb\xbf" + fixed_bytes()


def test_a_symlinked_file_is_reported_not_fixed(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = copy_item(tmp_path / "tree", REAL_DEFECT)
    link = real.with_name("2021-02-16-link.md")
    link.symlink_to(real.name)  # inside the tree: checked, never written through
    real_copy = real.read_bytes()
    monkeypatch.chdir(tmp_path / "tree")
    result = fix(capsys, "_news/2021-02-16-link.md")
    assert "2021-02-16-link.md: not fixed: is a symbolic link" in result.out
    assert link.is_symlink() and real.read_bytes() == real_copy
