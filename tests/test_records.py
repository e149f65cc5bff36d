"""One malformed stored record is named, set aside and kept on disk; it never stops the
others, and never stops alerts for everybody."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.alerts.decide import decide_alerts
from bot.models import Article, Chat, Subscription
from storage.chats import TinyChatStore
from tests.fakes.matches import FakeMatch, Term

CREATED = "2024-12-14T13:20:00+00:00"
T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def sub_doc(chat: int, query: object, created: object = CREATED) -> dict[str, object]:
    return {"chat_id": chat, "query": query, "created": created}


BAD_SUBSCRIPTIONS = {
    "created a number": (sub_doc(7, "tartus", created=1734182400), "created"),
    "created null": (sub_doc(7, "tartus", created=None), "created"),
    "created not a time": (sub_doc(7, "tartus", created="yesterday"), "created"),
    "query not text": (sub_doc(7, 3), "query"),
    "missing query": ({"chat_id": 7}, "query"),
}


@pytest.mark.parametrize(("doc", "field"), BAD_SUBSCRIPTIONS.values(), ids=BAD_SUBSCRIPTIONS.keys())
def test_a_malformed_subscription_is_set_aside_named_and_kept_on_disk(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, doc: object, field: str
) -> None:
    path = tmp_path / "newsbot.json"
    path.write_text(
        json.dumps(
            {
                "chats": {"5": {"created": CREATED}, "7": {"created": "soon"}},
                "subscriptions": {"1": sub_doc(5, "kyiv"), "2": doc, "3": sub_doc(7, "syria")},
                "meta": {"1": {"next_subscription_id": 4}},
            }
        )
    )
    store = TinyChatStore(path)
    assert [s.id for s in store.all_subscriptions()] == [1, 3]  # the others load
    assert store.get_chat(5) is not None
    assert store.get_chat(7) is None  # its created is not a time: set aside too
    assert "subscription 2" in caplog.text
    assert field in caplog.text
    assert "chat 7" in caplog.text
    new = store.add_subscription(5, "tartus")
    assert new.id == 4  # the set-aside id is never reused
    store.close()
    kept = json.loads(path.read_text())
    assert kept["subscriptions"]["2"] == doc  # still there for the operator
    assert TinyChatStore(path).subscriptions(5)[-1].query == "tartus"


def test_a_subscription_with_a_bad_created_never_stops_the_others_alerts() -> None:
    article = Article(id="a1", url="https://x.example/1", title="Tartus", seen=T0)
    good = Subscription(1, chat_id=5, query="tartus", created=T0 - timedelta(hours=1))
    bad = Subscription(2, chat_id=6, query="tartus", created=None)  # type: ignore[arg-type]  # bad on purpose
    matches = {"a1": [FakeMatch(2, (Term("Tartus"),)), FakeMatch(1, (Term("Tartus"),))]}
    entries = decide_alerts([article], matches, {1: good, 2: bad}, {5: Chat(5), 6: Chat(6)}, now=T0)
    assert [e.chat_id for e in entries] == [5]


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"created": CREATED, "digest": "weekly"}, "digest"),
        ({"created": CREATED, "kind": "forum"}, "kind"),
        ({"created": 17}, "created"),
        ({"created": CREATED, "last_digest": "later"}, "last_digest"),
    ],
    ids=["unknown digest mode", "unknown chat kind", "created a number", "bad last_digest"],
)
def test_a_malformed_chat_is_set_aside_and_the_others_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, doc: dict[str, object], field: str
) -> None:
    path = tmp_path / "newsbot.json"
    path.write_text(json.dumps({"chats": {"5": {"created": CREATED}, "6": doc}}))
    store = TinyChatStore(path)
    assert [c.id for c in store.chats()] == [5]
    assert "chat 6" in caplog.text
    assert field in caplog.text
    store.save_chat(Chat(5, title="Desk"))
    store.close()
    assert json.loads(path.read_text())["chats"]["6"] == doc  # kept for the operator
