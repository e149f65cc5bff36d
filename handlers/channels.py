"""/channel: a channel's admin manages the channel's subscriptions from a private chat.

The channel is picked with Telegram's chat picker (a KeyboardButtonRequestChat) or named
as @channelname; the bot checks that both the person and the bot are admins there
(bot/chats/permissions.py). From then on the private chat's commands change the channel,
whose alerts are posted in the channel, until `/channel off`.
"""

from __future__ import annotations

import logging
import re
from html import escape
from typing import Any

from telegram import (
    ChatAdministratorRights,
    KeyboardButton,
    KeyboardButtonRequestChat,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.chats import permissions
from bot.models import ChatKind
from handlers.context import Context, command_text, managed_channel
from handlers.permissions import member_status

log = logging.getLogger(__name__)

# The request_id of the chat picker's button: its answer (chat_shared) carries it back.
PICK_CHANNEL = 1
BACK = ("off", "done", "me")
# A public channel's name as people write it: @name, name or t.me/name (5-32 characters).
USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")

USAGE = "Usage: /channel (pick one), /channel @channelname, or /channel off."
ONLY_PRIVATE = "Manage a channel from a private chat with me: open it and send /channel."
PICK = (
    "Pick a channel you run with the button below, or send /channel @channelname.\n"
    "I must be one of its admins, allowed to post."
)
BACK_HOME = "Back to this chat: commands change your own subscriptions again."


def _rights(*, bot: bool) -> ChatAdministratorRights:
    """The admin rights the picker asks for: posting, for the bot; any admin, for the person."""
    return ChatAdministratorRights(
        is_anonymous=False,
        can_manage_chat=False,
        can_delete_messages=False,
        can_manage_video_chats=False,
        can_restrict_members=False,
        can_promote_members=False,
        can_change_info=False,
        can_invite_users=False,
        can_post_stories=False,
        can_edit_stories=False,
        can_delete_stories=False,
        can_post_messages=bot,
    )


def picker() -> ReplyKeyboardMarkup:
    """One button that opens Telegram's picker of the person's channels."""
    request = KeyboardButtonRequestChat(
        request_id=PICK_CHANNEL,
        chat_is_channel=True,
        user_administrator_rights=_rights(bot=False),
        bot_administrator_rights=_rights(bot=True),
        request_title=True,
        request_username=True,
    )
    button = KeyboardButton("Pick a channel", request_chat=request)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


async def _answer(update: Update, context: Context, html: str, markup: Any = None) -> None:
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_message(chat.id, html, reply_markup=markup)


async def channel(update: Update, context: Context) -> None:
    """/channel, /channel @name, /channel off."""
    chat = update.effective_chat
    if chat is None:
        return
    if chat.type != ChatKind.PRIVATE:
        await _answer(update, context, ONLY_PRIVATE)
        return
    wanted = command_text(update)
    if not wanted:
        current = managed_channel(update, context)
        now = f"Now managing “{escape(current.title)}”. " if current else ""
        await _answer(update, context, now + escape(PICK), picker())
        return
    if wanted.lower() in BACK:
        context.services.subscriptions.manage(chat.id, None)
        await _answer(update, context, BACK_HOME, ReplyKeyboardRemove())
        return
    name = USERNAME.fullmatch(wanted.removeprefix("https://").removeprefix("t.me/"))
    if name is None:
        await _answer(update, context, USAGE)
        return
    await select(update, context, f"@{name.group(1)}")


async def chat_shared(update: Update, context: Context) -> None:
    """The chat picker's answer: the channel the person picked."""
    message = update.effective_message
    shared = message.chat_shared if message else None
    if shared is None or shared.request_id != PICK_CHANNEL:
        return
    await select(update, context, shared.chat_id)


async def select(update: Update, context: Context, wanted: int | str) -> None:
    """Manage the channel from this private chat, if the person and the bot are its admins."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    try:
        found = await context.bot.get_chat(wanted)
        mine = await context.bot.get_chat_member(found.id, context.bot.id)
    except TelegramError as exc:
        log.info("channel %s: %s", wanted, exc)
        shown = escape(str(wanted)) if isinstance(wanted, str) else "that channel"
        await _answer(update, context, f"I cannot see {shown}: add me to it as an admin first.")
        return
    # The person's status is asked afresh: an admin removed a minute ago must not pass.
    context.services.members.forget_chat(found.id)
    theirs = await member_status(context, found.id, user.id)
    reason = permissions.channel_refusal(found.type, theirs, mine.status)
    if reason is not None:
        await _answer(update, context, escape(reason))
        return
    service = context.services.subscriptions
    service.touch_chat(found.id, ChatKind.CHANNEL, found.title or "")
    service.manage(chat.id, found.id)
    title = escape(found.title or str(wanted))
    await _answer(
        update,
        context,
        f"Now managing the channel “{title}” from here: /subscribe, /list, /unsubscribe, "
        "/pause, /resume, /digest, /timezone, /quiet and /stop change the channel, and its "
        "alerts are posted there. /channel off comes back to this chat.",
        ReplyKeyboardRemove(),
    )


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("channel", channel),
    MessageHandler(filters.StatusUpdate.CHAT_SHARED, chat_shared),
]
