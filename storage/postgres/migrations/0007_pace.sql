-- Telegram's flood limits kept for the whole bot, over every instance (storage/postgres/pace.py):
-- each message (alert or command reply) takes a slot here before it is sent. A slot counts
-- in a sliding window from when it was taken (`at`, the database's clock) until its answer
-- came (`done_at`), so the limits hold at Telegram whatever the network delays. UNLOGGED:
-- nothing here needs to survive a crash of the server (it forgets the last minute at most).
CREATE UNLOGGED TABLE pace_slots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id bigint NOT NULL,
    at timestamptz NOT NULL,
    done_at timestamptz
);
CREATE INDEX pace_slots_at ON pace_slots (at);
CREATE INDEX pace_slots_chat ON pace_slots (chat_id, at);

-- When a command reply last found the overall limit full: for a second after that, alerts
-- leave `reserve` of the overall limit free, so replies are never starved by an alert burst.
CREATE UNLOGGED TABLE pace_state (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    reply_waiting timestamptz NOT NULL
);

-- Take slots for a batch of messages and record the answers of earlier ones, in one round
-- trip, serialised by a transaction advisory lock. Replies are considered first, then the
-- rest in the order given. Returns the positions (1-based) granted and their slot ids; a
-- position not returned waits (overall or per-chat limit full) and asks again.
-- `done_after`: seconds from each finished slot's `at` to its answer, measured by the
-- client from before it asked (so at least the real time, whatever the clocks).
-- `stale`: seconds after which a slot never reported finished (its instance died) counts
-- as finished.
CREATE FUNCTION pace_take(
    chats bigint[], groups boolean[], replies boolean[],
    done_ids bigint[], done_after double precision[],
    overall integer, overall_period double precision, reserve integer,
    private_max integer, private_period double precision,
    group_max integer, group_period double precision,
    stale double precision
) RETURNS TABLE (pos integer, slot_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz;
    live integer;
    used integer;
    waiting boolean;
    cap integer;
    period double precision;
    k integer;
BEGIN
    PERFORM pg_advisory_xact_lock(7954895654276264964);  -- "newsbot" + 4
    t := clock_timestamp();
    IF cardinality(done_ids) > 0 THEN
        UPDATE pace_slots s SET done_at = s.at + make_interval(secs => d.after)
        FROM unnest(done_ids, done_after) AS d(id, after)
        WHERE s.id = d.id AND s.done_at IS NULL;
    END IF;
    DELETE FROM pace_slots
    WHERE at < t - make_interval(secs => greatest(group_period, private_period) + stale);
    SELECT count(*) INTO live FROM pace_slots s
    WHERE s.at > t - make_interval(secs => overall_period + stale)
      AND coalesce(s.done_at, least(t, s.at + make_interval(secs => stale)))
          > t - make_interval(secs => overall_period);
    SELECT coalesce(max(p.reply_waiting) > t - make_interval(secs => overall_period), false)
    INTO waiting FROM pace_state p;
    FOR k IN
        SELECT o.k FROM unnest(replies) WITH ORDINALITY AS o(r, k) ORDER BY o.r DESC, o.k
    LOOP
        cap := CASE WHEN replies[k] OR NOT waiting THEN overall ELSE overall - reserve END;
        IF live >= cap THEN
            IF replies[k] THEN  -- alerts leave room from now on, until it is through
                waiting := true;
                INSERT INTO pace_state (reply_waiting) VALUES (t)
                ON CONFLICT (only_row) DO UPDATE SET reply_waiting = excluded.reply_waiting;
            END IF;
            CONTINUE;
        END IF;
        period := CASE WHEN groups[k] THEN group_period ELSE private_period END;
        SELECT count(*) INTO used FROM pace_slots s
        WHERE s.chat_id = chats[k]
          AND s.at > t - make_interval(secs => period + stale)
          AND coalesce(s.done_at, least(t, s.at + make_interval(secs => stale)))
              > t - make_interval(secs => period);
        cap := CASE WHEN groups[k] THEN group_max ELSE private_max END;
        IF used >= cap THEN
            CONTINUE;
        END IF;
        INSERT INTO pace_slots (chat_id, at) VALUES (chats[k], t) RETURNING id INTO slot_id;
        live := live + 1;
        pos := k;
        RETURN NEXT;
    END LOOP;
END
$$;
