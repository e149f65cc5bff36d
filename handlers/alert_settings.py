"""/digest, /timezone and /quiet: how and when a chat's alerts are delivered."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.models import Chat
from bot.replies import Reply
from bot.schedule import (
    DIGEST_USAGE,
    QUIET_USAGE,
    TIMEZONE_USAGE,
    SettingError,
    describe,
    parse_digest,
    parse_quiet,
    parse_timezone,
)
from handlers.context import Context, command_text, reply, services


def _chat(update: Update, context: Context) -> Chat | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return services(context).chats.get_chat(chat.id) or Chat(id=chat.id, kind=chat.type)


def _save(context: Context, chat: Chat) -> None:
    services(context).chats.save_chat(chat)
    alerts = services(context).extra.get("alerts")
    if alerts is not None:  # held alerts may be due now (e.g. /digest off)
        alerts.sender.wake()


async def _show(update: Update, context: Context, chat: Chat, usage: str) -> None:
    await reply(update, context, Reply(f"{escape(describe(chat))}\n{escape(usage)}"))


async def digest(update: Update, context: Context) -> None:
    """/digest off|hourly|daily HH:MM."""
    chat = _chat(update, context)
    if chat is None:
        return
    args = command_text(update)
    if not args:
        await _show(update, context, chat, DIGEST_USAGE)
        return
    try:
        setting = parse_digest(args)
    except SettingError as exc:
        await reply(update, context, Reply(escape(str(exc))))
        return
    chat = replace(chat, digest=setting.mode, digest_time=setting.at or chat.digest_time)
    _save(context, chat)
    if setting.mode == "off":
        text = "Digest off: alerts come as soon as stories are found."
    elif setting.mode == "hourly":
        text = "One digest an hour, at the top of the hour, listing the stories found since."
    else:
        text = f"One digest a day at {setting.at} ({chat.timezone or 'UTC'})."
    await reply(update, context, Reply(escape(text)))


async def timezone(update: Update, context: Context) -> None:
    """/timezone Area/City."""
    chat = _chat(update, context)
    if chat is None:
        return
    args = command_text(update)
    if not args:
        await _show(update, context, chat, TIMEZONE_USAGE)
        return
    try:
        name = parse_timezone(args)
    except SettingError as exc:
        await reply(update, context, Reply(escape(str(exc))))
        return
    _save(context, replace(chat, timezone=name))
    await reply(update, context, Reply(escape(f"Time zone set to {name}.")))


async def quiet(update: Update, context: Context) -> None:
    """/quiet HH:MM-HH:MM or /quiet off."""
    chat = _chat(update, context)
    if chat is None:
        return
    args = command_text(update)
    if not args:
        await _show(update, context, chat, QUIET_USAGE)
        return
    try:
        window = parse_quiet(args)
    except SettingError as exc:
        await reply(update, context, Reply(escape(str(exc))))
        return
    _save(context, replace(chat, quiet=window))
    if window:
        text = (
            f"Quiet hours {window} ({chat.timezone or 'UTC'}): alerts found then are held "
            "and sent as one digest when they end."
        )
    else:
        text = "Quiet hours off."
    await reply(update, context, Reply(escape(text)))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("digest", digest),
    CommandHandler("timezone", timezone),
    CommandHandler("quiet", quiet),
]
