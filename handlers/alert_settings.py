"""/digest, /timezone and /quiet: how and when a chat's alerts are delivered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.alerts.schedule import (
    DIGEST_USAGE,
    QUIET_USAGE,
    TIMEZONE_USAGE,
    SettingError,
    describe,
    parse_digest,
    parse_quiet,
    parse_timezone,
)
from bot.chats.replies import Reply
from bot.models import Chat
from handlers.context import Context, command_text, reply

T = TypeVar("T")


def _chat(update: Update, context: Context) -> Chat | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return context.services.subscriptions.chat(chat.id, chat.type)


async def _argument(
    update: Update, context: Context, usage: str, parse: Callable[[str], T]
) -> tuple[Chat, T] | None:
    """The chat and its parsed argument; None once the chat was answered instead (no
    argument: the current setting and the usage line; a bad one: the parser's reason)."""
    chat = _chat(update, context)
    if chat is None:
        return None
    args = command_text(update)
    if not args:
        text = f"{escape(describe(chat))}\n{escape(usage)}"
        await reply(update, context, Reply(text))
        return None
    try:
        return chat, parse(args)
    except SettingError as exc:
        await reply(update, context, Reply(escape(str(exc))))
        return None


async def _save(update: Update, context: Context, chat: Chat, text: str) -> None:
    """Store the changed chat and confirm it with `text`."""
    context.services.subscriptions.save_settings(chat)
    await reply(update, context, Reply(escape(text)))


async def digest(update: Update, context: Context) -> None:
    """/digest off|hourly|daily HH:MM."""
    found = await _argument(update, context, DIGEST_USAGE, parse_digest)
    if found is None:
        return
    chat, setting = found
    chat = replace(chat, digest=setting.mode, digest_time=setting.at or chat.digest_time)
    if setting.mode == "off":
        text = "Digest off: alerts come as soon as stories are found."
    elif setting.mode == "hourly":
        text = "One digest an hour, at the top of the hour, listing the stories found since."
    else:
        text = f"One digest a day at {setting.at} ({chat.timezone or 'UTC'})."
    await _save(update, context, chat, text)


async def timezone(update: Update, context: Context) -> None:
    """/timezone Area/City."""
    found = await _argument(update, context, TIMEZONE_USAGE, parse_timezone)
    if found is None:
        return
    chat, name = found
    await _save(update, context, replace(chat, timezone=name), f"Time zone set to {name}.")


async def quiet(update: Update, context: Context) -> None:
    """/quiet HH:MM-HH:MM or /quiet off."""
    found = await _argument(update, context, QUIET_USAGE, parse_quiet)
    if found is None:
        return
    chat, window = found
    if window:
        text = (
            f"Quiet hours {window} ({chat.timezone or 'UTC'}): alerts found then are held "
            "and sent as one digest when they end."
        )
    else:
        text = "Quiet hours off."
    await _save(update, context, replace(chat, quiet=window), text)


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("digest", digest),
    CommandHandler("timezone", timezone),
    CommandHandler("quiet", quiet),
]
