"""The built-in feed list: world news in English from several regions.

Used when neither NEWSBOT_FEEDS nor NEWSBOT_FEEDS_FILE is set. Addresses were
checked against public feed lists in 2025; a dead one only costs its own backoff.
"""

from __future__ import annotations

DEFAULT_FEEDS: tuple[str, ...] = (
    # Europe
    "https://feeds.bbci.co.uk/news/world/rss.xml",
    "https://www.theguardian.com/world/rss",
    "https://feeds.skynews.com/feeds/rss/world.xml",
    "https://rss.dw.com/rdf/rss-en-world",
    "https://www.france24.com/en/rss",
    "https://www.euronews.com/rss?level=theme&name=news",
    "https://www.themoscowtimes.com/rss/news",
    "https://kyivindependent.com/news-archive/rss/",
    # The Americas
    "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
    "https://feeds.npr.org/1004/rss.xml",
    "https://www.cbc.ca/webfeed/rss/rss-world",
    "https://en.mercopress.com/rss/",
    # Middle East and Africa
    "https://www.aljazeera.com/xml/rss/all.xml",
    "https://mg.co.za/feed/",
    # Asia and the Pacific
    "https://timesofindia.indiatimes.com/rssfeeds/296589292.cms",
    "https://www.thehindu.com/news/international/feeder/default.rss",
    "https://www.scmp.com/rss/91/feed",
    "https://www.japantimes.co.jp/feed/",
    "https://www.channelnewsasia.com/api/v1/rss-outbound-feed?_format=xml",
    "https://www.abc.net.au/news/feed/51120/rss.xml",
)
