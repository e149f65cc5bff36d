-- New stories not yet handed on to the alert side (storage/postgres/articles.py: add_new,
-- handed, unhanded). An instance that stored a new story first sets pending_since; once
-- its alerts are queued it clears it. A story left pending too long (its instance died
-- in between) is taken over and handed on by another instance; the outbox's key per
-- (chat, story) makes handing on twice harmless.
ALTER TABLE articles ADD COLUMN pending_since timestamptz;
CREATE INDEX articles_pending ON articles (pending_since) WHERE pending_since IS NOT NULL;
