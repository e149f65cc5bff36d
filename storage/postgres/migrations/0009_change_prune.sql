-- The subscription change log (subscription_changes) is pruned from time to time
-- (storage/postgres/follow.py, PgFollower.prune): rows older than a retention, always
-- keeping the last few thousand. `through` says how far: every change numbered up to it
-- was deleted. A follower whose cursor is below it may have missed changes and reloads its
-- index from a snapshot instead (and a snapshot starts at least there).
CREATE TABLE subscription_changes_pruned (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through  bigint      NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);

-- The first change inside the retention, found without reading the whole log.
CREATE INDEX subscription_changes_at ON subscription_changes (at);
