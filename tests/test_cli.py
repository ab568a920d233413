"""The command line as a user meets it: exit codes, formats, paths, ``python -m``."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SEEDS
from tests.helpers import check_json, run_cli, run_subprocess

SEED = SEEDS / "002_2b530dd3ad88a63d.txt"


def bad_item(tmp_path: Path) -> Path:
    path = tmp_path / "bad.md"
    path.write_text(SEED.read_text("utf-8").replace("heat: 107", "heat: hot"), "utf-8")
    return path


def test_seeds_pass_through_python_m(tmp_path: Path) -> None:
    result = run_subprocess("check", "seeds/", cwd=ROOT)
    assert result.code == 0, result.out + result.err
    assert "5 files checked" in result.out


def test_findings_exit_1_and_exit_zero(capsys: Any, tmp_path: Path) -> None:
    path = bad_item(tmp_path)
    result = run_cli(capsys, "check", "--no-cache", path)
    assert result.code == 1
    assert result.out.startswith(f"{path}:12:7: N001 ")
    assert "Found 1 finding in 1 file; 1 file checked, 0 skipped." in result.out
    assert run_cli(capsys, "check", "--no-cache", "--exit-zero", path).code == 0


def test_missing_path_is_a_usage_error(capsys: Any, tmp_path: Path) -> None:
    result = run_cli(capsys, "check", str(tmp_path / "nope"))
    assert result.code == 2 and "no such file or directory" in result.err


def test_json_fields(capsys: Any, tmp_path: Path) -> None:
    result = check_json(capsys, bad_item(tmp_path))
    (finding,) = result.findings
    assert {
        "code",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "json_path",
        "kind",
    } <= set(finding)
    assert finding["kind"] == "news" and finding["severity"] == "error"
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        12,
        7,
        12,
        10,
    )
    assert finding["json_path"] == "$.heat"


def test_paths_are_relative_to_the_argument(capsys: Any, tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "sub").mkdir()
    bad_item(tmp_path / "sub")
    monkeypatch.chdir(tmp_path)
    result = check_json(capsys, "sub")
    assert [f["path"] for f in result.findings] == ["sub/bad.md"]
    result = check_json(capsys, "./sub/")
    assert [f["path"] for f in result.findings] == ["sub/bad.md"]


def test_select_and_ignore(capsys: Any, tmp_path: Path) -> None:
    path = bad_item(tmp_path)
    assert check_json(capsys, "--ignore", "N001", path).findings == []
    assert check_json(capsys, "--select", "N002", path).findings == []
    assert check_json(capsys, "--select", "N", path).codes() == ["N001"]


def test_rules_and_rule_docs(capsys: Any) -> None:
    listing = run_cli(capsys, "rules")
    assert listing.code == 0 and "N001" in listing.out and "filename-date" in listing.out
    doc = run_cli(capsys, "rule", "N005")
    assert doc.code == 0 and "**Why**" in doc.out and "**Fix**" in doc.out
    assert run_cli(capsys, "rule", "Z999").code == 2


def test_schema_command_prints_the_bundled_schema(capsys: Any) -> None:
    result = run_cli(capsys, "schema", "news")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "News item front matter"


def test_version(tmp_path: Path) -> None:
    result = run_subprocess("--version")
    assert result.code == 0 and result.out.startswith("seedlint ")


def test_wheel_ships_the_schemas_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("seedlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "seedlint/schemas/news-item.schema.json" in names
        archive.extractall(tmp_path / "site")
    probe = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import seedlint.news.schemas as s; "
            "print(s.__file__); print(s.bundled('news-item')['title'])",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    assert str(tmp_path / "site") in probe.stdout
    assert "News item front matter" in probe.stdout


def test_rules_shows_what_the_configuration_enables(
    capsys: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    default = run_cli(capsys, "rules", "--format", "json")
    enabled = {r["code"]: r["enabled"] for r in json.loads(default.out)}
    assert enabled["N101"] is False and enabled["N005"] is True
    (tmp_path / "seedlint.toml").write_text('extend-select = ["N101"]\nignore = ["N005"]\n')
    configured = run_cli(capsys, "rules", "--format", "json")
    enabled = {r["code"]: r["enabled"] for r in json.loads(configured.out)}
    assert enabled["N101"] is True and enabled["N005"] is False
