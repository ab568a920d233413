"""Every DISARM rule on small hand-made corpora: a failing and a passing case each.

The trees are built from real page text: the seed technique page (``seeds/004_*.txt``, the
framework's ``techniques/T0145.002.md`` byte for byte) and pages written with the framework's
own page templates (the 2c4757b generation: ``* **Summary**:``, ``../../generated_pages/``
links), with the titles the framework gives those objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.helpers import check_json, run_cli

MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"
SEED = SEEDS / "004_dde1f390f0f18e80.txt"
PREFIX = "../../generated_pages/"


def seed_text() -> str:
    return SEED.read_text("utf-8")


def technique(
    identifier: str,
    name: str,
    *,
    tactic: str = "TA15",
    summary: str = "Summary text.",
    incidents: tuple[tuple[str, str, str], ...] = (),
    counters: tuple[tuple[str, str, str], ...] = (),
    notes: str = "",
) -> str:
    """A technique page as the 2c4757b generator writes it."""
    incident_rows = "".join(
        f"| [{i} {n}]({PREFIX}incidents/{i}.md) | {d} |\n" for i, n, d in incidents
    )
    counter_rows = "".join(
        f"| [{c} {n}]({PREFIX}counters/{c}.md) | {r} |\n" for c, n, r in counters
    )
    return (
        f"# Technique {identifier}: {name}\n\n* **Summary**: {summary}\n\n"
        f"* **Belongs to tactic stage**: {tactic}\n\n\n"
        "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
        f"{incident_rows}\n\n\n"
        "| Counters | Response types |\n| -------- | -------------- |\n"
        f"{counter_rows}\n\n{MARKER}{notes}"
    )


def tactic(identifier: str, name: str, phase: str = "P02") -> str:
    return (
        f"# Tactic {identifier}: {name}\n\n* **Summary:** Establishing information assets "
        f"generates messaging tools.\n\n* **Belongs to phase:** {phase}\n\n\n\n"
        "| Tasks |\n| ----- |\n\n\n\n| Techniques |\n| ---------- |\n\n\n\n"
        "| Counters | Response types |\n| -------- | -------------- |\n\n\n" + MARKER
    )


def phase(identifier: str, name: str) -> str:
    return (
        f"# Phase {identifier}: {name}\n\n* **Summary:** Activities conducted before execution "
        f"to improve the ability to conduct the action.\n\n{MARKER}"
    )


def incident(identifier: str, name: str) -> str:
    return (
        f"# Incident {identifier}: {name}\n\n* **Summary:** Incident summary.\n\n"
        "* **incident type**: \n\n* **Year started:** \n\n* **Countries:**  , \n\n"
        "* **Found via:** \n\n* **Date added:** \n\n\n"
        "| Reference | Pub Date | Authors | Org | Archive |\n"
        "| --------- | -------- | ------- | --- | ------- |\n\n \n\n"
        "| Technique | Description given for this incident |\n"
        "| --------- | ------------------------- |\n\n\n" + MARKER
    )


# Every page the seed technique page links to or names, with the framework's titles.
BASE: dict[str, str] = {
    "techniques/T0145.md": technique("T0145", "Establish Account Imagery"),
    "techniques/T0086.md": technique("T0086", "Develop Image-based Content", tactic="TA06"),
    "techniques/T0086.002.md": technique(
        "T0086.002", "Develop AI-Generated Images (Deepfakes)", tactic="TA06"
    ),
    "techniques/T0097.md": technique("T0097", "Present Persona", tactic="TA16"),
    "techniques/T0097.102.md": technique("T0097.102", "Journalist Persona", tactic="TA16"),
    "techniques/T0097.103.md": technique("T0097.103", "Activist Persona", tactic="TA16"),
    "techniques/T0097.106.md": technique("T0097.106", "Researcher Persona", tactic="TA16"),
    "techniques/T0143.md": technique("T0143", "Persona Legitimacy", tactic="TA16"),
    "techniques/T0143.002.md": technique("T0143.002", "Fabricated Persona", tactic="TA16"),
    "tactics/TA06.md": tactic("TA06", "Develop Content", "P02"),
    "tactics/TA15.md": tactic("TA15", "Establish Assets", "P02"),
    "tactics/TA16.md": tactic("TA16", "Establish Legitimacy", "P02"),
    "phases/P02.md": phase("P02", "Prepare"),
    "incidents/I00082.md": incident(
        "I00082", "Meta\u2019s November 2021 Adversarial Threat Report"
    ),
    "incidents/I00088.md": incident(
        "I00088",
        "Much Ado About \u2018Somethings\u2019 - China-Linked Influence Operation Endures Despite "
        "Takedown",
    ),
    "incidents/I00091.md": incident(
        "I00091", "Facebook uncovers Chinese network behind fake expert"
    ),
}
SEED_PAGE = "techniques/T0145.002.md"


def corpus(tmp_path: Path, changes: dict[str, str | None] | None = None) -> Path:
    """A corpus root (``generated_pages``) with the seed page and every page it refers to;
    ``changes`` replaces pages (``None`` removes one)."""
    root = tmp_path / "generated_pages"
    pages: dict[str, str | None] = {**BASE, SEED_PAGE: seed_text(), **(changes or {})}
    for rel, text in pages.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def findings(capsys: Any, *paths: Path | str) -> list[dict[str, Any]]:
    result = check_json(capsys, *paths)
    assert result.code in (0, 1), result.err
    return result.findings


def only(found: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in found if f["code"] == code]


def where(finding: dict[str, Any]) -> tuple[str, int, int]:
    return finding["path"].split("generated_pages/", 1)[-1], finding["line"], finding["column"]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def column_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - (text.rfind("\n", 0, start) + 1) + 1


# --- the base corpus and the seed ------------------------------------------------------------


def test_base_corpus_is_clean(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    assert findings(capsys, root) == []


def test_seed_directory_passes_and_says_cross_file_checks_were_skipped(capsys: Any) -> None:
    result = run_cli(capsys, "check", "--no-cache", "--verbose", str(SEEDS))
    assert result.code == 0, result.out
    assert "cross-file DISARM checks skipped" in result.err
    assert "004_dde1f390f0f18e80.txt" in result.err


def test_seed_page_with_every_rule_selected_has_no_finding(capsys: Any) -> None:
    result = check_json(capsys, "--select", "D", SEED)
    assert result.code == 0 and result.findings == []


# --- D001 unrecognised layout, D003 misspelled label -----------------------------------------


def test_d001_page_of_unknown_layout_is_one_finding(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("# Technique T0145.002: ", "Technique T0145.002 - ", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = [f for f in findings(capsys, root) if f["path"].endswith("T0145.002.md")]
    assert [(f["code"], f["line"]) for f in found] == [("D001", 1)]
    assert "unrecognised page layout" in found[0]["message"]


def test_d001_known_heading_without_any_known_field_or_table(capsys: Any, tmp_path: Path) -> None:
    text = f"# Technique T0145.002: AI-Generated Account Imagery\n\nSome text.\n\n{MARKER}"
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = [f for f in findings(capsys, root) if f["path"].endswith("T0145.002.md")]
    assert [f["code"] for f in found] == ["D001"]


def test_d003_misspelled_label_is_read_as_the_known_one(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(
        "* **Belongs to tactic stage**: TA15", "* **Belongs to tactic stag**: TA15"
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("D003", 5, 5)]
    assert "did you mean 'Belongs to tactic stage'" in found[0]["message"]


# --- D002 schema -----------------------------------------------------------------------------


def test_d002_tactic_of_wrong_form_at_its_field(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(
        "* **Belongs to tactic stage**: TA15", "* **Belongs to tactic stage**: TA1"
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("D002", 5, column_of(text, "TA1\n"))
    ]
    assert found[0]["json_path"] == "$.tactic"


def test_d002_missing_tactic_at_the_heading(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("* **Belongs to tactic stage**: TA15\n", "")
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D002", 1)]
    assert "missing required property 'tactic'" in found[0]["message"]


def test_d002_empty_name(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(": AI-Generated Account Imagery\n", ":\n", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = only(findings(capsys, root), "D002")
    assert [(f["line"], f["json_path"]) for f in found] == [(1, "$.name")]


# --- D004 empty summary ----------------------------------------------------------------------


def test_d004_empty_summary_is_a_warning(capsys: Any, tmp_path: Path) -> None:
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", summary="")},
    )
    found = findings(capsys, root)
    assert [(f["code"], f["severity"], where(f)[:2]) for f in found] == [
        ("D004", "warning", ("techniques/T0145.md", 3))
    ]


# --- D101 malformed IDs ----------------------------------------------------------------------


def test_d101_malformed_id_in_a_table_cell(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(
        "(T0097.102: Journalist Persona,", "(T00097.102: Journalist Persona,"
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("D101", line_of(text, "T00097.102"), column_of(text, "T00097.102"))
    ]
    assert "'T00097.102' is not a well-formed technique ID" in found[0]["message"]


def test_d101_repeated_token_is_one_finding_listing_the_other_lines(
    capsys: Any, tmp_path: Path
) -> None:
    text = seed_text().replace(
        "(T0145.002: AI-Generated Account Imagery)", "(T00145.002: AI-Generated Account Imagery)"
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [f["code"] for f in found] == ["D101"]
    assert "also on line" in found[0]["message"]


def test_d101_leaves_other_frameworks_and_words_alone(capsys: Any, tmp_path: Path) -> None:
    notes = "\nSee also MITRE ATT&CK T1586 and TA0043; Google's T5 model; an A4 page.\n"
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", notes=notes)},
    )
    assert findings(capsys, root) == []


# --- D102 heading ID, D103 directory, D104 unnamed page files ---------------------------------


def test_d102_heading_id_differs_from_file_name(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("# Technique T0145.002:", "# Technique T0145.003:", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("D102", 1, 13)]
    assert "'T0145.003' differs from the file name 'T0145.002.md'" in found[0]["message"]


def test_d102_malformed_heading_id_is_one_finding(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("# Technique T0145.002:", "# Technique T00145.002:", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D102", 1)]
    assert "not a well-formed technique ID" in found[0]["message"]


def test_d102_empty_heading_id_in_a_file_named_md(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    page = root / "incidents" / ".md"
    page.write_text(incident("", "").replace("# Incident : ", "# Incident : "), "utf-8")
    found = findings(capsys, page)
    assert [(f["code"], f["line"]) for f in found] == [("D102", 1)]
    assert "empty incident ID and the file is named '.md'" in found[0]["message"]


def test_d103_page_in_another_types_directory(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "counters").mkdir()
    (root / "counters" / "T0145.md").write_text(
        technique("T0145", "Establish Account Imagery"), "utf-8"
    )
    found = only(findings(capsys, root), "D103")
    assert [where(f) for f in found] == [("counters/T0145.md", 1, 13)]


def test_d104_hidden_page_file_found_in_the_listing(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "incidents" / ".md").write_text(incident("", ""), "utf-8")
    found = findings(capsys, root)
    assert [(f["code"], where(f)) for f in found] == [("D104", ("incidents/.md", 1, 1))]


# --- D105 parent technique, D106 referenced objects ------------------------------------------


def test_d105_sub_technique_without_its_parent(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, {"techniques/T0145.md": None})
    found = findings(capsys, root)
    assert [(f["code"], where(f)) for f in found] == [("D105", (SEED_PAGE, 1, 13))]
    assert "parent technique T0145" in found[0]["message"]


def test_d105_parent_field_naming_another_technique(capsys: Any, tmp_path: Path) -> None:
    new = (
        "# Technique T0145.002: AI-Generated Account Imagery\n\n**Summary**: AI Generated images "
        "used in account imagery.\n\n**Tactic**: TA15 Establish Assets <br><br>**Parent "
        "Technique:** T0146 Establish Account Imagery\n\n\n"
        "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
        "\n\n\n| Counters | Response types |\n| -------- | -------------- |\n\n\n" + MARKER
    )
    root = corpus(tmp_path, {SEED_PAGE: new})
    found = only(findings(capsys, root), "D105")
    assert [where(f) for f in found] == [(SEED_PAGE, 5, column_of(new, "T0146"))]
    assert (
        "'Parent Technique' is T0146, but the parent of T0145.002 is T0145" in found[0]["message"]
    )
    fixed = new.replace("T0146", "T0145")
    assert findings(capsys, corpus(tmp_path / "ok", {SEED_PAGE: fixed})) == []


def test_d106_technique_whose_tactic_has_no_page(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, {"tactics/TA16.md": None})
    found = findings(capsys, root)
    assert {f["code"] for f in found} == {"D106"}
    assert sorted(where(f)[0] for f in found) == [
        "techniques/T0097.102.md",
        "techniques/T0097.103.md",
        "techniques/T0097.106.md",
        "techniques/T0097.md",
        "techniques/T0143.002.md",
        "techniques/T0143.md",
    ]
    assert all(where(f)[1:] == (5, 32) for f in found)  # the tactic's ID


# --- D201 dead links, D202 links out of the corpus, D203 link text ---------------------------


def test_d201_dead_link_at_its_target(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, {"incidents/I00091.md": None})
    found = findings(capsys, root)
    text = seed_text()
    assert [(f["code"], where(f)) for f in found] == [
        (
            "D201",
            (
                SEED_PAGE,
                line_of(text, "(../../generated_pages/incidents/I00091.md)"),
                column_of(text, "../../generated_pages/incidents/I00091.md"),
            ),
        )
    ]


def test_d201_older_generation_prefix_stands_for_the_root(capsys: Any, tmp_path: Path) -> None:
    old = seed_text().replace("../../generated_pages/", "../generated_pages/")
    found = findings(capsys, corpus(tmp_path, {SEED_PAGE: old}))
    assert only(found, "D201") == [] and only(found, "D202") == []


def test_d201_links_into_a_missing_directory_are_one_finding(capsys: Any, tmp_path: Path) -> None:
    index = (
        '# DISARM Detections:\n\n<table border="1">\n<tr>\n<th>disarm_id</th>\n<th>name</th>\n'
        '</tr>\n<tr>\n<td><a href="detections/F00001.md">F00001</a></td>\n'
        "<td>Analyse aborted / failed campaigns</td>\n</tr>\n<tr>\n"
        '<td><a href="detections/F00002.md">F00002</a></td>\n<td>Analyse viral fizzle</td>\n'
        "</tr>\n</table>\n"
    )
    root = corpus(tmp_path, {"detections_index.md": index})
    found = findings(capsys, root)
    assert [(f["code"], where(f)) for f in found] == [("D201", ("detections_index.md", 9, 14))]
    assert "2 links point into 'detections/'" in found[0]["message"]


@pytest.mark.parametrize(
    "target",
    [
        "../../../../outside/secret.md",
        "..%2f..%2f..%2f..%2foutside%2fsecret.md",
        "%2e%2e/%2e%2e/%2e%2e/outside/secret.md",
        "..\\..\\..\\outside\\secret.md",
        "/etc/passwd",
        "file:///etc/passwd",
        "../../generated_pages/../../outside/secret.md",
    ],
)
def test_d202_link_out_of_the_corpus(capsys: Any, tmp_path: Path, target: str) -> None:
    notes = f"\n[my notes]({target})\n"
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", notes=notes)},
    )
    found = findings(capsys, root)
    assert [(f["code"], where(f)[0]) for f in found] == [("D202", "techniques/T0145.md")]


def test_d202_link_inside_the_corpus_passes(capsys: Any, tmp_path: Path) -> None:
    notes = (
        "\n[parent](../techniques/T0145.md) and [tactic](../../generated_pages/tactics/TA15.md)\n"
    )
    root = corpus(
        tmp_path,
        {
            "techniques/T0086.md": technique(
                "T0086", "Develop Image-based Content", tactic="TA06", notes=notes
            )
        },
    )
    assert findings(capsys, root) == []


def test_d203_link_text_names_another_id_than_its_target(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("incidents/I00088.md", "incidents/I00091.md", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D203", line_of(text, "[I00088"))]
    assert "names I00088 but the link points at 'I00091.md'" in found[0]["message"]


# --- D204 IDs without a page, D205 names ------------------------------------------------------


def test_d204_mentioned_id_without_a_page_is_a_warning(capsys: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, {"techniques/T0097.103.md": None})
    found = findings(capsys, root)
    text = seed_text()
    assert [(f["code"], f["severity"], where(f)) for f in found] == [
        ("D204", "warning", (SEED_PAGE, line_of(text, "T0097.103"), column_of(text, "T0097.103")))
    ]


def test_d204_former_ids_are_history_not_references(capsys: Any, tmp_path: Path) -> None:
    summary = "Create a campaign specific hashtag. This Technique previously used the ID T0104.006."
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", summary=summary)},
    )
    assert findings(capsys, root) == []


def test_d205_id_colon_name_differs_from_the_title(capsys: Any, tmp_path: Path) -> None:
    root = corpus(
        tmp_path,
        {"techniques/T0097.106.md": technique("T0097.106", "Recruiter Persona", tactic="TA16")},
    )
    found = findings(capsys, root)
    text = seed_text()
    assert [(f["code"], where(f)) for f in found] == [
        ("D205", (SEED_PAGE, line_of(text, "T0097.106"), column_of(text, "T0097.106")))
    ]
    assert found[0]["message"] == (
        "'T0097.106: Researcher Persona' does not match the title of T0097.106's page: "
        "'Recruiter Persona'"
    )


def test_d205_link_text_differs_from_the_target_title(capsys: Any, tmp_path: Path) -> None:
    root = corpus(
        tmp_path, {"incidents/I00091.md": incident("I00091", "Chinese network behind fake expert")}
    )
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D205", line_of(seed_text(), "[I00091"))]


def test_d205_sentence_after_the_colon_is_not_a_name(capsys: Any, tmp_path: Path) -> None:
    summary = "T0097.106: A quick response to a proto-viral story will affect its spread."
    root = corpus(
        tmp_path,
        {"techniques/T0145.md": technique("T0145", "Establish Account Imagery", summary=summary)},
    )
    assert findings(capsys, root) == []


# --- D301-D303 tables ------------------------------------------------------------------------


def test_d301_unescaped_pipe_in_a_cell(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace("Spamouflage campaigns.", "Spamouflage|campaigns.", 1)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("D301", line_of(text, "Spamouflage|"), 1)
    ]
    assert "3 cells, the header has 2" in found[0]["message"]
    escaped = seed_text().replace("Spamouflage campaigns.", "Spamouflage\\|campaigns.", 1)
    assert findings(capsys, corpus(tmp_path / "ok", {SEED_PAGE: escaped})) == []


def test_d301_line_break_inside_a_cell(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(
        "Takedown](../../generated_pages/incidents/I00088.md) | <i>",
        "Takedown](../../generated_pages/incidents/I00088.md) | \n<i>",
        1,
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    row = line_of(text, "[I00088")
    assert [(f["code"], f["line"]) for f in found] == [("D301", row)]
    assert f"continues on line {row + 1}" in found[0]["message"]


def test_d302_empty_object_cell(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(
        "| [I00091 Facebook uncovers Chinese network behind fake expert]"
        "(../../generated_pages/incidents/I00091.md) |",
        "|  |",
        1,
    )
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("D302", line_of(text, "|  | <i>“Earlier"), 3)
    ]


def test_d303_duplicate_rows_are_one_finding_per_table(capsys: Any, tmp_path: Path) -> None:
    text = seed_text()
    row = next(line for line in text.split("\n") if line.startswith("| [I00088"))
    doubled = text.replace(row, f"{row}\n{row}\n{row}", 1)
    root = corpus(tmp_path, {SEED_PAGE: doubled})
    found = findings(capsys, root)
    first = line_of(doubled, "| [I00088")
    assert [(f["code"], f["line"]) for f in found] == [("D303", first + 1)]
    assert "2 rows of this table repeat earlier rows" in found[0]["message"]


# --- D401-D404 marker ------------------------------------------------------------------------


def test_d401_missing_marker_at_the_last_line(capsys: Any, tmp_path: Path) -> None:
    text = seed_text().replace(MARKER, "")
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    last = len(text.rstrip().split("\n"))
    assert [(f["code"], f["line"]) for f in found] == [("D401", last)]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("Do not edit above this line - please add notes below", "the case differs"),
        ("DO NOT EDIT ABOVE THIS LINE PLEASE ADD NOTES BELOW", "punctuation or spacing differs"),
        ("DO NOT EDIT ABOVE THIS LINE - PLEASE ADD YOUR NOTES BELOW", "the wording differs"),
        (MARKER + " my notes", "shares its line"),
    ],
)
def test_d403_near_miss_says_did_you_mean(
    capsys: Any, tmp_path: Path, written: str, why: str
) -> None:
    text = seed_text().replace(MARKER, written)
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D403", line_of(text, written))]
    assert why in found[0]["message"] and f"did you mean '{MARKER}'" in found[0]["message"]


def test_d402_marker_twice(capsys: Any, tmp_path: Path) -> None:
    text = seed_text() + "\nA note.\n" + MARKER + "\n"
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    assert [(f["code"], f["line"]) for f in found] == [("D402", text.count("\n"))]


def test_d404_generated_content_written_twice_is_one_finding(capsys: Any, tmp_path: Path) -> None:
    old = seed_text().replace(MARKER, "")
    text = seed_text() + "\n" + old
    root = corpus(tmp_path, {SEED_PAGE: text})
    found = findings(capsys, root)
    second = seed_text().count("\n") + 2
    assert [(f["code"], f["line"]) for f in found] == [("D404", second)]


def test_notes_below_the_marker_are_kept_and_checked(capsys: Any, tmp_path: Path) -> None:
    notes = "\n\nAnalyst note: see [T0145](../../generated_pages/techniques/T0145.md).\n"
    root = corpus(tmp_path, {SEED_PAGE: seed_text() + notes})
    assert findings(capsys, root) == []
    broken = notes.replace("T0145", "T0199")
    found = findings(capsys, corpus(tmp_path / "b", {SEED_PAGE: seed_text() + broken}))
    assert [f["code"] for f in found] == ["D201"]


def test_d205_field_naming_an_object_with_another_name(capsys: Any, tmp_path: Path) -> None:
    new = (
        "# Technique T0145.002: AI-Generated Account Imagery\n\n**Summary**: AI Generated images "
        "used in account imagery.\n\n**Tactic**: TA15 Establish Assets <br><br>**Parent "
        "Technique:** T0145 Establish Imagery\n\n\n"
        "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
        "\n\n\n| Counters | Response types |\n| -------- | -------------- |\n\n\n" + MARKER
    )
    found = findings(capsys, corpus(tmp_path, {SEED_PAGE: new}))
    assert [(f["code"], where(f)) for f in found] == [
        ("D205", (SEED_PAGE, 5, column_of(new, "T0145 Establish")))
    ]
    assert found[0]["message"] == (
        "'T0145 Establish Imagery' does not match the title of T0145's page: "
        "'Establish Account Imagery'"
    )
    fixed = new.replace("T0145 Establish Imagery", "T0145 Establish Account Imagery")
    assert findings(capsys, corpus(tmp_path / "ok", {SEED_PAGE: fixed})) == []


def test_one_page_named_on_the_command_line_is_checked_against_its_corpus(
    capsys: Any, tmp_path: Path
) -> None:
    """As pre-commit runs it: the other pages are looked up (titles read from their headings),
    not reported; a hidden page file elsewhere is left to runs that walk its directory."""
    root = corpus(
        tmp_path,
        {"techniques/T0097.106.md": technique("T0097.106", "Recruiter Persona", tactic="TA16")},
    )
    (root / "incidents" / ".md").write_text(incident("", ""), "utf-8")
    found = findings(capsys, root / SEED_PAGE)
    assert [(f["code"], f["line"]) for f in found] == [("D205", line_of(seed_text(), "T0097.106"))]
    assert [f["code"] for f in findings(capsys, root / "incidents")] == ["D104"]
