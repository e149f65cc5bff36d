"""Builds the Dockerfile and runs compose.yaml for real, then checks what the package
promises: PostgreSQL and two bot instances up, /healthz 200 on both operator ports, each
role (updates, sender) held by exactly one instance, a /subscribe answered, a feed's new
story alerted once, a killed role holder replaced by the other instance within seconds (a
new story still alerted once), the bot running as an unprivileged user, Docker's health
check passing, a clean stop, and `compose down` keeping the database's volume (an `up`
after it finds the subscription made before). A real crash too: the bot process of the
sender's container killed with SIGKILL from the host (as the kernel's OOM killer would):
the other instance takes the roles over within seconds, `restart: unless-stopped` brings
the container back (healthy again), and the next story is alerted once.

With --webhook the same run is in webhook mode: both instances get NEWSBOT_WEBHOOK_URL
and _SECRET, `compose run --rm bot-1 webhook set` must register them with the fake Bot
API, and updates are POSTed (with Telegram's secret header) to each instance's published
webhook port (127.0.0.1:8081, 8082): each answered after its reply reached the fake, a
wrong secret refused (403), a repeated update_id handled once across both instances.

    .venv/bin/python scripts/container_check.py             # stand-in base images (below)
    .venv/bin/python scripts/container_check.py --webhook   # webhook mode
    .venv/bin/python scripts/container_check.py --official  # python:3.11-slim, postgres:16

Needs a running Docker engine and `docker compose` (v2) or `docker-compose` (v1). By
default the base images are local stand-ins made from Debian's packages by
docker/standins/build.sh (root and debootstrap; made once, then kept), for machines that
reach no container registry. Telegram is tests/fakes/telegram_server.py and the feed is
tests/fakes/feed_server.py, both on this machine's 127.0.0.1; the containers reach them
through a relay on the host's end of Docker's default bridge (e.g. 172.17.0.1), and
nothing else: the bots' feed list is that one local feed. compose.yaml runs as project
`newsbot-check` from a temporary folder holding its .env (yours is not read), on the
ports compose.yaml publishes (127.0.0.1:8081, 8082, 9091, 9092: they must be free).
Everything it started is removed at the end (the images stay, --keep leaves it all).
Prints what it runs and what it saw; exits 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.feed_server import FeedServer, Item, rss  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402

PROJECT = "newsbot-check"
IMAGE = "newsbot:latest"
STANDINS = ("newsbot-standin/python:3.11", "newsbot-standin/postgres:15")
OFFICIAL = ("python:3.11-slim", "postgres:16")
OPS_PORTS = {"bot-1": 9091, "bot-2": 9092}  # compose.yaml's published /healthz, /metrics
HOOK_PORTS = {"bot-1": 8081, "bot-2": 8082}  # and webhook listeners
HOOK_URL = "https://bot.example.org/telegram/hook"  # never called: the check posts itself
HOOK_PATH = "/telegram/hook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WITHIN = 180.0  # seconds any awaited change may take (a loaded 2-core machine)
CHAT = 42
FEED = "/world.xml"

START = time.monotonic()
failures: list[str] = []


def say(text: str) -> None:
    print(f"[{time.monotonic() - START:7.1f} s] {text}", flush=True)


def check(ok: bool, text: str) -> bool:
    say(("ok   " if ok else "FAIL ") + text)
    if not ok:
        failures.append(text)
    return ok


def run(
    args: list[str], *, quiet: bool = False, check_rc: bool = True, timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    """Run a command, print it (and its output unless quiet); fail on a non-zero exit."""
    say("$ " + " ".join(args))
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    output = (done.stdout + done.stderr).strip()
    if output and (not quiet or done.returncode != 0):
        print("\n".join("    " + line for line in output.splitlines()[-40:]), flush=True)
    if check_rc and done.returncode != 0:
        raise SystemExit(f"container_check: {args[0]} {args[1]} exited {done.returncode}")
    return done


def wait(what: str, done: Callable[[], bool], within: float = WITHIN) -> float:
    """Seconds until `done()` (checked every 0.2 s), or a failure after `within`."""
    started = time.monotonic()
    while not done():
        if time.monotonic() - started > within:
            raise SystemExit(f"container_check: no {what} within {within:g} s")
        time.sleep(0.2)
    return time.monotonic() - started


class Relay:
    """Forwards each TCP connection made to (host, port) to 127.0.0.1:target."""

    def __init__(self, host: str, target: int) -> None:
        self.target = target
        self.server = socket.create_server((host, 0))
        self.host = host
        self.port = int(self.server.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str = "") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=10)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.server.close()


def get(url: str) -> tuple[int, str]:
    """The status and body of a GET (0 and the reason when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (OSError, urllib.error.URLError) as error:
        return 0, str(error)


def post_update(port: int, update: dict[str, object], secret: str) -> int:
    """POST an update to a webhook listener as Telegram does; the HTTP status (0: none)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{HOOK_PATH}",
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", SECRET_HEADER: secret},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (OSError, urllib.error.URLError):
        return 0


def roles(service: str) -> dict[str, bool]:
    """What /metrics of `service` says it holds: role -> held (none if no answer)."""
    status, body = get(f"http://127.0.0.1:{OPS_PORTS[service]}/metrics")
    if status != 200:
        return {}
    held: dict[str, bool] = {}
    for labels, value in re.findall(r"^newsbot_role_held\{(.*)\} (\S+)$", body, re.M):
        label = dict(re.findall(r'(\w+)="([^"]*)"', labels))
        if label.get("mode") == "lock":
            held[label["role"]] = float(value) == 1
    return held


def holders(services: list[str]) -> dict[str, list[str]]:
    """role -> the services whose /metrics say they hold it."""
    held: dict[str, list[str]] = {"updates": [], "sender": []}
    for service in services:
        for role, yes in roles(service).items():
            if yes:
                held.setdefault(role, []).append(service)
    return held


def one_holder_each(services: list[str], names: tuple[str, ...]) -> bool:
    held = holders(services)
    return all(len(held[name]) == 1 for name in names)


def holds_all(service: str, names: tuple[str, ...]) -> bool:
    held = roles(service)
    return all(held.get(name) for name in names)


def healthy(service: str) -> bool:
    return get(f"http://127.0.0.1:{OPS_PORTS[service]}/healthz")[0] == 200


def item(n: int, title: str) -> Item:
    return Item(
        title=title,
        link=f"https://news.example/{n}",
        description=f"{title}. Officials said more would follow.",
        published=datetime.now(UTC) - timedelta(minutes=5),
        guid=f"item-{n}",
    )


def alerts(fake: FakeTelegram) -> list[str]:
    return [m.text for m in fake.sent(CHAT) if m.text.startswith("🔔")]


def one_alert_for(
    fake: FakeTelegram,
    feeds: FeedServer,
    items: list[Item],
    title: str,
    n: int,
    tell: Callable[[str], None],
) -> None:
    """Put a new story on the feed; exactly one alert for it arrives (checked after a
    /help round trip, so that a repeat queued with it would have been sent by then)."""
    before = len(alerts(fake))
    items.insert(0, item(n, title))
    feeds.route(FEED, body=rss(items))
    took = wait(f"alert for {title!r}", lambda: len(alerts(fake)) > before)
    say(f"alert for {title!r} after {took:.1f} s")
    replies = len(fake.sent(CHAT))
    tell("/help")
    wait("/help answered", lambda: len(fake.sent(CHAT)) > replies)
    time.sleep(3)  # a second poll of the feed: it must not alert the story again
    fresh = [text for text in alerts(fake)[before:] if title in text]
    check(len(fresh) == 1, f"one alert for {title!r} (got {len(fresh)})")


def docker_gateway() -> str:
    """The host's address on Docker's default bridge (e.g. 172.17.0.1): every container
    reaches it. Docker names it in the network's IPAM settings, or only the subnet."""
    done = run(
        ["docker", "network", "inspect", "bridge", "-f", "{{json .IPAM.Config}}"], quiet=True
    )
    config = json.loads(done.stdout)[0]
    if config.get("Gateway"):
        return str(config["Gateway"])
    subnet = ipaddress.ip_network(config["Subnet"])
    interfaces = json.loads(run(["ip", "-j", "-4", "addr"], quiet=True).stdout)
    for interface in interfaces:
        for address in interface.get("addr_info", []):
            if ipaddress.ip_address(address["local"]) in subnet:
                return str(address["local"])
    raise SystemExit(f"container_check: no address of this host in Docker's bridge {subnet}")


def compose_command() -> list[str]:
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    raise SystemExit("container_check: neither `docker compose` nor `docker-compose` found")


def image_size(name: str) -> str:
    done = run(["docker", "image", "inspect", name, "-f", "{{.Size}}"], quiet=True)
    return f"{int(done.stdout) / 1e6:.0f} MB"


def docker_time(container: str, field: str) -> datetime:
    """A time of the container's State (Docker's clock: this machine's)."""
    done = run(["docker", "inspect", "-f", f"{{{{.State.{field}}}}}", container])
    return docker_stamp(done.stdout)


def docker_stamp(text: str) -> datetime:
    """A time as Docker writes it (nanoseconds, Z or an offset)."""
    stamp = re.sub(r"(\.\d{6})\d*", r"\1", text.strip()).replace("Z", "+00:00")
    return datetime.fromisoformat(stamp)


def started_at(container: str) -> datetime:
    return docker_time(container, "StartedAt")


def finished_at(container: str) -> datetime:
    return docker_time(container, "FinishedAt")


class Watch:
    """Checks `done()` every 0.1 s in a thread from now on; `wait` gives the first time
    it was true (this machine's clock), so the start of a slow command is not missed."""

    def __init__(self, done: Callable[[], bool]) -> None:
        self.done = done
        self.when: datetime | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.started = time.monotonic()
        self.thread.start()

    def _run(self) -> None:
        while time.monotonic() - self.started < WITHIN:
            if self.done():
                self.when = datetime.now(UTC)
                return
            time.sleep(0.1)

    def wait(self, what: str) -> datetime:
        self.thread.join()
        if self.when is None:
            raise SystemExit(f"container_check: no {what} within {WITHIN:g} s")
        return self.when


def container_of(project: list[str], service: str) -> str:
    return run([*project, "ps", "-q", service], quiet=True).stdout.strip()


def docker_healthy(container: str) -> bool:
    """Docker's verdict from the image's HEALTHCHECK (asked quietly, in a loop)."""
    format = "{{.State.Health.Status}}"
    done = subprocess.run(["docker", "inspect", "-f", format, container], capture_output=True)
    return done.stdout.strip() == b"healthy"


@contextlib.contextmanager
def fakes(gateway: str) -> Iterator[tuple[FakeTelegram, FeedServer, Relay, Relay]]:
    with FakeTelegram(exclusive_updates=True) as fake, FeedServer() as feeds:
        telegram = Relay(gateway, fake.port)
        feed = Relay(gateway, feeds.port)
        try:
            yield fake, feeds, telegram, feed
        finally:
            telegram.close()
            feed.close()


def healthy_since(container: str, since: datetime) -> bool:
    """Docker says healthy from a check of the HEALTHCHECK that started after `since` (a
    status kept from before a restart does not count)."""
    format = "{{json .State.Health}}"
    done = subprocess.run(["docker", "inspect", "-f", format, container], capture_output=True)
    try:
        health = json.loads(done.stdout)
    except ValueError:
        return False
    if not isinstance(health, dict) or health.get("Status") != "healthy":
        return False
    return any(
        entry.get("ExitCode") == 0 and docker_stamp(entry["Start"]) > since
        for entry in health.get("Log") or []
    )


def restarted(container: str) -> bool:
    """Docker restarted the container (its restart policy) and it runs again."""
    format = "{{.RestartCount}} {{.State.Running}}"
    done = subprocess.run(["docker", "inspect", "-f", format, container], capture_output=True)
    count, _, running = done.stdout.decode().strip().partition(" ")
    return count.isdigit() and int(count) >= 1 and running == "true"


def webhook_checks(
    project: list[str],
    fake: FakeTelegram,
    update: Callable[[str], dict[str, object]],
    secret: str,
    volumes: list[str],
) -> None:
    """`webhook set` registers the webhook; each listener answers updates after handling
    them, refuses a wrong secret and handles a repeated update_id once (across both)."""
    listed = partial(run, ["docker", "volume", "ls", "-q"], quiet=True)
    before = set(listed().stdout.split())
    started = time.monotonic()
    done = run([*project, "run", "--rm", "-T", "bot-1", "webhook", "set"], check_rc=False)
    say(f"`run --rm bot-1 webhook set` took {time.monotonic() - started:.1f} s")
    fresh = set(listed().stdout.split()) - before
    volumes += [name for name in fresh if not name.startswith(PROJECT)]
    calls = fake.calls("setWebhook")
    got = calls[-1].params if calls else {}
    check(
        done.returncode == 0
        and got.get("url") == HOOK_URL
        and got.get("secret_token") == secret
        and fake.webhook["url"] == HOOK_URL,
        f"setWebhook reached the fake: url {got.get('url')}, the secret "
        + (
            "given"
            if got.get("secret_token") == secret
            else f"NOT given ({got.get('secret_token')})"
        ),
    )

    def answered(port: int, posted: dict[str, object], key: str = secret) -> tuple[int, str]:
        """The listener's status and what reached the chat by the time it answered."""
        count = len(fake.sent(CHAT))
        status = post_update(port, posted, key)
        return status, "\n".join(m.text for m in fake.sent(CHAT)[count:])

    subscribe = update("/subscribe Khmeimim")
    status, reply = answered(HOOK_PORTS["bot-1"], subscribe, "not-the-secret")
    check(status == 403 and reply == "", f"bot-1 :8081, a wrong secret: {status}, no reply")
    status, reply = answered(HOOK_PORTS["bot-1"], subscribe)
    check(
        status == 200 and reply.startswith("Subscribed"),
        f"bot-1 :8081 answered {status} once its reply had reached the fake: "
        f"{reply.splitlines()[0] if reply else '(none)'}",
    )
    for service, port in HOOK_PORTS.items():
        status, reply = answered(port, subscribe)
        time.sleep(1)  # a second handling would have sent its reply by now
        again = len([m for m in fake.sent(CHAT) if m.text.startswith("Subscribed")])
        check(
            status == 200 and again == 1,
            f"the same update_id again to {service} :{port}: {status}, handled once "
            f"({again} reply in all)",
        )
    status, reply = answered(HOOK_PORTS["bot-2"], update("/list"), "")
    check(status == 403 and reply == "", f"bot-2 :8082, an empty secret: {status}, no reply")
    status, reply = answered(HOOK_PORTS["bot-2"], update("/list"))
    check(
        status == 200 and "Khmeimim" in reply,
        f"bot-2 :8082 answered {status}, /list made on bot-1 seen: {reply.splitlines()[:2]}",
    )


def stopped(signum: int, frame: object) -> None:
    raise SystemExit(f"container_check: stopped by signal {signum}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--official", action="store_true", help="use python:3.11-slim, postgres:16")
    parser.add_argument("--keep", action="store_true", help="leave the containers and volumes")
    parser.add_argument("--webhook", action="store_true", help="run both bots in webhook mode")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, stopped)  # clean up as on Ctrl-C

    if run(["docker", "info", "-f", "{{.ServerVersion}}"], check_rc=False).returncode != 0:
        print("container_check: no Docker engine answers (docker info)", file=sys.stderr)
        return 2
    compose = compose_command()
    python_image, postgres_image = OFFICIAL if options.official else STANDINS
    if not options.official:
        started = time.monotonic()
        run([str(ROOT / "docker" / "standins" / "build.sh")])
        say(f"stand-in base images ready in {time.monotonic() - started:.1f} s")

    started = time.monotonic()
    build = ["docker", "build", "--build-arg", f"PYTHON_IMAGE={python_image}", "-t", IMAGE]
    run([*build, str(ROOT)], quiet=True)
    say(f"image {IMAGE} built in {time.monotonic() - started:.1f} s")
    for name in (python_image, postgres_image, IMAGE):
        say(f"image size: {name} {image_size(name)}")
    made = run(
        ["docker", "run", "--rm", "--entrypoint", "sh", IMAGE, "-c", "touch data/probe && echo ok"],
        check_rc=False,
    )
    check(made.stdout.strip() == "ok", "the bot's user can write its data volume")

    gateway = docker_gateway()
    folder = Path(tempfile.mkdtemp(prefix="newsbot-check-"))
    project = [*compose, "-p", PROJECT, "--project-directory", str(folder)]
    project += ["-f", str(ROOT / "compose.yaml")]
    services = list(OPS_PORTS)
    items = [item(1, "Parliament debates budget")]
    volumes: list[str] = []  # the containers' anonymous volumes, removed at the end
    webhook = options.webhook
    names = ("sender",) if webhook else ("updates", "sender")  # roles one instance holds
    secret = secrets.token_urlsafe(24)
    with fakes(gateway) as (fake, feeds, telegram, feed):
        feeds.route(FEED, body=rss(items))
        (folder / ".env").write_text(
            f"TELEGRAM_BOT_TOKEN={fake.token}\n"
            f"TELEGRAM_API_URL={telegram.url()}\n"
            f"NEWSBOT_FEEDS={feed.url(FEED)}\n"
            "NEWSBOT_POLL_SECONDS=1\n"
            "NEWSBOT_FULLTEXT=0\n"  # the items' links point nowhere reachable
            f"POSTGRES_PASSWORD={secrets.token_hex(16)}\n"
            f"POSTGRES_IMAGE={postgres_image}\n"
            + (
                f"NEWSBOT_WEBHOOK_URL={HOOK_URL}\nNEWSBOT_WEBHOOK_SECRET={secret}\n"
                if webhook
                else ""
            ),
            encoding="utf-8",
        )

        def update(text: str) -> dict[str, object]:
            """A command message as Telegram would post it (the fake builds it)."""
            fake.command(CHAT, text)
            return fake.pending_updates()[-1]

        def tell(text: str) -> None:
            """A command from the chat: polled, or posted to the first listener answering."""
            if not webhook:
                fake.command(CHAT, text)
                return
            posted = update(text)
            if not any(post_update(port, posted, secret) == 200 for port in HOOK_PORTS.values()):
                raise SystemExit(f"container_check: no webhook listener took {text!r}")

        say(f"fake Telegram at {telegram.url()}, feed at {feed.url(FEED)} (relays to 127.0.0.1)")
        try:
            started = time.monotonic()
            run([*project, "up", "-d", "--no-build"])
            say(f"compose up returned after {time.monotonic() - started:.1f} s")
            ids = {s: container_of(project, s) for s in services}
            for service in services:
                wait(f"/healthz 200 on {service}", partial(healthy, service))
                ready = datetime.now(UTC)
                since = (ready - started_at(ids[service])).total_seconds()
                check(True, f"{service}: /healthz 200, {since:.1f} s after its container started")
                say(f"    {get(f'http://127.0.0.1:{OPS_PORTS[service]}/healthz')[1].strip()}")
            wait("one holder of each role", lambda: one_holder_each(services, names))
            held = holders(services)
            check(True, f"roles: updates held by {held['updates']}, sender by {held['sender']}")
            for service in services:
                say(f"    {service} /metrics: newsbot_role_held {roles(service)}")
            user = run([*project, "exec", "-T", services[0], "id"], quiet=True).stdout.strip()
            check(
                user.startswith("uid=") and not user.startswith("uid=0("),
                f"{services[0]} runs as an unprivileged user: {user}",
            )
            wait("a first poll of the feed", lambda: len(feeds.requests_to(FEED)) >= 1)

            if webhook:
                webhook_checks(project, fake, update, secret, volumes)
            else:
                fake.command(CHAT, "/subscribe Khmeimim")
                reply = fake.next_message(CHAT, within=WITHIN).text
                first = reply.splitlines()[0]
                check(reply.startswith("Subscribed"), f"/subscribe answered: {first}")
            story = partial(one_alert_for, fake, feeds, items, tell=tell)
            story("Russian planes leave the Hmeimim air base", 2)

            if not webhook:
                check(fake.conflicts == 0, "never two getUpdates at once while both ran")
            for service in services:  # the image's HEALTHCHECK, every 30 s
                took = wait(f"{service} healthy", partial(docker_healthy, ids[service]))
                check(True, f"{service}: Docker's health check says healthy (waited {took:.1f} s)")

            # A real crash: SIGKILL to the bot process, not through the engine.
            crashed = holders(services)["sender"][0]
            (survivor,) = [s for s in services if s != crashed]
            inside = run(["docker", "exec", ids[crashed], "sh", "-c", "kill -9 1"], check_rc=False)
            time.sleep(2)
            state = run(["docker", "inspect", "-f", "{{.State.Running}}", ids[crashed]])
            say(
                f"`docker exec {crashed} kill -9 1` (exit {inside.returncode}): still running "
                f"{state.stdout.strip()} (the kernel drops SIGKILL sent to a namespace's init "
                "from inside it)"
            )
            pid = int(run(["docker", "inspect", "-f", "{{.State.Pid}}", ids[crashed]]).stdout)
            watch = Watch(partial(holds_all, survivor, names))
            killed = datetime.now(UTC)
            say(f"kill -9 {pid} (the bot process of {crashed}, PID 1 in its container)")
            os.kill(pid, signal.SIGKILL)
            took = (watch.wait(f"{survivor} holding the roles") - killed).total_seconds()
            check(
                took < 15,
                f"after the crash of {crashed}: {survivor} held {names} {took:.1f} s later",
            )
            took = wait(f"{crashed} restarted", partial(restarted, ids[crashed]))
            again = started_at(ids[crashed])
            back = (again - killed).total_seconds()
            check(
                True,
                f"restart: unless-stopped: {crashed} running again {back:.1f} s after the kill",
            )
            took = wait(f"/healthz 200 on {crashed}", partial(healthy, crashed))
            since = (datetime.now(UTC) - killed).total_seconds()
            check(True, f"{crashed}: /healthz 200 again {since:.1f} s after the kill")
            took = wait(f"{crashed} healthy", partial(healthy_since, ids[crashed], again))
            since = (datetime.now(UTC) - killed).total_seconds()
            check(
                True, f"{crashed}: Docker's health check healthy again {since:.1f} s after the kill"
            )
            say(f"    {crashed} /metrics: newsbot_role_held {roles(crashed)}")
            story("Drones seen over the Khmeimim air base", 3)

            victim = holders(services)["sender"][0]
            (survivor,) = [s for s in services if s != victim]
            watch = Watch(partial(holds_all, survivor, names))
            run([*project, "kill", victim])
            died = finished_at(ids[victim])
            took = (watch.wait(f"{survivor} holding both roles") - died).total_seconds()
            check(took < 15, f"after `kill {victim}`: {survivor} held {names} {took:.1f} s later")
            wait(f"/healthz 200 on {survivor}", partial(healthy, survivor))
            since = (datetime.now(UTC) - died).total_seconds()
            say(f"{survivor} /healthz 200 (checked {since:.1f} s after the kill)")
            story("Satellite images show Khmeimim runway work", 4)
            check(fake.rate_limited == 0, f"no 429 from the fake ({fake.rate_limited})")
            if not webhook:
                # Each dead holder's long poll, left waiting, is ended by the next one's first.
                conflicts = fake.conflicts
                check(conflicts <= 2, f"getUpdates conflicts after the two kills: {conflicts}")
            else:
                check(fake.calls("getUpdates") == [], "no getUpdates in webhook mode")

            anonymous = run(
                ["docker", "ps", "-aq", "--filter", f"label=com.docker.compose.project={PROJECT}"],
                quiet=True,
            ).stdout.split()
            mounts = run(
                ["docker", "inspect", "-f", "{{range .Mounts}}{{.Name}} {{end}}", *anonymous],
                quiet=True,
            ).stdout.split()
            volumes += [name for name in mounts if not name.startswith(PROJECT)]
            for container in anonymous:
                logs = run(["docker", "logs", "--tail", "1", container], quiet=True)
                last = (logs.stdout + logs.stderr).strip().splitlines()[-1:]
                say(f"    last log line of {container[:12]}: {''.join(last)}")
            stopping = time.monotonic()
            run([*project, "stop"])
            say(f"compose stop took {time.monotonic() - stopping:.1f} s")
            for name, cid in [*ids.items(), ("db", container_of(project, "db"))]:
                code = run(["docker", "inspect", "-f", "{{.State.ExitCode}}", cid], quiet=True)
                if name == victim:
                    continue  # killed (137)
                check(
                    code.stdout.strip() == "0",
                    f"{name} stopped cleanly (exit {code.stdout.strip()})",
                )
            run([*project, "down"])
            kept = run(["docker", "volume", "ls", "-q"], quiet=True).stdout.split()
            check(f"{PROJECT}_pgdata" in kept, f"`compose down` kept the volume {PROJECT}_pgdata")

            started = time.monotonic()
            run([*project, "up", "-d", "--no-build"])
            for service in services:
                wait(f"/healthz 200 on {service}", partial(healthy, service))
            say(f"up again: /healthz 200 on both {time.monotonic() - started:.1f} s after up")
            before = len(fake.sent(CHAT))
            tell("/list")
            wait("/list answered", lambda: len(fake.sent(CHAT)) > before)
            listed = fake.sent(CHAT)[before].text
            check("Khmeimim" in listed, f"the subscription outlived down/up: {listed!r}")
        finally:
            if not options.keep:
                run([*project, "down", "-v"], check_rc=False, quiet=True)
                if volumes:
                    run(["docker", "volume", "rm", *volumes], check_rc=False, quiet=True)
                shutil.rmtree(folder, ignore_errors=True)
    if failures:
        say(f"{len(failures)} check(s) failed: " + "; ".join(failures))
        return 1
    say("every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
