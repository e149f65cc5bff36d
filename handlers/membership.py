"""The bot's own membership (my_chat_member updates): removed from a chat or channel, the
chat is marked inactive and nothing more is sent; added back, it is active again."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, ChatMemberHandler

from bot.chats.permissions import bot_presence
from handlers.context import Context, chat_kind


async def my_chat_member(update: Update, context: Context) -> None:
    """Follow the bot being removed from, or added back to, a chat."""
    change, chat = update.my_chat_member, update.effective_chat
    if change is None or chat is None:
        return
    present = bot_presence(change.old_chat_member.status, change.new_chat_member.status)
    service = context.services.subscriptions
    context.services.members.forget_chat(chat.id)  # admins may have changed too
    if present is False:
        service.deactivate(chat.id)
    elif present is True:
        service.touch_chat(chat.id, chat_kind(chat), chat.title or "")  # reactivates it


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
]
