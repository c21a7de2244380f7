#if Postgres
/// Schema version 2: who may write what, enforced by the server (docs/postgres-identity.md).
///
/// The owner role (it ran `leadq init` and owns the tables) may do anything. Every other role acts
/// as the member `members` maps it to, for `session_user` (what the role logged in as, which
/// `SET ROLE` doesn't change): it adds events only as itself, on leads it may work; it changes the
/// row of no other rep's lead, and only with an event of its own that explains the change; event
/// numbers come only from `leadq_next_seq`, and at COMMIT every number handed out has its event.
enum SchemaIdentity {
    /// The functions a member role needs to run (policies call them as the querying role).
    static let functions = [
        "leadq_is_owner()", "leadq_me()", "leadq_is_manager()", "leadq_may_act(text)",
        "leadq_lock_counters()", "leadq_next_seq(bigint, bigint)", "leadq_lock_lead(text)",
    ]

    /// Every function version 2 makes, for removing a store.
    static let allFunctions =
        functions + ["leadq_no_gaps()", "leadq_events_numbered()", "leadq_rows_follow_events()"]

    /// The statements of version 2, run with the store's schema first on the search path (as
    /// `init` and a migration do). Schema-free, so the step is the same for every store.
    static let statements: [String] =
        [pinPath] + tables + roles + counting + checks + policies
        + functions.map { "REVOKE ALL ON FUNCTION \($0) FROM PUBLIC" }

    /// The store's schema, then pg_temp last: the path every function below keeps (`FROM
    /// CURRENT`), so no temporary table of a caller's can stand in for one of the store's.
    static let pinPath = "SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true)"

    static let tables = [
        """
        CREATE TABLE members (
            role name PRIMARY KEY,
            rep text UNIQUE NOT NULL)
        """
    ]

    /// Header of a function that runs as the owner, with the path `pinPath` set.
    static func definer(_ language: String) -> String {
        "LANGUAGE \(language) SECURITY DEFINER SET search_path FROM CURRENT AS"
    }

    /// Who is asking: the owner (or a superuser), and which member `session_user` is.
    static let roles = [
        """
        CREATE OR REPLACE FUNCTION leadq_is_owner() RETURNS boolean STABLE \(definer("sql")) $$
            SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = 'events'::regclass
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION leadq_me() RETURNS text STABLE \(definer("sql")) $$
            SELECT rep FROM members WHERE role = session_user
        $$
        """,
        // The settings say who manages: the same team list the rules read.
        """
        CREATE OR REPLACE FUNCTION leadq_is_manager() RETURNS boolean STABLE \(definer("sql")) $$
            SELECT EXISTS (
                SELECT 1 FROM settings, json_array_elements(settings.body -> 'team') AS t(member)
                WHERE t.member ->> 'id' = (SELECT rep FROM members WHERE role = session_user)
                  AND t.member ->> 'role' = 'manager')
        $$
        """,
        // A rep works the leads they own, and a lead nobody owns that they worked before (a note
        // on a rejected lead, the undo of their own reject). Leads that don't exist yet: managers.
        """
        CREATE OR REPLACE FUNCTION leadq_may_act(lead_id text) RETURNS boolean STABLE \(definer("sql")) $$
            SELECT EXISTS (
                SELECT 1 FROM leads l WHERE l.id = lead_id
                  AND (l.owner = leadq_me() OR (l.owner IS NULL AND EXISTS (
                      SELECT 1 FROM events e WHERE e.lead = l.id AND e.actor = leadq_me()))))
        $$
        """,
    ]

    /// Event numbers: the counters row is locked for the whole write, and advanced by the write's
    /// number of events; at COMMIT every number handed out must have its event.
    static let counting = [
        """
        CREATE OR REPLACE FUNCTION leadq_lock_counters(OUT last_seq bigint, OUT last_lead bigint) \(definer("sql")) $$
            SELECT last_seq, last_lead FROM counters FOR UPDATE
        $$
        """,
        // The row a write decides against, locked whoever owns it: `SELECT … FOR UPDATE` would
        // hide a row the role may not change, and the rules' refusal must read the same.
        """
        CREATE OR REPLACE FUNCTION leadq_lock_lead(lead_id text) RETURNS text \(definer("sql")) $$
            SELECT body::text FROM leads WHERE id = lead_id FOR UPDATE
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION leadq_next_seq(n bigint, leads bigint) RETURNS bigint \(definer("plpgsql")) $$
        DECLARE first bigint;
        BEGIN
            IF n < 1 OR leads < 0 THEN
                RAISE EXCEPTION 'leadq_next_seq(%, %): at least one event, no fewer leads', n, leads
                    USING ERRCODE = '22023';
            END IF;
            IF NOT leadq_is_owner() AND (leadq_me() IS NULL OR (leads > 0 AND NOT leadq_is_manager())) THEN
                RAISE EXCEPTION '% may not number events or leads here', session_user USING ERRCODE = '42501';
            END IF;
            UPDATE counters SET last_seq = last_seq + n, last_lead = last_lead + leads
                RETURNING last_seq - n + 1 INTO first;
            RETURN first;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION leadq_no_gaps() RETURNS trigger \(definer("plpgsql")) $$
        BEGIN
            IF (SELECT count(*) FROM events WHERE seq > OLD.last_seq AND seq <= NEW.last_seq)
                <> NEW.last_seq - OLD.last_seq THEN
                RAISE EXCEPTION 'events % to % were numbered and not all written', OLD.last_seq + 1, NEW.last_seq
                    USING ERRCODE = '23514';
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE CONSTRAINT TRIGGER counters_no_gaps AFTER UPDATE ON counters
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadq_no_gaps()
        """,
    ]

    /// What RLS can't say of a row alone: a member's events carry numbers handed out to it, and a
    /// lead's row changes only with the lead's newest event, its writer's own.
    static let checks = [
        """
        CREATE OR REPLACE FUNCTION leadq_events_numbered() RETURNS trigger \(definer("plpgsql")) $$
        BEGIN
            IF NOT leadq_is_owner() AND EXISTS (SELECT 1 FROM added WHERE seq > (SELECT last_seq FROM counters)) THEN
                RAISE EXCEPTION 'an event needs a number from leadq_next_seq' USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER events_numbered AFTER INSERT ON events REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION leadq_events_numbered()",
        """
        CREATE OR REPLACE FUNCTION leadq_rows_follow_events() RETURNS trigger \(definer("plpgsql")) $$
        BEGIN
            IF leadq_is_owner() THEN RETURN NULL; END IF;
            IF EXISTS (SELECT 1 FROM changed n WHERE NOT EXISTS (
                    SELECT 1 FROM events e WHERE e.seq = n.version AND e.lead = n.id
                      AND (e.actor = leadq_me() OR (e.actor = 'dispatch' AND leadq_is_manager()))
                      AND NOT EXISTS (SELECT 1 FROM events later WHERE later.lead = n.id AND later.seq > e.seq)))
            THEN
                RAISE EXCEPTION 'a lead''s row changes only with its newest event, written by %', leadq_me()
                    USING ERRCODE = '42501';
            END IF;
            -- Nested: the INSERT trigger has no `before` table to name.
            IF TG_OP = 'UPDATE' THEN
                IF EXISTS (
                        SELECT 1 FROM changed n LEFT JOIN before o ON o.id = n.id
                        WHERE o.id IS NULL OR n.version <= o.version) THEN
                    RAISE EXCEPTION 'a lead''s row changes only forward, to a new event' USING ERRCODE = '42501';
                END IF;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER leads_added AFTER INSERT ON leads REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION leadq_rows_follow_events()",
        "CREATE TRIGGER leads_changed AFTER UPDATE ON leads REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION leadq_rows_follow_events()",
    ]

    /// Row-level security, forced on the owner too (its policies let it through): a member reads
    /// everything and writes only what the rules let it. Each call is a sub-select, so it runs once
    /// per statement, not once per row of an import.
    static let policies = [
        "ALTER TABLE events ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE events FORCE ROW LEVEL SECURITY",
        "CREATE POLICY events_read ON events FOR SELECT USING (true)",
        """
        CREATE POLICY events_add ON events FOR INSERT WITH CHECK (
            (SELECT leadq_is_owner())
            OR ((SELECT leadq_is_manager()) AND actor IN ((SELECT leadq_me()), 'dispatch'))
            OR (actor = (SELECT leadq_me()) AND leadq_may_act(lead)))
        """,
        "CREATE POLICY events_owner_update ON events FOR UPDATE USING ((SELECT leadq_is_owner()))",
        "CREATE POLICY events_owner_delete ON events FOR DELETE USING ((SELECT leadq_is_owner()))",
        "ALTER TABLE leads ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE leads FORCE ROW LEVEL SECURITY",
        "CREATE POLICY leads_read ON leads FOR SELECT USING (true)",
        // New leads come from managers. An upsert of an existing row is checked against this too:
        // a rep passes for a lead they may work, and the update policy decides.
        """
        CREATE POLICY leads_add ON leads FOR INSERT
            WITH CHECK ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()) OR leadq_may_act(id))
        """,
        """
        CREATE POLICY leads_change ON leads FOR UPDATE
            USING ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()) OR owner = (SELECT leadq_me())
                OR (owner IS NULL AND EXISTS (
                    SELECT 1 FROM events e WHERE e.lead = id AND e.actor = (SELECT leadq_me()))))
            WITH CHECK ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()) OR owner IS NULL
                OR owner = (SELECT leadq_me()))
        """,
        "CREATE POLICY leads_owner_delete ON leads FOR DELETE USING ((SELECT leadq_is_owner()))",
        // The dispatcher's ledger: read by all, written by the dispatcher, which runs as a manager.
        "ALTER TABLE dispatch ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE dispatch FORCE ROW LEVEL SECURITY",
        "CREATE POLICY dispatch_read ON dispatch FOR SELECT USING (true)",
        "CREATE POLICY dispatch_add ON dispatch FOR INSERT WITH CHECK ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()))",
        """
        CREATE POLICY dispatch_write ON dispatch FOR UPDATE
            USING ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()))
        """,
    ]

    /// Version 3: a manager's own login applies settings (`leadq settings apply`); version 2 left
    /// that to the owner. Everyone reads them; only the owner and managers change them. A member
    /// group made under version 2 gets the grant here, one made later in `grants`.
    static let managersSetSettings = [
        pinPath,
        "ALTER TABLE settings ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE settings FORCE ROW LEVEL SECURITY",
        "CREATE POLICY settings_read ON settings FOR SELECT USING (true)",
        """
        CREATE POLICY settings_change ON settings FOR UPDATE
            USING ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()))
            WITH CHECK ((SELECT leadq_is_owner()) OR (SELECT leadq_is_manager()))
        """,
        """
        DO $$
        DECLARE g name := current_schema() || '_' || current_database() || '_members';
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
                EXECUTE format('GRANT UPDATE ON settings TO %I', g);
            END IF;
        END $$
        """,
    ]

    /// Version 4: the owner adds the settings row as it creates a store. Version 3 forced row-level
    /// security on `settings` with no policy for adding, so only a superuser (whom no policy binds)
    /// could create a store: an owner role as the README makes it was refused.
    static let ownerAddsSettings = [
        pinPath,
        "CREATE POLICY settings_add ON settings FOR INSERT WITH CHECK ((SELECT leadq_is_owner()))",
    ]

    /// Version 6: `leadq_lock_lead` locks the row a write decides against whoever owns it, so that
    /// a rep told "L-00004 is ben's lead" is told it on every store. It runs as the owner, and a
    /// lock needs the update policy's leave; an owner that isn't a superuser had none for a row
    /// the member asking may not change, and the member was told the lead doesn't exist. This lets
    /// the owner's own functions through while someone else's session runs them; none of them
    /// changes a lead's row.
    static let ownerFunctionsLockLeads = [
        pinPath,
        """
        CREATE POLICY leads_lock ON leads FOR UPDATE
            USING (current_user <> session_user AND pg_has_role(current_user, (
                SELECT c.relowner FROM pg_class c WHERE c.oid = 'leads'::regclass), 'MEMBER'))
            WITH CHECK (false)
        """,
    ]

    /// What the store's member group may do: read everything, add events and change lead rows (the
    /// policies decide which), write the dispatcher's ledger (managers), run the functions.
    static func grants(to group: String, schema: String) -> [String] {
        [
            "GRANT USAGE ON SCHEMA \"\(schema)\" TO \(group)",
            "GRANT SELECT ON migrations, counters, settings, members, dispatch, events, leads TO \(group)",
            "GRANT INSERT ON events, leads, dispatch TO \(group)",
            "GRANT UPDATE ON leads, dispatch, settings TO \(group)",
            "GRANT SELECT ON event_numbers TO \(group)",
        ] + (functions + SchemaNumbers.functions).map { "GRANT EXECUTE ON FUNCTION \($0) TO \(group)" }
    }
}
#endif
