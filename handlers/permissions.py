"""The admin check at the edge: every command or button that changes a chat passes here
first; a refused person gets one line and nothing else runs (bot/chats/permissions.py rules).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, BaseHandler, CallbackQueryHandler, MessageHandler
from telegram.ext import filters as ptb_filters

from bot.chats import permissions
from bot.chats.permissions import Asker, Verdict
from bot.chats.replies import Reply
from bot.models import ChatKind
from handlers.context import (
    Context,
    addressed_to_us,
    chat_kind,
    command_name,
    command_text,
    managed_channel,
    reply,
)

log = logging.getLogger(__name__)


async def member_status(context: Context, chat_id: int, user_id: int) -> str | None:
    """The member's status in the chat (cached a short while); None if Telegram did not say."""
    cache = context.services.members
    status = cache.get(chat_id, user_id)
    if status is not None:
        return status
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        log.info("getChatMember(%s, %s) failed: %s", chat_id, user_id, exc)
        return None
    cache.put(chat_id, user_id, member.status)
    return str(member.status)


async def may_change(update: Update, context: Context) -> str | None:
    """None when the update's sender may change its chat; else the one-line reason."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return None
    user = update.effective_user
    # A message sent as the group itself (an anonymous admin) comes with the chat as sender.
    as_chat = bool(
        update.callback_query is None
        and message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == chat.id
    )
    asker = Asker(user.id if user else None, as_the_chat=as_chat)
    kind, target, operators = chat_kind(chat), chat.id, context.services.settings.admins
    channel = managed_channel(update, context)
    if channel is not None:  # a private chat changing the channel it manages
        kind, target = ChatKind.CHANNEL, channel.id
    verdict = permissions.decide(kind, asker, operators)
    if verdict == Verdict.ASK and asker.user_id is not None:
        status = await member_status(context, target, asker.user_id)
        if status is None:
            return permissions.UNCHECKED
        verdict = permissions.decide(kind, asker, operators, status)
    return None if verdict == Verdict.ALLOWED else permissions.refusal(kind)


async def check_command(update: Update, context: Context) -> None:
    """Let a reading command through; refuse a changing one from a non-admin."""
    message = update.effective_message
    if message is None or not addressed_to_us(message.text or "", context):
        return
    if not permissions.command_changes(command_name(update), bool(command_text(update))):
        return
    reason = await may_change(update, context)
    if reason is not None:
        await reply(update, context, Reply(reason))
        raise ApplicationHandlerStop


async def check_button(update: Update, context: Context) -> None:
    """Let a reading button through; refuse a changing one from a non-admin."""
    query = update.callback_query
    if query is None or not permissions.button_changes(query.data or ""):
        return
    reason = await may_change(update, context)
    if reason is not None:
        await query.answer(reason, show_alert=True)
        raise ApplicationHandlerStop


# Added by the composition root in a group of its own, after the chat is registered and
# before every command and button handler.
GUARD: list[BaseHandler[Any, Any, Any]] = [
    MessageHandler(ptb_filters.COMMAND, check_command),
    CallbackQueryHandler(check_button),
]
