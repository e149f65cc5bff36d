"""A black-box run of `python -m bot run` against a hostile local news site, beside a good feed.

The bot runs as a real process (settings from the environment, as tests/test_run_subprocess.py
does it) against the fake Bot API (tests/fakes/telegram_server.py); the feeds come from
local servers (tests/fakes/feed_server.py). The hostile site serves, all at once:

- a feed that is gzip(gzip(1 GiB of zeros)) under `Content-Encoding: gzip, gzip` (1.8 KB);
- a feed of teasers whose pages are that bomb, a 4.7 MB page, and pages trickling one
  byte a second (fresh links on every poll, so every poll fetches them again);
- a feed whose entries have links httpx cannot parse (`http://010.8.8.8/story`, a
  70,000-character URL, a soft hyphen in the host) beside a good entry (chat 43 wants it);
- a feed with `&#55296;` (a lone surrogate) in an entry beside a good entry (chat 44);
- a feed of 30,000 distinct titles (5 MB), a feed of 1,000,000 nested elements (7 MB);
- two feeds trickling one byte a second.

Meanwhile chat 7 sends /help every second and the reply delay is measured; once every feed
has been polled, a story is published on the good feed (another server) and the delay until
chat 42 is alerted is measured. Reported: peak RSS of the bot (with any child processes),
whether it stayed alive, /help delays, the alert delays, against a baseline run of the same
bot with the good feed alone.

    python benchmarks/hostile_site.py [--seconds 150] [--poll 20] [--baseline-seconds 45]

Bars (issue 10): peak RSS < 400 MB, alive, /help answered within 2 s throughout, the good
story alerted within the poll interval + 10 s, the good entries beside broken ones alerted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.feed_server import FeedServer, Item, Request, Route, gzip_bomb, rss  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402

GIB = 1024 * 1024 * 1024
HELP_CHAT, GOOD_CHAT, BROKEN_CHAT, SURROGATE_CHAT = 7, 42, 43, 44
TRICKLE = b"<rss>" + b" " * 400 + b"</rss>"


def _env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    return {**env, "PYTHONPATH": str(ROOT), "NO_PROXY": "127.0.0.1,localhost", **settings}


# --- the hostile site ---------------------------------------------------------------------


def _titles_feed(n: int) -> bytes:
    rng = random.Random(30000)
    words = [f"{a}{b}" for a in ("al", "bo", "ki", "mu", "ra", "te", "zo") for b in "nrstv"]
    old = datetime.now(UTC) - timedelta(days=2)
    items = [
        Item(
            f"{' '.join(rng.choice(words) for _ in range(6))} report {i}",
            f"http://titles.example/story/{i}",
            published=old,
        )
        for i in range(n)
    ]
    return rss(items, title="Thirty thousand")


def _nested_feed(depth: int) -> bytes:
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>'
        + b"<a>" * depth
        + b"</a>" * depth
        + b"</channel></rss>"
    )


def _huge_page(size: int) -> bytes:
    para = b"<p>" + b"Filler words of a very long article page. " * 20 + b"</p>\n"
    return b"<html><body><article>" + para * (size // len(para)) + b"</article></body></html>"


def _broken_feed(site: str, *, armed: bool) -> bytes:
    now = datetime.now(UTC)
    good = "Kilimanjaro porters win a new wage agreement after long talks"
    entries = [
        ("Broken one", "http://010.8.8.8/story"),
        ("Broken two", "http://example.com/" + "a" * 70_000),
        ("Broken three", "http://exam\u00adple.com/story"),
    ]
    if armed:
        entries.append((good, f"{site}/kilimanjaro"))
    body = " ".join(["The full report is here, long enough not to be a teaser."] * 15)
    items = [Item(t, link, description=body, published=now) for t, link in entries]
    return rss(items, title="Broken links")


def _surrogate_feed(site: str, *, armed: bool) -> bytes:
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    body = escape(" ".join(["A long enough description of the story for the alert."] * 15))
    good = (
        "<item><title>Serengeti migration arrives early this year, rangers say</title>"
        f"<link>{site}/serengeti</link><description>{body}</description>"
        f"<pubDate>{now}</pubDate></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Odd</title>'
        f"<item><title>Lone &#55296; surrogate</title><link>{site}/odd</link>"
        f"<description>{body}</description><pubDate>{now}</pubDate></item>"
        f"{good if armed else ''}</channel></rss>"
    ).encode()


ATTACKS = ("bomb", "teasers", "broken", "surrogate", "titles", "nested", "slow")


def hostile_site(
    server: FeedServer, attacks: tuple[str, ...] = ATTACKS
) -> tuple[list[str], Callable[[], None]]:
    """Serve the hostile feeds and pages on `server`: the feed URLs, and a function that
    adds the good entries beside the broken ones (once the chats have subscribed)."""
    site = server.url("")
    bomb = gzip_bomb(GIB, layers=2)
    bomb_headers = {"Content-Encoding": "gzip, gzip", "Content-Type": "application/rss+xml"}
    huge = _huge_page(4_700_000)
    polls = iter(range(1, 1_000_000))

    def teasers(request: Request) -> Route:
        n = next(polls)
        server.routes[f"/p/bomb-{n}"] = Route(body=bomb, headers=bomb_headers)
        server.routes[f"/p/huge-{n}"] = Route(body=huge, headers={"Content-Type": "text/html"})
        for k in range(4):
            server.routes[f"/p/slow-{n}-{k}"] = Route(body=TRICKLE, trickle=1.0)
        now = datetime.now(UTC)
        paths = [f"/p/bomb-{n}", f"/p/huge-{n}"] + [f"/p/slow-{n}-{k}" for k in range(4)]
        items = [Item(f"Teaser {n} {p}", f"{site}{p}", published=now) for p in paths]
        return Route(body=rss(items, title="Teasers"))

    xml = {"Content-Type": "application/rss+xml"}
    feeds = {
        "/bomb.xml": Route(body=bomb, headers=bomb_headers),
        "/teasers.xml": Route(respond=teasers),
        "/broken.xml": Route(body=_broken_feed(site, armed=False), headers=xml),
        "/surrogate.xml": Route(body=_surrogate_feed(site, armed=False), headers=xml),
        "/titles.xml": Route(body=_titles_feed(30_000), headers=xml),
        "/nested.xml": Route(body=_nested_feed(1_000_000), headers=xml),
        "/slow-a.xml": Route(body=TRICKLE, trickle=1.0),
        "/slow-b.xml": Route(body=TRICKLE, trickle=1.0),
    }

    def arm() -> None:
        server.route("/broken.xml", body=_broken_feed(site, armed=True), headers=xml)
        server.route("/surrogate.xml", body=_surrogate_feed(site, armed=True), headers=xml)

    chosen = [p for p in feeds if p.lstrip("/").split(".")[0].split("-")[0] in attacks]
    return [server.route(path, feeds[path]) for path in chosen], arm


# --- watching the bot ---------------------------------------------------------------------


def _tree_memory_kb(pid: int) -> tuple[int, int, int]:
    """(RSS, PSS) in KB of `pid` and its descendants (worker processes count too), and the
    RSS of `pid` alone. RSS counts shared pages (libraries) once per process; PSS shares
    them out."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
    rss = pss = own = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
                    own = own or (int(line.split()[1]) if p == pid else 0)
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
    return rss, pss, own


@dataclass
class Watch:
    """Samples memory and /help delays in the background while the run goes on."""

    fake: FakeTelegram
    pid: int
    peak_kb: int = 0
    peak_pss_kb: int = 0
    peak_own_kb: int = 0  # the bot's own process, without its workers
    help_delays: list[float] = field(default_factory=list)
    unanswered: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def _memory(self) -> None:
        while not self._stop.wait(0.2):
            rss, pss, own = _tree_memory_kb(self.pid)
            self.peak_kb = max(self.peak_kb, rss)
            self.peak_own_kb = max(self.peak_own_kb, own)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)

    def _help(self) -> None:
        while not self._stop.is_set():
            sent = time.monotonic()
            self.fake.command(HELP_CHAT, "/help")
            try:
                reply = self.fake.next_message(HELP_CHAT, within=30)
                self.help_delays.append(reply.at - sent)
            except AssertionError:
                self.unanswered += 1
            with contextlib.suppress(AssertionError):  # late replies to earlier /help
                while self.fake.unread(HELP_CHAT):
                    self.fake.next_message(HELP_CHAT, within=0.1)
            self._stop.wait(max(0.0, 1.0 - (time.monotonic() - sent)))

    @contextlib.contextmanager
    def running(self) -> Iterator[Watch]:
        threads = [threading.Thread(target=f, daemon=True) for f in (self._memory, self._help)]
        for t in threads:
            t.start()
        try:
            yield self
        finally:
            self._stop.set()
            for t in threads:
                t.join(timeout=35)


@dataclass
class Outcome:
    peak_mb: float
    peak_pss_mb: float
    peak_own_mb: float
    alive: bool
    help_delays: list[float]
    unanswered: int
    alert_delay: float | None
    broken_neighbour: bool
    surrogate_neighbour: bool
    errors: list[str]


def _alerted(fake: FakeTelegram, chat: int, word: str) -> float | None:
    for message in fake.sent(chat):
        if word in message.text and "Subscribed" not in message.text:
            return message.at
    return None


def run(seconds: float, poll: float, attacks: tuple[str, ...]) -> Outcome:
    with (
        FakeTelegram() as fake,
        FeedServer() as site,
        FeedServer() as good,
        tempfile.TemporaryDirectory() as tmp,
    ):
        old = datetime.now(UTC) - timedelta(hours=1)
        quiet = Item("Harbour office opens a new window", good.url("/0"), "x" * 700, old)
        good.route("/good.xml", body=rss([quiet], title="Good News"))
        feeds = [good.url("/good.xml")]
        arm: Callable[[], None] = lambda: None  # noqa: E731
        if attacks:
            hostile_feeds, arm = hostile_site(site, attacks)
            feeds += hostile_feeds
        log = Path(tmp) / "bot.log"
        env = _env(
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.url,
            NEWSBOT_DB=str(Path(tmp) / "data" / "newsbot.json"),
            NEWSBOT_FEEDS=",".join(feeds),
            NEWSBOT_POLL_SECONDS=str(poll),
            NEWSBOT_FULLTEXT="1",
            NEWSBOT_ALLOW_PRIVATE_URLS="1",  # so the pages of the site are fetched at all
            NEWSBOT_LOG_LEVEL="INFO",
        )
        with log.open("w") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=tmp, env=env, stderr=err
            )
        started = time.monotonic()
        try:
            fake.wait_until(
                lambda: process.poll() is not None or fake.polls_waiting > 0,
                within=90,
                what="the bot to start polling",
            )
            for chat, word in (
                (GOOD_CHAT, "Zanzibar"),
                (BROKEN_CHAT, "Kilimanjaro"),
                (SURROGATE_CHAT, "Serengeti"),
            ):
                fake.command(chat, f"/subscribe {word}")
                fake.next_message(chat, within=30)
            arm()
            watch = Watch(fake, process.pid)
            with watch.running():
                # Publish once every feed has been asked for at least once.
                wanted = {urlsplit(f).path for f in feeds}

                def every_feed_asked() -> bool:
                    asked = {r.path for r in site.requests} | {r.path for r in good.requests}
                    return wanted <= asked

                deadline = started + min(poll, 60) + 30
                while not every_feed_asked() and time.monotonic() < deadline:
                    time.sleep(0.2)
                published = time.monotonic()
                story = Item(
                    "Zanzibar ferry timetable changes for the winter season",
                    good.url("/zanzibar"),
                    "y" * 700,
                    datetime.now(UTC),
                )
                good.route("/good.xml", body=rss([story, quiet], title="Good News"))
                while time.monotonic() < started + seconds and process.poll() is None:
                    time.sleep(0.5)
            alive = process.poll() is None
            at = _alerted(fake, GOOD_CHAT, "Zanzibar")
            outcome = Outcome(
                peak_mb=watch.peak_kb / 1024,
                peak_pss_mb=watch.peak_pss_kb / 1024,
                peak_own_mb=watch.peak_own_kb / 1024,
                alive=alive,
                help_delays=watch.help_delays,
                unanswered=watch.unanswered,
                alert_delay=None if at is None else at - published,
                broken_neighbour=_alerted(fake, BROKEN_CHAT, "Kilimanjaro") is not None,
                surrogate_neighbour=_alerted(fake, SURROGATE_CHAT, "Serengeti") is not None,
                errors=[],
            )
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        text = log.read_text(errors="replace")
        outcome.errors = [
            line[:200]
            for line in text.splitlines()
            if "Traceback" in line or "internal error" in line or "unexpected error" in line
        ]
        outcome.errors += [line[:200] for line in text.splitlines() if "good.xml failed" in line]
        return outcome


def _report(name: str, o: Outcome, poll: float, attacks: tuple[str, ...]) -> None:
    d = sorted(o.help_delays) or [float("nan")]
    p95 = d[min(len(d) - 1, int(0.95 * len(d)))]
    alert = "never" if o.alert_delay is None else f"{o.alert_delay:.1f} s"
    print(f"\n== {name}")
    print(f"peak RSS (bot + children): {o.peak_mb:.0f} MB   (bar < 400 MB)")
    print(f"peak PSS (bot + children): {o.peak_pss_mb:.0f} MB   (shared pages shared out)")
    print(f"peak RSS of the bot alone: {o.peak_own_mb:.0f} MB   (without its workers)")
    print(f"alive at the end:          {o.alive}")
    print(
        f"/help replies: {len(o.help_delays)}, unanswered {o.unanswered}; "
        f"median {statistics.median(d):.2f} s, p95 {p95:.2f} s, max {d[-1]:.2f} s   (bar < 2 s)"
    )
    print(f"good story alerted after:  {alert}   (bar < {poll + 10:g} s)")
    if "broken" in attacks:
        print(f"good entry beside broken links alerted: {o.broken_neighbour}")
    if "surrogate" in attacks:
        print(f"good entry beside a lone surrogate alerted: {o.surrogate_neighbour}")
    if o.errors:
        print(f"log lines with errors ({len(o.errors)}), first ones:")
        for line in o.errors[:5]:
            print("   ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=150.0, help="length of the hostile run")
    parser.add_argument("--poll", type=float, default=20.0, help="NEWSBOT_POLL_SECONDS")
    parser.add_argument("--baseline-seconds", type=float, default=45.0,
                        help="length of the good-feed-only run (0: skip it)")  # fmt: skip
    parser.add_argument("--attacks", default=",".join(ATTACKS),
                        help=f"comma-separated subset of {','.join(ATTACKS)}")  # fmt: skip
    args = parser.parse_args()
    attacks = tuple(a.strip() for a in args.attacks.split(",") if a.strip())
    unknown = set(attacks) - set(ATTACKS)
    if unknown or not attacks:
        parser.error(f"unknown attacks {sorted(unknown)}; choose from {','.join(ATTACKS)}")
    base = run(args.baseline_seconds, args.poll, ()) if args.baseline_seconds else None
    attacked = run(args.seconds, args.poll, attacks)
    if base:
        _report("baseline: the good feed alone", base, args.poll, ())
    _report(
        f"hostile site ({','.join(attacks)}) beside the good feed", attacked, args.poll, attacks
    )
    if base and base.help_delays and attacked.help_delays:
        ratio = max(attacked.help_delays) / max(max(base.help_delays), 1e-3)
        print(f"\n/help max delay, hostile / baseline: {ratio:.1f}x")
        print(f"peak RSS, hostile / baseline: {attacked.peak_mb / max(base.peak_mb, 1):.1f}x")
    held = (
        attacked.peak_mb < 400
        and attacked.alive
        and attacked.unanswered == 0
        and bool(attacked.help_delays)
        and max(attacked.help_delays) < 2
        and attacked.alert_delay is not None
        and attacked.alert_delay < args.poll + 10
        and (attacked.broken_neighbour or "broken" not in attacks)
        and (attacked.surrogate_neighbour or "surrogate" not in attacks)
    )
    print(f"\nall bars held: {held}")


if __name__ == "__main__":
    main()
