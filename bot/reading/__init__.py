"""Reading the news: guarded fetching, feed formats and pages into Articles, the poller."""
