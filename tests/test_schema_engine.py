"""The schema engine on a user's own schema: what JSON Schema allows a schema to say (a
``false`` branch, a ``$ref`` out of the file, another ``$schema``) gives a finding or one
configuration error, never an internal error (X001)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.helpers import check_json, run_cli

SEED = SEEDS / "002_2b530dd3ad88a63d.txt"


def _project(tmp_path: Path, schema: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.schema.json").write_text(json.dumps(schema), "utf-8")
    (tmp_path / "seedlint.toml").write_text('[schemas.news]\npath = "news.schema.json"\n', "utf-8")
    item = tmp_path / "item.md"
    item.write_text(SEED.read_text("utf-8"), "utf-8")
    return item


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
def test_a_false_branch_is_a_finding(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyword: str
) -> None:
    schema = {"properties": {"quality": {keyword: [False, {"type": "string"}]}}}
    item = _project(tmp_path, schema, monkeypatch)
    result = check_json(capsys, item)
    assert result.code == 1, result.err
    [finding] = result.findings
    assert finding["code"] == "N001" and finding["json_path"] == "$.quality"
    assert "expected a string, got an integer 87" in finding["message"]
    assert finding["line"] == 11


def test_a_schema_that_is_only_false_branches(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = {"properties": {"heat": {"oneOf": [False, False]}, "quality": False}}
    item = _project(tmp_path, schema, monkeypatch)
    result = check_json(capsys, item)
    assert result.code == 1, result.err
    assert sorted((f["code"], f["json_path"]) for f in result.findings) == [
        ("N001", "$.heat"),
        ("N001", "$.quality"),
    ]
    assert all("the schema is false" in f["message"] for f in result.findings)


@pytest.mark.parametrize(
    "ref",
    [
        "https://example.com/schemas/url.json",
        "other.schema.json#/$defs/url",
        "#/$defs/nowhere",
        "#no-such-anchor",
    ],
)
def test_a_ref_that_cannot_be_resolved_is_one_configuration_error(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ref: str
) -> None:
    schema = {"$defs": {"url": {"type": "string"}}, "properties": {"webUrl": {"$ref": ref}}}
    item = _project(tmp_path, schema, monkeypatch)
    result = run_cli(capsys, "check", "--no-cache", item, SEEDS)
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err and "X001" not in result.err
    assert result.err.startswith("seedlint: error: ")
    assert "seedlint.toml:2:" in result.err and "news.schema.json" in result.err
    assert f"$ref '{ref}' cannot be resolved" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_refs_within_the_file_and_to_the_meta_schema_are_fine(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = {
        "$id": "https://example.com/news.json",
        "$defs": {
            "url": {"$id": "url.json", "type": "string", "pattern": "^https://"},
            "anchored": {"$anchor": "count", "type": "integer"},
        },
        "properties": {
            "webUrl": {"$ref": "url.json"},
            "heat": {"$ref": "#count"},
            "quality": {"$ref": "https://example.com/news.json#/$defs/anchored"},
            "provider": {"$ref": "https://json-schema.org/draft/2020-12/schema"},
        },
    }
    item = _project(tmp_path, schema, monkeypatch)
    result = check_json(capsys, item)
    assert result.code == 0, (result.out, result.err)


@pytest.mark.parametrize(
    ("meta", "said"),
    [
        ("https://example.com/schemas/our-meta.json", "names a meta-schema seedlint does not hold"),
        ("http://localhost:1234/draft2020-12/metaschema-no-validation.json", "never fetches"),
        ("http://json-schema.org/draft-07/schema#", "declares draft-07"),
        ("https://json-schema.org/draft/2019-09/schema", "declares draft 2019-09"),
    ],
)
def test_a_schema_of_another_meta_schema_is_one_configuration_error(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: str, said: str
) -> None:
    """seedlint validates by draft 2020-12 and fetches nothing: a schema declaring another
    meta-schema would be read by rules it does not say; the run stops at load and says so."""
    schema = {"$schema": meta, "properties": {"quality": {"type": "integer"}}}
    item = _project(tmp_path, schema, monkeypatch)
    result = run_cli(capsys, "check", "--no-cache", item, SEEDS)
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err and "X001" not in result.err
    assert result.err.startswith("seedlint: error: ")
    assert "seedlint.toml:2:" in result.err and "news.schema.json" in result.err
    assert f"$schema '{meta}'" in result.err and said in result.err
    assert "https://json-schema.org/draft/2020-12/schema" in result.err  # what to write
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "meta",
    [
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/schema#",
    ],
)
def test_the_draft_2020_12_meta_schema_is_fine(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: str
) -> None:
    schema = {"$schema": meta, "properties": {"quality": {"type": "string"}}}
    item = _project(tmp_path, schema, monkeypatch)
    result = check_json(capsys, item)
    assert result.code == 1, result.err
    assert [(f["code"], f["json_path"]) for f in result.findings] == [("N001", "$.quality")]


@pytest.mark.parametrize(
    ("written", "valid"),
    [
        ("2020-09-23T16:53:00Z", True),
        ("2020-09-23T16:53:00-23:59", True),
        ("2016-12-31T23:59:60Z", True),
        ("2016-12-31T15:59:60-08:00", True),
        ("2020-09-23T16:53:00-24:00", False),
        ("2020-09-23T16:53:00+10:60", False),
        ("2020-09-23T16:53:60Z", False),
        ("2020-09-2\u09e9T16:53:00Z", False),  # a Bengali 3
        ("|\n  2020-09-23T16:53:00Z", False),  # a block scalar keeps its final line break
    ],
)
def test_published_date_time_is_rfc_3339(
    capsys: Any, tmp_path: Path, written: str, valid: bool
) -> None:
    item = tmp_path / "item.md"
    text = SEED.read_text("utf-8")
    line = "publishedDateTime: 2020-09-23T16:53:00Z"
    assert line in text
    item.write_text(text.replace(line, f"publishedDateTime: {written}"), "utf-8")
    result = check_json(capsys, item)
    found = [(f["code"], f["line"], f["json_path"]) for f in result.findings]
    assert found == ([] if valid else [("N001", 5, "$.publishedDateTime")]), result.out
