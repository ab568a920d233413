"""D205: the name written next to a DISARM ID against the title of that ID's page."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.disarm import ids
from seedlint.disarm.corpus import Corpus, groups, note_outside, place
from seedlint.disarm.generations import field_for
from seedlint.disarm.links import resolve
from seedlint.validators.disarm_ids import also

_TAG = re.compile(r"<[^>]*>")
# "TA15 Establish Assets", "M004 - Friction", "M006 - Scoring, M005 - Removal"
_FIELD_PART = re.compile(
    r"(?P<id>[A-Z]{1,2}\d+(?:\.\d+)?)(?:[ \t]+-)?[ \t]*(?P<name>.*?)[ \t]*"
    r"(?=,[ \t]*[A-Z]{1,2}\d|\Z)"
)
_LINK_TEXT = re.compile(r"\s*(?P<id>[A-Z]{1,2}\d+(?:\.\d+)?)[ \t]+(?P<name>.*)\Z", re.S)
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "*": " ",
        "_": " ",
    }
)


def normalise(text: str) -> str:
    """Case, whitespace, typographic quotes and dashes, markup: what a reader does not see
    as a different name."""
    return " ".join(_TAG.sub(" ", text).translate(_FOLD).casefold().split())


def same_name(written: str, title: str, form: str) -> bool:
    want = normalise(title)
    have = normalise(written)
    if not want:
        return True
    if form in ("link", "field"):
        return have.rstrip(" .:") == want.rstrip(" .:")
    if not have.startswith(want):
        return False
    rest = have[len(want) :]
    return not rest or not rest[0].isalnum()


_CUT = re.compile(r"\s*(?:[,;|]|<|\]\(|\.(?:\s|$)|:\s|\s-\s)")
_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "via",
        "with",
        "across",
    ]
)


def _name_words(text: str) -> list[str]:
    text = _TAG.sub(" ", text)
    cut = _CUT.search(text)
    return (text[: cut.start()] if cut else text).split()


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word[:1] in "(&\"'\u201c\u2018"


def looks_like_name(text: str, title: str) -> bool:
    """Whether the text after ``ID:`` is a name at all, rather than a sentence explaining the
    ID ("T0008: A quick response to a proto-viral story ..."): it starts like the title, or
    its first words (small words aside) are capitalised as names are."""
    words = _name_words(text)
    if not words:
        return False
    if normalise(words[0]) == normalise(title.split()[0] if title.split() else ""):
        return True
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and all(_capital(w) for w in content[:2])


def written_name(text: str, title: str) -> str:
    """The name as written after ``ID:`` in running text, for messages: up to a delimiter, and
    only the words that look like a name (capitalised, or small words inside one), at least as
    many words as the title has when they are there."""
    words = _name_words(text)
    depth = 0
    kept: list[str] = []
    for index, word in enumerate(words):
        if depth <= 0 and word.startswith(")"):
            break
        follows = index + 1 < len(words) and _capital(words[index + 1])
        if (
            not _capital(word)
            and not (word.lower() in _SMALL and follows)
            and len(kept) >= len(title.split())
        ):
            break
        word = word.rstrip(".,;:")
        depth += word.count("(") - word.count(")")
        if depth < 0:
            kept.append(word[:depth] if word.endswith(")" * -depth) else word)
            break
        kept.append(word)
    return " ".join(kept).rstrip(".:") or " ".join(words)


class Named(NamedTuple):
    """An ID written with a name: where, the name, its form ("colon", "field" or "link") and,
    for a link, its target (relative to the corpus root)."""

    id: str
    line: int
    column: int
    written: str
    form: str
    target: str | None


class PageNames(NamedTuple):
    """A page's facts: its corpus root and path, its own title, the names it writes."""

    root: str | None
    rel: str
    title: str | None = None
    names: list[Named] = []  # noqa: RUF012 - a default never mutated

    @classmethod
    def load(cls, value: Any) -> PageNames:
        """The record of facts as collected, or as a cache or a worker gave them back."""
        page = cls._make(value)
        return page._replace(names=[Named._make(item) for item in page.names])


def collect(doc: DisarmDocument, ctx: Context) -> PageNames:
    """Every ``ID: Name`` in text (target: ``None``, the ID's page) and every ``[ID Name](...)``
    link whose target is the page of that ID (target: the linked path)."""
    where = place(doc, ctx)
    page = doc.page
    if where.root is None:
        return PageNames(None, "")
    out: list[Named] = []
    for mention in page.mentions:
        if mention.colon and mention.name and mention.id != page.id and not mention.retired:
            out.append(Named(mention.id, mention.line, mention.column, mention.name, "colon", None))
    for item in page.fields:
        spec = field_for(page.page_type, item.label)
        if spec is None or spec.value not in ("id", "id-name") or spec.id_kind is None:
            continue
        first_line = item.value.split("\n", 1)[0]
        for part in _FIELD_PART.finditer(first_line):
            name = " ".join(part["name"].split())
            if name and ids.is_valid(part["id"], spec.id_kind):
                column = item.column + part.start("id")
                out.append(Named(part["id"], item.line, column, name, "field", None))
    for link in page.links:
        match = _LINK_TEXT.match(link.text)
        if match is None or ids.kind_of(match["id"]) is None or not match["name"].strip():
            continue
        resolved = resolve(link.target, where.directory)
        if resolved.status != "inside":
            continue
        if posixpath.basename(resolved.path) != match["id"] + ".md":
            continue  # the text names another ID than the target: D203
        column = link.column + (0 if link.html else 1) + match.start("id")
        if link.html:
            column = link.column  # the text of an <a> is not at a fixed offset
        name = " ".join(match["name"].split())
        out.append(Named(match["id"], link.line, column, name, "link", resolved.path))
    title = page.name if not page.is_index else None
    return PageNames(str(where.root), where.rel, title, out)


@corpus_rule(
    "D205", "disarm-name-mismatch", kind="disarm", severity=Severity.ERROR, collect=collect
)
def check(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """The name written with an ID differs from the title of that ID's page.

    **What it checks**: text of the form ``ID: Name`` (``(T0097.102: Journalist Persona)``),
    link texts of the form ``ID Name`` (``[I00082 Meta's November 2021 Adversarial Threat
    Report](...)``) and fields that name an object (``**Tactic**: TA15 Establish Assets``,
    ``**Parent Technique:** T0145 ...``, ``* **Metatechnique**: M004 - Friction``) against the
    title in the heading of the page the ID (or the link) points at.
    Case, spacing, typographic quotes and dashes and markup do not count as differences; in
    running text the page title must start the text after the colon, and text after the colon
    that is a sentence rather than a name ("T0008: A quick response to ...") is left alone.
    Both names are quoted; the same mismatch repeated on a page is reported once, listing the
    other lines. Links whose text names another ID than their target are D203's, IDs without a
    page D201's and D204's; pages in no corpus are skipped.

    **Why**: the framework renames objects; text written before a rename (or pasted with the
    wrong ID) names one object and links to another, and readers cannot tell which is meant.

    **Bad**: ``(T0145.006: Stock Image Account Imagery)`` when ``T0145.006`` is titled
    ``Attractive Person Account Imagery``

    **Good**: ``(T0145.007: Stock Image Account Imagery)``

    **Fix**: use the ID the name belongs to, or the current name of the ID (in the framework's
    spreadsheet for generated text, then regenerate).
    """
    outside: list[str] = []
    for root, items in groups(facts, PageNames.load):
        if root is None:
            outside.extend(display for display, _ in items)
            continue
        titles = {page.rel: page.title for _, page in items if page.title}
        corpus = Corpus(root, titles)
        for display, page in items:
            found: dict[tuple[str, str], tuple[int, int, str, str, str, list[int]]] = {}
            for identifier, line, column, written, form, target in page.names:
                rel = target if target is not None else corpus.page_of(identifier)
                if rel is None:
                    continue
                title = corpus.title(rel)
                if title is None or same_name(written, title, form):
                    continue
                if form == "colon" and not looks_like_name(written, title):
                    continue
                shown = written if form != "colon" else written_name(written, title)
                key = (identifier, normalise(shown))
                if key in found:
                    found[key][5].append(line)
                    continue
                found[key] = (line, column, shown, title, form, [line])
            for (identifier, _), (line, column, shown, title, form, more) in found.items():
                shown = shown if len(shown) <= 80 else shown[:77] + "..."
                colon = ":" if form == "colon" else ""
                yield (
                    display,
                    Violation(
                        Span(line, column, line, column + len(identifier)),
                        f"'{identifier}{colon} {shown}' does not match the title of {identifier}'s "
                        f"page: '{title}'" + also(more[1:], line),
                    ),
                )
    note_outside(ctx, outside)
