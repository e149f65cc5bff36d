"""`newsbot webhook set|delete|info`: the webhook registration with Telegram (DESIGN §5).

`set` registers NEWSBOT_WEBHOOK_URL with NEWSBOT_WEBHOOK_SECRET and the updates the bot
reads; `delete` removes it (updates then wait for long polling); `info` shows what
Telegram has. Plain Bot API calls: one request each, one line of output.
"""

from __future__ import annotations

import json
import logging
from typing import Any, TextIO

import httpx

from bot.config import Settings
from bot.errors import ConfigError, NewsbotError

log = logging.getLogger(__name__)

ACTIONS = ("set", "delete", "info")
TIMEOUT = 15.0


def call_bot_api(settings: Settings, method: str, **params: Any) -> Any:
    """One Bot API call; its `result`, or NewsbotError with Telegram's one-line reason."""
    token = settings.require_token()
    url = f"{settings.api_url.rstrip('/')}/bot{token}/{method}"
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    try:
        response = httpx.post(url, data=form, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        reason = str(exc).replace(token, "***") or type(exc).__name__
        raise NewsbotError(f"cannot reach the Bot API at {settings.api_url}: {reason}") from None
    if response.status_code in (401, 404) and method != "setWebhook":
        raise ConfigError("TELEGRAM_BOT_TOKEN", "was refused by the Bot API server")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not body.get("ok", False):
        reason = body.get("description") or f"HTTP {response.status_code}"
        raise NewsbotError(f"{method} failed: {reason}")
    return body.get("result")


def webhook_command(
    action: str, *, settings: Settings, allowed_updates: list[str], out: TextIO
) -> int:
    """Run one action; 0 on success, NewsbotError (one line) otherwise."""
    if action == "set":
        if settings.webhook_url is None or settings.webhook_secret is None:
            raise ConfigError("NEWSBOT_WEBHOOK_URL", "is needed to set the webhook")
        call_bot_api(
            settings,
            "setWebhook",
            url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=allowed_updates,
        )
        print(f"webhook set: Telegram now posts updates to {settings.webhook_url}", file=out)
    elif action == "delete":
        call_bot_api(settings, "deleteWebhook")
        print("webhook deleted: updates wait for long polling (newsbot run)", file=out)
    elif action == "info":
        info = call_bot_api(settings, "getWebhookInfo")
        print(describe(info if isinstance(info, dict) else {}), file=out)
    else:
        raise NewsbotError(f"unknown webhook action {action!r}: use set, delete or info")
    return 0


def describe(info: dict[str, Any]) -> str:
    """getWebhookInfo in one line."""
    url = info.get("url") or ""
    pending = info.get("pending_update_count", 0)
    if not url:
        return f"no webhook (long polling); {pending} updates pending"
    line = f"webhook: {url}; {pending} updates pending"
    if info.get("last_error_message"):
        line += f"; last error: {info['last_error_message']}"
    return line


def registered_webhook(settings: Settings) -> str:
    """The URL Telegram posts updates to now ("" when the bot is polled)."""
    info = call_bot_api(settings, "getWebhookInfo")
    return str(info.get("url") or "") if isinstance(info, dict) else ""


def check_webhook(settings: Settings) -> None:
    """Polling would delete a registered webhook (PTB's start_polling calls deleteWebhook),
    so `run` without NEWSBOT_WEBHOOK_URL refuses to start while one is set; in webhook mode
    it warns when Telegram posts somewhere else."""
    registered = registered_webhook(settings)
    if settings.webhook_url is None and registered:
        raise webhook_refusal(registered)
    if settings.webhook_url is not None and registered != settings.webhook_url:
        log.warning(
            "Telegram posts updates to %s, not to NEWSBOT_WEBHOOK_URL: run `newsbot webhook set`",
            registered or "nowhere (no webhook)",
        )


def webhook_refusal(url: str) -> NewsbotError:
    """Why polling does not start while Telegram has a webhook `url` registered."""
    return NewsbotError(
        f"a webhook is set ({url}) and polling would delete it: set NEWSBOT_WEBHOOK_URL "
        "to run in webhook mode, or run `newsbot webhook delete` first"
    )
