"""/digest, /timezone and /quiet: how and when a chat's alerts are delivered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
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
from bot.chats import settings_replies
from bot.chats.replies import Reply
from bot.models import Chat
from handlers.context import (
    Context,
    chat_kind,
    command_text,
    managed_channel,
    reply,
    translator,
)

T = TypeVar("T")


def _chat(update: Update, context: Context) -> Chat | None:
    chat = update.effective_chat
    if chat is None:
        return None
    channel = managed_channel(update, context)
    if channel is not None:
        return channel
    return context.services.subscriptions.chat(chat.id, chat_kind(chat))


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
        t = translator(update, context)
        await reply(update, context, settings_replies.setting_shown(t, describe(chat, t), usage))
        return None
    try:
        return chat, parse(args)
    except SettingError as exc:
        answer = settings_replies.setting_refused(
            translator(update, context), exc.usage, exc.reason, exc.value
        )
        await reply(update, context, answer)
        return None


async def _save(
    update: Update, context: Context, chat: Chat, change: Callable[[Chat], Chat], answer: Reply
) -> None:
    """Change the chat as stored now, in one step (the service wakes the sender), and
    confirm it."""
    context.services.subscriptions.save_settings(chat, change)
    await reply(update, context, answer)


async def digest(update: Update, context: Context) -> None:
    """/digest off|hourly|daily HH:MM."""
    found = await _argument(update, context, DIGEST_USAGE, parse_digest)
    if found is None:
        return
    chat, setting = found
    answer = settings_replies.digest_set(
        translator(update, context), setting.mode, setting.at or "", chat.timezone
    )
    await _save(
        update,
        context,
        chat,
        lambda c: replace(c, digest=setting.mode, digest_time=setting.at or c.digest_time),
        answer,
    )


async def timezone(update: Update, context: Context) -> None:
    """/timezone Area/City."""
    found = await _argument(update, context, TIMEZONE_USAGE, parse_timezone)
    if found is None:
        return
    chat, name = found
    await _save(
        update,
        context,
        chat,
        lambda c: replace(c, timezone=name),
        settings_replies.timezone_set(translator(update, context), name),
    )


async def quiet(update: Update, context: Context) -> None:
    """/quiet HH:MM-HH:MM or /quiet off."""
    found = await _argument(update, context, QUIET_USAGE, parse_quiet)
    if found is None:
        return
    chat, window = found
    answer = settings_replies.quiet_set(translator(update, context), window, chat.timezone)
    await _save(update, context, chat, lambda c: replace(c, quiet=window), answer)


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("digest", digest),
    CommandHandler("timezone", timezone),
    CommandHandler("quiet", quiet),
]
