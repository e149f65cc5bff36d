"""What every callback needs from PTB: the services, the command's text, and replying.

`Context` is the PTB context of every callback (bot/app.py registers it with
`ContextTypes(context=Context)`): `context.services` is the typed services object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from html import escape
from typing import Any

from telegram import (
    Chat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.chats.replies import Button, Reply
from bot.models import Chat as StoredChat
from bot.models import ChatKind
from bot.services import Services

# Where the composition root keeps the services in the Application's bot_data.
SERVICES_KEY = "services"


# The bot carries an AIORateLimiter, whose per-call argument is a retry count.
class Context(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's callback context with the bot's services."""

    @property
    def services(self) -> Services:
        """The services the composition root built for this Application."""
        return services_of(self.application)


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services kept in the Application (bot/app.py put them there)."""
    found = application.bot_data.get(SERVICES_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("the Application was built without its services")
    return found


# A reply to a command that meets a 429 waits and tries again this many times.
REPLY_RETRIES = 2


def chat_kind(chat: Chat) -> ChatKind:
    """The chat's type as the model keeps it (an unknown new type counts as private)."""
    try:
        return ChatKind(chat.type)
    except ValueError:
        return ChatKind.PRIVATE


def thread_id(update: Update) -> int | None:
    """The forum topic the update came from (a command, or a button under a message sent
    there), or None outside topics."""
    message = update.effective_message
    # Telegram flags a message sent in a forum topic; elsewhere a message_thread_id is a
    # reply thread, not somewhere to send to (and the General topic has none).
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


def managed_channel(update: Update, context: Context) -> StoredChat | None:
    """The channel the person manages from this private chat (/channel), or None."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatKind.PRIVATE:
        return None
    chats = context.services.chats
    stored = chats.get_chat(chat.id)
    if stored is None or stored.manages is None:
        return None
    return chats.get_chat(stored.manages)


def target_id(update: Update, context: Context) -> int:
    """The chat whose subscriptions and settings a command or button changes: the chat it
    came from, or the channel managed from this private chat."""
    channel = managed_channel(update, context)
    return channel.id if channel is not None else chat_id(update)


def chat_id(update: Update) -> int:
    """The id of the chat a command came from (commands always come from a chat)."""
    chat = update.effective_chat
    if chat is None:  # a channel post has no command
        raise ValueError("a command without a chat")
    return chat.id


def command_name(update: Update) -> str:
    """The command without '/' and '@botname', lower-cased: '/Sub@newsbot x' -> 'sub'."""
    message = update.effective_message
    word = (message.text or "").split(maxsplit=1)[0] if message and message.text else ""
    return word.removeprefix("/").partition("@")[0].lower()


def addressed_to_us(text: str, context: Context) -> bool:
    """Whether a command's text is for this bot: no '@name', or ours ('/cmd@newsbot')."""
    word = text.split(maxsplit=1)[0] if text.strip() else ""
    _, at, name = word.partition("@")
    return not at or name.lower() == (context.bot.username or "").lower()


def command_text(update: Update) -> str:
    """Everything after the command word, spacing and quotes kept."""
    message = update.effective_message
    parts = (message.text or "").split(maxsplit=1) if message else []
    return parts[1].strip() if len(parts) > 1 else ""


def keyboard(buttons: Sequence[Button], *, per_row: int = 1) -> InlineKeyboardMarkup | None:
    """The buttons `per_row` a row, or None for no keyboard."""
    if not buttons:
        return None
    rows = [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def about(update: Update, context: Context, answer: Reply) -> Reply:
    """The answer headed by the channel it is about when one is managed from this chat."""
    channel = managed_channel(update, context)
    if channel is None:
        return answer
    return replace(answer, html=f"📢 <b>{escape(channel.title or 'Channel')}</b>\n{answer.html}")


async def reply(update: Update, context: Context, answer: Reply) -> Message | None:
    """Send the reply to the chat (and forum topic) the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    # Managing a channel from here: every reply says which chat it is about.
    text = about(update, context, answer).html
    markup: InlineKeyboardMarkup | ForceReply | None = keyboard(
        answer.buttons, per_row=answer.per_row
    )
    if answer.ask:  # selective: in a group, only the person who asked is asked back
        markup = ForceReply(selective=True, input_field_placeholder="Khmeimim")
    message = update.effective_message
    return await context.bot.send_message(
        chat.id,
        text,
        reply_markup=markup,
        reply_parameters=(
            ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if answer.ask and message
            else None
        ),
        message_thread_id=thread_id(update),  # the topic the command came from
        rate_limit_args=REPLY_RETRIES,
    )


async def edit(update: Update, answer: Reply) -> None:
    """Replace the text and buttons of the message whose button was pressed."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_text(
            answer.html, reply_markup=keyboard(answer.buttons, per_row=answer.per_row)
        )
    except BadRequest as exc:
        # A second press on the same button changes nothing: not an error for the user.
        if "not modified" not in str(exc).lower():
            raise
