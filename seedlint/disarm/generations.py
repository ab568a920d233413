"""The template generations of DISARM pages, as data.

The DISARM framework's pages are written by a generator whose templates changed over the years.
A *generation* is one state of those templates: how field labels are written, which tables a
page type has and how their headers read, and how links to other pages start. The parser knows
nothing of any generation: it reads every page with the same machinery and looks up labels,
table headers and link prefixes here. Supporting a new generation means adding a
:class:`Generation` to :data:`GENERATIONS` (or a label, header or prefix to an existing one).

Known generations, oldest first:

``amitt``
    AMITT, the framework's earlier name: pages in type directories at the repository root,
    links relative to the page (``../incidents/I00029.md``), single-column "Counters" tables on
    technique pages, actor pages under ``actors/``.
``disarm-2022``
    DISARM 0.1: pages under ``generated_pages/``, links written with the generator's output
    directory ``../generated_pages/`` (one ``..`` short for pages in type directories: the
    generator meant "the corpus root", which D201 uses to find the page meant, but the link
    does not resolve from the page's directory and 404s on GitHub: D206 reports it).
``disarm-2023``
    Links ``../../generated_pages/``, every field a bullet (``* **Summary**:``), incident tables
    that start each description with an incident-technique ID (``IT00000310``). Commit 2c4757b.
``disarm-2024``
    Technique pages lose the bullets (``**Summary**:``) and gain an "Associated Technique" table
    (the page template of that time); other page types unchanged.
``disarm-2024b``
    Technique pages write the tactic with its name and the parent technique on one line:
    ``**Tactic**: TA15 Establish Assets <br><br>**Parent Technique:** T0145 ...``.
    Commit 49df5f6.  The parser also reads the two fields when the
    line break between them is missing (``... Establish Assets **Parent Technique:** ...``);
    D005 reports the missing break, once a page.

Index pages (``techniques_index.md``, ``disarm_red_framework.md``, ...) are HTML tables under a
``# DISARM <what>`` (or ``# AMITT <what>``) heading, with links relative to the corpus root.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

ValueKind = Literal["text", "id", "id-name", "ids"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field of a page type: its key in the page model and the labels generations wrote."""

    key: str
    labels: tuple[str, ...]
    value: ValueKind = "text"
    id_kind: str | None = None  # the kind of ID the value holds ("tactic", ...)
    required: bool = True


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table of a page type: its key and the header rows generations wrote."""

    key: str
    headers: tuple[tuple[str, ...], ...]
    # column indexes that must not be empty in any row (the cell that names the linked object)
    required_cells: tuple[int, ...] = (0,)
    # the kind of object the first column links to
    links_to: str | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """One page type in one generation."""

    page_type: str
    fields: tuple[FieldSpec, ...]
    tables: tuple[TableSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class Generation:
    name: str
    description: str
    # how links to other pages start; each prefix stands for the corpus root
    link_prefixes: tuple[str, ...]
    layouts: tuple[Layout, ...]
    # field line style, for recognising the generation: "bullet" (``* **L**:``) or "plain"
    technique_style: Literal["bullet", "plain"] = "bullet"

    def layout(self, page_type: str) -> Layout | None:
        for layout in self.layouts:
            if layout.page_type == page_type:
                return layout
        return None


@dataclass(frozen=True, slots=True)
class PageType:
    """A kind of object page: its heading word(s), ID kind and directory names."""

    name: str
    headings: tuple[str, ...]
    id_kind: str
    directories: tuple[str, ...]


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("technique", ("Technique",), "technique", ("techniques",)),
    PageType("incident", ("Incident",), "incident", ("incidents",)),
    PageType("counter", ("Counter",), "counter", ("counters",)),
    PageType("tactic", ("Tactic",), "tactic", ("tactics",)),
    PageType("phase", ("Phase",), "phase", ("phases",)),
    PageType("task", ("Task",), "task", ("tasks",)),
    PageType(
        "actortype", ("Actor", "Actortype", "Actor type"), "actortype", ("actortypes", "actors")
    ),
    PageType(
        "metatechnique", ("Metatechnique", "Meta-technique"), "metatechnique", ("metatechniques",)
    ),
    PageType("detection", ("Detection",), "detection", ("detections",)),
)
PAGE_TYPE: dict[str, PageType] = {t.name: t for t in PAGE_TYPES}
HEADING_WORDS: dict[str, PageType] = {w: t for t in PAGE_TYPES for w in t.headings}
DIRECTORY_TYPES: dict[str, PageType] = {d: t for t in PAGE_TYPES for d in t.directories}

# Index pages: the heading's first word names the framework.
INDEX_HEADING_WORDS = ("DISARM", "AMITT")

# ---------------------------------------------------------------------------------------------
# Fields and tables shared by generations

SUMMARY = FieldSpec("summary", ("Summary",))
TACTIC_STAGE = FieldSpec("tactic", ("Belongs to tactic stage",), "id", "tactic")
TACTIC_WITH_NAME = FieldSpec("tactic", ("Tactic",), "id-name", "tactic")
PARENT = FieldSpec("parent", ("Parent Technique",), "id-name", "technique", required=False)
PHASE = FieldSpec("phase", ("Belongs to phase",), "id", "phase")

COUNTERS = TableSpec("counters", (("Counters", "Response types"),), links_to="counter")
COUNTERS_AMITT = TableSpec("counters", (("Counters",),), links_to="counter")
TECHNIQUE_INCIDENTS = TableSpec(
    "incidents", (("Incident", "Descriptions given for this incident"),), links_to="incident"
)
ASSOCIATED = TableSpec(
    "associated_techniques", (("Associated Technique", "Description"),), links_to="technique"
)

INCIDENT = Layout(
    "incident",
    (
        SUMMARY,
        FieldSpec("incident_type", ("incident type",), required=False),
        FieldSpec("year_started", ("Year started",), required=False),
        FieldSpec("countries", ("Countries",), required=False),
        FieldSpec("found_via", ("Found via",), required=False),
        FieldSpec("date_added", ("Date added",), required=False),
    ),
    (
        TableSpec("references", (("Reference", "Pub Date", "Authors", "Org", "Archive"),)),
        TableSpec(
            "techniques",
            (("Technique", "Description given for this incident"),),
            links_to="technique",
        ),
    ),
)
COUNTER = Layout(
    "counter",
    (
        SUMMARY,
        FieldSpec("playbooks", ("Playbooks",), required=False),
        FieldSpec("metatechnique", ("Metatechnique",), "id-name", "metatechnique", required=False),
        FieldSpec("resources", ("Resources needed",), required=False),
        TACTIC_STAGE,
    ),
    (
        TableSpec("actortypes", (("Actor types", "Sectors"),), links_to="actortype"),
        TableSpec("tactics", (("Counters these Tactics",),), links_to="tactic"),
        TableSpec("techniques", (("Counters these Techniques",),), links_to="technique"),
        TableSpec("incidents", (("Seen in incidents",),), links_to="incident"),
    ),
)
TACTIC = Layout(
    "tactic",
    (SUMMARY, PHASE),
    (
        TableSpec("tasks", (("Tasks",),), links_to="task"),
        TableSpec("techniques", (("Techniques",),), links_to="technique"),
        COUNTERS,
    ),
)
PHASE_LAYOUT = Layout("phase", (SUMMARY,))
TASK = Layout("task", (SUMMARY, TACTIC_STAGE))
ACTORTYPE = Layout(
    "actortype",
    (
        SUMMARY,
        FieldSpec("sector", ("Sector",), required=False),
        FieldSpec("viewpoint", ("Viewpoint",), required=False),
    ),
    (COUNTERS,),
)
METATECHNIQUE = Layout("metatechnique", (SUMMARY,), (COUNTERS,))
DETECTION = Layout("detection", (SUMMARY, TACTIC_STAGE), ())

COMMON = (INCIDENT, COUNTER, TACTIC, PHASE_LAYOUT, TASK, ACTORTYPE, METATECHNIQUE, DETECTION)

TECHNIQUE_BULLETS = Layout("technique", (SUMMARY, TACTIC_STAGE), (TECHNIQUE_INCIDENTS, COUNTERS))

GENERATIONS: tuple[Generation, ...] = (
    Generation(
        "disarm-2024b",
        "technique pages with '**Tactic**: TA15 <name>' and '**Parent Technique:**' "
        "(DISARM commit 49df5f6)",
        ("../../generated_pages/",),
        (
            Layout(
                "technique",
                (SUMMARY, TACTIC_WITH_NAME, PARENT),
                (ASSOCIATED, TECHNIQUE_INCIDENTS, COUNTERS),
            ),
            *COMMON,
        ),
        technique_style="plain",
    ),
    Generation(
        "disarm-2024",
        "technique pages without bullets and with an 'Associated Technique' table",
        ("../../generated_pages/",),
        (
            Layout(
                "technique",
                (SUMMARY, TACTIC_STAGE),
                (ASSOCIATED, TECHNIQUE_INCIDENTS, COUNTERS),
            ),
            *COMMON,
        ),
        technique_style="plain",
    ),
    Generation(
        "disarm-2023",
        "bulleted fields, links '../../generated_pages/' (DISARM commit 2c4757b)",
        ("../../generated_pages/",),
        (TECHNIQUE_BULLETS, *COMMON),
    ),
    Generation(
        "disarm-2022",
        "bulleted fields, links '../generated_pages/' (DISARM 0.1)",
        ("../generated_pages/",),
        (TECHNIQUE_BULLETS, *COMMON),
    ),
    Generation(
        "amitt",
        "AMITT: pages at the repository root, links relative to the page ('../incidents/')",
        ("../",),
        (
            Layout(
                "technique",
                (SUMMARY, TACTIC_STAGE),
                (TECHNIQUE_INCIDENTS, COUNTERS_AMITT, COUNTERS),
            ),
            *COMMON,
        ),
    ),
)

# Every link prefix any generation wrote for "the corpus root", longest first.
ROOT_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {p for g in GENERATIONS for p in g.link_prefixes if "generated_pages" in p},
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=4096)
def _norm(label: str) -> str:
    return " ".join(label.replace(":", " ").split()).casefold()


# label (normalised) -> field spec, per page type, over every generation
FIELD_LABELS: dict[str, dict[str, FieldSpec]] = {}
# header (normalised tuple) -> table spec, per page type, over every generation
TABLE_HEADERS: dict[str, dict[tuple[str, ...], TableSpec]] = {}
for _generation in GENERATIONS:
    for _layout in _generation.layouts:
        labels = FIELD_LABELS.setdefault(_layout.page_type, {})
        for _field in _layout.fields:
            for _label in _field.labels:
                labels.setdefault(_norm(_label), _field)
        headers = TABLE_HEADERS.setdefault(_layout.page_type, {})
        for _table in _layout.tables:
            for _header in _table.headers:
                headers.setdefault(tuple(_norm(h) for h in _header), _table)


def normalise_label(label: str) -> str:
    return _norm(label)


def field_for(page_type: str, label: str) -> FieldSpec | None:
    return FIELD_LABELS.get(page_type, {}).get(_norm(label))


def table_for(page_type: str, header: tuple[str, ...]) -> TableSpec | None:
    return TABLE_HEADERS.get(page_type, {}).get(tuple(_norm(h) for h in header))


def spec_for_key(page_type: str, key: str) -> FieldSpec | None:
    for spec in FIELD_LABELS.get(page_type, {}).values():
        if spec.key == key:
            return spec
    return None


def known_labels(page_type: str) -> dict[str, FieldSpec]:
    return FIELD_LABELS.get(page_type, {})


_KNOWN: dict[tuple[str, str], tuple[frozenset[str], frozenset[tuple[str, ...]]]] = {}
for _generation in GENERATIONS:
    for _layout in _generation.layouts:
        _KNOWN[(_generation.name, _layout.page_type)] = (
            frozenset(_norm(lab) for f in _layout.fields for lab in f.labels),
            frozenset(tuple(_norm(h) for h in hd) for t in _layout.tables for hd in t.headers),
        )


def recognise(
    page_type: str,
    labels: list[str],
    headers: list[tuple[str, ...]],
    prefixes: set[str],
    plain_fields: bool,
) -> Generation | None:
    """The generation that best explains a page: the most of its field labels, table headers
    and link prefixes known, ties to the newest; ``None`` when nothing is known, or when more
    of the page's labels and headers are unknown to a generation than known to it."""
    norm_labels = [_norm(lab) for lab in labels]
    norm_headers = [tuple(_norm(h) for h in hd) for hd in headers]
    best: tuple[int, int] | None = None
    chosen: Generation | None = None
    for rank, generation in enumerate(GENERATIONS):
        known = _KNOWN.get((generation.name, page_type))
        if known is None:
            continue
        known_fields, known_tables = known
        hits = sum(1 for lab in norm_labels if lab in known_fields)
        hits += sum(1 for hd in norm_headers if hd in known_tables)
        misses = len(norm_labels) + len(norm_headers) - hits
        if hits == 0 or misses > hits:
            # a page most of whose labels and headers no generation of its type wrote is of
            # a generation seedlint does not know: one D001, not a finding per missing field
            continue
        hits += sum(1 for p in prefixes if p in generation.link_prefixes)
        if page_type == "technique" and plain_fields != (generation.technique_style == "plain"):
            misses += 1
        score = (hits - misses, -rank)
        if best is None or score > best:
            best, chosen = score, generation
    return chosen
