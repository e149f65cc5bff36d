"""A fake Telegram Bot API server: real HTTP on 127.0.0.1, Telegram's rules, fault injection.

`FakeTelegram` answers `POST /bot<token>/<method>` the way api.telegram.org does for the
methods Newsbot uses, keeps what the bot sent per chat, lets a test inject command
messages and button presses as updates, and can answer 429 / 403 / chat-migrated on demand
or by enforcing Telegram's flood limits. Usage::

    with FakeTelegram() as fake:            # or fake.start() ... fake.stop()
        settings = Settings(token=fake.token, api_url=fake.url, ...)
        ... start the bot ...
        fake.command(42, "/subscribe syria")          # a private chat with user 42
        reply = await fake.next_message_async(42)     # bounded wait; AssertionError after 10 s
        fake.press(42, reply.message_id, "rm:1")      # press an inline button
        fake.block_chat(42)                           # 403 for sends to chat 42 from now on
        fake.fail_next("sendMessage", retry_after=3)  # one 429 with parameters.retry_after
        fake.reset_next("sendMessage", chat_id=42)    # TCP RST instead of an answer, not sent
        fake.document(42, "feeds.opml", data)         # a user sends a file (getFile serves it)

Groups, forum topics and channels: `set_member(chat, user, "administrator")` (the default
user 4242 of a group is its creator, anyone else a plain member unless set; getChatMember and
getChatAdministrators answer from that), `command(chat, text, thread_id=7)` (a forum topic:
sends with an unknown message_thread_id to a forum are refused as Telegram does),
`register_chat(id, "channel", username="news")` (getChat and getChatMember take "@news"),
`set_bot_status(chat, "kicked")` (a my_chat_member update; sends are refused until the bot
is a member again) and `share_chat(user, request_id, chat)` (the chat-picker's answer).

Several bot processes at once (options off by default): `exclusive_updates=True` answers
409 Conflict to a waiting getUpdates when another one arrives, as Telegram does when two
consumers poll one token (counted in `conflicts`); `identify(client address, port)` names
the process behind each connection, recorded as `ApiRequest.client`.

Every request is recorded in `requests`; sent messages in `sent(chat_id)`. All methods are
thread-safe: the server runs in its own threads, tests call in from the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import itertools
import json
import math
import re
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote

DEFAULT_TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTEST_abc"
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA = 64

# Fields that PTB sends as plain strings; every other field is JSON inside the form field.
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "secret_token",
    }
)
# The command scopes of setMyCommands that need no chat id (the bot uses only these).
_SCOPES = frozenset({"default", "all_private_chats", "all_group_chats", "all_chat_administrators"})
# Methods that create a message, so flood limits and the blocked/migrated faults apply.
_SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup"})

_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_START_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)"
    r"((?:\s+[A-Za-z][A-Za-z0-9-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*/?>"
)
_ATTRIBUTE = re.compile(
    r"([A-Za-z][A-Za-z0-9-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?"
)
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    """An error reply: HTTP status, Telegram's description and optional parameters."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def parse_html(text: str) -> str:
    """The plain text of a Telegram-HTML message, or ApiError 400 as Telegram would answer."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    n = len(text)

    def fail(reason: str) -> ApiError:
        return ApiError(400, f"Bad Request: can't parse entities: {reason}")

    def offset(at: int) -> int:
        return len(text[:at].encode("utf-8"))

    while i < n:
        ch = text[i]
        if ch == "<":
            end = _END_TAG.match(text, i)
            if end:
                name = end.group(1).lower()
                if not stack:
                    raise fail(f"Unexpected end tag at byte offset {offset(i)}")
                if stack[-1] != name:
                    raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
                stack.pop()
                i = end.end()
                continue
            start = _START_TAG.match(text, i)
            if not start:
                raise fail(f'Unsupported start tag "" at byte offset {offset(i)}')
            name = start.group(1).lower()
            if name not in _ALLOWED_TAGS:
                raise fail(f'Unsupported start tag "{name}" at byte offset {offset(i)}')
            attributes = {
                m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
                for m in _ATTRIBUTE.finditer(start.group(2))
            }
            if name == "span" and attributes.get("class") != "tg-spoiler":
                raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset(i)}')
            if name == "a" and "href" in attributes and not attributes["href"]:
                raise fail(f"Empty href at byte offset {offset(i)}")
            if start.group(0).endswith("/>"):
                raise fail(f'Unsupported self-closing tag "{name}" at byte offset {offset(i)}')
            stack.append(name)
            i = start.end()
            continue
        if ch == "&":
            entity = _ENTITY.match(text, i)
            if not entity:
                raise fail(f"Unsupported HTML entity at byte offset {offset(i)}")
            body = entity.group(1)
            if body.startswith("#"):
                code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
                if code > 0x10FFFF:
                    raise fail(f"Invalid character code at byte offset {offset(i)}")
                out.append(chr(code))
            else:
                out.append(_NAMED[body])
            i = entity.end()
            continue
        out.append(ch)
        i += 1
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Telegram's flood limits, as the fake enforces them when `limits` is set."""

    overall_per_second: int = 30
    private_per_second: float = 1.0
    private_burst: int = 3  # short bursts to one chat are tolerated
    group_per_minute: int = 20
    group_window_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One recorded call: method, decoded parameters, when, and the HTTP status answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int
    client: str = ""  # who sent it, when the fake has `identify`


@dataclass(slots=True)
class SentMessage:
    """A message the bot sent, as the fake keeps it (edits update it in place)."""

    chat_id: int
    message_id: int
    html: str  # the text as sent (with markup when parse_mode is HTML)
    text: str  # the text as a user sees it: markup parsed, entities decoded
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    params: dict[str, Any]
    at: float
    edits: int = 0
    deleted: bool = False
    document: tuple[str, bytes] | None = None  # (file name, content) of a sendDocument

    @property
    def thread_id(self) -> int | None:
        """The forum topic it was sent to (message_thread_id), or None."""
        value = self.params.get("message_thread_id")
        return int(value) if value is not None else None

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """Inline buttons as (label, callback_data), row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b.get("text", ""), b.get("callback_data", "")) for row in rows for b in row]


@dataclass(slots=True)
class _Fault:
    method: str
    status: int
    description: str
    parameters: dict[str, Any] | None
    chat_id: int | None
    remaining: int


@dataclass(slots=True)
class _ChatInfo:
    id: int
    type: str
    title: str = ""
    next_message_id: int = 1
    username: str = ""
    is_forum: bool = False
    topics: set[int] = field(default_factory=set)  # message_thread_ids of its forum topics


@dataclass(slots=True)
class _Flood:
    overall: deque[float] = field(default_factory=deque)
    private_tokens: dict[int, tuple[float, float]] = field(default_factory=dict)
    group_sends: dict[int, deque[float]] = field(default_factory=dict)


class FakeTelegram:
    """The fake Bot API server. Start it, point the bot's TELEGRAM_API_URL at `url`."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_id: int = 987654321,
        username: str = "newsbot_test_bot",
        limits: FloodLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
        exclusive_updates: bool = False,
        identify: Callable[[tuple[str, int], int], str] | None = None,
    ) -> None:
        self.token = token
        self.exclusive_updates = exclusive_updates
        self.identify = identify
        self.conflicts = 0  # getUpdates calls answered 409 because another one came
        self._now = clock()  # the clock as read by the call being answered
        self._poll_generation = 0
        self.bot_id = bot_id
        self.username = username
        self.limits = limits
        self._clock = clock
        self._cond = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._closing = False
        self.requests: list[ApiRequest] = []
        self.commands: list[dict[str, Any]] = []  # the default scope's menu without a language
        # Telegram's language_code of a user, by user id (none unless a test sets one).
        self.language_codes: dict[int, str] = {}
        # Every menu set, by (scope type, language_code or ""): setMyCommands per scope.
        self.menus: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.answered_callbacks: dict[str, dict[str, Any]] = {}
        self.rate_limited = 0  # how many 429 answers were sent (faults and flood limits)
        self.rate_limited_by_chat: dict[int, int] = {}
        self._updates: list[dict[str, Any]] = []  # pending, oldest first
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._user_ids = itertools.count(1000)
        self._last_update_id = 0
        self.confirmed_offset = 0  # the highest offset a getUpdates call has confirmed
        self.polls_waiting = 0  # getUpdates calls waiting for an update right now
        self._messages: dict[int, list[SentMessage]] = {}
        self._cursor: dict[int, int] = {}
        self._chats: dict[int, _ChatInfo] = {}
        self._faults: list[_Fault] = []
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._flood = _Flood()
        self._pending_callbacks: set[str] = set()
        self._members: dict[int, dict[int, str]] = {}  # chat -> user -> ChatMember status
        self._slow: list[tuple[str, int | None, float, list[int]]] = []  # method, chat, s, left
        self._resets: list[tuple[str, int | None, list[int]]] = []  # method, chat, left
        self.resets = 0  # connections reset unread (reset_next)
        self._files: dict[str, bytes] = {}  # file_id -> content, for getFile and downloads
        self._injected: dict[tuple[int, int], dict[str, Any]] = {}  # messages users sent
        # setWebhook's registration ("" : none); getUpdates is refused (409) while one is set.
        self.webhook: dict[str, Any] = {"url": ""}

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The root to use as TELEGRAM_API_URL, e.g. http://127.0.0.1:40123."""
        if self._server is None:
            raise RuntimeError("FakeTelegram is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def port(self) -> int:
        """The port it serves on."""
        if self._server is None:
            raise RuntimeError("FakeTelegram is not started")
        return int(self._server.server_address[1])

    def start(self) -> FakeTelegram:
        """Serve on an ephemeral port of 127.0.0.1 in a background thread."""
        handler = _make_handler(self)
        server = _Server(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release long polls and stop serving."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- injecting updates -------------------------------------------------------------------

    def register_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        title: str = "",
        *,
        username: str = "",
        forum: bool = False,
    ) -> None:
        """Make a chat known (type defaults to private for ids > 0, else group); a channel
        or group may have a public @username; `forum` makes a supergroup with topics."""
        with self._cond:
            chat = self._chat(chat_id, "supergroup" if forum else chat_type, title)
            chat.username = username or chat.username
            chat.is_forum = chat.is_forum or forum

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """The user's ChatMember status in the chat: creator, administrator, member, left
        or kicked (what getChatMember answers)."""
        with self._cond:
            self._chat(chat_id, None, "")
            self._members.setdefault(chat_id, {})[user_id] = status

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """The forum topic is deleted: sends into it answer 400 "message thread not found"."""
        with self._cond:
            self._chat(chat_id, None, "").topics.discard(thread_id)

    def set_bot_status(self, chat_id: int, status: str, *, by_user: int = 4242) -> None:
        """The bot's own status in the chat changes (added, promoted, removed): Telegram
        sends a my_chat_member update, and a bot that left or was kicked cannot send there."""
        with self._cond:
            chat = self._chat(chat_id, None, "")
            old = self._status(chat, self.bot_id)
            self._members.setdefault(chat_id, {})[self.bot_id] = status
            (self._blocked.add if status in ("left", "kicked") else self._blocked.discard)(chat_id)
            self._push_update(
                {
                    "my_chat_member": {
                        "chat": self._chat_json(chat),
                        "from": {"id": by_user, "is_bot": False, "first_name": f"User{by_user}"},
                        "date": int(time.time()),
                        "old_chat_member": self._member_json(self._bot_user(), old),
                        "new_chat_member": self._member_json(self._bot_user(), status),
                    }
                }
            )

    def share_chat(self, user_id: int, request_id: int, chat_id: int) -> int:
        """The user picked a chat with the bot's KeyboardButtonRequestChat: the chat_shared
        service message in the private chat with the bot; returns its message_id."""
        with self._cond:
            private = self._chat(user_id, "private", "")
            shared = self._chat(chat_id, None, "")
            body: dict[str, Any] = {"request_id": request_id, "chat_id": chat_id}
            if shared.title:
                body["title"] = shared.title
            if shared.username:
                body["username"] = shared.username
            message: dict[str, Any] = {
                "message_id": self._next_message_id(private),
                "date": int(time.time()),
                "chat": self._chat_json(private),
                "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
                "chat_shared": body,
            }
            self._push_update({"message": message})
            return int(message["message_id"])

    def command(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        user_id: int | None = None,
        title: str = "",
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """Inject a command message (`/cmd args` or `/cmd@bot args`); returns its message_id.

        The message carries the `bot_command` entity PTB's CommandHandler needs. Private chats
        (id > 0) default to the user being the chat; groups (id < 0) to a fresh user.
        """
        if not text.startswith("/"):
            raise ValueError("a command starts with '/'")
        length = len(text.split(maxsplit=1)[0]) if text.strip() else 1
        entity = {"type": "bot_command", "offset": 0, "length": utf16_length(text[:length])}
        return self.message(
            chat_id,
            text,
            chat_type=chat_type,
            user_id=user_id,
            title=title,
            entities=[entity],
            reply_to=reply_to,
            thread_id=thread_id,
        )

    def message(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        user_id: int | None = None,
        title: str = "",
        entities: list[dict[str, Any]] | None = None,
        reply_to: int | None = None,
        extra: dict[str, Any] | None = None,
        thread_id: int | None = None,
        as_chat: bool = False,
    ) -> int:
        """Inject a text message from a user; returns its message_id. `reply_to` names a
        message injected before in that chat, or one the bot sent there (the message
        answers it); `extra` adds fields
        (a document); `thread_id`: sent in that forum topic (the chat becomes a forum);
        `as_chat`: sent on behalf of the group (an anonymous admin: Telegram's
        GroupAnonymousBot with the group as sender_chat)."""
        with self._cond:
            chat = self._chat(chat_id, chat_type, title)
            uid = user_id if user_id is not None else (chat_id if chat_id > 0 else 4242)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat),
                "date": int(time.time()),
                "chat": self._chat_json(chat),
                "from": self._user_json(uid),
            }
            if text:
                message["text"] = text
            if entities:
                message["entities"] = entities
            if thread_id is not None:
                chat.type, chat.is_forum = "supergroup", True
                chat.topics.add(thread_id)
                message["chat"] = self._chat_json(chat)
                message["message_thread_id"] = thread_id
                message["is_topic_message"] = True
            if as_chat:
                message["from"] = {
                    "id": 1087968824,
                    "is_bot": True,
                    "first_name": "Group",
                    "username": "GroupAnonymousBot",
                }
                message["sender_chat"] = self._chat_json(chat)
            if reply_to is not None:
                # A user's message injected before, or one the bot sent (a ForceReply question).
                injected = self._injected.get((chat_id, reply_to))
                sent = self._find(chat_id, reply_to)
                if injected is not None:
                    message["reply_to_message"] = injected
                elif sent is not None:
                    message["reply_to_message"] = self._message_json(sent)
                else:
                    raise KeyError(f"no message {reply_to} in chat {chat_id} to reply to")
            message.update(extra or {})
            self._injected[(chat_id, int(message["message_id"]))] = message
            self._push_update({"message": message})
            return int(message["message_id"])

    def document(
        self,
        chat_id: int,
        file_name: str,
        content: bytes,
        *,
        mime_type: str = "application/octet-stream",
        caption: str = "",
        user_id: int | None = None,
    ) -> int:
        """Inject a message carrying a file (getFile and the file URL serve it)."""
        with self._cond:
            file_id = f"file{len(self._files) + 1}"
            self._files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
        return self.message(chat_id, "", user_id=user_id, extra=extra)

    def documents(self, chat_id: int) -> list[tuple[str, bytes]]:
        """The files the bot sent the chat (sendDocument), as (file name, content)."""
        with self._cond:
            return [m.document for m in self._messages.get(chat_id, []) if m.document]

    def file_content(self, file_path: str) -> bytes | None:
        """What the file URL `/file/bot<token>/<file_path>` serves."""
        with self._cond:
            return self._files.get(file_path.rsplit("/", 1)[-1])

    def press(self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None) -> str:
        """Inject a press on an inline button of the bot's message; returns the query id."""
        with self._cond:
            chat = self._chat(chat_id, None, "")
            uid = user_id if user_id is not None else (chat_id if chat_id > 0 else 4242)
            sent = self._find(chat_id, message_id)
            message: dict[str, Any] = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chat_json(chat),
                "from": self._bot_user(),
                "text": sent.text if sent else "",
            }
            if sent and sent.reply_markup and "inline_keyboard" in sent.reply_markup:
                message["reply_markup"] = sent.reply_markup
            if sent and sent.thread_id is not None:
                message["message_thread_id"] = sent.thread_id
                message["is_topic_message"] = True
            query_id = str(next(self._callback_ids))
            self._pending_callbacks.add(query_id)
            self._push_update(
                {
                    "callback_query": {
                        "id": query_id,
                        "from": self._user_json(uid),
                        "chat_instance": str(chat_id),
                        "message": message,
                        "data": data,
                    }
                }
            )
            return query_id

    def press_button(self, chat_id: int, match: str, *, user_id: int | None = None) -> str:
        """Press the button whose label or callback_data equals `match` on the newest
        message of the chat that has one; returns the query id."""
        with self._cond:
            for sent in reversed(self._messages.get(chat_id, [])):
                if sent.deleted:
                    continue
                for label, data in sent.buttons:
                    if match in (label, data):
                        return self.press(chat_id, sent.message_id, data, user_id=user_id)
        raise AssertionError(f"no button {match!r} in chat {chat_id}: {self._describe(chat_id)}")

    # -- reading what the bot did -------------------------------------------------------------

    def sent(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to the chat, oldest first (deleted ones flagged)."""
        with self._cond:
            return list(self._messages.get(chat_id, []))

    def all_sent(self) -> list[SentMessage]:
        """Every message the bot sent to any chat, in sending order."""
        with self._cond:
            messages = [m for ms in self._messages.values() for m in ms]
        return sorted(messages, key=lambda m: m.at)

    def calls(self, method: str) -> list[ApiRequest]:
        """The recorded requests for one method."""
        with self._cond:
            return [r for r in self.requests if r.method == method]

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot (via a getUpdates offset)."""
        with self._cond:
            return [u for u in self._updates if u["update_id"] >= self.confirmed_offset]

    def wait_until(
        self, predicate: Callable[[], bool], *, within: float = 10.0, what: str = "condition"
    ) -> None:
        """Block until predicate() is true (re-checked on every change); AssertionError after
        `within` seconds."""
        deadline = time.monotonic() + within
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {within}s waiting for {what}")
                self._cond.wait(min(left, 0.25))

    async def wait_until_async(
        self, predicate: Callable[[], bool], *, within: float = 10.0, what: str = "condition"
    ) -> None:
        """The same bounded wait for async tests: it never blocks the event loop."""
        deadline = time.monotonic() + within
        while True:
            with self._cond:
                if predicate():
                    return
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out after {within}s waiting for {what}")
            await asyncio.sleep(0.005)

    def next_message(self, chat_id: int, *, within: float = 10.0) -> SentMessage:
        """The next message to the chat that this test has not read yet (bounded wait)."""
        self.wait_until(
            lambda: self._unread(chat_id), within=within, what=self._waiting_for(chat_id)
        )
        return self._take(chat_id)

    async def next_message_async(self, chat_id: int, *, within: float = 10.0) -> SentMessage:
        """`next_message` for async tests."""
        await self.wait_until_async(
            lambda: self._unread(chat_id), within=within, what=self._waiting_for(chat_id)
        )
        return self._take(chat_id)

    def unread(self, chat_id: int) -> list[SentMessage]:
        """Messages to the chat this test has not read yet (they stay unread)."""
        with self._cond:
            return self._messages.get(chat_id, [])[self._cursor.get(chat_id, 0) :]

    # -- fault injection -----------------------------------------------------------------------

    def fail_next(
        self,
        method: str = "sendMessage",
        *,
        status: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with an error."""
        parameters: dict[str, Any] = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or "Bad Request: group chat was upgraded to a supergroup chat"
        with self._cond:
            self._faults.append(
                _Fault(
                    method,
                    status,
                    description or HTTPStatus(status).phrase,
                    parameters or None,
                    chat_id,
                    times,
                )
            )

    def answer_late(
        self,
        method: str = "sendMessage",
        *,
        seconds: float,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """Carry out the next `times` calls of `method` (to `chat_id`, if given) at once, but
        answer only `seconds` later: Telegram accepted the message, the client may time out."""
        with self._cond:
            self._slow.append((method, chat_id, seconds, [times]))

    def answer_delay(self, method: str, params: dict[str, Any]) -> float:
        """Seconds to hold this call's answer back (0: answer now); used by the handler."""
        with self._cond:
            for slow in self._slow:
                name, chat_id, seconds, left = slow
                if name == method and chat_id in (None, params.get("chat_id")) and left[0] > 0:
                    left[0] -= 1
                    if left[0] == 0:
                        self._slow.remove(slow)
                    return seconds
        return 0.0

    def reset_next(
        self, method: str = "sendMessage", *, chat_id: int | None = None, times: int = 1
    ) -> None:
        """Reset the connection (TCP RST) of the next `times` calls of `method` (to `chat_id`,
        if given) instead of answering, without carrying them out: what a client sees when
        the server's side throws its request away unread (e.g. a full listen queue)."""
        with self._cond:
            self._resets.append((method, chat_id, [times]))

    def take_reset(self, method: str, params: dict[str, Any]) -> bool:
        """Whether to reset this call's connection unanswered; used by the handler."""
        with self._cond:
            for reset in self._resets:
                name, chat_id, left = reset
                if name == method and chat_id in (None, params.get("chat_id")) and left[0] > 0:
                    left[0] -= 1
                    if left[0] == 0:
                        self._resets.remove(reset)
                    self.resets += 1
                    self._cond.notify_all()
                    return True
        return False

    def block_chat(self, chat_id: int, blocked: bool = True) -> None:
        """From now on, sends to the chat answer 403 (the user blocked the bot)."""
        with self._cond:
            (self._blocked.add if blocked else self._blocked.discard)(chat_id)

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """From now on, sends to old_id answer 400 with parameters.migrate_to_chat_id."""
        with self._cond:
            self._migrated[old_id] = new_id
            self._chat(
                new_id, "supergroup", self._chats[old_id].title if old_id in self._chats else ""
            )

    # -- internals (call with the lock held) ------------------------------------------------------

    def _chat(self, chat_id: int, chat_type: str | None, title: str) -> _ChatInfo:
        chat = self._chats.get(chat_id)
        if chat is None:
            kind = chat_type or ("private" if chat_id > 0 else "group")
            chat = _ChatInfo(
                chat_id, kind, title or ("" if kind == "private" else f"Group {chat_id}")
            )
            self._chats[chat_id] = chat
        elif chat_type and chat.type != chat_type:
            chat.type = chat_type
        return chat

    def _chat_json(self, chat: _ChatInfo) -> dict[str, Any]:
        if chat.type == "private":
            return {"id": chat.id, "type": "private", "first_name": f"User{chat.id}"}
        body: dict[str, Any] = {"id": chat.id, "type": chat.type, "title": chat.title}
        if chat.username:
            body["username"] = chat.username
        if chat.is_forum:
            body["is_forum"] = True
        return body

    def _named_chat(self, params: dict[str, Any]) -> _ChatInfo:
        """The chat a call names by id or "@username", or Telegram's 400."""
        wanted = params.get("chat_id")
        if isinstance(wanted, str) and wanted.startswith("@"):
            name = wanted[1:].lower()
            for chat in self._chats.values():
                if chat.username and chat.username.lower() == name:
                    return chat
        elif isinstance(wanted, int) and wanted in self._chats:
            return self._chats[wanted]
        raise ApiError(400, "Bad Request: chat not found")

    def _status(self, chat: _ChatInfo, user_id: int) -> str:
        known = self._members.get(chat.id, {}).get(user_id)
        if known is not None:
            return known
        if chat.type == "private":
            return "member"
        if user_id == self.bot_id:
            return "left" if chat.type == "channel" else "member"
        if user_id == 4242 and chat.type != "channel":
            return "creator"  # the default user of a group made the group
        return "left" if chat.type == "channel" else "member"

    def _member_json(self, user: dict[str, Any], status: str) -> dict[str, Any]:
        body: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            body["is_anonymous"] = False
        elif status == "administrator":
            rights = [
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
                "can_post_messages",
                "can_edit_messages",
                "can_pin_messages",
            ]
            body.update(dict.fromkeys(rights, True))
            body.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        elif status == "kicked":
            body["until_date"] = 0
        return body

    def _user_json(self, uid: int) -> dict[str, Any]:
        if uid == self.bot_id:
            return self._bot_user()
        user: dict[str, Any] = {"id": uid, "is_bot": False, "first_name": f"User{uid}"}
        if uid in self.language_codes:
            user["language_code"] = self.language_codes[uid]
        return user

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Newsbot",
            "username": self.username,
        }

    def _next_message_id(self, chat: _ChatInfo) -> int:
        chat.next_message_id += 1
        return chat.next_message_id - 1

    def _push_update(self, body: dict[str, Any]) -> None:
        update_id = next(self._update_ids)
        self._last_update_id = update_id
        self._updates.append({"update_id": update_id, **body})
        self._cond.notify_all()

    def _find(self, chat_id: int, message_id: int) -> SentMessage | None:
        for sent in self._messages.get(chat_id, []):
            if sent.message_id == message_id:
                return sent
        return None

    def _unread(self, chat_id: int) -> bool:
        return len(self._messages.get(chat_id, [])) > self._cursor.get(chat_id, 0)

    def _take(self, chat_id: int) -> SentMessage:
        with self._cond:
            index = self._cursor.get(chat_id, 0)
            self._cursor[chat_id] = index + 1
            return self._messages[chat_id][index]

    def _waiting_for(self, chat_id: int) -> str:
        return f"a message to chat {chat_id} (so far: {self._describe(chat_id)})"

    def _describe(self, chat_id: int) -> str:
        texts = [m.text[:80] for m in self._messages.get(chat_id, [])]
        return repr(texts) if texts else "nothing"

    # -- the API ------------------------------------------------------------------------------

    def handle(
        self, token: str, method: str, params: dict[str, Any], *, client: str = ""
    ) -> tuple[int, dict[str, Any]]:
        """Answer one API call: (HTTP status, JSON body). Records it."""
        status, body = self._answer(token, method, params)
        with self._cond:
            self.requests.append(ApiRequest(method, params, self._clock(), status, client))
            if status == 429:
                self.rate_limited += 1
                chat_id = params.get("chat_id")
                if isinstance(chat_id, int):
                    self.rate_limited_by_chat[chat_id] = (
                        self.rate_limited_by_chat.get(chat_id, 0) + 1
                    )
            self._cond.notify_all()
        return status, body

    def _answer(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if method == "getUpdates":  # long polls wait outside the lock's critical sections
            try:
                return 200, {"ok": True, "result": self._get_updates(params)}
            except ApiError as exc:
                return _error(exc)
        with self._cond:
            # One reading per call: the flood limits and the message's `at` agree exactly.
            self._now = self._clock()
            try:
                self._inject_fault(method, params)
                api = self._methods.get(method)
                if api is None:
                    raise ApiError(404, "Not Found")
                return 200, {"ok": True, "result": api(self, params)}
            except ApiError as exc:
                return _error(exc)

    def _inject_fault(self, method: str, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        for fault in self._faults:
            if fault.method == method and fault.chat_id in (None, chat_id) and fault.remaining > 0:
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                raise ApiError(fault.status, fault.description, fault.parameters)
        if method not in _SEND_METHODS or not isinstance(chat_id, int):
            return
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id in self._blocked:
            kind = self._chats[chat_id].type if chat_id in self._chats else "private"
            if kind == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        if self.limits is not None:
            self._enforce_flood_limits(chat_id, self.limits)

    def _enforce_flood_limits(self, chat_id: int, limits: FloodLimits) -> None:
        now = self._now
        flood = self._flood
        while flood.overall and flood.overall[0] <= now - 1.0:
            flood.overall.popleft()
        if len(flood.overall) >= limits.overall_per_second:
            _too_many(flood.overall[0] + 1.0 - now)
        kind = (
            self._chats[chat_id].type
            if chat_id in self._chats
            else ("private" if chat_id > 0 else "group")
        )
        if kind in ("group", "supergroup", "channel"):
            sends = flood.group_sends.setdefault(chat_id, deque())
            while sends and sends[0] <= now - limits.group_window_seconds:
                sends.popleft()
            if len(sends) >= limits.group_per_minute:
                _too_many(sends[0] + limits.group_window_seconds - now)
            sends.append(now)
        else:
            tokens, last = flood.private_tokens.get(chat_id, (float(limits.private_burst), now))
            tokens = min(
                float(limits.private_burst), tokens + (now - last) * limits.private_per_second
            )
            if tokens < 1.0:
                flood.private_tokens[chat_id] = (tokens, now)
                _too_many((1.0 - tokens) / limits.private_per_second)
            flood.private_tokens[chat_id] = (tokens - 1.0, now)
        flood.overall.append(now)

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook = {"url": url, **{k: v for k, v in params.items() if k != "url"}}
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": ""}
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook["url"] and "allowed_updates" in self.webhook:
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        allowed = params.get("allowed_updates")
        with self._cond:
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()  # an exclusive fake ends the poll waiting before this one
            if offset:
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                if self.exclusive_updates and generation != self._poll_generation:
                    self.conflicts += 1
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                if isinstance(allowed, list) and allowed:
                    # Telegram drops the kinds of update the bot did not ask for.
                    self._updates = [u for u in self._updates if _kind(u) in allowed]
                ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
                left = deadline - time.monotonic()
                if ready or left <= 0 or self._closing:
                    return ready
                self.polls_waiting += 1
                self._cond.notify_all()
                try:
                    self._cond.wait(left)
                finally:
                    self.polls_waiting -= 1

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(
                400,
                "Bad Request: too many commands" if commands else "Bad Request: commands not found",
            )
        for command in commands:
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not _COMMAND_NAME.match(name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._menu_key(params)
        self.menus[key] = [dict(c) for c in commands]
        if key == ("default", ""):
            self.commands = self.menus[key]
        return True

    def _menu_key(self, params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
            raise ApiError(400, "Bad Request: wrong parameter scope")
        code = str(params.get("language_code") or "")
        if code and not re.fullmatch(r"[a-z]{2}", code):
            raise ApiError(400, "Bad Request: invalid language code specified")
        return str(scope["type"]), code

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return list(self.menus.get(self._menu_key(params), []))

    def _checked_text(self, params: dict[str, Any]) -> tuple[str, str]:
        raw = params.get("text")
        if not isinstance(raw, str) or not raw.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        parse_mode = params.get("parse_mode")
        plain = parse_html(raw) if str(parse_mode).upper() == "HTML" else raw
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_length(plain.strip()) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        self._check_markup(params.get("reply_markup"))
        return raw, plain

    def _check_markup(self, markup: Any) -> None:
        if markup is None:
            return
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
                data = button.get("callback_data")
                if (
                    data is not None
                    and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA
                ):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        html, plain = self._checked_text(params)
        chat = self._chat(chat_id, None, "")
        thread = params.get("message_thread_id")
        if thread is not None and chat.is_forum and thread not in chat.topics:
            raise ApiError(400, "Bad Request: message thread not found")
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._next_message_id(chat),
            html=html,
            text=plain,
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            params=params,
            at=self._now,
        )
        self._messages.setdefault(chat_id, []).append(sent)
        return self._message_json(sent)

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        upload = params.get("document")
        if not isinstance(upload, tuple):
            raise ApiError(400, "Bad Request: there is no document in the request")
        caption = str(params.get("caption") or "")
        chat = self._chat(chat_id, None, "")
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._next_message_id(chat),
            html=caption,
            text=parse_html(caption) if params.get("parse_mode") == "HTML" else caption,
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            params=params,
            at=self._now,
            document=upload,
        )
        self._messages.setdefault(chat_id, []).append(sent)
        result = self._message_json(sent)
        result["document"] = {
            "file_id": f"sent{chat_id}_{sent.message_id}",
            "file_unique_id": f"usent{chat_id}_{sent.message_id}",
            "file_name": upload[0],
            "file_size": len(upload[1]),
        }
        return result

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self._files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    def _message_json(self, sent: SentMessage) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": self._chat_json(self._chat(sent.chat_id, None, "")),
            "from": self._bot_user(),
            "text": sent.text,
        }
        if sent.edits:
            result["edit_date"] = int(time.time())
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            # A message shows only inline keyboards; a reply keyboard belongs to the chat.
            result["reply_markup"] = sent.reply_markup
        return result

    def _target(self, params: dict[str, Any], action: str = "edit") -> SentMessage:
        """The live message a call names by chat_id and message_id, or Telegram's 400."""
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        sent = (
            self._find(chat_id, message_id)
            if isinstance(chat_id, int) and isinstance(message_id, int)
            else None
        )
        if sent is None or sent.deleted:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return sent

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._target(params)
        html, plain = self._checked_text(params)
        markup = params.get("reply_markup")
        if html == sent.html and markup == sent.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        sent.html, sent.text, sent.reply_markup = html, plain, markup
        sent.parse_mode = params.get("parse_mode")
        sent.edits += 1
        return self._message_json(sent)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._target(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if markup == sent.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.reply_markup = markup
        sent.edits += 1
        return self._message_json(sent)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        self._target(params, "delete").deleted = True
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._pending_callbacks:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._pending_callbacks.discard(query_id)
        self.answered_callbacks[query_id] = params
        return True

    def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._named_chat(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        return self._member_json(self._user_json(user_id), self._status(chat, user_id))

    def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat = self._named_chat(params)
        if chat.type == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        users = set(self._members.get(chat.id, {})) | {4242, self.bot_id}
        return [
            self._member_json(self._user_json(uid), self._status(chat, uid))
            for uid in sorted(users)
            if self._status(chat, uid) in ("creator", "administrator")
        ]

    def _get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._named_chat(params)
        return {
            **self._chat_json(chat),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    _methods: ClassVar[dict[str, Callable[[FakeTelegram, dict[str, Any]], Any]]] = {
        "getMe": _get_me,
        "setWebhook": _set_webhook,
        "deleteWebhook": _delete_webhook,
        "getWebhookInfo": _get_webhook_info,
        "close": _true,
        "logOut": _true,
        "setMyCommands": _set_my_commands,
        "getMyCommands": _get_my_commands,
        "deleteMyCommands": _true,
        "sendMessage": _send_message,
        "editMessageText": _edit_message_text,
        "editMessageReplyMarkup": _edit_message_reply_markup,
        "deleteMessage": _delete_message,
        "answerCallbackQuery": _answer_callback_query,
        "sendChatAction": _true,
        "sendDocument": _send_document,
        "getFile": _get_file,
        "getChatMember": _get_chat_member,
        "getChatAdministrators": _get_chat_administrators,
        "getChat": _get_chat,
    }


class _Server(ThreadingHTTPServer):
    """A client that hangs up or is killed mid-request is no news to print. Several bot
    processes open many connections at once: a deeper accept queue than socketserver's 5
    keeps the kernel from dropping them (the clients would see resets and timeouts)."""

    request_queue_size = 1024

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _kind(update: dict[str, Any]) -> str:
    """An update's kind: its one field besides update_id ("message", "my_chat_member", …)."""
    return next((k for k in update if k != "update_id"), "")


def _too_many(seconds: float) -> None:
    retry = max(1, math.ceil(seconds))
    raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})


def _error(exc: ApiError) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
    if exc.parameters:
        body["parameters"] = exc.parameters
    return exc.status, body


def decode_params(pairs: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> dict[str, Any]:
    """Form fields as PTB sends them: strings as they are, every other value as JSON."""
    params: dict[str, Any] = {}
    for name, raw in pairs:
        if name in _STRING_FIELDS:
            params[name] = raw
            continue
        try:
            params[name] = json.loads(raw)
        except ValueError:
            params[name] = raw  # e.g. chat_id "@channelname"
    return params


def decode_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """A multipart/form-data body: files as (file name, bytes), other fields as PTB's form."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not parsed.is_multipart():
        raise ValueError("a multipart body without parts")
    fields: list[tuple[str, str]] = []
    params: dict[str, Any] = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        filename = part.get_filename()
        if filename is not None:
            params[name] = (filename, payload)
        else:
            fields.append((name, payload.decode("utf-8")))
    params.update(decode_params(fields))
    # PTB names an upload "attach://<name>" in the field and sends the file under <name>.
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), value)
    return params


def _make_handler(fake: FakeTelegram) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
        client = ""  # the connection's process, once `fake.identify` named it
        reset = False  # reset_next: end the connection with RST, unanswered

        def do_GET(self) -> None:
            found = re.fullmatch(r"/file/bot([^/]+)/(.+)", self.path.split("?", 1)[0])
            if found is None:
                self.do_POST()
                return
            token = unquote(found.group(1))  # PTB quotes the ':' of the token in file URLs
            content = fake.file_content(found.group(2)) if token == fake.token else None
            if content is None:
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(content)

        def do_POST(self) -> None:
            match = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", self.path.split("?", 1)[0])
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if not match:
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            try:
                if ctype == "application/json":
                    params = dict(json.loads(body or b"{}"))
                elif ctype == "multipart/form-data":
                    params = decode_multipart(self.headers.get("Content-Type") or "", body)
                else:
                    text = body.decode("utf-8")
                    params = decode_params(parse_qsl(text, keep_blank_values=True))
            except ValueError as exc:
                self._reply(
                    400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
                )
                return
            if fake.identify is not None and not self.client:
                self.client = fake.identify(self.client_address, fake.port)
            if fake.take_reset(match.group(2), params):
                self.reset = True
                self.close_connection = True
                return
            status, answer = fake.handle(match.group(1), match.group(2), params, client=self.client)
            delay = fake.answer_delay(match.group(2), params)
            if delay > 0:
                time.sleep(delay)  # done already; the answer is late
            self._reply(status, answer)

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # The client may have given up (a long poll cancelled at shutdown): nobody to tell.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def finish(self) -> None:
            if self.reset:
                # SO_LINGER 0: closing sends RST, not FIN. Closed here, before the server's
                # shutdown_request, whose shutdown(SHUT_WR) would send a FIN first.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.wfile.close()
                self.rfile.close()
                self.connection.close()
            super().finish()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the token is in every path; the recorded requests say enough

    return Handler
