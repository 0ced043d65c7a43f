"""``kiosk-central staff add|remove|list``: accounts the console then signs in."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from central.cli import main
from central.console.accounts import MAX_FAILURES, StaffStore


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


def test_an_admin_unlocks_an_account_and_sets_a_new_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Try-out 11, R1: a hall worker locked out by wrong passwords, or who forgot theirs,
    had to be removed and added again. ``unlock`` and ``passwd`` help them; both are on
    the audit page with who ran them."""
    db = tmp_path / "central.sqlite3"
    assert (
        _run(monkeypatch, db, "add", "wang", *HALL, "--password-stdin", stdin="Hall-staff-2026!\n")
        == 0
    )
    now = dt.datetime.now(dt.UTC)
    store = StaffStore(db)
    try:
        for _ in range(MAX_FAILURES):
            store.sign_in("wang", "Wrong-guess-123", now)
        assert store.sign_in("wang", "Hall-staff-2026!", now).locked
        capsys.readouterr()
        assert _run(monkeypatch, db, "unlock", "wang") == 0
        assert capsys.readouterr().out.strip() == "unlocked wang"
        assert store.sign_in("wang", "Hall-staff-2026!", now).token is not None
        session = store.sign_in("wang", "Hall-staff-2026!", now).token
        assert session is not None
        assert _run(monkeypatch, db, "passwd", "wang", "--password-stdin", stdin="short\n") == 1
        assert "at least 12" in capsys.readouterr().err
        assert (
            _run(monkeypatch, db, "passwd", "wang", "--password-stdin", stdin="New-hall-pass-31\n")
            == 0
        )
        assert store.sign_in("wang", "Hall-staff-2026!", now).token is None
        assert store.sign_in("wang", "New-hall-pass-31", now).token is not None
        assert store.session(session, now) is None  # the old password's sessions ended
        assert _run(monkeypatch, db, "unlock", "nobody") == 1
        assert "no account nobody" in capsys.readouterr().err
        done = [(e.action, e.target) for e in store.events()]
        assert done[:2] == [("staff.passwd", "wang"), ("staff.unlock", "wang")]
        assert all("@" in e.username for e in store.events()[:2])
    finally:
        store.close()
