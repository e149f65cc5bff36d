"""The command line (DESIGN §5): exit codes and one-line messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from tests.conftest import bot_env


@pytest.fixture(autouse=True)
def _clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from the machine: an empty environment and no .env file."""
    for name in list(os.environ):
        if name.startswith(("NEWSBOT_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in a child process with only the given settings."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=bot_env(**(env or {})),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_without_token_names_the_variable(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "newsbot: TELEGRAM_BOT_TOKEN: is required (get one from @BotFather)"
    ]
    assert "Traceback" not in result.stderr


def test_bad_setting_stops_with_one_line(tmp_path: Path) -> None:
    result = run_cli("run", env={"NEWSBOT_POLL_SECONDS": "abc"}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "NEWSBOT_POLL_SECONDS" in lines[0]
    assert "'abc'" in lines[0]


def test_env_file_in_the_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NEWSBOT_MAX_SUBSCRIPTIONS=lots\n")
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "NEWSBOT_MAX_SUBSCRIPTIONS" in result.stderr


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["parse"], "required: SOURCE"),
        (["parse", "--format", "xml", "feed.xml"], "invalid choice: 'xml'"),
        (["match", "-q"], "expected one argument"),
        (["parse", "a.xml", "b.xml"], "unrecognized arguments: b.xml"),
    ],
    ids=["no-command", "unknown-command", "no-source", "bad-format", "flag-no-value", "extra"],
)
def test_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("newsbot")
    assert reason in err[0]
    assert "--help" in err[0]


def test_a_binary_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    for argv in (["parse", str(binary)], ["match", "-q", "syria", str(binary)]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""  # no garbage "article" printed
        assert captured.err.splitlines() == [
            f"newsbot: {binary}: is binary data, not a feed, a page or a text file"
        ]


def test_match_needs_a_query(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["match", str(tmp_path / "a.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["newsbot: match needs at least one -q QUERY or --queries FILE"]


def test_parse_of_an_unreadable_source_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["parse", str(tmp_path / "missing.xml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("newsbot: ")


def test_match_of_an_unreadable_source_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["match", "-q", "syria", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("newsbot: ")


def test_help_lists_the_three_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "match", "parse"):
        assert command in out


def test_a_bad_queries_file_is_one_plain_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    articles = tmp_path / "a.jsonl"
    articles.write_text('{"title": "Ships leave Tartus", "text": "Russian ships left."}\n')
    empty = tmp_path / "empty.txt"
    empty.write_text("# only a comment\n\n")
    binary = tmp_path / "q.bin"
    binary.write_bytes(b"\xff\xfe\xfa")
    expected = {
        str(tmp_path / "missing.txt"): "cannot read the queries file (No such file or directory)",
        str(empty): "the queries file holds no query",
        str(binary): "the queries file is not UTF-8 text",
    }
    for path, reason in expected.items():
        assert main(["match", "--queries", path, str(articles)]) == 2
        captured = capsys.readouterr()
        assert captured.err.splitlines() == [f"newsbot: {path}: {reason}"]
        assert captured.out == ""


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsbot {version('newsbot')}"
