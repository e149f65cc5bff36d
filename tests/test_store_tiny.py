"""What only the TinyDB chat store must do: refuse unreadable files, survive failed writes,
keep a file plain TinyDB can read, and write through AtomicJSONStorage correctly."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import Chat, ChatKind, DigestMode, FeedState
from storage.atomic import AtomicJSONStorage
from storage.chats import TinyChatStore
from storage.feedstate import TABLE, TinyFeedStateStore
from tests.store_contract import START, FakeClock

GOOD = {
    "chats": {"-5": {"kind": "group", "title": "Desk", "created": "2024-12-14T13:20:00+00:00"}},
    "subscriptions": {
        "1": {"chat_id": -5, "query": "kyiv", "created": "2024-12-14T13:20:00+00:00"},
    },
    "meta": {"1": {"next_subscription_id": 2}},
}

CORRUPT = {
    "garbage": b"\x00\xffnot json at all",
    "truncated": json.dumps(GOOD).encode()[:-7],
    "empty": b"",
    "blank": b"  \n",
    "list": b"[1, 2, 3]",
    "table not an object": b'{"chats": [1]}',
    "document not an object": b'{"subscriptions": {"1": "kyiv"}}',
    # One malformed chat or subscription is set aside, not the file: tests/test_records.py
    "id not a number": b'{"chats": {"five": {}}}',
    "counter not a number": b'{"meta": {"1": {"next_subscription_id": "x"}}}',
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "newsbot.json"


def test_opens_a_missing_file_empty_and_creates_its_folder(path: Path) -> None:
    store = TinyChatStore(path)
    assert store.all_subscriptions() == []
    store.add_subscription(1, "kyiv")
    assert path.is_file()


def test_reads_a_file_written_by_hand_in_tinydbs_layout(path: Path) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps(GOOD))
    store = TinyChatStore(path)
    chat = store.get_chat(-5)
    assert chat is not None
    assert (chat.kind, chat.title, chat.created) == ("group", "Desk", START)
    assert (type(chat.kind), type(chat.digest)) == (ChatKind, DigestMode)  # enums, not str
    [sub] = store.subscriptions(-5)
    assert (sub.id, sub.query, sub.created, sub.muted) == (1, "kyiv", START, False)
    assert store.add_subscription(-5, "tartus").id == 2


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
def test_an_unreadable_file_is_refused_and_left_alone(path: Path, content: bytes) -> None:
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(StorageError) as caught:
        TinyChatStore(path)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    assert path.read_bytes() == content  # never replaced by an empty store


def test_a_folder_in_place_of_the_file_is_refused(path: Path) -> None:
    path.mkdir(parents=True)
    with pytest.raises(StorageError, match="cannot read"):
        TinyChatStore(path)


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")
    with pytest.raises(StorageError, match="folder"):
        TinyChatStore(tmp_path / "data" / "newsbot.json")


def test_a_failed_write_changes_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = TinyChatStore(path, clock=FakeClock())
    kept = store.add_subscription(1, "kyiv")
    store.save_chat(Chat(id=2, created=START))
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match="cannot write"):
        store.add_subscription(1, "tartus")
    with pytest.raises(StorageError):
        store.set_muted(1, kept.id, True)
    with pytest.raises(StorageError):
        store.delete_chat(1)
    with pytest.raises(StorageError):
        store.migrate_chat(1, 3)
    with pytest.raises(StorageError):
        store.save_chat(Chat(id=2, created=START, paused=True))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left
    assert store.subscriptions(1) == [kept]  # memory still matches the disk
    assert store.get_chat(2) == Chat(id=2, created=START)
    assert store.add_subscription(1, "tartus").id == kept.id + 1
    store.close()
    assert [s.query for s in TinyChatStore(path).subscriptions(1)] == ["kyiv", "tartus"]


def test_plain_tinydb_reads_the_file(path: Path) -> None:
    store = TinyChatStore(path)
    store.save_chat(Chat(id=-1005, kind=ChatKind.SUPERGROUP, created=START))
    first = store.add_subscription(-1005, '"air base"')
    store.add_subscription(-1005, "tartus")
    store.remove_subscription(-1005, first.id)
    store.close()
    db = TinyDB(path)
    [doc] = db.table("subscriptions").all()
    assert doc["query"] == "tartus"
    assert doc.doc_id == first.id + 1
    chat = db.table("chats").get(doc_id=-1005)
    assert isinstance(chat, dict)
    assert chat["kind"] == "supergroup"
    db.close()


def test_crash_leftovers_are_removed_and_neighbours_kept(path: Path) -> None:
    path.parent.mkdir()
    leftover = path.with_name(f".{path.name}.123.456.tmp")
    neighbour = path.with_name(f".{path.name}.articles.1.2.tmp")  # another file's temporary
    leftover.write_text("{")
    neighbour.write_text("{")
    TinyChatStore(path)
    assert not leftover.exists()
    assert neighbour.exists()


def test_apply_and_tinydb_writes_mix(path: Path) -> None:
    """apply() re-encodes only changes; TinyDB's own writes must not leave it stale."""
    db = TinyDB(path, storage=AtomicJSONStorage)
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    db.table("a").insert({"x": 1})
    storage.apply({"b": {"7": {"y": "ü"}}})
    db.table("a").insert({"x": 2})  # through TinyDB: a whole-file write
    storage.apply({"a": {"1": None}, "b": {"8": {"y": [1, 2]}}})
    expected = {"a": {"2": {"x": 2}}, "b": {"7": {"y": "ü"}, "8": {"y": [1, 2]}}}
    assert json.loads(path.read_bytes()) == expected
    assert storage.read() == expected
    assert [dict(d) for d in db.table("b").all()] == [{"y": "ü"}, {"y": [1, 2]}]
    db.close()


def test_unsynced_storage_is_for_baselines_only(path: Path) -> None:
    """fsync=False still writes a loadable file (the benchmark's baseline relies on it)."""
    store = TinyChatStore(path, fsync=False)
    store.add_subscription(1, "kyiv")
    store.close()
    assert [s.query for s in TinyChatStore(path).all_subscriptions()] == ["kyiv"]


def test_feed_states_round_trip_and_files_of_the_old_encoder_still_load(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.feeds.json"
    # As the hand-written encoder wrote it: the URL inside the document, isoformat() times.
    old = {
        "url": "https://a.example/rss",
        "etag": 'W/"1"',
        "last_modified": "",
        "last_error": "HTTP 500",
        "failures": 2,
        "title": "A",
        "listed": ["x", "y"],
        "last_polled": "2024-12-14T13:20:00+00:00",
        "last_success": None,
        "last_error_at": "2024-12-14T14:20:00+01:00",
        "next_poll": None,
    }
    path.write_text(json.dumps({TABLE: {old["url"]: old}}))
    store = TinyFeedStateStore(path, fsync=False)
    state = store.get("https://a.example/rss")
    assert state == FeedState(
        url="https://a.example/rss",
        etag='W/"1"',
        last_error="HTTP 500",
        failures=2,
        title="A",
        listed=("x", "y"),
        last_polled=datetime(2024, 12, 14, 13, 20, tzinfo=UTC),
        last_error_at=datetime(2024, 12, 14, 13, 20, tzinfo=UTC),
    )
    assert state is not None
    assert state.last_error_at is not None
    assert state.last_error_at.utcoffset() == timedelta(0)
    changed = FeedState(url="https://b.example/rss", next_poll=datetime(2025, 1, 1, tzinfo=UTC))
    store.save(changed)
    store.close()
    again = TinyFeedStateStore(path, fsync=False)
    assert sorted(again.all(), key=lambda s: s.url) == [state, changed]
    again.close()
