"""Settings (DESIGN §4): defaults, every variable, .env files, and one-line refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from tests.conftest import ROOT, SHARED

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345"


def settings_from(env: dict[str, str], env_file: Path | None = None) -> Settings:
    return load_settings(environ=env, env_file=env_file)


def test_defaults_without_any_setting() -> None:
    settings = settings_from({})
    assert settings == Settings()
    assert settings.token is None
    assert settings.api_url == "https://api.telegram.org"
    assert settings.db_path == Path("data/newsbot.json")
    assert settings.poll_seconds == 300
    assert settings.max_subscriptions == 50
    assert settings.max_query_length == 200
    assert settings.retention_days == 7
    assert settings.fulltext is True
    assert settings.allow_private_urls is False
    assert settings.chat_feeds is True
    assert (settings.max_feeds_per_chat, settings.max_feeds) == (20, 1000)
    assert settings.log_level == "INFO"


def test_every_variable_is_read(tmp_path: Path) -> None:
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text("# mine\nhttps://c.example/rss\n\nhttps://a.example/feed\n")
    settings = settings_from(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "NEWSBOT_DB": str(tmp_path / "db.json"),
            "NEWSBOT_DATABASE_URL": "postgresql://bot:pw@db.example:5432/newsbot",
            "NEWSBOT_FEEDS": "https://a.example/feed, https://b.example/rss\nhttps://a.example/feed",
            "NEWSBOT_FEEDS_FILE": str(feeds_file),
            "NEWSBOT_POLL_SECONDS": "2.5",
            "NEWSBOT_STORY_HANDOVER_SECONDS": "20",
            "NEWSBOT_ADMINS": "1, 22 333",
            "NEWSBOT_MAX_SUBSCRIPTIONS": "5",
            "NEWSBOT_MAX_QUERY_LENGTH": "80",
            "NEWSBOT_RETENTION_DAYS": "3",
            "NEWSBOT_FULLTEXT": "0",
            "NEWSBOT_ALLOW_PRIVATE_URLS": "yes",
            "NEWSBOT_CHAT_FEEDS": "0",
            "NEWSBOT_MAX_FEEDS_PER_CHAT": "3",
            "NEWSBOT_MAX_FEEDS": "40",
            "NEWSBOT_LOG_LEVEL": "debug",
        }
    )
    assert settings.token == TOKEN
    assert settings.api_url == "http://127.0.0.1:8081"
    assert settings.db_path == tmp_path / "db.json"
    assert settings.database_url == "postgresql://bot:pw@db.example:5432/newsbot"
    assert "pw" not in repr(settings)
    assert settings.feeds == (
        "https://a.example/feed",
        "https://b.example/rss",
        "https://c.example/rss",
    )
    assert settings.poll_seconds == 2.5
    assert settings.story_handover_seconds == 20
    assert settings.admins == frozenset({1, 22, 333})
    assert (settings.max_subscriptions, settings.max_query_length) == (5, 80)
    assert settings.retention_days == 3
    assert settings.fulltext is False
    assert settings.allow_private_urls is True
    assert settings.chat_feeds is False
    assert (settings.max_feeds_per_chat, settings.max_feeds) == (3, 40)
    assert settings.log_level == "DEBUG"


def test_feeds_file_may_be_opml(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="News"><outline xmlUrl="https://x.example/rss"/></outline>'
        "</body></opml>"
    )
    assert settings_from({"NEWSBOT_FEEDS_FILE": str(opml)}).feeds == ("https://x.example/rss",)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_API_URL", "ftp://example.org"),
        ("NEWSBOT_FEEDS", "https://ok.example/rss file:///etc/passwd"),
        ("NEWSBOT_FEEDS_FILE", "/nonexistent/feeds.txt"),
        ("NEWSBOT_POLL_SECONDS", "abc"),
        ("NEWSBOT_POLL_SECONDS", "0"),
        ("NEWSBOT_POLL_SECONDS", "nan"),
        ("NEWSBOT_STORY_HANDOVER_SECONDS", "0"),
        ("NEWSBOT_ADMINS", "alice"),
        ("NEWSBOT_MAX_SUBSCRIPTIONS", "2.5"),
        ("NEWSBOT_MAX_SUBSCRIPTIONS", "0"),
        ("NEWSBOT_MAX_QUERY_LENGTH", "many"),
        ("NEWSBOT_RETENTION_DAYS", "-1"),
        ("NEWSBOT_FULLTEXT", "maybe"),
        ("NEWSBOT_ALLOW_PRIVATE_URLS", "2"),
        ("NEWSBOT_CHAT_FEEDS", "some"),
        ("NEWSBOT_MAX_FEEDS_PER_CHAT", "0"),
        ("NEWSBOT_MAX_FEEDS", "lots"),
        ("NEWSBOT_LOG_LEVEL", "LOUD"),
        ("NEWSBOT_DATABASE_URL", "mysql://bot@db/newsbot"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from({variable: value})
    assert caught.value.variable == variable
    message = str(caught.value)
    assert message.startswith(f"{variable}: ")
    assert "\n" not in message


def test_only_run_requires_the_token() -> None:
    settings = settings_from({})
    with pytest.raises(ConfigError) as caught:
        settings.require_token()
    assert caught.value.variable == "TELEGRAM_BOT_TOKEN"
    assert settings_from({"TELEGRAM_BOT_TOKEN": TOKEN}).require_token() == TOKEN


def test_the_token_is_not_in_the_repr() -> None:
    settings = settings_from({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert TOKEN not in repr(settings)
    assert TOKEN.partition(":")[2] not in repr(settings)


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\n"
        f"export TELEGRAM_BOT_TOKEN='{TOKEN}'\n"
        "NEWSBOT_POLL_SECONDS=60 # every minute\n"
        'NEWSBOT_DB="my db.json"\n'
        "NEWSBOT_MAX_SUBSCRIPTIONS=9\n"
    )
    settings = settings_from({"NEWSBOT_MAX_SUBSCRIPTIONS": "3"}, env_file)
    assert settings.token == TOKEN
    assert settings.poll_seconds == 60
    assert settings.db_path == Path("my db.json")
    assert settings.max_subscriptions == 3
    assert settings_from({}, tmp_path / "missing.env") == Settings()


def test_a_malformed_env_file_line_is_refused_with_its_place(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("NEWSBOT_DB=x\nthis line has no equals sign\n")
    with pytest.raises(ConfigError, match=r":2: expected KEY=VALUE"):
        settings_from({}, env_file)


def test_env_example_documents_every_setting_and_loads_to_the_defaults() -> None:
    example = ROOT / ".env.example"
    lines = example.read_text(encoding="utf-8").splitlines()
    variables = [line.split("=", 1)[0] for line in lines if re.match(r"^[A-Z_]+=", line)]
    for variable in variables:  # one comment line just above each setting
        before = lines[lines.index(next(x for x in lines if x.startswith(f"{variable}="))) - 1]
        assert before.startswith("# "), f"{variable} has no comment line"
    assert settings_from({}, example) == Settings()
    design = SHARED / "DESIGN.md"
    if design.is_file():  # the contract table, when the shared folder is beside the checkout
        documented = re.findall(r"^\| `([A-Z_]+)` \|", design.read_text(), re.MULTILINE)
        assert set(documented) <= set(variables)
    # The README's table documents every setting, the issues' new ones included.
    readme = re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert sorted(set(readme)) == sorted(variables)


def test_operator_and_webhook_settings_are_read() -> None:
    settings = settings_from(
        {
            "NEWSBOT_LOG_FORMAT": "JSON",
            "NEWSBOT_OPS_LISTEN": "127.0.0.1:9090",
            "NEWSBOT_WEBHOOK_URL": "https://bot.example.org/telegram",
            "NEWSBOT_WEBHOOK_LISTEN": ":8443",
            "NEWSBOT_WEBHOOK_SECRET": "s3cret_token-1",
        }
    )
    assert settings.log_format == "json"
    assert settings.ops_listen == ("127.0.0.1", 9090)
    assert settings.webhook_url == "https://bot.example.org/telegram"
    assert settings.webhook_listen == ("0.0.0.0", 8443)
    assert settings.webhook_secret == "s3cret_token-1"
    assert "s3cret_token-1" not in repr(settings)
    defaults = settings_from({})
    assert (defaults.log_format, defaults.ops_listen, defaults.webhook_url) == ("text", None, None)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"NEWSBOT_LOG_FORMAT": "xml"}, "NEWSBOT_LOG_FORMAT"),
        ({"NEWSBOT_OPS_LISTEN": "localhost:http"}, "NEWSBOT_OPS_LISTEN"),
        ({"NEWSBOT_OPS_LISTEN": "localhost:70000"}, "NEWSBOT_OPS_LISTEN"),
        ({"NEWSBOT_WEBHOOK_URL": "bot.example.org"}, "NEWSBOT_WEBHOOK_URL"),
        ({"NEWSBOT_WEBHOOK_URL": "https://bot.example.org/t"}, "NEWSBOT_WEBHOOK_SECRET"),
        ({"NEWSBOT_WEBHOOK_SECRET": "no spaces allowed"}, "NEWSBOT_WEBHOOK_SECRET"),
    ],
    ids=["format", "port-name", "port-range", "url", "url-without-secret", "secret-chars"],
)
def test_bad_operator_settings_are_refused_in_one_line(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from(env)
    assert caught.value.variable == variable
    assert "\n" not in str(caught.value)
