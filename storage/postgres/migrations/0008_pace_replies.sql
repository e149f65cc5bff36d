-- Command replies are no longer held by their chat's own window (storage/postgres/pace.py):
-- a reply still takes a slot, counted in the overall window and in its chat's (so alerts to
-- that chat wait behind it), but waits only for the overall limit, as in one process
-- (bot.alerts.limits.LocalPacer counts a reply and never holds it). A user sending a third
-- command within 2 s used to wait about 2 s for its answer. Alerts are paced as before.
-- Same arguments as 0007's: the limits come from bot.alerts.limits.Limits on every call.
CREATE OR REPLACE FUNCTION pace_take(
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
        -- A chat's own window holds alerts only: a reply's slot counts in it (alerts to
        -- that chat wait behind the reply) but the reply does not wait for it.
        IF NOT replies[k] THEN
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
        END IF;
        INSERT INTO pace_slots (chat_id, at) VALUES (chats[k], t) RETURNING id INTO slot_id;
        live := live + 1;
        pos := k;
        RETURN NEXT;
    END LOOP;
END
$$;
