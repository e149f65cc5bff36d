-- Instances following the subscription index (storage/postgres/follow.py) LISTEN on the
-- channel `subscription_changes`: each transaction that writes the change log wakes them
-- when it commits (a NOTIFY is delivered at commit; identical ones of one transaction are
-- delivered once). The log stays the truth: a notification is lost while a listener is
-- disconnected, so followers also read the log every few seconds.
CREATE FUNCTION notify_subscription_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('subscription_changes', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER subscription_changes_notify
    AFTER INSERT ON subscription_changes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_subscription_change();
