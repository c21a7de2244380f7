#if Postgres
/// Schema version 5: writers on different leads no longer take turns.
///
/// Event numbers come from a sequence (`event_numbers`), drawn after the write has locked the
/// lead rows it decides on, so each lead's events still go up. A write on named leads holds the
/// counters row `FOR KEY SHARE` (many at once); a write that plans over the whole store (routing,
/// undo, an import, new leads, settings) locks the counters table and row exclusively, and so
/// waits for those and holds off new ones. Numbers are handed out in the order they are drawn, not
/// committed, so a follower reads only up to a number no open transaction may still fill (see
/// `Horizon`). A member's transaction records what it was handed in `claims`; at COMMIT each number
/// must have its event and each event a number of its own (what `counters` checked until now).
enum SchemaNumbers {
    /// The functions of version 5 a member role runs.
    static let functions = ["leadq_share_counters()", "leadq_unclaim(bigint[])"]

    /// Every function version 5 makes, for removing a store.
    static let allFunctions = functions + ["leadq_claims_written()"]

    static let statements: [String] =
        [SchemaIdentity.pinPath] + objects + counting + checks
        + functions.map { "REVOKE ALL ON FUNCTION \($0) FROM PUBLIC" } + [grantExisting]

    /// Idempotent, so a store whose later versions were taken away by hand migrates again.
    static let objects = [
        "CREATE SEQUENCE IF NOT EXISTS event_numbers AS bigint MINVALUE 0 START 0 CACHE 1 OWNED BY counters.last_seq",
        // Past every number in use; a store being created is numbered by `seed`.
        """
        SELECT setval('event_numbers', greatest(
            (SELECT max(last_seq) FROM counters), (SELECT max(seq) FROM events),
            (SELECT last_value FROM event_numbers), 0), true)
        """,
        // What each open transaction of a member was handed and has written; gone at its COMMIT.
        // Unlogged: nothing in it outlives the transaction that wrote it.
        """
        CREATE UNLOGGED TABLE IF NOT EXISTS claims (
            tx xid8 PRIMARY KEY DEFAULT pg_current_xact_id(),
            numbers int8multirange NOT NULL,
            written bigint NOT NULL DEFAULT 0)
        """,
    ]

    static let counting = [
        // The whole store: new shared holders queue behind this (a table lock is fair; a row
        // lock alone would let a stream of them starve it). Returns the last number handed out.
        """
        CREATE OR REPLACE FUNCTION leadq_lock_counters(OUT last_seq bigint, OUT last_lead bigint) \(SchemaIdentity.definer("plpgsql")) $$
        BEGIN
            LOCK TABLE counters IN EXCLUSIVE MODE;
            SELECT c.last_lead INTO last_lead FROM counters c FOR UPDATE;
            SELECT s.last_value INTO last_seq FROM event_numbers s;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION leadq_share_counters() RETURNS void \(SchemaIdentity.definer("plpgsql")) $$
        BEGIN
            PERFORM 1 FROM counters FOR KEY SHARE;
        END
        $$
        """,
        // One number under a shared hold; several in a row, or lead numbers, under the whole
        // store's lock (then nobody else draws, so they are consecutive). The transaction has its
        // id before it draws: a follower that sees a later number knows who may still hold this one.
        """
        CREATE OR REPLACE FUNCTION leadq_next_seq(n bigint, leads bigint) RETURNS bigint \(SchemaIdentity.definer("plpgsql")) $$
        DECLARE first bigint;
        BEGIN
            IF n < 1 OR leads < 0 THEN
                RAISE EXCEPTION 'leadq_next_seq(%, %): at least one event, no fewer leads', n, leads
                    USING ERRCODE = '22023';
            END IF;
            IF NOT leadq_is_owner() AND (leadq_me() IS NULL OR (leads > 0 AND NOT leadq_is_manager())) THEN
                RAISE EXCEPTION '% may not number events or leads here', session_user USING ERRCODE = '42501';
            END IF;
            PERFORM pg_current_xact_id();
            IF n > 1 OR leads > 0 THEN
                PERFORM leadq_lock_counters();
                UPDATE counters SET last_lead = last_lead + leads WHERE leads > 0;
                first := nextval('event_numbers');
                IF n > 1 THEN PERFORM setval('event_numbers', first + n - 1); END IF;
            ELSE
                PERFORM 1 FROM counters FOR KEY SHARE;
                first := nextval('event_numbers');
            END IF;
            IF NOT leadq_is_owner() THEN
                INSERT INTO claims (numbers) VALUES (int8multirange(int8range(first, first + n)))
                    ON CONFLICT (tx) DO UPDATE SET numbers = claims.numbers + excluded.numbers;
            END IF;
            RETURN first;
        END
        $$
        """,
        // Numbers drawn and not used (a refusal, a lead only looked at): they stay unwritten.
        """
        CREATE OR REPLACE FUNCTION leadq_unclaim(unused bigint[]) RETURNS void \(SchemaIdentity.definer("plpgsql")) $$
        BEGIN
            UPDATE claims SET numbers = numbers - (SELECT range_agg(int8range(u, u + 1)) FROM unnest(unused) u)
                WHERE tx = pg_current_xact_id() AND cardinality(unused) > 0;
        END
        $$
        """,
    ]

    /// A member's events carry numbers handed out (checked as they are added) and, at COMMIT,
    /// exactly the numbers its transaction was handed.
    static let checks = [
        """
        CREATE OR REPLACE FUNCTION leadq_events_numbered() RETURNS trigger \(SchemaIdentity.definer("plpgsql")) $$
        BEGIN
            IF leadq_is_owner() THEN RETURN NULL; END IF;
            IF EXISTS (SELECT 1 FROM added WHERE seq > (SELECT last_value FROM event_numbers)) THEN
                RAISE EXCEPTION 'an event needs a number from leadq_next_seq' USING ERRCODE = '42501';
            END IF;
            UPDATE claims SET written = written + (SELECT count(*) FROM added) WHERE tx = pg_current_xact_id();
            IF NOT FOUND THEN
                RAISE EXCEPTION 'an event needs a number from leadq_next_seq' USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION leadq_claims_written() RETURNS trigger \(SchemaIdentity.definer("plpgsql")) $$
        DECLARE c claims; r int8range; total bigint := 0; present bigint;
        BEGIN
            SELECT * INTO c FROM claims WHERE tx = NEW.tx;
            IF NOT FOUND THEN RETURN NULL; END IF;
            FOR r IN SELECT unnest(c.numbers) LOOP
                SELECT count(*) INTO present FROM events WHERE seq >= lower(r) AND seq < upper(r);
                IF present <> upper(r) - lower(r) THEN
                    RAISE EXCEPTION 'events % to % were numbered and not all written', lower(r), upper(r) - 1
                        USING ERRCODE = '23514';
                END IF;
                total := total + upper(r) - lower(r);
            END LOOP;
            IF c.written <> total THEN
                RAISE EXCEPTION 'an event needs a number from leadq_next_seq' USING ERRCODE = '42501';
            END IF;
            DELETE FROM claims WHERE tx = NEW.tx;
            RETURN NULL;
        END
        $$
        """,
        "DROP TRIGGER IF EXISTS claims_written ON claims",
        """
        CREATE CONSTRAINT TRIGGER claims_written AFTER INSERT ON claims
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadq_claims_written()
        """,
    ]

    /// A member group made before version 5 gets the new rights here, one made later in `grants`.
    static let grantExisting = """
        DO $$
        DECLARE g name := current_schema() || '_' || current_database() || '_members';
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
                EXECUTE format('GRANT SELECT ON event_numbers TO %I', g);
                EXECUTE format('GRANT EXECUTE ON FUNCTION leadq_share_counters(), leadq_unclaim(bigint[]) TO %I', g);
            END IF;
        END $$
        """
}
#endif
