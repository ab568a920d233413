"""``seedlint server`` as a command: a clear error without its extra; a CLI that stays light."""

from __future__ import annotations

import subprocess
import sys


def test_server_without_pygls_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; from seedlint.cli import main; "
        "sys.exit(main(['server']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "pip install 'seedlint[server]'" in proc.stderr


def test_cli_import_stays_free_of_pygls() -> None:
    code = "import sys, seedlint.cli; print('pygls' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
