"""Front matter (Y rules), reading (R rules) and kinds (K001) on variants of a real item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.helpers import check_json

SEED = SEEDS / "002_2b530dd3ad88a63d.txt"


def write(tmp_path: Path, data: bytes | str, name: str = "item.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def seed_text() -> str:
    return SEED.read_text("utf-8")


def found(capsys: Any, path: Path) -> list[tuple[str, int, int]]:
    result = check_json(capsys, path)
    assert "Traceback" not in result.err
    return [(f["code"], f["line"], f["column"]) for f in result.findings]


def test_yaml_syntax_error_at_parser_position(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace('title: "Facebook removes', 'title: "Facebook: "removes', 1)
    assert found(capsys, write(tmp_path, text)) == [("Y001", 3, 20)]


def test_tab_indentation_is_a_syntax_error(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("  name: The Next Web", "\tname: The Next Web", 1)
    codes = found(capsys, write(tmp_path, text))
    assert [c for c, _, _ in codes] == ["Y001"] and codes[0][1] == 16


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("type: article\n", "type: article\ntype: video\n", 11),
        ("  domain: thenextweb.com\n", "  domain: thenextweb.com\n  domain: tnw.com\n", 18),
        ("      width: 50\n", "      width: 50\n      width: 50\n", 21),
    ],
)
def test_duplicate_keys_at_every_depth(
    capsys: Any, tmp_path: Path, old: str, new: str, line: int
) -> None:
    result = check_json(capsys, write(tmp_path, seed_text().replace(old, new, 1)))
    dupes = [f for f in result.findings if f["code"] == "Y002"]
    assert len(dupes) == 1 and dupes[0]["line"] == line
    assert f"line {line - 1}" in dupes[0]["message"]  # names the first position too


def test_unterminated_front_matter(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().rsplit("---", 1)[0]
    assert found(capsys, write(tmp_path, text)) == [("Y003", 1, 1)]


def test_python_tag_is_reported_and_never_constructed(capsys: Any, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = seed_text().replace(
        "type: article", f"type: !!python/object/apply:os.system ['touch {marker}']", 1
    )
    codes = found(capsys, write(tmp_path, text))
    assert ("Y004", 10, 7) in codes
    assert not marker.exists()


@pytest.mark.parametrize(
    ("body", "code"), [("- a\n- b\n", "Y005"), ("just text\n", "Y005"), ("", "Y005")]
)
def test_front_matter_must_be_a_mapping(capsys: Any, tmp_path: Path, body: str, code: str) -> None:
    assert [c for c, _, _ in found(capsys, write(tmp_path, f"---\n{body}---\n"))] == [code]


def test_alias_bomb_is_refused(capsys: Any, tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    assert [c for c, _, _ in found(capsys, write(tmp_path, text))] == ["Y006"]


def test_not_utf8_and_binary(capsys: Any, tmp_path: Path) -> None:
    latin1 = (
        seed_text().replace("Facebook removes", "Facebook réseau", 1).encode("latin-1", "replace")
    )
    assert found(capsys, write(tmp_path, latin1, "latin1.md")) == [("R001", 3, 19)]
    utf16 = seed_text().encode("utf-16")
    assert [c for c, _, _ in found(capsys, write(tmp_path, utf16, "utf16.md"))] == ["R001"]
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert [c for c, _, _ in found(capsys, write(tmp_path, binary, "image.md"))] == ["R002"]


def test_explicit_file_of_unknown_kind(capsys: Any, tmp_path: Path) -> None:
    assert found(capsys, write(tmp_path, "", "empty.md")) == [("K001", 1, 1)]
    assert found(capsys, write(tmp_path, "# Just a readme\n", "README.md")) == [("K001", 1, 1)]


def test_unknown_files_found_by_walking_are_skipped_and_counted(
    capsys: Any, tmp_path: Path
) -> None:
    write(tmp_path, "# Just a readme\n", "README.md")
    write(tmp_path, seed_text(), "item.md")
    write(tmp_path, "not checked", "data.json")
    result = check_json(capsys, tmp_path)
    assert result.code == 0 and result.findings == []
    assert "1 file checked, 1 skipped" in result.err
