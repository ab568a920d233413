"""DISARM identifiers: their formats, as the framework's generated pages write them.

Every format here was read off the generated pages of the framework (both template generations
in ``../shared/corpora``), not guessed:

=================  ==========  ============================  ==================
kind               example     where it shows                page directory
=================  ==========  ============================  ==================
technique          T0145       headings, tables, text        ``techniques/``
sub-technique      T0145.002   headings, tables, text        ``techniques/``
tactic             TA15        "Belongs to tactic stage"     ``tactics/``
task               TK0001      tactic pages                  ``tasks/``
incident           I00088      technique pages               ``incidents/``
counter            C00012      "Counters" tables             ``counters/``
phase              P01         "Belongs to phase"            ``phases/``
actor type         A001        counter pages                 ``actortypes/``
meta-technique     M001        counter pages                 ``metatechniques/``
detection          F00001      ``detections_index.md``       ``detections/``
response type      D02         "Response types" columns      (none generated)
sector             S001        actor type pages              (none)
framework          FW01        actor type "Viewpoint"        (none)
resource           R001        "Resources needed"            (none generated)
incident-technique IT00000310  incident tables (older pages) (none)
=================  ==========  ============================  ==================

DISARM technique IDs are ``T0`` and three digits: the framework's pages also cite MITRE ATT&CK,
whose technique IDs are ``T1`` and three digits (``See also MITRE ATT&CK T1708: Valid
Accounts``); those are not DISARM IDs. ATT&CK's tactic, software and campaign IDs (``TA0001``,
``S0002``, ``C0001``) share prefixes with DISARM's, so IDs right after a mention of ATT&CK or
MITRE are left alone.

A *malformed* ID is a token with one of these prefixes whose digits do not fit (``T00145.006``,
``I0088``, ``T0145.02``). To stay clear of ordinary words and product names (``Google's T5``,
``A4 paper``, ``S3``), only tokens zero-padded like IDs count as attempted IDs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IdKind:
    """One kind of DISARM object and how its IDs are written."""

    name: str
    prefix: str
    pattern: str  # a well-formed ID of this kind (no anchors)
    example: str
    directory: str | None = None  # the page directory under the corpus root, if pages exist

    @property
    def label(self) -> str:
        return self.name.replace("-", " ")


KINDS: tuple[IdKind, ...] = (
    IdKind("technique", "T", r"T0\d{3}(?:\.\d{3})?", "T0145 or T0145.002", "techniques"),
    IdKind("tactic", "TA", r"TA\d{2}", "TA15", "tactics"),
    IdKind("task", "TK", r"TK\d{4}", "TK0001", "tasks"),
    IdKind("incident", "I", r"I\d{5}", "I00088", "incidents"),
    IdKind("incident-technique", "IT", r"IT\d{8}", "IT00000310"),
    IdKind("counter", "C", r"C\d{5}", "C00012", "counters"),
    IdKind("phase", "P", r"P\d{2}", "P01", "phases"),
    IdKind("actortype", "A", r"A\d{3}", "A001", "actortypes"),
    IdKind("metatechnique", "M", r"M\d{3}", "M001", "metatechniques"),
    IdKind("detection", "F", r"F\d{5}", "F00001", "detections"),
    IdKind("responsetype", "D", r"D\d{2}", "D02", "responsetypes"),
    IdKind("sector", "S", r"S\d{3}", "S001"),
    IdKind("framework", "FW", r"FW\d{2}", "FW01"),
    IdKind("resource", "R", r"R\d{3}", "R001", "resources"),
)

BY_NAME: dict[str, IdKind] = {k.name: k for k in KINDS}
BY_PREFIX: dict[str, IdKind] = {k.prefix: k for k in KINDS}
BY_DIRECTORY: dict[str, IdKind] = {k.directory: k for k in KINDS if k.directory}

_PREFIXES = "|".join(sorted((re.escape(k.prefix) for k in KINDS), key=len, reverse=True))
_FULL = {k.prefix: re.compile(k.pattern + r"\Z") for k in KINDS}

# Any token shaped like an ID: a known prefix, digits, optionally ".digits". The look-arounds
# keep it a whole word (``T0145.002`` but not ``AT0145`` or ``T0145x``).
TOKEN = re.compile(
    rf"(?<![A-Za-z0-9_./\-])(?P<prefix>{_PREFIXES})(?P<digits>\d+)(?P<sub>\.\d+)?(?![A-Za-z0-9_\-]|\.\d)"
)
# A well-formed ID of any kind, as a whole word.
ID = re.compile(
    r"(?<![A-Za-z0-9_./\-])(?:"
    + "|".join(k.pattern for k in sorted(KINDS, key=lambda k: len(k.prefix), reverse=True))
    + r")(?![A-Za-z0-9_\-]|\.\d)"
)


def kind_of(identifier: str) -> IdKind | None:
    """The kind of a well-formed ID (``None`` when it is not one)."""
    match = TOKEN.fullmatch(identifier) if identifier else None
    if match is None:
        return None
    kind = BY_PREFIX[match["prefix"]]
    return kind if _FULL[kind.prefix].match(identifier) else None


def well_formed(prefix: str, token: str) -> bool:
    """Whether ``token`` (which starts with ``prefix``, as matched by :data:`TOKEN`) is a
    well-formed ID of that prefix's kind."""
    return _FULL[prefix].match(token) is not None


def is_valid(identifier: str, kind: str | None = None) -> bool:
    found = kind_of(identifier)
    return found is not None and (kind is None or found.name == kind)


def looks_attempted(prefix: str, digits: str, sub: str | None) -> bool:
    """Whether a token that is not a valid ID was meant as one (see the module docstring)."""
    return len(digits) >= 2 and digits.startswith("0")


def malformed_reason(prefix: str, digits: str, sub: str | None) -> str | None:
    """Why ``prefix+digits+sub`` is not a well-formed ID, or ``None`` when it is (or when it is
    not meant as an ID at all)."""
    token = prefix + digits + (sub or "")
    kind = BY_PREFIX[prefix]
    if _FULL[prefix].match(token):
        return None
    if not looks_attempted(prefix, digits, sub):
        return None
    return f"'{token}' is not a well-formed {kind.label} ID (expected the form {kind.example})"


_FOREIGN = re.compile(r"ATT&(?:amp;)?CK|MITRE|Mitre", re.IGNORECASE)


def foreign_context(before: str) -> bool:
    """Whether the text just before an ID cites another framework (MITRE ATT&CK)."""
    return bool(_FOREIGN.search(before[-80:]))


def parent_of(technique: str) -> str | None:
    """``T0145`` for the sub-technique ``T0145.002``; ``None`` for a top-level technique."""
    head, dot, _ = technique.partition(".")
    return head if dot else None
