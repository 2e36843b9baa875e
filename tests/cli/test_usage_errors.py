"""Bad command-line usage ends with one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import pytest

from seatcast.cli import main


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["project", "--sims", "0"], "'--sims'"),
        (["project", "--sims", "-5"], "'--sims'"),
        (["project", "--workers", "x"], "'--workers'"),
        (["results", "2025", "--bogus"], "No such option '--bogus'"),
        (["results", "2025", "extra"], "unexpected extra argument"),
        (["project", "--sims", "10", "--seed", "-1"], "'--seed'"),
        (["backtest", "2025", "--sims", "10", "--seed", "-1"], "'--seed'"),
        (["coalitions", "2025", "--from-forecast", "--sims", "10", "--seed", "-1"], "'--seed'"),
        (["live", "replay", "2025", "--synthetic", "--seed", "-1"], "'--seed'"),
        (["resluts", "2025"], "No such command 'resluts'. Did you mean 'results'?"),
        (["live", "stat"], "Did you mean 'status'?"),
    ],
)
def test_usage_error_is_one_line(argv: list[str], words: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("seatcast: error: ")
    assert words in err


def test_help_still_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "--help"]) == 0
    assert "Usage" in capsys.readouterr().out


def test_a_multi_line_error_is_printed_on_one_line(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import seatcast.cli.results as results_cli
    from seatcast.errors import SeatcastError

    def boom(*_: object) -> None:
        raise SeatcastError("cannot reach the scheduler:\n  Timed out\n")

    monkeypatch.setattr(results_cli, "election_view", boom)
    assert main(["results", "2025"]) == 2
    assert capsys.readouterr().err == "seatcast: error: cannot reach the scheduler: Timed out\n"


def test_ctrl_c_is_one_line_saying_what_was_kept(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import seatcast.cli.results as results_cli

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(results_cli, "election_view", stop)
    assert main(["results", "2025"]) == 130
    assert capsys.readouterr().err == "seatcast: interrupted: nothing was written\n"
