"""D401-D404: the edit-line marker of a DISARM page, and generated content written twice."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule
from seedlint.disarm.marker import MARKER
from seedlint.fixes.disarm import marker_fix


@document_rule("D401", "disarm-marker-missing", kind="disarm", severity=Severity.ERROR)
def check_missing(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """DISARM page has no edit-line marker.

    **What it checks**: every object page (not index pages, which are generated whole) has the
    line ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW``. A line that is almost the
    marker is D403's, not this rule's. Reported at the last line of the page.

    **Why**: the generator keeps what is below the marker and rewrites what is above; on a page
    without it, the generator takes the whole page for notes and writes a fresh copy of the
    generated content above it: the page then holds everything twice (D404).
    A page without the marker whose content already appears more than once is reported by
    D404 alone (one root cause, one finding, with the advice for both).

    **Bad**: a technique page that ends after its tables.

    **Good**: ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW`` after the generated
    content, notes (if any) below it.

    **Fix**: add the marker line after the generated content.
    """
    page = doc.page
    if page.is_index or page.marker.lines or page.marker.near_misses:
        return
    if page.repeated_heading_lines:
        return  # the copies are the consequence: D404 reports both, once
    line = page.line_count
    while line > 1 and not doc.source.line_text(line).strip():
        line -= 1
    yield Violation(
        Span(line, 1, line, len(doc.source.line_text(line)) + 1),
        f"the edit-line marker '{MARKER}' is missing: the generator will take the whole page "
        "for notes and write the generated content a second time",
    )


@document_rule("D402", "disarm-marker-repeated", kind="disarm", severity=Severity.ERROR)
def check_repeated(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """The edit-line marker appears more than once.

    **What it checks**: the marker line appears exactly once. Every further copy is reported,
    except copies inside generated content written twice (D404 reports that once).

    **Why**: the generator splits the page at the first marker; a second one is stale, and
    everything between the two is treated as notes the generator will never update.

    **Bad**: two ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW`` lines.

    **Good**: one.

    **Fix**: delete the extra marker line (and the stale content it came with).
    """
    page = doc.page
    if page.is_index or len(page.marker.lines) < 2:
        return
    copies = page.repeated_heading_lines
    first = page.marker.lines[0]
    for line in page.marker.lines[1:]:
        if copies and any(start < line for start in copies):
            continue
        yield Violation(
            Span(line, 1, line, len(MARKER) + 1),
            f"the edit-line marker appears again (first on line {first})",
        )


@document_rule(
    "D403", "disarm-marker-near-miss", kind="disarm", severity=Severity.ERROR, fix="safe"
)
def check_near_miss(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """A line is almost the edit-line marker.

    **What it checks**: lines that look like the marker but are not exactly it: other case,
    missing or extra dashes or spaces, a word more or less, a typo, indentation, or other text
    on the marker's line (the notes must start on the next line). Reported when the page has no
    exact marker, or when the near miss is above it (in the generated region). The message
    says what differs and gives the exact marker.

    **Why**: the generator looks for the marker with an exact, case-sensitive search: it does
    not see a near miss, so it treats the page as having no marker and duplicates the generated
    content; text on the marker's line is glued to the marker the next time the page is
    written.

    **Bad**: ``Do not edit above this line - please add notes below``,
    ``DO NOT EDIT ABOVE THIS LINE PLEASE ADD NOTES BELOW``

    **Good**: ``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW``

    **Fix**: replace the line with the exact marker (and move any text on it to the next line).
    ``--fix`` does it when the page has no exact marker, the near miss is its only one, and it
    differs from the marker only in case, spaces or punctuation; a typo or other words on the
    line are left to you.
    """
    page = doc.page
    if page.is_index:
        return
    for line, column, text, why in page.marker.near_misses:
        shown = text if len(text) <= 70 else text[:67] + "..."
        yield Violation(
            Span(line, column, line, column + len(text)),
            f"'{shown}' is not exactly the edit-line marker ({why}); did you mean '{MARKER}'?",
            fix=marker_fix(doc, line, column, text),
        )


@document_rule("D404", "disarm-generated-twice", kind="disarm", severity=Severity.ERROR)
def check_twice(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """The page's generated content appears more than once.

    **What it checks**: the page's heading (``# Technique T0145.002: ...``) appears only once.
    A second copy is the mark of a known generator failure: when a page had no marker (or a
    misspelled one), the generator kept the whole old page as notes below a fresh copy; every
    further run without a marker adds one more copy. One finding at the start of the first old
    copy, saying how many copies the page holds; the copies' own content is not checked line
    by line. When the marker is missing as well, this is the only finding (D401 is the same
    root cause) and the message says to add the marker.

    **Why**: the page shows every field and table several times, and the stale copies are
    never updated again.

    **Bad**: a heading, fields and tables, the marker, then the same heading, fields and
    tables again (or three copies and no marker at all).

    **Good**: one generated region, the marker, then notes.

    **Fix**: delete the old copies below the first one, keeping any real notes, and make sure
    the marker follows the first copy.
    """
    page = doc.page
    if page.is_index or not page.repeated_heading_lines:
        return
    repeats = page.repeated_heading_lines
    line = repeats[0]
    text = doc.source.line_text(line)
    end = page.line_count
    copies = len(repeats) + 1
    times = {2: "twice", 3: "three times"}.get(copies, f"{copies} times")
    where = (
        f"line {line} repeats"
        if len(repeats) == 1
        else "lines " + ", ".join(str(n) for n in repeats) + " repeat"
    )
    old = "an old copy" if len(repeats) == 1 else f"{len(repeats)} old copies"
    if page.marker.lines or page.marker.near_misses:
        advice = f"{old} of the page kept as notes, lines {line}-{end}"
    else:
        advice = (
            f"{old} of the page, lines {line}-{end}; the edit-line marker is missing, so every "
            f"run of the generator adds one more: keep the first copy and add '{MARKER}' after it"
        )
    yield Violation(
        Span(line, 1, line, len(text) + 1),
        f"the generated content appears {times}: {where} the page heading of line "
        f"{page.heading.line} ({advice})",
    )
