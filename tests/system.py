"""The system test's world and harness: several `newsbot run` processes on one database.

`plan_world` decides everything in advance from a seed (keywords, chats and what they
follow, stories and when each appears in which feeds); `FeedSite` serves the feeds from
memory as time passes; `Instances` starts, kills and restarts real `newsbot run`
processes; the functions at the end read the fakes' records (what was delivered, how
often, the busiest second, feeds fetched by two processes) without asking the bot.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from rapidfuzz.distance import Levenshtein

from tests.conftest import bot_env
from tests.fakes.feed_server import FeedServer, Fetch, Item, Request, Route, rss
from tests.fakes.owners import Owners
from tests.fakes.telegram_server import ApiRequest

STORY_HOST = "news.example"
_MARKER = re.compile(r"news\.example/news/(\d+)/")
# Common words for titles: far (in edits) from every keyword, so only the keyword matches.
FILLER = tuple(
    (  # noqa: SIM905 - a sentence reads better than sixty quoted words
        "council approves harbour budget after long debate over rail bridge repairs and "
        "school funding while regional officials report steady growth in exports farmers "
        "welcome rain ministers discuss energy prices museum opens winter exhibition river "
        "levels fall police close main road festival draws record crowds hospital expands "
        "emergency ward airport adds evening flights union signs wage deal court delays "
        "ruling on water permits"
    ).split()
)
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z")
_VOWELS = ("a", "e", "i", "o", "u")


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its keyword, title, when it appears (seconds after the start) and where."""

    number: int
    keyword: str
    title: str
    appear: float
    feeds: tuple[int, ...]  # feed numbers carrying a copy; copy k is told apart below

    def item(self, copy: int, published: datetime) -> Item:
        """Copy 0 as written; copy 1 a near-identical title at another link (the
        near-identical-title rule); copy 2 the first link with tracking (the URL rule)."""
        link = f"http://{STORY_HOST}/news/{self.number}/a"
        title = self.title
        if copy % 3 == 1:
            title, link = f"{title} again", f"http://{STORY_HOST}/news/{self.number}/b"
        elif copy % 3 == 2:
            link = f"{link}?utm_source=feed{self.feeds[copy]}"
        return Item(title=title, link=link, published=published, guid=f"{link}#{copy}")


@dataclass(frozen=True, slots=True)
class LateChat:
    """A chat that subscribes while the stories come in."""

    chat_id: int
    at: float  # seconds after the start
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class World:
    keywords: tuple[str, ...]
    chats: Mapping[int, tuple[str, ...]]  # subscribed before the start
    late: tuple[LateChat, ...]
    stories: tuple[Story, ...]
    feeds: int
    old_titles: Mapping[int, str]  # feed -> a title published days ago (never alerted)

    def subscribe_command(self, keywords: Sequence[str]) -> str:
        return "/subscribe " + "\n".join(keywords)

    def sent_subscriptions(self) -> set[tuple[int, str]]:
        """Every (chat, keyword) the test asks for."""
        pairs = {(c, k) for c, kws in self.chats.items() for k in kws}
        return pairs | {(late.chat_id, k) for late in self.late for k in late.keywords}


def _word(rng: random.Random) -> str:
    syllables = rng.choice((3, 4))
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return word + rng.choice(("n", "r", "s", "t", "x"))


def make_keywords(count: int, rng: random.Random) -> list[str]:
    """Made-up words at least 4 edits from each other and from every filler word."""
    chosen: list[str] = []
    while len(chosen) < count:
        word = _word(rng)
        if all(Levenshtein.distance(word, w) >= 4 for w in (*chosen, *FILLER)):
            chosen.append(word)
    return chosen


def plan_world(
    *,
    seed: int = 13,
    feeds: int = 2000,
    keywords: int = 200,
    chats: int = 200,
    late_chats: int = 40,
    per_chat: int = 15,
    stories: int = 60,
    copies: int = 3,
    first: float = 6.0,
    last: float = 45.0,
    late_from: float = 2.0,
    late_to: float = 30.0,
    old_feeds: int = 300,
) -> World:
    rng = random.Random(seed)
    words = make_keywords(keywords, rng)
    planned: list[Story] = []
    for number, keyword in enumerate(rng.sample(words, stories), 1):
        title = " ".join([keyword.capitalize(), *rng.sample(FILLER, 8)])
        planned.append(
            Story(
                number=number,
                keyword=keyword,
                title=title,
                appear=round(rng.uniform(first, last), 2),
                feeds=tuple(rng.sample(range(feeds), copies)),
            )
        )
    chat_ids = [10_001 + n for n in range(chats)]
    late = tuple(
        LateChat(
            chat_id=20_001 + n,
            at=round(rng.uniform(late_from, late_to), 2),
            keywords=tuple(rng.sample(words, per_chat)),
        )
        for n in range(late_chats)
    )
    old_keywords = rng.choices(words, k=old_feeds)
    return World(
        keywords=tuple(words),
        chats={c: tuple(rng.sample(words, per_chat)) for c in chat_ids},
        late=late,
        stories=tuple(planned),
        feeds=feeds,
        old_titles={
            f: " ".join([k.capitalize(), *rng.sample(FILLER, 8)])
            for f, k in zip(rng.sample(range(feeds), old_feeds), old_keywords, strict=True)
        },
    )


class FeedSite:
    """The world's feeds on several local servers (the poller limits fetches per server),
    each feed's items appearing at their time; ETags make unchanged feeds answer 304."""

    def __init__(self, world: World, servers: Sequence[FeedServer]) -> None:
        self.world = world
        self.servers = servers
        self.started: float | None = None  # time.monotonic() of the start; None: not yet
        self.started_wall = datetime.now(UTC)
        self._copies: dict[int, list[tuple[Story, int]]] = {}
        for story in world.stories:
            for copy, feed in enumerate(story.feeds):
                self._copies.setdefault(feed, []).append((story, copy))
        self.urls = [self._route(feed) for feed in range(world.feeds)]

    def start(self) -> None:
        self.started_wall = datetime.now(UTC)
        self.started = time.monotonic()

    def appear_time(self, story: Story) -> float:
        """When the story appears (monotonic clock), once started."""
        assert self.started is not None
        return self.started + story.appear

    def _route(self, feed: int) -> str:
        server = self.servers[feed % len(self.servers)]
        path = f"/feed/{feed}.xml"

        def respond(request: Request) -> Route:
            elapsed = -1.0 if self.started is None else time.monotonic() - self.started
            shown = [(s, c) for s, c in self._copies.get(feed, ()) if s.appear <= elapsed]
            items = [s.item(c, self.started_wall + timedelta(seconds=s.appear)) for s, c in shown]
            old = self.world.old_titles.get(feed)
            if old is not None:
                link = f"http://{STORY_HOST}/old/{feed}"
                published = datetime.now(UTC) - timedelta(days=3)
                items.append(Item(title=old, link=link, published=published, guid=link))
            return Route(
                body=rss(items, title=f"Feed {feed}"),
                headers={"Content-Type": "application/rss+xml"},
                etag=f'"{feed}-{len(shown)}"',
            )

        return server.route(path, Route(respond=respond))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    slot: str
    generation: int
    process: subprocess.Popen[bytes]
    ops_port: int
    log: Path
    started: float
    ended: float | None = None

    @property
    def label(self) -> str:
        return f"{self.slot}{self.generation}"

    @property
    def alive(self) -> bool:
        return self.ended is None


@dataclass(frozen=True, slots=True)
class Kill:
    role: str  # "sender", "updates" or "poller"
    label: str
    at: float
    in_flight: int  # outbox rows in 'sending' right after the kill
    held: bool = True  # the fakes showed it doing that role's work (else: a fallback pick)


class Instances:
    """`newsbot run` processes on one database, by slot ("A", "B", "C")."""

    def __init__(
        self, folder: Path, env: Mapping[str, str], owners: Owners, *, startup: float = 90.0
    ) -> None:
        self.folder = folder
        self.env = dict(env)
        self.owners = owners
        self.startup = startup
        self.all: list[Instance] = []

    def live(self) -> list[Instance]:
        return [i for i in self.all if i.alive]

    def by_label(self, label: str) -> Instance | None:
        return next((i for i in self.all if i.label == label), None)

    def start(self, slot: str) -> Instance:
        generation = 1 + sum(1 for i in self.all if i.slot == slot)
        port = free_port()
        log = self.folder / f"{slot}{generation}.log"
        data = self.folder / f"data-{slot}"
        own = {"NEWSBOT_DB": str(data / "newsbot.json")} | self.env  # a given store wins
        env = bot_env(**own, NEWSBOT_OPS_LISTEN=f"127.0.0.1:{port}")
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.folder,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        instance = Instance(slot, generation, process, port, log, time.monotonic())
        self.owners.add(process.pid, instance.label)
        self.all.append(instance)
        return instance

    def wait_ready(self, instance: Instance) -> None:
        """Until its /healthz answers (AssertionError with its log's tail if it died)."""
        deadline = time.monotonic() + self.startup
        with httpx.Client(timeout=2.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                if instance.process.poll() is not None:
                    raise AssertionError(f"{instance.label} exited: {self.tail(instance)}")
                try:
                    if client.get(f"http://127.0.0.1:{instance.ops_port}/healthz").status_code:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        raise AssertionError(f"{instance.label} not up in {self.startup} s: {self.tail(instance)}")

    def kill(self, instance: Instance) -> None:
        instance.process.send_signal(signal.SIGKILL)
        instance.process.wait(timeout=30)
        instance.ended = time.monotonic()
        self.owners.remove(instance.process.pid)

    def stop_all(self, grace: float = 20.0) -> None:
        for instance in self.live():
            instance.process.send_signal(signal.SIGTERM)
        for instance in self.live():
            try:
                instance.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                instance.process.kill()
                instance.process.wait(timeout=30)
            instance.ended = time.monotonic()

    def tail(self, instance: Instance, size: int = 3000) -> str:
        try:
            return instance.log.read_text(errors="replace")[-size:]
        except OSError:
            return ""


def wait_for(predicate: object, *, within: float, step: float = 0.2) -> bool:
    """Poll `predicate()` until true or `within` seconds passed; whether it became true."""
    assert callable(predicate)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


# --- reading the records ----------------------------------------------------------------


def story_markers(text: str) -> list[int]:
    """The story numbers one message carries (a combined message carries several)."""
    return [int(n) for n in dict.fromkeys(_MARKER.findall(text))]


def alerts(requests: Iterable[ApiRequest]) -> list[tuple[int, int, float, str]]:
    """(chat, story, when, sender) for every story in every accepted sendMessage."""
    found = []
    for r in requests:
        if r.method == "sendMessage" and r.status == 200 and isinstance(r.params.get("text"), str):
            for story in story_markers(r.params["text"]):
                found.append((int(r.params["chat_id"]), story, r.at, r.client))
    return found


def deliveries(requests: Iterable[ApiRequest]) -> Counter[tuple[int, int]]:
    """How many times each (chat, story) was delivered."""
    return Counter((chat, story) for chat, story, _, _ in alerts(requests))


def repeats(delivered: Counter[tuple[int, int]]) -> int:
    """Deliveries beyond the first of each (chat, story)."""
    return sum(n - 1 for n in delivered.values() if n > 1)


def worst_second(times: Iterable[float]) -> int:
    """The most events inside any one second (a sliding window [t, t + 1))."""
    ordered = sorted(times)
    worst = 0
    for i, t in enumerate(ordered):
        worst = max(worst, bisect.bisect_left(ordered, t + 1.0, lo=i) - i)
    return worst


@dataclass(frozen=True, slots=True)
class DoubleFetch:
    path: str
    first: Fetch
    second: Fetch
    why: str  # "overlap" or "within an interval"


def double_fetches(
    fetches: Iterable[Fetch],
    *,
    min_gap: float,
    ended: Mapping[str, float | None] = {},
) -> list[DoubleFetch]:
    """Fetches of one feed by two processes at once (overlapping), or by two processes
    closer than `min_gap` seconds while the first one was still alive (a process killed
    in between leaves its feeds to the others: that is a takeover, not a double fetch)."""
    by_path: dict[str, list[Fetch]] = {}
    for f in fetches:
        if f.status:
            by_path.setdefault(f.path, []).append(f)
    found = []
    for path, log in by_path.items():
        log.sort(key=lambda f: f.started)
        for before, after in itertools.pairwise(log):
            if before.client == after.client:
                continue
            if after.started < before.finished:
                found.append(DoubleFetch(path, before, after, "overlap"))
                continue
            end = ended.get(before.client)
            still_alive = end is None or end > after.started
            if after.started - before.started < min_gap and still_alive:
                found.append(DoubleFetch(path, before, after, "within an interval"))
    return found


@dataclass(frozen=True, slots=True)
class Expectation:
    required: frozenset[tuple[int, int]]  # (chat, story) that must be delivered
    allowed: frozenset[tuple[int, int]]  # ...and those that may be (subscribed around then)


def expectation(world: World, *, grace: float) -> Expectation:
    """Computed from the plan alone: a chat must get a story when it subscribed to the
    story's keyword before the start, or `grace` seconds or more before the story
    appeared; it may get one it subscribed to later (the bot saw the story after)."""
    required: set[tuple[int, int]] = set()
    allowed: set[tuple[int, int]] = set()
    for story in world.stories:
        for chat, keywords in world.chats.items():
            if story.keyword in keywords:
                required.add((chat, story.number))
        for late in world.late:
            if story.keyword in late.keywords:
                (required if late.at + grace <= story.appear else allowed).add(
                    (late.chat_id, story.number)
                )
    return Expectation(frozenset(required), frozenset(required | allowed))


@dataclass
class Outcome:
    """What a run left: the fakes' records and what the database holds."""

    world: World
    expected: Expectation
    requests: list[ApiRequest]
    fetches: list[Fetch]
    kills: list[Kill]
    stored: list[tuple[int, str]]  # (chat, query) rows of the subscriptions table
    send_times: list[float]  # when the fake accepted each message (its flood clock)
    rate_limited: int
    conflicts: int
    ended: dict[str, float | None]
    poll_seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def delivered(self) -> Counter[tuple[int, int]]:
        return deliveries(self.requests)

    def summary(self) -> str:
        delivered = self.delivered
        return (
            f"delivered {len(set(delivered) & self.expected.required)}"
            f"/{len(self.expected.required)} expected (chat, story), "
            f"{sum(delivered.values())} alerts in all; repeated {repeats(delivered)} "
            f"(in flight at the kills: {sum(k.in_flight for k in self.kills)}); "
            f"429s {self.rate_limited}; worst second {worst_second(self.send_times)}"
            f" sends; feeds fetched twice {len(self.double_fetches())}; "
            f"getUpdates conflicts {self.conflicts}; kills "
            + ", ".join(f"{k.role}={k.label}" for k in self.kills)
        )

    def save(self, path: Path) -> None:
        """The records as JSON, to read after a run (the folder is in pytest's temp)."""
        sends = [
            {"method": r.method, "chat": r.params.get("chat_id"), "at": r.at, "status": r.status}
            | {"client": r.client, "stories": story_markers(str(r.params.get("text", "")))}
            for r in self.requests
            if r.method != "getUpdates"
        ]
        record = {
            "summary": self.summary(),
            "notes": self.notes,
            "kills": [
                {"role": k.role, "label": k.label, "at": k.at, "in_flight": k.in_flight}
                | {"held": k.held}
                for k in self.kills
            ],
            "requests": sends,
            "send_times": self.send_times,
            "stored": self.stored,
            "fetches": [[f.path, f.client, f.started, f.finished, f.status] for f in self.fetches],
        }
        path.write_text(json.dumps(record))

    def double_fetches(self) -> list[DoubleFetch]:
        return double_fetches(self.fetches, min_gap=self.poll_seconds / 2, ended=self.ended)


def environment(**settings: str) -> dict[str, str]:
    """The processes' shared settings (one database, the fakes, short intervals)."""
    return {k: v for k, v in settings.items() if v} | {"PYTHONUNBUFFERED": "1"}


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
