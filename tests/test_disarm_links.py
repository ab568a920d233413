"""Where DISARM links point, and that a link out of the corpus is never followed."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path
from typing import Any

import pytest

from seedlint.disarm.links import CorpusFiles, resolve
from tests.helpers import check_json
from tests.test_disarm_rules import corpus, technique


@pytest.mark.parametrize(
    ("target", "page_dir", "status", "path"),
    [
        (
            "../../generated_pages/incidents/I00082.md",
            "techniques",
            "inside",
            "incidents/I00082.md",
        ),
        ("../generated_pages/incidents/I00082.md", "techniques", "inside", "incidents/I00082.md"),
        ("../generated_pages/tactics/TA01.md", "", "inside", "tactics/TA01.md"),
        ("tactics/TA01.md", "", "inside", "tactics/TA01.md"),
        ("../incidents/I00029.md", "techniques", "inside", "incidents/I00029.md"),
        ("T0145.md#notes", "techniques", "inside", "techniques/T0145.md"),
        ("response%20types/D01.md", "", "inside", "response types/D01.md"),
        ("https://attack.mitre.org/techniques/T1586/", "techniques", "external", ""),
        ("#summary", "techniques", "anchor", ""),
        ("", "techniques", "empty", ""),
        ("../../..", "techniques", "outside", ""),
        ("../../../etc/passwd", "techniques", "outside", ""),
        ("%2e%2e/%2e%2e/%2e%2e/etc/passwd", "techniques", "outside", ""),
        ("%252e%252e/%252e%252e/x.md", "techniques", "outside", ""),
        ("..\\..\\..\\x.md", "techniques", "outside", ""),
        ("/etc/passwd", "techniques", "outside", ""),
        ("file:///etc/passwd", "techniques", "outside", ""),
        ("FILE:/etc/passwd", "techniques", "outside", ""),
        ("C:\\Windows\\win.ini", "techniques", "outside", ""),
        ("../../generated_pages/../../x.md", "techniques", "outside", ""),
    ],
)
def test_resolve(target: str, page_dir: str, status: str, path: str) -> None:
    resolved = resolve(target, page_dir)
    assert (resolved.status, resolved.path) == (status, path)


def test_corpus_files_are_listed_not_opened_and_compare_exactly(tmp_path: Path) -> None:
    (tmp_path / "techniques").mkdir()
    (tmp_path / "techniques" / "T0145.md").write_text("x", "utf-8")
    files = CorpusFiles(tmp_path)
    assert files.exists("techniques/T0145.md")
    assert not files.exists("techniques/t0145.md")
    assert not files.exists("tactics/TA15.md")
    assert files.listing("tactics") is None


def test_symlinked_directory_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("x", "utf-8")
    root = tmp_path / "generated_pages"
    root.mkdir()
    (root / "linked").symlink_to(outside, target_is_directory=True)
    files = CorpusFiles(root)
    assert not files.exists("linked/secret.md")


def test_links_out_of_the_corpus_are_never_read(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every way a link can leave the corpus is reported, and no file system call ever touches
    the target (a file that exists, next to the corpus)."""
    outside = tmp_path / "outside_secret"
    outside.mkdir()
    (outside / "secret.md").write_text("# Technique T0001: secret\n", "utf-8")
    targets = [
        "../../outside_secret/secret.md",
        "..%2f..%2foutside_secret%2fsecret.md",
        "%2e%2e/%2e%2e/outside_secret/secret.md",
        "..\\..\\outside_secret\\secret.md",
        f"{outside}/secret.md",
        f"file://{outside}/secret.md",
        "../../generated_pages/../outside_secret/secret.md",
    ]
    notes = "\n" + "\n".join(f"[T0001 secret]({t})" for t in targets) + "\n"
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", notes=notes)},
    )
    touched: list[str] = []

    def watch(function: Any) -> Any:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, (str, os.PathLike)) and "outside_secret" in os.fspath(path):
                touched.append(f"{function.__name__}({path})")
            return function(path, *args, **kwargs)

        return wrapper

    for module, name in [
        (os, "stat"),
        (os, "lstat"),
        (os, "scandir"),
        (os, "listdir"),
        (os, "open"),
        (builtins, "open"),
        (io, "open"),
    ]:
        monkeypatch.setattr(module, name, watch(getattr(module, name)))
    result = check_json(capsys, root)
    assert touched == []
    codes = [f["code"] for f in result.findings]
    assert codes == ["D202"] * len(targets), result.findings
