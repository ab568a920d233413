"""The DISARM page model: what the parser reads from each template generation's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedlint.core.finding import ParseProblem
from seedlint.core.source import decode
from seedlint.disarm import ids
from seedlint.disarm.marker import MARKER, marker_lines
from seedlint.disarm.model import INDEX, Page
from seedlint.disarm.parser import parse_page
from tests.conftest import SEEDS

SEED = SEEDS / "004_dde1f390f0f18e80.txt"

# Page text of the other template generations, as the framework's generator wrote it.
NEW_TECHNIQUE = (  # DISARM 49df5f6
    "# Technique T0145.002: AI-Generated Account Imagery\n\n"
    "**Summary**: AI Generated images used in account imagery.\n\n"
    "**Tactic**: TA15 Establish Assets <br><br>**Parent Technique:** T0145 Establish Account "
    "Imagery\n\n\n"
    "| Associated Technique | Description |\n| --------- | ------------------------- |\n"
    "| [T0086.002 Develop AI-Generated Images (Deepfakes)](../../generated_pages/techniques/"
    "T0086.002.md) | Analysts should use this sub-technique to document use of AI generated "
    "imagery used to support narratives. |\n\n\n\n"
    "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
    "\n\n\n| Counters | Response types |\n| -------- | -------------- |\n\n\n" + MARKER
)
TEMPLATE_2024 = (  # the page template with the associated techniques before the tactic stage
    "# Technique T0145.002: AI-Generated Account Imagery\n\n"
    "**Summary**: AI Generated images used in account imagery.\n\n"
    "| Associated Technique | Description |\n| --------- | ------------------------- |\n\n"
    "**Belongs to tactic stage**: TA15\n\n\n"
    "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
    "\n\n\n| Counters | Response types |\n| -------- | -------------- |\n\n\n" + MARKER
)
DISARM_2022 = (  # DISARM 0.1: links '../generated_pages/'
    "# Technique T0002: Determine Strategic Ends\n\n* **Summary**: \n\n"
    "* **Belongs to tactic stage**: TA01\n\n\n"
    "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
    "| [I00033 China 50cent Army](../generated_pages/incidents/I00033.md) | facilitate state "
    "propaganda and defuse crises |\n\n\n\n"
    "| Counters | Response types |\n| -------- | -------------- |\n"
    "| [C00008 Create shared fact-checking database](../generated_pages/counters/C00008.md) | "
    "D04 |\n\n\n" + MARKER
)
AMITT = (  # AMITT: pages at the repository root, single-column counters table
    "# Technique T0001: 5Ds (dismiss, distort, distract, dismay, divide)\n\n"
    '* **Summary**: Nimmo\'s "4Ds of propaganda": dismiss, distort, distract, dismay.\n\n'
    "* **Belongs to tactic stage**: TA01\n\n\n"
    "| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n"
    "| [I00029 MH17 investigation](../incidents/I00029.md) | 4 D's (dismiss, distort, distract, "
    "dismay...Official channels ie: Embassies & Defence Ministry; TASS |\n\n\n\n"
    "| Counters |\n| -------- |\n"
    "| [C00020 Deligitimise the 24 hour news cycle](../counters/C00020.md) |\n\n\n" + MARKER
)
INDEX_PAGE = (
    '# DISARM Tactics:\n\n<table border="1">\n<tr>\n<th>disarm_id</th>\n<th>name</th>\n'
    "<th>summary</th>\n<th>phase_id</th>\n</tr>\n<tr>\n"
    '<td><a href="tactics/TA01.md">TA01</a></td>\n<td>Plan Strategy</td>\n'
    "<td>Define the desired end state.</td>\n<td>P01</td>\n</tr>\n</table>\n"
)


def parse(text: str, name: str = "T0145.002.md") -> tuple[Page | None, list[ParseProblem]]:
    return parse_page(decode(text.encode("utf-8")), Path("techniques") / name)


def parsed(text: str, name: str = "T0145.002.md") -> Page:
    page, problems = parse(text, name)
    assert page is not None and problems == []
    return page


def test_seed_page_model() -> None:
    text = SEED.read_text("utf-8")
    page = parsed(text)
    assert (page.page_type, page.generation) == ("technique", "disarm-2023")
    assert (page.id, page.name) == ("T0145.002", "AI-Generated Account Imagery")
    tactic = page.field("tactic")
    assert tactic is not None and (tactic.value, tactic.line, tactic.column) == ("TA15", 5, 32)
    summary = page.field("summary")
    assert summary is not None and summary.value.startswith("AI Generated images")
    incidents = page.table("incidents")
    counters = page.table("counters")
    assert incidents is not None and counters is not None
    assert [row.line for row in incidents.rows] == [10, 11, 12]
    assert [len(row.cells) for row in incidents.rows] == [2, 2, 2]
    assert counters.rows == ()
    lines = text.split("\n")
    assert [(link.target, link.line, link.target_column) for link in page.links] == [
        (target, n, lines[n - 1].index(target) + 1)
        for n, target in (
            (10, "../../generated_pages/incidents/I00082.md"),
            (11, "../../generated_pages/incidents/I00088.md"),
            (12, "../../generated_pages/incidents/I00091.md"),
        )
    ]
    assert page.marker.lines == (20,) and page.generated_end == 19 and page.notes == ""
    assert page.bad_ids == []
    data = page.to_data()
    assert (data["id"], data["tactic"], sorted(data["tables"])) == (
        "T0145.002",
        "TA15",
        ["counters", "incidents"],
    )


def test_newer_generation_fields_on_one_line() -> None:
    page = parsed(NEW_TECHNIQUE)
    assert page.generation == "disarm-2024b"
    data = page.to_data()
    assert (data["tactic"], data["tactic_name"]) == ("TA15", "Establish Assets")
    assert (data["parent"], data["parent_name"]) == ("T0145", "Establish Account Imagery")
    parent = page.field("parent")
    assert parent is not None and parent.line == 5
    assert NEW_TECHNIQUE.split("\n")[4][parent.column - 1 :].startswith("T0145 ")
    assert page.table("associated_techniques") is not None


@pytest.mark.parametrize(
    ("text", "generation"),
    [(TEMPLATE_2024, "disarm-2024"), (DISARM_2022, "disarm-2022"), (AMITT, "amitt")],
)
def test_other_generations_are_recognised(text: str, generation: str) -> None:
    name = text.split(":", 1)[0].split()[-1] + ".md"
    assert parsed(text, name).generation == generation


def test_index_page_tables_and_links() -> None:
    page = parsed(INDEX_PAGE, "tactics_index.md")
    assert page.page_type == INDEX and page.name == "Tactics"
    [table] = page.tables
    assert table.html and table.header == ("disarm_id", "name", "summary", "phase_id")
    assert [c.text for c in table.rows[0].cells] == [
        "TA01",
        "Plan Strategy",
        "Define the desired end state.",
        "P01",
    ]
    [link] = page.links
    assert (link.text, link.target, link.line, link.html) == ("TA01", "tactics/TA01.md", 11, True)


@pytest.mark.parametrize(
    "text",
    [
        "Technique T0145.002 - AI-Generated Account Imagery\n\nSummary: text\n",
        "# Notes on the framework\n\nSome text.\n",
        "# Technique T0145.002 AI-Generated Account Imagery\n\n* **Summary**: x\n",
        "# Technique T0145.002: AI-Generated Account Imagery\n\nJust prose.\n\n" + MARKER,
        "",
    ],
)
def test_unrecognised_layout_is_one_problem_and_no_model(text: str) -> None:
    page, problems = parse(text)
    assert page is None
    assert [p.code for p in problems] == ["D001"]
    assert problems[0].message.startswith("unrecognised page layout")


def test_summary_paragraphs_run_on_until_the_next_field() -> None:
    text = SEED.read_text("utf-8").replace(
        "Deepfakes):</b> Analysts",
        "Deepfakes):</b> Analysts\n\nThis Technique was previously "
        "called Backstop Personas.\n\nMore",
        1,
    )
    page = parsed(text)
    summary = page.field("summary")
    assert summary is not None and summary.line == 3 and summary.end_line == 7
    assert summary.value.endswith(
        "More should use this sub-technique to document use of AI "
        "generated imagery used to support narratives."
    )


def test_row_broken_by_a_line_break_keeps_its_continuation() -> None:
    text = SEED.read_text("utf-8").replace("I00088.md) | <i>", "I00088.md) | \n<i>", 1)
    page = parsed(text)
    incidents = page.table("incidents")
    assert incidents is not None
    row = incidents.rows[1]
    # GitHub ends the row at the line break: its first line holds one cell
    assert (row.line, row.continuation, len(row.cells)) == (11, (12,), 1)
    assert [r.line for r in incidents.rows] == [10, 11, 13]


def test_crlf_page_has_the_same_positions() -> None:
    text = SEED.read_text("utf-8")
    lf = parsed(text)
    crlf = parsed(text.replace("\n", "\r\n"))
    assert [(f.line, f.column, f.value) for f in crlf.fields] == [
        (f.line, f.column, f.value) for f in lf.fields
    ]
    assert [(link.line, link.target_column) for link in crlf.links] == [
        (link.line, link.target_column) for link in lf.links
    ]
    assert crlf.marker.lines == lf.marker.lines


def test_marker_near_misses_and_repeated_heading() -> None:
    text = SEED.read_text("utf-8")
    lower = parsed(text.replace(MARKER, MARKER.lower()))
    assert lower.marker.lines == () and lower.marker.near_misses[0][0] == 20
    assert lower.generated_end == 19
    twice = parsed(text + "\n" + text.replace(MARKER, ""))
    assert twice.repeated_heading_lines == (21,)
    assert marker_lines(decode(text.encode())) == [20]


@pytest.mark.parametrize(
    ("token", "malformed"),
    [
        ("T00145.006", True),
        ("T0145.02", True),
        ("I0088", True),
        ("C0012", True),
        ("TK001", True),
        ("T0145.002", False),
        ("TA15", False),
        ("IT00000310", False),
        ("T5", False),
        ("T1708", False),
        ("A4", False),
        ("S3", False),
    ],
)
def test_malformed_ids(token: str, malformed: bool) -> None:
    text = SEED.read_text("utf-8").replace(MARKER, f"{MARKER}\n\nSee {token} here.\n")
    page = parsed(text)
    assert [b.token for b in page.bad_ids] == ([token] if malformed else [])
    if not malformed and ids.kind_of(token) is not None:
        assert any(m.id == token and m.where == "notes" for m in page.mentions)


def test_ids_cited_from_attack_are_not_disarm_ids() -> None:
    text = SEED.read_text("utf-8").replace(
        MARKER, f"{MARKER}\n\nSee also MITRE ATT&CK TA0043 and S0002 for this.\n"
    )
    assert parsed(text).bad_ids == []


def test_summary_page_outside_the_page_directories_is_read_as_an_index() -> None:
    """Older generators also wrote summary pages such as ``counter_tactics/TA01counters.md``;
    they are not object pages and not an unrecognised layout."""
    text = (
        "# Tactic TA01 Strategic Planning counters\n\n## by action\n\n\n### D2 Deny\n"
        "* C00006: Charge for social media (needs platform_admin:socialmedia)\n"
    )
    page, problems = parse_page(
        decode(text.encode()), Path("generated_pages/counter_tactics/TA01counters.md")
    )
    assert problems == [] and page is not None and page.page_type == INDEX
    assert [m.id for m in page.mentions] == ["TA01", "C00006"]
    same, problems = parse_page(decode(text.encode()), Path("generated_pages/tactics/TA01.md"))
    assert same is None and [p.code for p in problems] == ["D001"]
