"""The `newsbot` command line (DESIGN §5): `run`, `match`, `parse`, `webhook` and
`migrate`; also `python -m bot`.

A bad setting or unreadable input ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import NoReturn

from bot.cli.workers import parse_jobs
from bot.config import Settings, load_settings
from bot.errors import NewsbotError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the reason and where to look, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog="newsbot", description="A Telegram bot that pushes news alerts for keyword queries."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    commands.add_parser(
        "run", help="run the bot: long polling, feed poller, alerts (settings from .env)"
    )

    match = commands.add_parser("match", help="dry-run queries against articles, offline")
    match.add_argument(
        "-q", "--query", action="append", default=[], dest="queries", help="a query (repeatable)"
    )
    match.add_argument("--queries", dest="queries_file", help="a file of queries, one a line")
    match.add_argument("--format", choices=("text", "jsonl", "counts"), default="text")
    match.add_argument(
        "--jobs",
        type=parse_jobs,
        default="auto",
        metavar="N",
        help="processes sharing the articles, or auto: the usable cores, as memory allows"
        " (default: auto)",
    )
    match.add_argument("sources", nargs="+", metavar="SOURCE", help="JSONL, feed, page or text")

    webhook = commands.add_parser(
        "webhook", help="manage the webhook registration (NEWSBOT_WEBHOOK_URL) with Telegram"
    )
    webhook.add_argument(
        "action", choices=("set", "delete", "info"), help="register, remove or show it"
    )

    parse = commands.add_parser("parse", help="print the articles read from a feed or page")
    parse.add_argument("--format", choices=("text", "jsonl"), default="text")
    parse.add_argument("source", metavar="SOURCE", help="a feed URL or file, a page or text file")

    migrate = commands.add_parser(
        "migrate", help="copy the embedded store (NEWSBOT_DB) into an empty PostgreSQL database"
    )
    migrate.add_argument("--to", required=True, metavar="URL", help="postgresql://…")
    return parser


def version() -> str:
    """The installed package's version (pyproject.toml), or the source tree's."""
    try:
        return metadata.version("newsbot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit code."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        return _dispatch(args, settings)
    except NewsbotError as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `newsbot parse … | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return EXIT_OK


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        from bot.app import run

        return run(settings)
    if args.command == "match":
        from bot.cli.match import match_command

        if not args.queries and not args.queries_file:
            raise _UsageError("match needs at least one -q QUERY or --queries FILE")
        return match_command(
            args.queries,
            args.queries_file,
            args.sources,
            fmt=args.format,
            settings=settings,
            out=sys.stdout,
            jobs=args.jobs,
        )
    if args.command == "migrate":
        from bot.cli.migrate import migrate_command

        return migrate_command(args.to, settings=settings, out=sys.stdout)
    if args.command == "webhook":
        from bot.app import ALLOWED_UPDATES
        from bot.cli.webhook import webhook_command

        return webhook_command(
            args.action, settings=settings, allowed_updates=list(ALLOWED_UPDATES), out=sys.stdout
        )
    from bot.cli.parse import parse_command

    return parse_command(args.source, fmt=args.format, settings=settings, out=sys.stdout)


class _UsageError(NewsbotError):
    """A combination of arguments argparse cannot check by itself."""


if __name__ == "__main__":
    sys.exit(main())
