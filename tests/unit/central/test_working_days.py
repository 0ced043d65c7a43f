"""The working-day calendar behind 整改回访 due dates: an operator's file given with
``kiosk-central --working-days FILE``, checked by ``kiosk-central check-calendar``; a
calendar that does not cover the year is warned about, a broken one refused. The dates
here are test data, not a real holiday notice."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.cli import main
from central.console import cases


@pytest.fixture(autouse=True)
def packaged_calendar_afterwards() -> Iterator[None]:
    yield
    cases.use_calendar(None)


def calendar_file(tmp_path: Path, **data: object) -> Path:
    path = tmp_path / "working_days.json"
    path.write_text(json.dumps({"years": [], "holidays": [], "workdays": [], **data}))
    return path


def test_the_packaged_calendar_lists_no_holidays_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check-calendar"]) == 1
    err = capsys.readouterr().err
    assert f"no public holidays for {dt.date.today().year}" in err
    assert "count Monday to Friday only" in err and "--working-days FILE" in err


def test_an_operators_calendar_moves_due_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = dt.date.today().year
    path = calendar_file(
        tmp_path,
        years=[year, year + 1, 2031],
        holidays=["2031-03-04"],  # a Tuesday
        workdays=["2031-03-08"],  # a Saturday
    )
    assert main(["check-calendar", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: OK"
    monday, friday = dt.date(2031, 3, 3), dt.date(2031, 3, 7)
    assert cases.due_date(monday, 4) == dt.date(2031, 3, 8)  # Tue off, Sat worked
    assert cases.due_date(friday, 1) == dt.date(2031, 3, 8)
    cases.use_calendar(None)  # the packaged calendar: Monday to Friday
    assert cases.due_date(monday, 4) == dt.date(2031, 3, 7)
    assert cases.due_date(friday, 1) == dt.date(2031, 3, 10)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ({"years": [2031], "holidays": ["2031-03-04"], "workdays": ["2031-03-04"]},
         "2031-03-04 is both a holiday and a make-up working day"),
        ({"years": [2030], "holidays": ["2031-03-04"]}, "2031 is not listed"),
        ({"years": [2031], "holidays": ["4 March"]}, "not a working-day calendar"),
    ],
)  # fmt: skip
def test_a_broken_calendar_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, object], why: str
) -> None:
    path = calendar_file(tmp_path, **data)
    assert main(["check-calendar", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and why in err
    # The platform does not start on it either (before it binds a port).
    start = ["--db", ":memory:", "--insecure-dev", "--port", "0", "--working-days", str(path)]
    assert main(start) == 2
    assert "refusing to start" in capsys.readouterr().err
