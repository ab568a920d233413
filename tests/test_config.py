"""Configuration as a team uses it (``[tool.seedlint]`` / ``seedlint.toml``, found from the
current directory or named by ``--config``), and the mistakes a new user makes: each one a
clear error naming the file, the line and the key, with exit code 2 and no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NEWS_CORPUS, SEEDS, need
from tests.helpers import run_cli

ENTITY_ITEM = "_news/2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md"
DUPLICATE_ITEM = "_news/2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md"
SEED = SEEDS / "002_2b530dd3ad88a63d.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the news corpus as a project directory, the current directory."""
    root = tmp_path / "project"
    shutil.copytree(need(NEWS_CORPUS), root)
    monkeypatch.chdir(root)
    return root


def findings(capsys: Any, *args: str | Path) -> list[tuple[str, str, int]]:
    result = run_cli(capsys, "check", "--no-cache", "--format", "json", *args)
    assert result.code in (0, 1), result.err
    return [(f["code"], f["path"], f["line"]) for f in json.loads(result.out)]


def codes(capsys: Any, *args: str | Path) -> list[str]:
    return sorted(code for code, _, _ in findings(capsys, *args))


def config_error(capsys: Any, *args: str | Path) -> str:
    result = run_cli(capsys, "check", "--no-cache", *args)
    assert result.code == 2, (result.out, result.err)
    assert result.out == "" and "Traceback" not in result.err
    assert result.err.startswith("seedlint: error: ")
    return result.err


# --- finding and applying the file --------------------------------------------------------------


def test_no_configuration_reports_both_real_defects(capsys: Any, project: Path) -> None:
    assert codes(capsys, ".") == ["N003", "N005"]


def test_pyproject_table_found_walking_up(
    capsys: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.seedlint]\nignore = ["N005"]\n', "utf-8"
    )
    monkeypatch.chdir(project / "_news")
    assert codes(capsys, ".") == ["N003"]


def test_seedlint_toml_wins_and_pyproject_without_table_is_skipped(
    capsys: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "seedlint.toml").write_text('ignore = ["N003"]\n', "utf-8")
    (project / "_news" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    monkeypatch.chdir(project / "_news")
    assert codes(capsys, ".") == ["N005"]


def test_explicit_config_and_isolated(capsys: Any, project: Path, tmp_path: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.seedlint]\nignore = ["N005"]\n', "utf-8")
    other = tmp_path / "strict.toml"
    other.write_text('ignore = ["N003"]\n', "utf-8")
    assert codes(capsys, ".") == ["N003"]
    assert codes(capsys, "--config", other, ".") == ["N005"]
    assert codes(capsys, "--isolated", ".") == ["N003", "N005"]


def test_command_line_overrides_the_file(capsys: Any, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.seedlint]\nselect = ["N003"]\nignore = ["N005"]\n', "utf-8"
    )
    assert codes(capsys, ".") == ["N003"]
    # --select starts the selection afresh, as in ruff: the file's ignore no longer applies
    assert codes(capsys, "--select", "N005", ".") == ["N005"]
    assert codes(capsys, "--ignore", "N003", ".") == []
    assert codes(capsys, "--extend-select", "N005", ".") == ["N003"]  # ignore still wins


def test_per_file_ignores_severity_and_extend_select(capsys: Any, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.seedlint]\n"
        'extend-select = ["N101"]\n'
        "[tool.seedlint.per-file-ignores]\n"
        '"_news/2021-02-16-*.md" = ["N005"]\n'
        "[tool.seedlint.severity]\n"
        'N = "warning"\n'
        'N003 = "info"\n',
        "utf-8",
    )
    result = run_cli(capsys, "check", "--no-cache", "--format", "json", ".")
    severities = {f["code"]: f["severity"] for f in json.loads(result.out)}
    assert "N005" not in severities and severities["N003"] == "info"
    assert {severities[c] for c in severities if c != "N003"} <= {"warning"}


def test_include_exclude_and_limits(capsys: Any, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.seedlint]\nexclude = ["2021-02-16-*"]\n'
        "[tool.seedlint.limits]\nmax-file-size = 1500\n",
        "utf-8",
    )
    found = findings(capsys, ".")
    too_large = {
        path.relative_to(project).as_posix()
        for path in (project / "_news").glob("*.md")
        if path.stat().st_size > 1500 and not path.name.startswith("2021-02-16-")
    }
    assert too_large, "the limit is below the size of some items"
    assert {p for code, p, _ in found if code == "R003"} == too_large
    assert ENTITY_ITEM not in {p for _, p, _ in found}


def test_kinds_map_globs_to_a_kind(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("Just a note, no front matter.\n", "utf-8")
    assert codes(capsys, "notes.md") == ["K001"]
    (tmp_path / "seedlint.toml").write_text('[kinds]\nnews = ["notes.md"]\n', "utf-8")
    assert codes(capsys, "notes.md") == ["Y003"]


def test_rule_options(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    item = tmp_path / "2020-09-24-item.md"
    text = SEED.read_text("utf-8")
    related = "what-are-the-chances-itll"
    assert text.count(related) >= 1
    item.write_text(text.replace(related, related + "?a=1&amp;b=2", 1), "utf-8")
    assert "N005" not in codes(capsys, item)
    (tmp_path / "seedlint.toml").write_text("[rules.N005]\ncheck-related = true\n", "utf-8")
    assert "N005" in codes(capsys, item)


def test_site_root_is_relative_to_the_file(
    capsys: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "_config.yml").unlink()  # no marker: without site-root no image is checked
    item = project / ENTITY_ITEM
    item.write_text(
        item.read_text("utf-8").replace("isCached: true", "isCached: true\n  - url: /img/x.png"),
        "utf-8",
    )
    assert "N004" not in codes(capsys, ".")
    (project / "pyproject.toml").write_text('[tool.seedlint]\nsite-root = "."\n', "utf-8")
    monkeypatch.chdir(project / "_news")
    assert "N004" in codes(capsys, ".")


# --- schemas ------------------------------------------------------------------------------------


def test_schema_allow_extra_properties(capsys: Any, project: Path) -> None:
    item = project / ENTITY_ITEM
    item.write_text(
        item.read_text("utf-8").replace("type: article", "type: article\nauthor: Marc"), "utf-8"
    )
    assert "N001" in codes(capsys, ".")
    (project / "pyproject.toml").write_text(
        "[tool.seedlint.schemas.news]\nallow-extra-properties = true\n", "utf-8"
    )
    assert "N001" not in codes(capsys, ".")


def test_schema_replaced_by_the_teams_own(capsys: Any, project: Path) -> None:
    printed = run_cli(capsys, "schema", "news")
    schema = json.loads(printed.out)
    schema["properties"]["author"] = {"type": "string"}
    schema.setdefault("required", []).append("author")
    (project / "schemas").mkdir()
    (project / "schemas" / "news.json").write_text(json.dumps(schema), "utf-8")
    (project / "seedlint.toml").write_text('[schemas.news]\npath = "schemas/news.json"\n', "utf-8")
    found = findings(capsys, ".")
    missing = [f for f in found if f[0] == "N001"]
    assert len(missing) == 192, "every item lacks the field the team's schema requires"


# --- mistakes a new user makes -----------------------------------------------------------------


MISTAKES = [
    # (configuration text, line, expected fragments)
    ('[tool.seedlint]\nselet = ["N005"]\n', 2, ["'tool.seedlint.selet'", "did you mean 'select'"]),
    ('[tool.seedlint]\nignore = "N005"\n', 2, ["'tool.seedlint.ignore'", 'write ["N005"]']),
    ('[tool.seedlint]\nignore = [\n  "N003",\n  "N05",\n]\n', 4, ["unknown rule code", "'N05'"]),
    ('[tool.seedlint]\nselect = ["n005"]\n', 2, ["did you mean 'N005'"]),
    ('[tool.seedlint.severity]\nN005 = "warn"\n', 2, ["did you mean 'warning'"]),
    (
        "[tool.seedlint]\nseverity = { N005 = 1 }\n",
        2,
        ["'tool.seedlint.severity.N005'", "not an integer"],
    ),
    ("[tool.seedlint.rules.N005]\ncheck_related = true\n", 2, ["did you mean 'check-related'"]),
    ('[tool.seedlint.rules.N005]\ncheck-related = "yes"\n', 2, ["must be a boolean, not a string"]),
    ("[tool.seedlint.rules.N003]\nstrict = true\n", 2, ["N003 has no options"]),
    ("[tool.seedlint.rules.Q001]\nx = 1\n", 1, ["unknown rule code 'Q001'"]),
    ('[tool.seedlint.limits]\nmax-file-size = "2MB"\n', 2, ["must be an integer, not a string"]),
    ("[tool.seedlint.limits]\nmax-yaml-depth = 0\n", 2, ["must be positive"]),
    ("[tool.seedlint.limits]\nmax_yaml_depth = 10\n", 2, ["did you mean 'max-yaml-depth'"]),
    ('[tool.seedlint.kinds]\nnew = ["*.md"]\n', 2, ["unknown kind", "did you mean 'news'"]),
    ('[tool.seedlint]\nsite-root = "no/such/dir"\n', 2, ["is not a directory"]),
    ('[tool.seedlint]\nselect = ["N005"\n', 2, ["invalid TOML"]),
    ("[tool.seedlint.schemas.nws]\nallow-extra-properties = true\n", 1, ["did you mean 'news'"]),
    ('[tool.seedlint.schemas.news]\nallow-extra-properties = "yes"\n', 2, ["true or false"]),
    ('[tool.seedlint.schemas.news]\npath = "missing.json"\n', 2, ["not found"]),
    ("[tool]\nseedlint = 3\n", 2, ["must be a table"]),
    ('[tool.seedlint]\noutput-format = "ful"\n', 2, ["did you mean 'full'"]),
    ('[project]\nname = "x"\n[seedlint]\nignore = ["N005"]\n', 3, ["[tool.seedlint] table"]),
]


@pytest.mark.parametrize(("text", "line", "fragments"), MISTAKES)
def test_configuration_mistakes(
    capsys: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    line: int,
    fragments: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text, "utf-8")
    err = config_error(capsys, SEEDS)
    assert f"pyproject.toml:{line}:" in err, err
    for fragment in fragments:
        assert fragment in err, err


def test_line_numbers_count_the_lines_above_the_table(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.ruff]\nline-length = 100\n\n'
        '[tool.seedlint]\nextend-select = ["N101"]\n\n[tool.seedlint.per-file-ignores]\n'
        '"_news/*.md" = ["N00"]\n"x.md" = ["NOPE"]\n',
        "utf-8",
    )
    err = config_error(capsys, SEEDS)
    assert "pyproject.toml:12: 'tool.seedlint.per-file-ignores.x.md'" in err
    assert "'NOPE'" in err


def test_schema_that_is_not_json_or_not_json_schema(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seedlint.toml").write_text('[schemas.news]\npath = "news.json"\n', "utf-8")
    (tmp_path / "news.json").write_text('{\n  "type": "object",\n  "properties": {,}\n}\n', "utf-8")
    err = config_error(capsys, SEEDS)
    assert "seedlint.toml:2: 'schemas.news.path'" in err and "news.json:3:" in err
    assert "not valid JSON" in err
    (tmp_path / "news.json").write_text('{"type": "object", "required": "title"}', "utf-8")
    err = config_error(capsys, SEEDS)
    assert "not a valid JSON Schema" in err and "required" in err


def test_config_file_problems(capsys: Any, tmp_path: Path) -> None:
    err = config_error(capsys, "--config", tmp_path / "nope.toml", SEEDS)
    assert "nope.toml: configuration file not found" in err
    err = config_error(capsys, "--config", tmp_path, SEEDS)
    assert "is a directory" in err
    plain = tmp_path / "pyproject.toml"
    plain.write_text('[project]\nname = "x"\n', "utf-8")
    assert "no [tool.seedlint] table" in config_error(capsys, "--config", plain, SEEDS)


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_codes_on_the_command_line(capsys: Any, option: str) -> None:
    err = config_error(capsys, option, "N05", SEEDS)
    assert f"{option}: unknown rule code or prefix 'N05'" in err


def test_disarm_schemas_by_page_type_or_all_at_once(tmp_path: Path) -> None:
    from seedlint.config.loader import ConfigError, load
    from seedlint.news.schemas import bundled_names

    page_types = [n for n in bundled_names() if n.startswith("disarm-")]
    assert "disarm-technique" in page_types
    config = tmp_path / "seedlint.toml"
    config.write_text(
        "[schemas.disarm]\nallow-extra-properties = true\n"
        "[schemas.technique]\nallow-extra-properties = false\n",
        "utf-8",
    )
    settings = load(config)
    assert settings.schema_for("disarm-technique").allow_extra_properties is False
    others = [n for n in page_types if n != "disarm-technique"]
    assert others and all(settings.schema_for(n).allow_extra_properties for n in others)
    assert settings.schema_for("news").allow_extra_properties is False
    config.write_text('[schemas.disarm]\npath = "x.json"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"seedlint.toml:2: 'schemas.disarm.path': .*disarm-"):
        load(config)


def test_output_format_from_the_file(
    capsys: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SEEDLINT_OUTPUT_FORMAT", raising=False)
    (project / "pyproject.toml").write_text('[tool.seedlint]\noutput-format = "json"\n', "utf-8")
    result = run_cli(capsys, "check", "--no-cache", ".")
    assert [f["code"] for f in json.loads(result.out)] == ["N005", "N003"]
    concise = run_cli(capsys, "check", "--no-cache", "--format", "concise", ".")
    assert concise.out.startswith(ENTITY_ITEM + ":21:95: N005 ")
    monkeypatch.setenv("SEEDLINT_OUTPUT_FORMAT", "github")
    assert run_cli(capsys, "check", "--no-cache", ".").out.startswith("::error ")


def test_a_seedlint_table_in_seedlint_toml(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seedlint.toml").write_text('[seedlint]\nignore = ["N005"]\n', "utf-8")
    err = config_error(capsys, SEEDS)
    assert "seedlint.toml:1: 'seedlint': in seedlint.toml the settings are at the top level" in err
    (tmp_path / "seedlint.toml").write_text('[tool.seedlint]\nignore = ["N005"]\n', "utf-8")
    assert run_cli(capsys, "check", "--no-cache", SEEDS).code == 0
