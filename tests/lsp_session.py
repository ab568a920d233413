"""A language-server client for the tests: ``python -m seedlint server`` as a subprocess,
driven over stdio by pytest-lsp's client (pygls), as an editor would."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import client_capabilities, make_test_lsp_client

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
DEADLINE = 60.0  # seconds before a test gives up waiting (a hung server, not a slow one)


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def commit_all(root: Path) -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")


def have_git() -> bool:
    return shutil.which("git") is not None


class Session:
    """One server process and its client."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = make_test_lsp_client()
        self.published: list[types.PublishDiagnosticsParams] = []
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.registrations: list[types.Registration] = []

    async def start(self, encodings: Sequence[str] | None = None) -> types.InitializeResult:
        fm = self.client.protocol.fm
        original = fm.features[PUBLISH]

        def record(params: types.PublishDiagnosticsParams) -> Any:
            self.published.append(params)
            return original(params)

        fm.features[PUBLISH] = record

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        await self.client.start_io(sys.executable, "-m", "seedlint", "server", cwd=str(self.root))
        capabilities = client_capabilities("visual-studio-code")
        if encodings is not None:
            capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
        return await self.client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities,
                root_uri=self.root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="w")],
            )
        )

    async def stop(self) -> None:
        await self.client.shutdown_session()
        await self.client.stop()

    async def indexed(self) -> None:
        """Wait until the server has indexed the workspace (it says so in its log)."""
        await self._until(lambda: any("indexed" in m.message for m in self.client.log_messages))

    async def _until(self, condition: Any) -> None:
        async def poll() -> None:
            while not condition():
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), DEADLINE)

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    async def open(self, rel: str, text: str | None = None) -> list[types.Diagnostic]:
        uri = self.uri(rel)
        if text is None:
            text = (self.root / rel).read_bytes().decode("utf-8")
        self.versions[uri] = 1
        self.texts[uri] = text
        start = len(self.published)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return await self.diagnostics(rel, 1, start)

    async def change(
        self, rel: str, edits: Sequence[tuple[tuple[int, int, int, int], str]]
    ) -> list[types.Diagnostic]:
        """Incremental changes: ((start line, start char, end line, end char), new text)."""
        uri = self.uri(rel)
        self.versions[uri] += 1
        version = self.versions[uri]
        start = len(self.published)
        changes: list[types.TextDocumentContentChangeEvent] = [
            types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(a, b), types.Position(c, d)), text=new
            )
            for (a, b, c, d), new in edits
        ]
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version), changes
            )
        )
        return await self.diagnostics(rel, version, start)

    async def replace_all(self, rel: str, text: str) -> list[types.Diagnostic]:
        uri = self.uri(rel)
        self.versions[uri] += 1
        version = self.versions[uri]
        start = len(self.published)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return await self.diagnostics(rel, version, start)

    async def diagnostics(
        self, rel: str, version: int | None = None, start: int = 0
    ) -> list[types.Diagnostic]:
        uri = self.uri(rel)
        found: list[types.PublishDiagnosticsParams] = []

        def arrived() -> bool:
            for params in self.published[start:]:
                if params.uri == uri and (version is None or params.version == version):
                    found.append(params)
                    return True
            return False

        await self._until(arrived)
        return list(found[-1].diagnostics)

    async def next_diagnostics(self, rel: str) -> list[types.Diagnostic]:
        """The next diagnostics published for ``rel`` from now on."""
        return await self.diagnostics(rel, None, len(self.published))

    async def actions(self, rel: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(self.uri(rel)),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def hover(self, rel: str, line: int, character: int) -> str:
        result = await self.client.text_document_hover_async(
            types.HoverParams(
                types.TextDocumentIdentifier(self.uri(rel)), types.Position(line, character)
            )
        )
        if result is None:
            return ""
        contents = result.contents
        assert isinstance(contents, types.MarkupContent)
        return contents.value

    async def complete(self, rel: str, line: int, character: int) -> list[types.CompletionItem]:
        result = await self.client.text_document_completion_async(
            types.CompletionParams(
                types.TextDocumentIdentifier(self.uri(rel)), types.Position(line, character)
            )
        )
        if result is None:
            return []
        return list(result.items if isinstance(result, types.CompletionList) else result)


def apply_text_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    """What an editor does with a code action's edits (positions in UTF-16 code units)."""
    from seedlint.server.positions import LineIndex

    index = LineIndex(text, encoding)
    spans = sorted(
        (
            index.offset(e.range.start.line, e.range.start.character),
            index.offset(e.range.end.line, e.range.end.character),
            e.new_text,
        )
        for e in edits
    )
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    out: list[types.TextEdit] = []
    for change in action.edit.document_changes:
        if isinstance(change, types.TextDocumentEdit):
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    return out
