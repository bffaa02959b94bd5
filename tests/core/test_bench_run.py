"""bench/run.py's command line: what a full run is (the only one that writes the README tables), --quick's
small defaults, and what each database's child process is told. Nothing is run or timed here."""

import pytest

from bench import run


@pytest.fixture(autouse=True)
def _no_bench_environment(monkeypatch):
    for name in ("BENCH_RUNS", "BENCH_LOAD_SECONDS", "BENCH_FAULT_SECONDS", "BENCH_USERS"):
        monkeypatch.delenv(name, raising=False)


def test_a_plain_run_is_full_with_three_runs_a_figure():
    args = run._parse([])
    assert (args.runs, args.users, args.load_seconds, args.fault_seconds) == (3, 50, 30, 30)
    assert args.parts == list(run.PARTS)
    assert run.is_full(args)


@pytest.mark.parametrize("argv", [["--quick"], ["--only", "scoring"], ["--database", "sqlite"]])
def test_anything_less_is_a_partial_run(argv):
    assert not run.is_full(run._parse(argv))


def test_quick_means_small_and_once_unless_told_otherwise():
    args = run._parse(["--quick"])
    assert (args.runs, args.users, args.load_seconds, args.fault_seconds) == (1, 10, 5, 12)
    assert run._parse(["--quick", "--runs", "2"]).runs == 2


def test_only_keeps_the_bench_order_and_refuses_unknown_names(capsys):
    assert run._parse(["--only", "load,growth,scoring"]).parts == ["scoring", "growth", "load"]
    with pytest.raises(SystemExit):
        run._parse(["--only", "scoring,nonsense"])
    assert "nonsense" in capsys.readouterr().err


def test_each_child_gets_its_database_and_the_same_settings(tmp_path):
    args = run._parse(["--quick", "--only", "exports,large"])
    command = run._child_command(args, "sqlite", tmp_path / "out.json")
    assert command[2:6] == ["--child", "sqlite", "--child-out", str(tmp_path / "out.json")]
    for pair in (["--runs", "1"], ["--users", "10"], ["--only", "exports,large"]):
        assert command[command.index(pair[0]) + 1] == pair[1]
    assert "--quick" in command
