"""A reader that stops early (`backjournal show | head -1`): a quiet exit, never blamed on the journal."""

from __future__ import annotations

import os
import subprocess

import pytest
from bj_entry import ENTRY


def run_with_stdout_closed(*args: str) -> tuple[int, str]:
    """Run backjournal with its stdout a pipe whose only reader is gone before it writes."""
    proc = subprocess.Popen(
        [*ENTRY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy()
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    return proc.wait(timeout=60), err


@pytest.mark.parametrize(
    "args", [("show",), ("show", "--json"), ("export", "--format", "json"), ("exercises",)]
)
def test_a_closed_stdout_ends_quietly(bj, args):
    assert bj("demo", "--days", "30").code == 0
    code, err = run_with_stdout_closed(*args)
    assert code == 0, err
    assert err == ""  # no "Broken pipe; the journal cannot be used", no traceback


def test_a_write_with_its_stdout_closed_is_still_stored(bj):
    code, err = run_with_stdout_closed("log", "--pain", "3")
    assert (code, err) == (0, "")
    shown = bj("show", "--json")
    assert shown.code == 0 and '"pain": 3' in shown.out
