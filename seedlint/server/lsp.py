"""The protocol side of ``seedlint server``: a pygls language server over stdio.

Buffers are kept here, with incremental changes applied as the protocol counts positions
(:mod:`seedlint.server.positions`); everything seedlint knows is in
:class:`seedlint.server.analysis.Project`. Every handler catches its own errors: an internal
error is logged (``window/logMessage`` and standard error) and the server goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from seedlint import __version__
from seedlint.core.finding import Finding, Severity
from seedlint.fixes.model import Edit
from seedlint.server.actions import Action, fix_actions, suppress_action
from seedlint.server.analysis import Analysis, Project
from seedlint.server.positions import UTF16, LineIndex, apply_change

DEBOUNCE = 0.05  # seconds of quiet typing before a buffer is checked again
SOURCE = "seedlint"
WATCHED = (
    "**/*.md",
    "**/*.markdown",
    "**/*.txt",
    "**/seedlint.toml",
    "**/.seedlint.toml",
    "**/pyproject.toml",
)
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
T = TypeVar("T")
log = logging.getLogger("seedlint.server")


class Buffer:
    def __init__(self, uri: str, text: str, version: int | None) -> None:
        self.uri, self.text, self.version = uri, text, version
        self.analysis: Analysis | None = None
        self.analysed_text: str | None = None


class SeedlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("seedlint", __version__)
        self.project: Project | None = None
        self.buffers: dict[str, Buffer] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.lock = threading.Lock()

    @property
    def encoding(self) -> str:
        try:
            return str(self.workspace.position_encoding or UTF16)
        except RuntimeError:
            return UTF16

    def say(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        log.info(message)
        with contextlib.suppress(Exception):
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def guarded(self, what: str, action: Callable[[], T], default: T) -> T:
        try:
            return action()
        except Exception as exc:
            self.say(
                f"seedlint: internal error in {what}: {type(exc).__name__}: {exc}\n"
                + traceback.format_exc(),
                types.MessageType.Error,
            )
            return default

    # -- diagnostics ---------------------------------------------------------------------
    def project_for(self) -> Project:
        if self.project is None:
            self.project = Project(Path.cwd(), self.say)
        return self.project

    def check(self, uri: str) -> None:
        buffer = self.buffers.get(uri)
        path = _path(uri)
        if buffer is None or path is None:
            return
        with self.lock:
            project = self.project_for()
            analysis = project.analyse(path, buffer.text)
            buffer.analysis, buffer.analysed_text = analysis, buffer.text
            self.publish(buffer)
            for other in self.buffers.values():  # the corpus changed for the other buffers
                if other is not buffer and other.analysis is not None:
                    again = project.again(other.analysis.display)
                    if again is not None:
                        other.analysis = again
                        self.publish(other)

    def publish(self, buffer: Buffer) -> None:
        analysis = buffer.analysis
        if analysis is None:
            return
        index = LineIndex(analysis.text, self.encoding)
        diagnostics = [_diagnostic(f, analysis, index) for f in analysis.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=buffer.uri, diagnostics=diagnostics, version=buffer.version
            )
        )

    def schedule(self, uri: str, delay: float = DEBOUNCE) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_event_loop()

        def run() -> None:
            self.pending.pop(uri, None)
            self.guarded("checking a document", lambda: self.check(uri), None)

        self.pending[uri] = loop.call_later(delay, run)

    def recheck_all(self) -> None:
        for uri in list(self.buffers):
            self.guarded("checking a document", lambda u=uri: self.check(u), None)  # type: ignore[misc]

    def index_in_background(self) -> None:
        project = self.project_for()
        loop = asyncio.get_event_loop()

        def work() -> None:
            self.guarded("indexing the workspace", project.build_index, None)
            loop.call_soon_threadsafe(self.recheck_all)

        threading.Thread(target=work, name="seedlint-index", daemon=True).start()


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    fs = to_fs_path(uri)
    return Path(fs) if fs else None


def _range(analysis: Analysis, index: LineIndex, start: int, end: int) -> types.Range:
    s_line, s_char = index.position(start + analysis.shift)
    e_line, e_char = index.position(end + analysis.shift)
    return types.Range(types.Position(s_line, s_char), types.Position(e_line, e_char))


def _finding_offsets(finding: Finding, analysis: Analysis) -> tuple[int, int]:
    source = analysis.source
    if source is None:
        return 0, 0
    line = max(1, finding.line)
    start = source.offset(line, 1) + min(max(0, finding.column - 1), len(source.line_text(line)))
    end_line = max(line, finding.end_line)
    end_len = len(source.line_text(end_line))
    end = source.offset(end_line, 1) + min(max(0, finding.end_column - 1), end_len)
    return start, max(start, end)


def _diagnostic(finding: Finding, analysis: Analysis, index: LineIndex) -> types.Diagnostic:
    start, end = _finding_offsets(finding, analysis)
    message = finding.message
    if finding.detail and finding.code.startswith("G"):
        message += "\n" + finding.detail
    return types.Diagnostic(
        range=_range(analysis, index, start, end),
        message=message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        source=SOURCE,
        code_description=types.CodeDescription(
            href=f"https://github.com/seedlint/seedlint/blob/main/docs/rules.md#{finding.code.lower()}"
        ),
        data={"code": finding.code, "line": finding.line, "column": finding.column},
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _workspace_edit(
    uri: str, version: int | None, analysis: Analysis, index: LineIndex, action: Action
) -> types.WorkspaceEdit:
    edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = [
        types.TextEdit(_range(analysis, index, e.start, e.end), e.replacement)
        for e in sorted(action.edits, key=lambda e: (e.start, e.end))
    ]
    changes: list[Any] = []
    if edits:
        changes.append(
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                edits=edits,
            )
        )
    if action.rename is not None:
        new = analysis.path.with_name(action.rename)
        changes.append(types.RenameFile(old_uri=uri, new_uri=from_fs_path(str(new)) or uri))
    return types.WorkspaceEdit(document_changes=changes)


def _watchers() -> types.DidChangeWatchedFilesRegistrationOptions:
    return types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
    )


def build() -> SeedlintServer:
    """The server with its handlers: start-up, the buffers' life, the editor's requests."""
    server = SeedlintServer()
    _on_start(server)
    _on_documents(server)
    _on_files(server)
    _on_requests(server)
    return server


def _on_start(server: SeedlintServer) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(ls: SeedlintServer, params: types.InitializedParams) -> None:
        ls.guarded("initialization", lambda: _start(ls), None)


def _start(ls: SeedlintServer) -> None:
    """The workspace root becomes the current directory (as for ``seedlint check``), the
    corpus is indexed in the background, and the files it depends on are watched."""
    folders = ls.workspace.folders
    root = ls.workspace.root_path
    if folders:
        root = to_fs_path(next(iter(folders.values())).uri) or root
    if root:
        os.chdir(root)  # seedlint check's current directory: display paths, config
    ls.project = Project(Path.cwd(), ls.say)
    ls.index_in_background()
    watch = getattr(
        getattr(ls.client_capabilities.workspace, "did_change_watched_files", None),
        "dynamic_registration",
        False,
    )
    if watch:
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="seedlint-watched-files",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=_watchers(),
                    )
                ]
            )
        )


def _on_documents(server: SeedlintServer) -> None:
    """Buffers opened, changed and closed."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SeedlintServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        ls.buffers[doc.uri] = Buffer(doc.uri, doc.text, doc.version)
        ls.guarded("checking a document", lambda: ls.check(doc.uri), None)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SeedlintServer, params: types.DidChangeTextDocumentParams) -> None:
        def change() -> None:
            buffer = ls.buffers.get(params.text_document.uri)
            if buffer is None:
                return
            for event in params.content_changes:
                if isinstance(event, types.TextDocumentContentChangePartial):
                    r = event.range
                    where = (r.start.line, r.start.character, r.end.line, r.end.character)
                    buffer.text = apply_change(buffer.text, where, event.text, ls.encoding)
                else:
                    buffer.text = event.text
            buffer.version = params.text_document.version
            ls.schedule(buffer.uri)

        ls.guarded("applying a change", change, None)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SeedlintServer, params: types.DidCloseTextDocumentParams) -> None:
        def close() -> None:
            uri = params.text_document.uri
            ls.buffers.pop(uri, None)
            handle = ls.pending.pop(uri, None)
            if handle is not None:
                handle.cancel()
            path = _path(uri)
            if path is not None and ls.project is not None:
                with ls.lock:
                    ls.project.close(path)
                    ls.project.refresh([path])  # the file on disk takes the buffer's place
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

        ls.guarded("closing a document", close, None)


def _on_files(server: SeedlintServer) -> None:
    """Files saved or changed on disk: the index, then every open buffer again."""

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SeedlintServer, params: types.DidSaveTextDocumentParams) -> None:
        def save() -> None:
            path = _path(params.text_document.uri)
            if path is not None and ls.project is not None:
                with ls.lock:
                    ls.project.refresh([path])
            ls.recheck_all()

        ls.guarded("a saved document", save, None)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SeedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        def refresh() -> None:
            paths = [p for p in (_path(c.uri) for c in params.changes) if p is not None]
            if ls.project is not None:
                with ls.lock:
                    ls.project.refresh(paths)
            ls.recheck_all()

        ls.guarded("files changed on disk", refresh, None)


def _on_requests(server: SeedlintServer) -> None:
    """Code actions, hover, completion."""

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: SeedlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return ls.guarded("code actions", lambda: _code_actions(ls, params), None)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SeedlintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.guarded("hover", lambda: _hover(ls, params), None)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "])
    )
    def completion(
        ls: SeedlintServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        return ls.guarded("completion", lambda: _completion(ls, params), None)


def _hover(ls: SeedlintServer, params: types.HoverParams) -> types.Hover | None:
    from seedlint.server.features import hover_text

    buffer = ls.buffers.get(params.text_document.uri)
    if buffer is None or buffer.analysis is None:
        return None
    index = LineIndex(buffer.text, ls.encoding)
    offset = index.offset(params.position.line, params.position.character)
    text = hover_text(buffer.analysis, buffer.text, offset, index)
    if not text:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


def _completion(ls: SeedlintServer, params: types.CompletionParams) -> types.CompletionList | None:
    from seedlint.server.features import completions

    buffer = ls.buffers.get(params.text_document.uri)
    path = _path(params.text_document.uri)
    if buffer is None or path is None:
        return None
    index = LineIndex(buffer.text, ls.encoding)
    offset = index.offset(params.position.line, params.position.character)
    items = []
    for item in completions(ls.project_for(), path, buffer.text, offset):
        start, end = index.position(item.start), index.position(item.end)
        edit_range = types.Range(types.Position(*start), types.Position(*end))
        items.append(
            types.CompletionItem(
                label=item.label,
                kind=types.CompletionItemKind.Property
                if item.is_key
                else types.CompletionItemKind.EnumMember,
                detail=item.detail or None,
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=item.documentation
                ),
                text_edit=types.TextEdit(edit_range, item.insert),
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


def _code_actions(ls: SeedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    buffer = ls.buffers.get(uri)
    if buffer is None or buffer.analysis is None:
        return []
    if buffer.analysed_text != buffer.text:  # a change is waiting for its check: do it now
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.check(uri)
    analysis = buffer.analysis
    assert analysis is not None
    index = LineIndex(analysis.text, ls.encoding)
    out: list[types.CodeAction] = []
    for finding in analysis.findings:
        diagnostic = _diagnostic(finding, analysis, index)
        if not _overlaps(diagnostic.range, params.range):
            continue
        actions = fix_actions(analysis, finding)
        suppress = suppress_action(analysis, finding)
        if suppress is not None:
            actions.append(suppress)
        for action in actions:
            out.append(
                types.CodeAction(
                    title=action.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=action.preferred or None,
                    edit=_workspace_edit(uri, buffer.version, analysis, index, action),
                )
            )
    return out


def serve() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    build().start_io()


__all__ = ["Edit", "build", "serve"]
