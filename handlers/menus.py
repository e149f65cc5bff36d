"""The command menus: setMyCommands per scope (private chats, groups, their admins) and
per language, built from replies.MENU for the commands the Application handles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
)
from telegram.ext import Application

from bot import i18n
from bot.chats import replies


def handled_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> set[str]:
    """Every command some handler of the Application serves."""
    handled: set[str] = set()
    for handlers in application.handlers.values():
        for handler in handlers:
            handled.update(getattr(handler, "commands", ()))
    return handled


def menus(
    application: Application[Any, Any, Any, Any, Any, Any], languages: Sequence[str]
) -> list[tuple[BotCommandScope, str | None, list[BotCommand]]]:
    """Every menu to register: (scope, language_code, commands). Private chats get every
    command, group admins all but the private-chat ones (/channel), a group's other
    members the ones they may run; the default scope (older clients, channels' private
    chats) gets every command. English is registered without a language_code (Telegram
    shows it to everyone without a menu in their language), each other language with its
    code. The default English menu comes last: once it is set, every menu is."""
    handled = handled_commands(application)
    members = handled & replies.MEMBER_COMMANDS
    scopes: list[tuple[BotCommandScope, set[str]]] = [
        (BotCommandScopeAllPrivateChats(), handled),
        (BotCommandScopeAllGroupChats(), members),
        (BotCommandScopeAllChatAdministrators(), handled - replies.PRIVATE_COMMANDS),
        (BotCommandScopeDefault(), handled),
    ]
    found = []
    for language in reversed(languages):  # English (the source language, first) last
        t = i18n.translator(language)
        code = None if language == i18n.SOURCE_LANGUAGE else language
        for scope, commands in scopes:
            entries = [BotCommand(name, text) for name, text in replies.menu(t, commands)]
            found.append((scope, code, entries))
    return found


async def register_menus(
    application: Application[Any, Any, Any, Any, Any, Any], languages: Sequence[str]
) -> None:
    """Register the command menus per scope and per language (setMyCommands)."""
    for scope, code, commands in menus(application, languages):
        await application.bot.set_my_commands(commands, scope=scope, language_code=code)
