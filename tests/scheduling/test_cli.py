"""Command line: JSON output, human summary, stdin, exit code 2 on invalid input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from digibridge.scheduling import parse_instance, validate_schedule
from digibridge.scheduling.cli import main

from .conftest import SRC, make_instance


def _write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _run_module(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-m", "digibridge.scheduling", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_cli_main_prints_valid_json(tmp_path, capsys):
    data = make_instance(meetings=[["p1", "p2"], ["p2", "p3"], ["p3", "p4"]])
    code = main(["--instance", _write(tmp_path, data), "--time-limit", "3", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"assignments", "unscheduled", "stats"}
    assert out["stats"]["scheduled"] == 3
    assert validate_schedule(parse_instance(data), out) == []


def test_cli_main_accepts_leading_schedule_word_and_prints_summary(tmp_path, capsys):
    data = make_instance(meetings=[["p1", "p2"]])
    assert main(["schedule", "--instance", _write(tmp_path, data)]) == 0
    assert capsys.readouterr().out.startswith("scheduled 1 of 1 meetings, weight 1")


def test_cli_main_invalid_instance_exits_2_naming_place(tmp_path, capsys):
    data = make_instance(meetings=[["p1", "p2"], ["p1", "p3"], ["p2", "p3"], ["p1", "p999"]])
    assert main(["--instance", _write(tmp_path, data), "--json"]) == 2
    err = capsys.readouterr().err
    assert "meetings[3].participants[1]: unknown participant 'p999'" in err


def test_cli_main_infeasible_locks_exit_2(tmp_path, capsys):
    data = make_instance(
        meetings=[["p1", "p2"], ["p2", "p3"]],
        locked=[{"meeting": "m1", "slot": "s1"}, {"meeting": "m2", "slot": "s1"}],
    )
    assert main(["--instance", _write(tmp_path, data)]) == 2
    assert "locked[1]: participant 'p2' already has locked meeting 'm1'" in capsys.readouterr().err


def test_cli_main_bad_json_and_missing_file_exit_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["--instance", str(path)]) == 2
    assert "instance: invalid JSON at line 1" in capsys.readouterr().err
    assert main(["--instance", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_cli_module_reads_stdin_and_prints_json():
    data = make_instance(meetings=[["p1", "p2"], ["p3", "p4"]])
    proc = _run_module(
        "--instance", "-", "--time-limit", "3", "--seed", "2", "--json", stdin=json.dumps(data)
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["stats"]["scheduled"] == 2
    assert out["stats"]["seed"] == 2


def test_cli_module_invalid_input_exits_2():
    data = make_instance()
    data["slots"][0]["start"] = "2026-06-01T09:00:00"
    proc = _run_module("schedule", "--instance", "-", "--json", stdin=json.dumps(data))
    assert proc.returncode == 2
    assert "slots[0].start: date-time needs a UTC offset" in proc.stderr
    assert proc.stdout == ""


def test_cli_module_usage_error_exits_2():
    proc = _run_module("--json")
    assert proc.returncode == 2
    assert "digibridge schedule" in proc.stderr
