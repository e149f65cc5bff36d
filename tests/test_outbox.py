"""The durable outbox: exactly one entry per (chat, story), surviving restarts."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import StorageError
from bot.models import Hit, HoldReason, OutboxEntry, OutboxStatus, Story, UnsentSummary
from storage.atomic import AtomicJSONStorage, Changes
from storage.base import OutboxStore
from storage.outbox import JsonOutbox, outbox_path
from storage.outbox_sqlite import _PRUNE_SQL as PRUNE_SQL
from storage.outbox_sqlite import SqliteOutbox, open_outbox, sqlite_outbox_path

OpenBox = Callable[..., OutboxStore]

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def entry(chat: int, story: str, *, sub: int = 1, created: datetime = T0) -> OutboxEntry:
    return OutboxEntry(
        chat_id=chat,
        story=Story(
            id=story,
            article_id=story,
            title=f"Title <{story}>",
            url=f"https://news.example/{story}",
            summary="Summary & more",
            source="TRT World",
            published=T0 - timedelta(hours=1),
            seen=T0,
        ),
        hits=(Hit(sub, "khmeimim", ("Khmeimim ≈ Hmeimim",)),),
        created=created,
    )


@pytest.fixture(params=["sqlite", "json", "postgres"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def path(tmp_path: Path, kind: str) -> Path:
    main = tmp_path / "newsbot.json"
    return sqlite_outbox_path(main) if kind == "sqlite" else outbox_path(main)


@pytest.fixture
def Box(kind: str, request: pytest.FixtureRequest) -> Iterator[OpenBox]:
    """Every outbox test runs on every store (the JSON one is kept to import old files).
    On PostgreSQL, the path is ignored: each open connects to the test's own database."""
    if kind != "postgres":
        yield SqliteOutbox if kind == "sqlite" else JsonOutbox
        return
    from storage.postgres.outbox import PgOutbox
    from storage.postgres.pool import Database

    url = request.getfixturevalue("pg_url")
    opened: list[PgOutbox] = []

    def open_box(path: object, fsync: bool = True) -> PgOutbox:
        opened.append(PgOutbox(Database(url, max_size=4)))
        return opened[-1]

    yield open_box
    for box in opened:
        box.close()


def test_lives_beside_the_main_file_never_in_it(tmp_path: Path) -> None:
    main = tmp_path / "data" / "newsbot.json"
    assert outbox_path(main) == tmp_path / "data" / "newsbot.outbox.json"


def test_enqueueing_a_known_key_is_a_no_op(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    assert [e.key for e in box.enqueue([entry(1, "s1"), entry(2, "s1")])] == [(1, "s1"), (2, "s1")]
    assert box.enqueue([entry(1, "s1", sub=9)]) == []
    assert [e.key for e in box.unsent()] == [(1, "s1"), (2, "s1")]


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, each write of the JSON file (one AtomicJSONStorage.apply) is listed."""
    writes: list[object] = []
    original = AtomicJSONStorage.apply

    def counting(self: AtomicJSONStorage, changes: Changes) -> None:
        writes.append(changes)
        original(self, changes)

    monkeypatch.setattr(AtomicJSONStorage, "apply", counting)
    return writes


def test_one_batch_merges_duplicates_and_is_one_write(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = JsonOutbox(path)
    writes = count_writes(monkeypatch)
    added = box.enqueue([entry(1, "s1", sub=1), entry(1, "s1", sub=2), entry(1, "s2")])
    assert len(writes) == 1
    assert [[h.subscription_id for h in e.hits] for e in added] == [[1, 2], [1]]


def test_everything_survives_a_restart(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1"), entry(1, "s2"), entry(2, "s1")])
    box.mark([(1, "s1")], status="sent", at=T0)
    box.close()

    again = Box(path)
    assert again.status(1, "s1") == "sent"
    assert [e.key for e in again.unsent()] == [(1, "s2"), (2, "s1")]
    restored = again.unsent()[0]
    assert restored == entry(1, "s2")  # story, hits, times: all as queued
    assert again.enqueue([entry(1, "s1")]) == []  # sent keys are remembered


def test_racing_enqueues_store_each_key_once(path: Path, Box: OpenBox) -> None:
    box = Box(path, fsync=False)
    added: list[OutboxEntry] = []
    lock = threading.Lock()

    def poll() -> None:
        got = box.enqueue([entry(c, f"s{s}") for c in range(5) for s in range(5)])
        with lock:
            added.extend(got)

    threads = [threading.Thread(target=poll) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(e.key for e in added) == sorted((c, f"s{s}") for c in range(5) for s in range(5))
    assert len(Box(path).unsent()) == 25


def test_migrate_moves_entries_and_keeps_sent_keys(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(-1, "s1"), entry(-1, "s2"), entry(-100, "s2")])
    box.mark([(-1, "s1")], status="sent", at=T0)
    box.migrate_chat(-1, -100)
    box.close()
    again = Box(path)
    assert again.status(-1, "s1") is None
    assert again.status(-100, "s1") == "sent"
    assert [e.key for e in again.unsent()] == [(-100, "s2")]


def test_delete_chat_and_prune(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    old = T0 - timedelta(days=8)
    box.enqueue([entry(1, "old", created=old), entry(1, "new"), entry(2, "x")])
    box.mark([(1, "new")], status="sent", at=T0)
    assert box.prune(T0 - timedelta(days=7)) == 1
    box.delete_chat(2)
    box.close()
    again = Box(path)
    assert again.status(1, "old") is None
    assert again.status(2, "x") is None
    assert again.status(1, "new") == "sent"


def test_memory_only_outbox_needs_no_file(Box: OpenBox) -> None:
    box = Box(None)
    box.enqueue([entry(1, "s1")])
    box.mark([(1, "s1")], status="failed", at=T0)
    assert box.status(1, "s1") == "failed"
    assert box.unsent() == []


def test_a_malformed_file_is_an_error_not_an_empty_outbox(path: Path) -> None:
    path.write_text('{"outbox": {"1:s": {"chat_id": "x"}}}')
    with pytest.raises(StorageError, match="outbox"):
        JsonOutbox(path)


# --- withdrawing a muted or removed subscription's queued alerts ----------------------------


def two_hits(chat: int, story: str) -> OutboxEntry:
    """An entry matched by two subscriptions of the chat (1: khmeimim, 2: tartus)."""
    base = entry(chat, story, sub=1)
    return base.merged(replace(base, hits=(Hit(2, "tartus", ("Tartous → Tartus",)),)))


def test_withdraw_takes_out_one_subscription_and_keeps_the_others(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    held = replace(two_hits(1, "both"), status=OutboxStatus.HELD, hold=HoldReason.DIGEST)
    box.enqueue([held, entry(1, "only1", sub=1), entry(1, "only2", sub=2), entry(2, "x", sub=1)])
    box.mark([(1, "sent")], status="sent", at=T0)  # unknown key: ignored

    changed = box.withdraw(1, 1, at=T0 + timedelta(minutes=5))

    assert sorted(e.key for e in changed) == [(1, "both"), (1, "only1")]
    assert box.status(1, "only1") == "withdrawn"
    both = next(e for e in box.unsent() if e.key == (1, "both"))
    assert (both.status, both.hold) == ("held", "digest")  # still waits for its digest
    assert [h.subscription_id for h in both.hits] == [2]
    assert both.terms == ("Tartous → Tartus",)
    # Another chat's entry for the same subscription id, and other subscriptions: untouched.
    assert [e.key for e in box.unsent()] == [(1, "both"), (1, "only2"), (2, "x")]
    box.close()

    again = Box(path)  # all of it is on disk
    assert again.status(1, "only1") == "withdrawn"
    assert [e.key for e in again.unsent()] == [(1, "both"), (1, "only2"), (2, "x")]
    assert [h.subscription_id for h in again.unsent()[0].hits] == [2]


def test_a_withdrawn_story_is_never_queued_again_for_that_chat(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1", sub=1)])
    box.withdraw(1, 1, at=T0)
    assert box.enqueue([entry(1, "s1", sub=1)]) == []  # e.g. after an unmute, from a 2nd feed
    assert box.enqueue([entry(1, "s1", sub=3)]) == []  # or matched by a newer subscription
    box.close()
    again = Box(path)
    assert again.status(1, "s1") == "withdrawn"
    assert again.enqueue([entry(1, "s1", sub=1)]) == []
    assert again.unsent() == []


def test_withdraw_is_one_write_and_leaves_sent_entries_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = JsonOutbox(path)
    box.enqueue([entry(1, f"s{n}", sub=1) for n in range(5)] + [two_hits(1, "both")])
    box.mark([(1, "s0")], status="sent", at=T0)
    writes = count_writes(monkeypatch)
    changed = box.withdraw(1, 1, at=T0)
    assert len(writes) == 1
    assert len(changed) == 5  # s1..s4 withdrawn, "both" trimmed; s0 was sent already
    assert box.status(1, "s0") == "sent"
    assert box.withdraw(1, 1, at=T0) == []  # nothing left to withdraw: no write
    assert box.withdraw(1, 99, at=T0) == []
    assert len(writes) == 1


def test_withdrawn_entries_are_pruned_like_sent_ones(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1", created=T0 - timedelta(days=9))])
    box.withdraw(1, 1, at=T0)  # withdrawn today: kept for the retention period from now
    assert box.prune(T0 - timedelta(days=7)) == 0
    assert box.prune(T0 + timedelta(days=1)) == 1


def test_unsent_by_chat_in_order_and_gone_once_sent(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(2, "s1"), entry(1, "s1"), entry(2, "s2")])
    assert box.unsent_chats() == [2, 1]
    assert [e.key for e in box.unsent_for(2)] == [(2, "s1"), (2, "s2")]
    box.mark([(2, "s1"), (2, "s2")], status="sent", at=T0)
    assert box.unsent_chats() == [1]
    assert box.unsent_for(2) == []
    box.delete_chat(1)
    assert box.unsent_chats() == []


# --- the SQLite outbox -------------------------------------------------------------------------


def test_sqlite_marks_touch_only_the_rows_they_change(tmp_path: Path) -> None:
    box = SqliteOutbox(sqlite_outbox_path(tmp_path / "newsbot.json"), fsync=False)
    box.enqueue([entry(c, f"s{n}") for c in range(20) for n in range(100)])
    box.mark([(c, f"s{n}") for c in range(20) for n in range(99)], status="sent", at=T0)
    before = box._db.total_changes
    box.mark([(3, "s99")], status="sent", at=T0)
    assert box._db.total_changes - before == 1  # one row, not the outbox
    assert box.status(3, "s99") == "sent"
    assert len(box) == 2000


def test_sqlite_schema_has_unique_keys_and_a_status_index(tmp_path: Path) -> None:
    box = SqliteOutbox(sqlite_outbox_path(tmp_path / "newsbot.json"), fsync=False)
    indexes = {row[1]: row[2] for row in box._db.execute("PRAGMA index_list(outbox)")}
    assert indexes.get("outbox_status") == 0
    unique = [name for name, is_unique in indexes.items() if is_unique]
    (key_index,) = unique
    columns = [row[2] for row in box._db.execute(f"PRAGMA index_info({key_index})")]
    assert columns == ["chat_id", "story_id"]  # the key, also serving lookups by chat
    assert box._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_outbox_lives_beside_the_main_file(tmp_path: Path) -> None:
    main = tmp_path / "data" / "newsbot.json"
    assert sqlite_outbox_path(main) == tmp_path / "data" / "newsbot.outbox.sqlite3"


def test_a_json_outbox_is_imported_once_and_renamed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    main = tmp_path / "newsbot.json"
    old = JsonOutbox(outbox_path(main))
    old.enqueue([entry(1, "s1"), entry(1, "s2"), replace(entry(2, "s1"), status=OutboxStatus.HELD)])
    old.mark([(1, "s1")], status="sent", at=T0)
    old.close()
    tables = json.loads(outbox_path(main).read_text())
    tables["outbox"]["9:x"] = {"chat_id": 9}  # a malformed entry: no story, no status
    outbox_path(main).write_text(json.dumps(tables))

    box = open_outbox(main, fsync=False)
    assert box.status(1, "s1") == "sent"
    assert [e.key for e in box.unsent()] == [(1, "s2"), (2, "s1")]
    assert box.unsent()[0] == entry(1, "s2")  # the story text came along
    assert box.enqueue([entry(1, "s1")]) == []  # sent keys came along too
    assert not outbox_path(main).exists()
    assert outbox_path(main).with_name("newsbot.outbox.json.migrated").exists()
    assert "9:x" in caplog.text  # the bad entry is named, and stays in the renamed file
    box.close()

    again = open_outbox(main, fsync=False)  # nothing imported twice, nothing lost
    assert [e.key for e in again.unsent()] == [(1, "s2"), (2, "s1")]


def test_bad_rows_are_set_aside_and_never_stop_the_others(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = sqlite_outbox_path(tmp_path / "newsbot.json")
    box = SqliteOutbox(path, fsync=False)
    box.enqueue([entry(1, "s1"), entry(2, "s1"), entry(3, "s1")])
    box._db.execute("UPDATE outbox SET status = 'bogus' WHERE chat_id = 1")
    box._db.execute("UPDATE outbox SET body = '{\"story\": 5}' WHERE chat_id = 2")
    box.close()

    again = SqliteOutbox(path, fsync=False)
    assert [e.key for e in again.unsent()] == [(3, "s1")]
    assert sorted(again.set_aside) == [
        ((1, "s1"), "field 'status' is 'bogus'"),
        ((2, "s1"), "field 'body.story' is 5"),
    ]
    assert "chat 1, story s1" in caplog.text
    assert "'status'" in caplog.text
    assert len(again) == 3  # kept on disk for the operator


def test_sqlite_prune_goes_by_an_index_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.outbox_sqlite.PRUNE_CHUNK", 7)
    box = SqliteOutbox(sqlite_outbox_path(tmp_path / "newsbot.json"), fsync=False)
    old, new = T0 - timedelta(days=9), T0
    box.enqueue(
        [entry(c, f"s{n}", created=old if n % 2 else new) for c in range(5) for n in range(20)]
    )
    box.mark([(0, "s1"), (0, "s2")], status="sent", at=T0)  # sent today: kept
    assert box.prune(T0 - timedelta(days=7)) == 49
    assert len(box) == 51
    assert all(e.created == new for e in box.unsent())
    assert box.status(0, "s1") == "sent"
    plan = " ".join(str(row) for row in box._db.execute("EXPLAIN QUERY PLAN " + PRUNE_SQL, (0, 7)))
    assert "outbox_done" in plan  # no scan of a week of sent rows


def test_unsent_comes_back_oldest_first_in_utc_across_a_restart(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    later, earlier = T0 + timedelta(minutes=5), T0 - timedelta(minutes=5)
    box.enqueue([entry(1, "late", created=later)])
    box.enqueue([entry(2, "early", created=earlier)])
    box.close()
    again = Box(path)
    assert [e.key for e in again.unsent()] == [(2, "early"), (1, "late")]
    for got in again.unsent():
        assert got.created.utcoffset() == timedelta(0)
        assert got.story.seen.utcoffset() == timedelta(0)
    assert again.status(3, "nothing") is None
    with pytest.raises(ValueError, match="status"):
        again.mark([(1, "late")], status="delivered", at=T0)
    assert again.status(1, "late") == "pending"


def test_an_entry_keeps_its_forum_topic_across_a_restart(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([replace(entry(-5, "s1"), thread_id=7), entry(-5, "s2")])
    box.close()
    again = Box(path)
    assert [e.thread_id for e in again.unsent()] == [7, None]


# --- the sender's claims: pending -> sending -> sent -----------------------------------------


def test_a_claim_takes_only_waiting_entries_and_once(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    held = replace(entry(1, "held"), status=OutboxStatus.HELD, hold=HoldReason.DIGEST)
    box.enqueue([entry(1, "s1"), entry(1, "s2"), held, entry(1, "gone")])
    box.mark([(1, "s2")], status="sent", at=T0)
    box.mark([(1, "gone")], status="failed", at=T0)

    claimed = box.claim([(1, "s1"), (1, "s2"), (1, "held"), (1, "gone"), (1, "unknown")])
    assert claimed == [(1, "s1"), (1, "held")]  # sent, failed and unknown keys: not claimed
    assert box.status(1, "s1") == "sending"
    assert box.claim([(1, "s1")]) == []  # a second claim (another sender's) gets nothing
    # Still listed as unsent, with its status, and in its place (oldest first).
    assert [(e.key, e.status) for e in box.unsent_for(1)] == [
        ((1, "s1"), "sending"),
        ((1, "held"), "sending"),
    ]
    assert box.unsent_chats() == [1]


def test_a_withdrawal_leaves_a_claimed_entry_alone_and_a_claim_skips_a_withdrawn_one(
    path: Path, Box: OpenBox
) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1", sub=1), entry(1, "s2", sub=1)])
    assert box.claim([(1, "s1")]) == [(1, "s1")]
    changed = box.withdraw(1, 1, at=T0)
    assert [e.key for e in changed] == [(1, "s2")]  # the one in flight cannot be called back
    assert box.claim([(1, "s2")]) == []  # withdrawn: never sent
    box.mark([(1, "s1"), (1, "s2")], status="sent", at=T0)
    assert (box.status(1, "s1"), box.status(1, "s2")) == ("sent", "withdrawn")


def test_a_mark_never_changes_a_final_entry(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1"), entry(1, "s2")])
    box.withdraw(1, 1, at=T0)
    box.mark([(1, "s1")], status="sent", at=T0)  # e.g. a late mark from a sender cut off
    assert box.status(1, "s1") == "withdrawn"
    box.enqueue([entry(1, "s3")])
    box.mark([(1, "s3")], status="failed", at=T0)
    box.mark([(1, "s3")], status="sent", at=T0)
    assert box.status(1, "s3") == "failed"


def test_a_released_claim_waits_again_as_it_was(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    held = replace(
        entry(1, "held", created=T0 + timedelta(seconds=1)),
        status=OutboxStatus.HELD,
        hold=HoldReason.QUIET,
    )
    box.enqueue([entry(1, "s1"), held, entry(1, "s2", created=T0 + timedelta(seconds=2))])
    assert box.claim([(1, "s1"), (1, "held")]) == [(1, "s1"), (1, "held")]
    box.release([(1, "s1"), (1, "held"), (1, "s2")])  # s2 was not claimed: unchanged
    assert [(e.key, e.status, e.hold) for e in box.unsent_for(1)] == [
        ((1, "s1"), "pending", ""),
        ((1, "held"), "held", "quiet"),
        ((1, "s2"), "pending", ""),
    ]
    assert box.unsent_for(1)[0] == entry(1, "s1")  # story and hits kept while in flight
    assert box.claim([(1, "s1")]) == [(1, "s1")]  # claimable again


def test_a_new_sender_requeues_what_its_predecessor_had_in_flight(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1"), entry(2, "s1"), entry(2, "s2")])
    box.claim([(1, "s1"), (2, "s1")])
    box.mark([(2, "s1")], status="sent", at=T0)
    box.close()  # the sender dies with (1, "s1") in flight

    again = Box(path)  # its successor, on the same outbox
    assert again.status(1, "s1") in ("sending", "pending")  # on disk, or in memory only
    again.requeue_sending()
    assert again.requeue_sending() == 0
    assert [(e.key, e.status) for e in again.unsent()] == [
        ((1, "s1"), "pending"),
        ((2, "s2"), "pending"),
    ]
    assert again.unsent()[0] == entry(1, "s1")
    assert again.claim([(1, "s1")]) == [(1, "s1")]  # and sends it again, once
    assert again.status(2, "s1") == "sent"


def test_requeue_counts_the_entries_in_flight(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    box.enqueue([entry(1, "s1"), entry(1, "s2"), entry(2, "s1")])
    box.claim([(1, "s1"), (2, "s1")])
    assert box.requeue_sending() == 2
    assert {e.status for e in box.unsent()} == {"pending"}


def test_unsent_counts_are_entries_and_chats_not_yet_sent(path: Path, Box: OpenBox) -> None:
    box = Box(path)
    assert box.unsent_counts() == (0, 0)
    box.enqueue([entry(1, "s1"), entry(1, "s2"), entry(2, "s1"), entry(3, "s1")])
    box.claim([(1, "s1")])  # in flight: not sent yet
    box.mark([(3, "s1")], status="sent", at=T0)
    assert box.unsent_counts() == (3, 2)
    box.withdraw(2, 1, at=T0)
    assert box.unsent_counts() == (2, 1)


def test_the_unsent_summary_counts_by_status_and_dates_the_oldest_pending(
    path: Path, Box: OpenBox
) -> None:
    box = Box(path)
    assert box.unsent_summary() == UnsentSummary()
    later = T0 + timedelta(minutes=1)
    held = replace(
        entry(1, "held", created=T0 - timedelta(hours=1)),
        status=OutboxStatus.HELD,
        hold=HoldReason.DIGEST,
    )
    box.enqueue([held, entry(1, "s1", created=later), entry(2, "s1", created=T0), entry(3, "s1")])
    box.claim([(2, "s1")])  # the oldest pending goes in flight: no longer pending
    box.mark([(3, "s1")], status="sent", at=T0)
    summary = box.unsent_summary()
    assert (summary.pending, summary.held, summary.sending) == (1, 1, 1)
    assert summary.oldest_pending == later
