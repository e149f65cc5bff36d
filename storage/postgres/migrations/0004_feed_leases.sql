-- Feed polling by lease across instances (storage/postgres/articles.py PgFeedStateStore:
-- claim, renew, release). A feed's row now exists from its first claim, before it has a
-- state document (doc NULL until its first poll ends); next_due says when it may be
-- claimed again (NULL: at once). lease_owner/lease_until (version 1) hold the lease.
ALTER TABLE feed_states
    ALTER COLUMN doc DROP NOT NULL,
    ADD COLUMN next_due timestamptz;
CREATE INDEX feed_states_due ON feed_states (next_due NULLS FIRST);
