-- Telegram updates handled in webhook mode, shared by every instance behind the load
-- balancer (storage/postgres/updates.py): the first instance to claim an update_id handles
-- it, a repeat delivered to another instance does not. state: 'handling' | 'done'.
-- Rows older than a day are pruned: Telegram gives up redelivering long before.
CREATE TABLE handled_updates (
    update_id bigint      PRIMARY KEY,
    state     text        NOT NULL CHECK (state IN ('handling', 'done')),
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handled_updates_at ON handled_updates (at);
