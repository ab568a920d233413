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


# -- a table header broken over two lines -------------------------------------------------------


def test_table_header_broken_over_two_lines_is_one_finding_per_table_on_its_header(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = copy_corpus(disarm_new, tmp_path)
    clean = check_json(capsys, root).findings
    header = "| Associated Technique | Description |"
    broken: dict[str, int] = {}
    for page in sorted((root / "techniques").glob("*.md")):
        text = page.read_text("utf-8")
        if header in text:
            broken[str(page)] = text.split("\n").index(header) + 1
            page.write_text(
                text.replace(header, "| Associated||\n| Technique | When to use |"), "utf-8"
            )
    assert len(broken) > 300
    found = check_json(capsys, root).findings
    # nothing else comes or goes (lines below the split move by one: compared by code)
    d304 = [f for f in found if f["code"] == "D304"]
    assert {f["path"]: f["line"] for f in d304} == broken
    assert len(d304) == len(broken)
    line = broken[str(root / "techniques" / "T0146.001.md")]
    sample = next(f for f in d304 if f["path"].endswith("T0146.001.md"))
    assert f"broken over lines {line}-{line + 1}" in sample["message"]
    assert sorted(f["code"] for f in found if f["code"] != "D304") == sorted(
        f["code"] for f in clean
    )


def test_table_without_its_delimiter_row(capsys: Any, tmp_path: Path, disarm_new: Path) -> None:
    root = copy_corpus(disarm_new, tmp_path)
    page = root / "techniques" / "T0146.001.md"  # its incident table has a row
    text = page.read_text("utf-8")
    lines = text.split("\n")
    delimiter = lines.index("| -------- | -------------------- |")
    page.write_text("\n".join(lines[:delimiter] + lines[delimiter + 1 :]), "utf-8")
    found = [f for f in check_json(capsys, page).findings if f["code"] == "D304"]
    assert codes_and_lines(found) == [("D304", delimiter)]
    assert "has no delimiter row" in found[0]["message"]


# -- a document about DISARM is not a page -----------------------------------------------------

DOC = """# DISARM framework: how we use it

We tag incidents with technique IDs such as `T00146.001` or `TA15`, and the pages live in
`generated_pages/techniques/T0999.md` (a made-up example).

```markdown
| Technique | Descriptions given for this incident |
| --------- | ------------------------------------ |
| [T0002 Facilitate State Propaganda](../generated_pages/techniques/T0002.md) | x | y |
```

The generator writes `DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW` on every page.
"""


def test_a_document_about_disarm_is_not_a_page(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "disarm.md").write_text(DOC, "utf-8")
    walked = check_json(capsys, docs)
    assert walked.code == 0 and walked.findings == []
    # inside the corpus it is taken for a page, but code is never a page's content
    root = copy_corpus(disarm_new, tmp_path)
    (root / "disarm_notes.md").write_text(DOC, "utf-8")
    assert check_json(capsys, root / "disarm_notes.md").findings == []


def test_real_index_pages_are_still_pages(capsys: Any, tmp_path: Path, disarm_new: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(disarm_new / "techniques_index.md", outside / "techniques_index.md")
    outcome = check_json(capsys, "--select", "D", outside / "techniques_index.md")
    assert all(f["code"] != "K001" for f in outcome.findings)


def test_rows_cut_off_from_their_table_are_not_a_broken_header(
    capsys: Any, tmp_path: Path, disarm_old: Path
) -> None:
    # I00064 of the real corpus: a cell holding blank lines cuts the rows below it off; those
    # rows have no header to be broken
    page = disarm_old / "incidents" / "I00064.md"
    codes = [f["code"] for f in check_json(capsys, page).findings]
    assert "D304" not in codes


# -- a generation seedlint does not know ------------------------------------------------------


def test_unknown_generation_is_one_unrecognised_layout_finding_per_page(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    # a template that writes fields as sections and names its tables differently; only the
    # counters table is as before
    root = copy_corpus(disarm_new, tmp_path)
    pages = sorted((root / "techniques").glob("*.md"))
    for page in pages:
        text = page.read_text("utf-8")
        for label in ("Summary", "Tactic"):
            text = text.replace(f"**{label}**: ", f"## {label}\n\n")
        text = text.replace(" <br><br>**Parent Technique:** ", "\n\n## Parent technique\n\n")
        text = text.replace("| Associated Technique | Description |", "| Related | Notes |")
        incidents = "| Incident | Descriptions given for this incident |"
        text = text.replace(incidents, "| Seen | Notes |")
        page.write_text(text, "utf-8")
    found = check_json(capsys, root / "techniques").findings
    assert codes_and_lines(found) == [("D001", 1)] * len(pages)
    assert "only 1 of its 3 field labels and table headers" in found[0]["message"]
