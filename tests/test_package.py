"""The operator's package, checked without a container engine: the Dockerfile copies what
the package is made of and sets valid settings; compose.yaml runs PostgreSQL and two bot
instances on it, with the ports the image listens on, only settings that exist, and
health checks that gate the start (the database's) and watch the bots (the image's)."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from bot.config import load_settings
from tests.conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
# Settings that exist: .env.example's, and the PostgreSQL store's URL.
KNOWN = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)) | {
    "NEWSBOT_DATABASE_URL"
}


def dockerfile_env() -> dict[str, str]:
    """The ENV of the Dockerfile's last stage (the image that runs)."""
    last = DOCKERFILE.rsplit("\nFROM ", 1)[1]
    text = re.sub(r"\\\n\s*", " ", last)
    pairs: dict[str, str] = {}
    for line in re.findall(r"^ENV (.+)$", text, re.MULTILINE):
        pairs.update(re.findall(r"([A-Z_]+)=(\S+)", line))
    return pairs


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_image_holds_every_package_and_valid_settings() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = project["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = re.findall(r"^COPY (?!--from)(.+?) \S+$", DOCKERFILE, re.MULTILINE)
    sources = {s for line in copied for s in line.split()}
    for package in (p for p in packages if "*" not in p):
        assert package in sources, f"the image lacks {package}/"
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file"
    env = dockerfile_env()
    newsbot = {k: v for k, v in env.items() if k.startswith("NEWSBOT_")}
    assert set(newsbot) <= KNOWN
    settings = load_settings(environ=newsbot, env_file=None)
    assert settings.log_format == "json"
    assert settings.ops_listen is not None
    health = re.search(r"HEALTHCHECK .*http://127\.0\.0\.1:(\d+)/healthz", DOCKERFILE, re.DOTALL)
    assert health is not None
    assert int(health.group(1)) == settings.ops_listen[1]
    assert re.search(r'^ENTRYPOINT \["newsbot"\]$', DOCKERFILE, re.MULTILINE)
    # Both stages on python:3.11-slim unless the build argument PYTHON_IMAGE names another.
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim$", DOCKERFILE, re.MULTILINE)
    assert re.findall(r"^FROM (\S+)", DOCKERFILE, re.MULTILINE) == ["${PYTHON_IMAGE}"] * 2
    assert re.search(r"^USER (?!root)\w+$", DOCKERFILE, re.MULTILINE)


def test_compose_runs_postgresql_and_two_bots_on_it() -> None:
    spec = compose()
    services = spec["services"]
    # postgres:16 unless POSTGRES_IMAGE names another (docker/standins/ has a local one)
    default = re.fullmatch(r"\$\{POSTGRES_IMAGE:-(\S+)\}", services["db"]["image"])
    assert default is not None
    assert default.group(1).startswith("postgres:")
    bots = [name for name, service in services.items() if "build" in service]
    assert len(bots) == 2
    image_env = load_settings(
        environ={k: v for k, v in dockerfile_env().items() if k.startswith("NEWSBOT_")},
        env_file=None,
    )
    for name in bots:
        service = services[name]
        env = service["environment"]
        assert set(env) <= KNOWN, f"{name}: unknown settings {set(env) - KNOWN}"
        assert re.match(r"^postgresql://newsbot:.+@db:5432/newsbot$", env["NEWSBOT_DATABASE_URL"])
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        settings = load_settings(
            environ={k: v for k, v in env.items() if k != "NEWSBOT_DATABASE_URL"}, env_file=None
        )
        assert settings.ops_listen is not None
        assert settings.ops_listen == image_env.ops_listen  # the image's health check port
        inside = {int(port.rsplit(":", 1)[1]) for port in service["ports"]}
        assert inside == {settings.webhook_listen[1], settings.ops_listen[1]}
    published = [p.rsplit(":", 1)[0] for name in bots for p in services[name]["ports"]]
    assert len(published) == len(set(published)), "two services publish the same host port"
    assert "pgdata" in spec["volumes"]


def test_compose_health_checks_gate_the_start_and_watch_the_bots() -> None:
    services = compose()["services"]
    db = services["db"]
    test = db["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL"
    assert "pg_isready" in test[1]
    assert f"-U {db['environment']['POSTGRES_USER']}" in test[1]
    assert f"-d {db['environment']['POSTGRES_DB']}" in test[1]
    bots = [service for service in services.values() if "build" in service]
    for bot in bots:
        # The image's HEALTHCHECK (/healthz: 503 while no instance holds a role) applies:
        # compose neither replaces nor disables it, and gives the roles time to settle.
        assert "healthcheck" not in bot
        assert bot["restart"] == "unless-stopped"
        assert bot["environment"]["NEWSBOT_OPS_LISTEN"].endswith(":9090")
        # Both instances share one database: the roles' locks decide who polls and sends.
        assert (
            bot["environment"]["NEWSBOT_DATABASE_URL"]
            == bots[0]["environment"]["NEWSBOT_DATABASE_URL"]
        )
    start = re.search(r"--start-period=(\d+)s", DOCKERFILE)
    assert start is not None
    assert int(start.group(1)) >= 30


def test_the_postgresql_stand_in_reads_every_setting_compose_gives_the_database() -> None:
    """docker/standins/ stands in for postgres:16 where no registry is reachable: its
    entrypoint must read each POSTGRES_* compose.yaml sets, and the data folder it keeps
    must be where compose mounts the pgdata volume."""
    entrypoint = (ROOT / "docker" / "standins" / "postgres-entrypoint.sh").read_text()
    image = (ROOT / "docker" / "standins" / "postgres.Dockerfile").read_text()
    db = compose()["services"]["db"]
    for name in db["environment"]:
        assert re.search(rf"\$\{{{name}[:}}]", entrypoint), f"the stand-in ignores {name}"
    (mount,) = [v.split(":", 1)[1] for v in db["volumes"] if v.startswith("pgdata:")]
    assert re.search(rf"^ENV (.|\n)*PGDATA={re.escape(mount)}\s", image, re.MULTILINE)
    assert "STOPSIGNAL SIGINT" in image  # a fast shutdown, as the official image's
