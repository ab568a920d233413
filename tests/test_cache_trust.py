"""Issue 13: the cache is local state, never input. A cache file or journal that this machine's
key did not authenticate is ignored, and no byte string makes the decoder crash the process or
allocate more than the file holds."""

from __future__ import annotations

import marshal
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedlint.execution import cache

ENTRIES = [("a.md", (False, None, b"m" * 48, "news", False, (), {}, [], (), ()))]


@pytest.fixture(autouse=True)
def _key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path_factory.mktemp("key") / "cache.key"
    monkeypatch.setenv(cache.ENV_KEY_FILE, str(key))
    monkeypatch.setattr(cache, "_KEY", [])


def _written(path: Path) -> Path:
    with open(path, "wb") as handle:
        cache._write(handle, ENTRIES)
    return path


def test_a_cache_file_of_this_machine_is_read(tmp_path: Path) -> None:
    assert cache._load(_written(tmp_path / "c.bin")) == dict(ENTRIES)


def test_a_cache_file_made_with_another_key_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _written(tmp_path / "c.bin")
    monkeypatch.setenv(cache.ENV_KEY_FILE, str(tmp_path / "another.key"))
    monkeypatch.setattr(cache, "_KEY", [])
    assert cache._load(file) == {}


def test_the_key_lives_outside_the_checkout_with_private_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.ENV_KEY_FILE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    key = cache.mac_key()
    file = tmp_path / "home-cache" / "seedlint" / "cache.key"
    assert file.read_bytes() == key and len(key) == 32
    assert file.stat().st_mode & 0o777 == 0o600


def test_an_unkeyed_checksum_as_the_old_format_wrote_it_is_ignored(tmp_path: Path) -> None:
    import hashlib

    body = cache.MAGIC
    data = marshal.dumps(ENTRIES)
    body += struct.pack("<I", len(data)) + data + struct.pack("<I", 0)
    file = tmp_path / "c.bin"
    file.write_bytes(body + hashlib.blake2b(body, digest_size=16).digest())
    assert cache._load(file) == {}


def test_a_journal_record_made_with_another_key_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "c.journal"
    assert cache._append_journal(journal, ENTRIES)
    assert cache._load_journal(journal) == [ENTRIES]
    monkeypatch.setenv(cache.ENV_KEY_FILE, str(tmp_path / "another.key"))
    monkeypatch.setattr(cache, "_KEY", [])
    assert cache._load_journal(journal) == []


def test_a_length_past_the_end_of_the_file_is_not_allocated(tmp_path: Path) -> None:
    # 44 bytes that announce a 4 GiB chunk
    file = tmp_path / "c.bin"
    file.write_bytes(cache.MAGIC + struct.pack("<I", 0xFFFFFFFF) + b"\0" * 25)
    assert cache._load(file) == {}
    journal = tmp_path / "c.journal"
    journal.write_bytes(struct.pack("<I", 0xFFFFFFF0) + b"x" * 40)
    assert cache._load_journal(journal) == []


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.booleans())
def test_no_byte_string_crashes_the_decoder(tmp_path: Path, data: bytes, magic: bool) -> None:
    file = tmp_path / "fuzz.bin"
    file.write_bytes((cache.MAGIC if magic else b"") + data)
    assert cache._load(file) == {}
    journal = tmp_path / "fuzz.journal"
    journal.write_bytes(data)
    cache._load_journal(journal)


def test_marshal_payloads_that_crash_an_unguarded_loader_never_reach_marshal(
    tmp_path: Path,
) -> None:
    # marshal.loads is not safe on hostile input; each of these bytes strings is tried in a
    # child process, through the cache's decoder: it must exit normally
    payloads = [b"\xe3" + b"\xff" * 20, b"r\xff\xff\xff\x7f", b"[\xff\xff\xff\x7f" + b"N" * 8]
    for number, payload in enumerate(payloads):
        file = tmp_path / f"p{number}.bin"
        file.write_bytes(cache.MAGIC + struct.pack("<I", len(payload)) + payload + b"\0" * 20)
        script = (
            "import os, sys; from seedlint.execution import cache; from pathlib import Path;"
            f"print(len(cache._load(Path({str(file)!r}))))"
        )
        proc = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ},
        )
        assert proc.returncode == 0 and proc.stdout.strip() == "0", proc.stderr
