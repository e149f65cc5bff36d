"""/language and its picker: the language of the bot's replies in a chat (lang:<code>)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import i18n
from bot.chats import replies, settings_replies
from bot.chats.replies import Reply
from handlers.context import Context, chat_kind, command_text, edit, language, reply, translator

AUTOMATIC = ("auto", "automatic", "default")


def _names(available: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(code, i18n.language_name(code)) for code in available]


def _choose(update: Update, context: Context, code: str) -> Reply | None:
    """Store the chat's language ("" = automatic) and the confirmation, in the language
    now in force; None for a code the bot has no catalogue for."""
    chat = update.effective_chat
    available = context.services.languages
    if chat is None or (code and code not in available):
        return None
    service = context.services.subscriptions
    service.save_settings(
        service.chat(chat.id, chat_kind(chat)), lambda c: replace(c, language=code)
    )
    t = translator(update, context)
    return settings_replies.language_set(t, name=i18n.language_name(code), automatic=not code)


async def language_command(update: Update, context: Context) -> None:
    """/language: show the reply language with a picker; /language CODE|auto: set it."""
    chat = update.effective_chat
    if chat is None:
        return
    available = context.services.languages
    argument = command_text(update)
    if not argument:
        stored = context.services.chats.get_chat(chat.id)
        answer = settings_replies.language_shown(
            translator(update, context),
            chosen=stored.language if stored else "",
            current=language(update, context),
            names=_names(available),
        )
        await reply(update, context, answer)
        return
    code = "" if argument.lower() in AUTOMATIC else i18n.primary(argument)
    if " " in argument.strip() or (code and code not in available):
        t = translator(update, context)
        await reply(update, context, settings_replies.language_unknown(t, argument, available))
        return
    confirmation = _choose(update, context, code)
    if confirmation is not None:
        await reply(update, context, confirmation)


async def language_button(update: Update, context: Context) -> None:
    """A button of the /language picker: set the language, confirm in place."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    confirmation = _choose(update, context, query.data.removeprefix(replies.LANGUAGE_PREFIX))
    if confirmation is not None:
        await edit(update, confirmation)
        await query.answer()
    else:  # a catalogue removed since the picker was sent
        await query.answer(replies.stale_button(translator(update, context)))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("language", language_command),
    CallbackQueryHandler(language_button, pattern=rf"^{replies.LANGUAGE_PREFIX}[a-z]*$"),
]
