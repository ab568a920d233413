"""Classes of real defects in states of the DISARM corpus seedlint had not seen (issue 14),
each built from the real shared pages by the transformation the class describes, in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.helpers import check_json

MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"


def copy_corpus(source: Path, target: Path) -> Path:
    root = target / "generated_pages"
    shutil.copytree(source, root)
    return root


def codes_and_lines(found: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in found]


# -- a page without its marker, regenerated several times ------------------------------------


def test_regenerated_three_times_without_marker_is_one_finding_saying_three(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = copy_corpus(disarm_new, tmp_path)
    page = root / "techniques" / "T0002.md"
    clean = check_json(capsys, page).findings
    one = page.read_text("utf-8").replace(MARKER, "").rstrip() + "\n\n"
    page.write_text(one * 3, "utf-8")
    heading_lines = [
        n for n, text in enumerate((one * 3).split("\n"), 1) if text.startswith("# Technique")
    ]
    found = check_json(capsys, page).findings
    new = [f for f in found if f not in clean]
    assert codes_and_lines(new) == [("D404", heading_lines[1])]
    message = new[0]["message"]
    assert "appears three times" in message and "twice" not in message
    assert f"lines {heading_lines[1]}, {heading_lines[2]} repeat" in message
    assert "the edit-line marker is missing" in message and MARKER in message


def test_regenerated_twice_with_the_marker_says_twice(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = copy_corpus(disarm_new, tmp_path)
    page = root / "techniques" / "T0002.md"
    text = page.read_text("utf-8")
    page.write_text(text + "\n" + text.replace(MARKER, ""), "utf-8")
    found = [f for f in check_json(capsys, page).findings if f["code"].startswith("D4")]
    assert [f["code"] for f in found] == ["D404"]
    assert "appears twice" in found[0]["message"]
    assert "kept as notes" in found[0]["message"]


# -- two fields on one line --------------------------------------------------------------------


def test_two_fields_on_one_line_are_parsed_and_the_missing_break_reported_once(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = copy_corpus(disarm_new, tmp_path)
    clean = check_json(capsys, root).findings
    changed: dict[str, int] = {}
    for page in sorted((root / "techniques").glob("*.md")):
        text = page.read_text("utf-8")
        joined = text.replace(" <br><br>**Parent Technique:**", " **Parent Technique:**")
        if joined != text:
            page.write_text(joined, "utf-8")
            changed[str(page)] = (
                text.split("\n").index(
                    next(line for line in text.split("\n") if "**Parent Technique:**" in line)
                )
                + 1
            )
    assert len(changed) > 200
    found = check_json(capsys, root).findings
    # the fields are read as before: nothing else comes or goes
    assert [f for f in found if f["code"] != "D005"] == clean
    d005 = [f for f in found if f["code"] == "D005"]
    assert {f["path"]: f["line"] for f in d005} == changed
    assert len(d005) == len(changed)  # once per page
    sample = next(f for f in d005 if f["path"].endswith("T0146.001.md"))
    line = (root / "techniques" / "T0146.001.md").read_text("utf-8").split("\n")[4]
    assert line[sample["column"] - 1 :].startswith("**Parent Technique:**")
    assert sample["severity"] == "warning"
