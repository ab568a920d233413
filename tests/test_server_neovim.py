"""The Neovim set-up of docs/editors.md, run headless against ``seedlint server``: the
diagnostics of a misspelt key reach Neovim's diagnostic list. Skipped when ``nvim`` is absent
(Debian/Ubuntu: ``apt-get install neovim``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

NVIM = shutil.which("nvim")

# vim.lsp.start_client works from Neovim 0.7 on (vim.lsp.start, in docs/editors.md, from 0.8)
SCRIPT = """
local out = assert(io.open(vim.env.SEEDLINT_OUT, 'w'))
local id = vim.lsp.start_client({
  name = 'seedlint',
  cmd = { vim.env.SEEDLINT_PYTHON, '-m', 'seedlint', 'server' },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format('%s %d %d %s\\n', d.code or d.source, d.lnum, d.col, d.message))
end
if not ok then out:write('timeout\\n') end
out:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
"""


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (apt-get install neovim)")
def test_neovim_shows_the_servers_diagnostics(tmp_path: Path) -> None:
    assert NVIM is not None
    (tmp_path / "_news").mkdir()
    (tmp_path / "_config.yml").write_text("title: site\n")
    item = tmp_path / "_news" / "2019-12-28-item.md"
    text = (SEEDS / "000_826817a14694072e.txt").read_text(encoding="utf-8")
    item.write_text(text.replace("category:", "categroy:", 1), encoding="utf-8")
    script = tmp_path / "check.lua"
    script.write_text(SCRIPT)
    out = tmp_path / "diagnostics.txt"
    subprocess.run(
        [NVIM, "--headless", "--clean", str(item), "-c", f"luafile {script}"],
        cwd=tmp_path,
        env={
            "SEEDLINT_OUT": str(out),
            "SEEDLINT_PYTHON": sys.executable,
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        timeout=120,
        check=False,
    )
    lines = out.read_text().splitlines()
    assert lines and lines[0].startswith("N001 1 0 $.categroy: unknown property"), lines
