"""The summary an alert shows: the feed's description (not a photo caption), the page's
lead for an entry that has only a title, and the lead first in `newsbot parse`."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.parse import parse_command
from bot.config import Settings
from bot.models import utcnow
from bot.reading.articles import article_from_json
from bot.reading.feeds import parse_feed
from bot.reading.pages import article_from_page
from tests.fakes.feed_server import FeedServer, Item, poller_for, rss

DESCRIPTION = (
    "Russian cargo planes left the Hmeimim air base for Libya on Saturday, officials said."
)
CAPTION = "A cargo plane on the tarmac at Hmeimim. Photo: AFP"
MEDIA = "http://search.yahoo.com/mrss/"
LEAD = "Moscow says it hopes to keep its naval and air bases in Syria to fight terrorism."
BODY = "".join(
    f"<p>Paragraph {n}: Russian ships left the naval base at Tartous on Monday, satellite "
    "images showed, as Moscow weighed the future of its bases in Syria.</p>"
    for n in range(8)
)


def media_rss(item_body: str) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0" xmlns:media="{MEDIA}"><channel>'
        "<title>World</title><link>https://news.example.com/</link><description>d</description>"
        "<item><title>Cargo plane leaves Syria</title><link>https://news.example.com/a</link>"
        f"{item_body}</item></channel></rss>"
    ).encode()


MEDIA_CONTENT = (
    '<media:content url="https://news.example.com/a.jpg" medium="image">'
    f"<media:description>{CAPTION}</media:description></media:content>"
)


@pytest.mark.parametrize(
    "item_body",
    [
        f"<description>{DESCRIPTION}</description>{MEDIA_CONTENT}",
        # feedparser, left alone, takes the first of the two as the summary: the caption.
        f"{MEDIA_CONTENT}<description>{DESCRIPTION}</description>",
        f"<media:description>{CAPTION}</media:description><description>{DESCRIPTION}</description>",
        f"<media:group><media:description>{CAPTION}</media:description></media:group>"
        f"<description>{DESCRIPTION}</description>",
    ],
    ids=["description-first", "media-content-first", "bare-media-first", "media-group-first"],
)
def test_the_description_is_the_summary_not_the_photo_caption(item_body: str) -> None:
    [article] = parse_feed(media_rss(item_body), url="https://news.example.com/feed").articles
    assert article.summary == DESCRIPTION
    assert "Photo: AFP" not in article.text


def test_a_media_description_alone_is_still_read() -> None:
    [article] = parse_feed(media_rss(MEDIA_CONTENT + ""), url="https://x.example/f").articles
    assert article.summary == CAPTION


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


async def test_a_local_feed_with_a_caption_alerts_with_its_description(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.route("/feed", body=media_rss(f"{MEDIA_CONTENT}<description>{DESCRIPTION}"
                                               "</description>"))  # fmt: skip
    async with poller_for(tmp_path, [url]) as h:
        await h.poller.poll_once(url)
    [alerted] = h.received
    assert alerted.summary == DESCRIPTION


def page(description: str = "") -> bytes:
    meta = f'<meta name="description" content="{description}">' if description else ""
    return (
        f"<html><head><title>Ships leave Tartous</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Ships leave Tartous</h1>{BODY}</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("description", "summary_starts"), [("", "Paragraph 0:"), (LEAD, LEAD)], ids=["lead", "meta"]
)
async def test_a_title_only_entry_gets_its_summary_from_the_page(
    server: FeedServer, tmp_path: Path, description: str, summary_starts: str
) -> None:
    link = server.route("/story", body=page(description), headers={"Content-Type": "text/html"})
    url = server.route("/feed", body=rss([Item("Ships leave Tartous", link, "", utcnow())]))
    async with poller_for(tmp_path, [url], fulltext=True, allow_private_urls=True) as h:
        await h.poller.poll_once(url)
    [alerted] = h.received
    assert "naval base at Tartous" in alerted.text  # the page was read
    assert alerted.summary.startswith(summary_starts)
    stored = h.articles.get(alerted.id)
    assert stored is not None
    assert stored.summary == alerted.summary


async def test_a_real_summary_is_not_replaced_by_the_page(
    server: FeedServer, tmp_path: Path
) -> None:
    link = server.route("/story", body=page(LEAD), headers={"Content-Type": "text/html"})
    url = server.route("/feed", body=rss([Item("Ships leave Tartous", link, DESCRIPTION)]))
    async with poller_for(tmp_path, [url], fulltext=True, allow_private_urls=True) as h:
        await h.poller.poll_once(url)
    [alerted] = h.received
    assert "naval base at Tartous" in alerted.text
    assert alerted.summary == DESCRIPTION


def test_a_page_text_starts_with_its_lead_not_its_headline() -> None:
    html = (
        "<html><head><title>Ships leave Tartous</title></head><body><article>"
        f"<h1>Ships leave Tartous</h1><p class='lead'><strong>{LEAD}</strong></p>{BODY}"
        "</article></body></html>"
    )
    article = article_from_page(html.encode())
    assert article.text.split("\n\n")[0] == LEAD
    assert article.summary == LEAD


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_newsbot_parse_prints_the_lead_first(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page(LEAD))
    out = io.StringIO()
    parse_command(str(path), fmt=fmt, settings=Settings(fulltext=False), out=out)
    if fmt == "jsonl":
        article = article_from_json(json.loads(out.getvalue()))
        assert article.summary == LEAD
        assert article.text.startswith("Paragraph 0:")
    else:
        printed = out.getvalue()
        assert printed.index(f"summary: {LEAD}") < printed.index("Paragraph 0:")
        text = printed[printed.index("text:") :]
        assert text.splitlines()[1].strip().startswith("Paragraph 0:")  # not the headline
