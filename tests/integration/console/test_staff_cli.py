"""``kiosk-central staff add|remove|list``: accounts the console then signs in."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from central.cli import main


def _run(monkeypatch: pytest.MonkeyPatch, db: Path, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["staff", "--db", str(db), *args])


def test_add_list_remove(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "central.sqlite3"
    assert (
        _run(
            monkeypatch,
            db,
            "add",
            "wang",
            "--role",
            "hall",
            "--password-stdin",
            stdin="Hall-staff-2026!\n",
        )
        == 0
    )
    assert (
        _run(
            monkeypatch,
            db,
            "add",
            "li",
            "--role",
            "operator",
            "--password-stdin",
            stdin="Operator-pass-77\n",
        )
        == 0
    )
    capsys.readouterr()
    assert _run(monkeypatch, db, "list") == 0
    assert capsys.readouterr().out.splitlines() == ["li\toperator", "wang\thall"]
    # Only an Argon2id hash is stored, never the password.
    [(stored,)] = (
        sqlite3.connect(db)
        .execute("SELECT password_hash FROM console_staff WHERE username = 'wang'")
        .fetchall()
    )
    assert stored.startswith("$argon2id$") and "Hall-staff" not in stored
    assert _run(monkeypatch, db, "remove", "wang") == 0
    assert _run(monkeypatch, db, "remove", "wang") == 1
    capsys.readouterr()
    _run(monkeypatch, db, "list")
    assert capsys.readouterr().out.splitlines() == ["li\toperator"]


@pytest.mark.parametrize(
    ("name", "password", "why"),
    [
        ("wang", "short1!", "at least 12"),
        ("wang", "wang-wang-wang-1", "too easy"),
        ("wang", "aaaaaaaaaaaaaaaa", "too easy"),
        ("Wang Wei", "Hall-staff-2026!", "username"),
    ],
)
def test_weak_passwords_and_bad_names_are_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    password: str,
    why: str,
) -> None:
    db = tmp_path / "central.sqlite3"
    rc = _run(
        monkeypatch, db, "add", name, "--role", "hall", "--password-stdin", stdin=password + "\n"
    )
    assert rc == 1 and why in capsys.readouterr().err


def test_a_name_is_taken_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "central.sqlite3"
    args = ("add", "wang", "--role", "hall", "--password-stdin")
    assert _run(monkeypatch, db, *args, stdin="Hall-staff-2026!\n") == 0
    assert _run(monkeypatch, db, *args, stdin="Other-pass-2026!\n") == 1


HALL = ("--role", "hall")


def test_without_a_terminal_it_says_to_use_password_stdin(tmp_path: Path) -> None:
    """Run as a provisioning script does (try-out 7, 31): no controlling terminal, empty
    input. One line saying what to do, an exit code that stops the script, no account."""
    db = tmp_path / "central.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "central", "staff", "--db", str(db), "add", "wang", *HALL],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "--password-stdin" in line and "terminal" in line
    listed = subprocess.run(
        [sys.executable, "-m", "central", "staff", "--db", str(db), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
        check=True,
    )
    assert listed.stdout == ""
