-- "sending": an outbox row claimed by the sender (pending -> sending -> sent). Unsent
-- listings include it, so the partial index of unsent rows covers it too.
DROP INDEX outbox_unsent;
CREATE INDEX outbox_unsent ON outbox (created, seq) WHERE status IN ('pending', 'held', 'sending');
