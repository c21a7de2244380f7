import LeadqDomain
import LeadqPostgres
import Testing

/// URLs, PG variables and ~/.pgpass read as psql reads them, and a password never shown.
@Suite struct PostgresTargetTests {
    let env = ["USER": "ana"]

    @Test func aFullURLGivesEveryPart() throws {
        let t = try PostgresTarget.resolve(
            "postgresql://ana:s3cr%40t@db.example:6543/sales?sslmode=require&schema=emea", environment: env)
        #expect(t.host == "db.example")
        #expect(t.port == 6543)
        #expect(t.user == "ana")
        #expect(t.password == "s3cr@t")
        #expect(t.database == "sales")
        #expect(t.sslMode == .require)
        #expect(t.schema == "emea")
        #expect(!t.isSocket)
        #expect(t.location == "postgresql://ana@db.example:6543/sales?sslmode=require&schema=emea")
    }

    @Test func missingPartsComeFromTheEnvironmentThenTheDefaults() throws {
        let bare = try PostgresTarget.resolve("postgres://", environment: env)
        #expect(bare.host == "/var/run/postgresql")
        #expect(bare.isSocket)
        #expect(bare.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(bare.user == "ana")
        #expect(bare.database == "ana")
        #expect(bare.sslMode == .prefer)
        #expect(bare.schema == "leadq")
        #expect(bare.password == nil)
        let pg = [
            "USER": "ana", "PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "ben", "PGPASSWORD": "pw",
            "PGDATABASE": "crm", "PGSSLMODE": "verify-full",
        ]
        let fromEnv = try PostgresTarget.resolve("postgresql:///", environment: pg)
        #expect(
            [
                fromEnv.host, String(fromEnv.port), fromEnv.user, fromEnv.password ?? "", fromEnv.database,
                fromEnv.sslMode.rawValue,
            ]
                == ["pg.internal", "5433", "ben", "pw", "crm", "verify-full"])
        // The URL wins over the environment.
        let both = try PostgresTarget.resolve("postgresql://mia@other/db2?sslmode=disable", environment: pg)
        #expect([both.host, both.user, both.database, both.sslMode.rawValue] == ["other", "mia", "db2", "disable"])
    }

    @Test func aSocketDirectoryCanBeGivenAsTheHost() throws {
        let t = try PostgresTarget.resolve("postgresql://leadq@%2Ftmp%2Fpg/postgres?schema=t1", environment: env)
        #expect(t.socketPath == "/tmp/pg/.s.PGSQL.5432")
        let q = try PostgresTarget.resolve("postgresql:///postgres?host=/tmp/pg&port=5999", environment: env)
        #expect(q.socketPath == "/tmp/pg/.s.PGSQL.5999")
        #expect(q.location == "postgresql://ana@/postgres?host=/tmp/pg&port=5999&schema=leadq")
        // The location reads back as the same target.
        #expect(try PostgresTarget.resolve(q.location, environment: [:]) == q)
        let v6 = try PostgresTarget.resolve("postgresql://ana@[::1]:7000/x", environment: env)
        #expect(v6.host == "::1" && v6.port == 7000)
        #expect(v6.location == "postgresql://ana@[::1]:7000/x?schema=leadq")
    }

    @Test func thePasswordFileIsReadAsPsqlReadsIt() throws {
        let pgpass = """
            # host:port:database:user:password
            other.example:*:*:ana:wrong
            db.example:5432:sales:ana:p\\:w\\\\1
            *:*:*:ana:fallback
            localhost:5432:*:ben:on-the-socket
            """
        let t = try PostgresTarget.resolve("postgresql://ana@db.example/sales", environment: env, pgpass: pgpass)
        #expect(t.password == "p:w\\1")
        let other = try PostgresTarget.resolve("postgresql://ana@elsewhere/sales", environment: env, pgpass: pgpass)
        #expect(other.password == "fallback")
        let socket = try PostgresTarget.resolve("postgresql://ben@/crm", environment: env, pgpass: pgpass)
        #expect(socket.password == "on-the-socket")
        // PGPASSWORD comes before the file.
        let given = try PostgresTarget.resolve(
            "postgresql://ana@db.example/sales", environment: ["PGPASSWORD": "env"], pgpass: pgpass)
        #expect(given.password == "env")
    }

    @Test func thePasswordIsNeverInTheLocation() throws {
        for url in ["postgresql://ana:hunter2@db.example/sales", "postgresql://ana@db.example/sales?password=hunter2"] {
            let t = try PostgresTarget.resolve(url, environment: env)
            #expect(t.password == "hunter2")
            #expect(!t.location.contains("hunter2"))
        }
    }

    @Test func badURLsAreRefusedAsBadInputNamingThePart() {
        let cases: [(String, String)] = [
            (
                "postgresql://h/db?sslmode=sometimes",
                "in the PostgreSQL URL: sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full"
            ),
            ("postgresql://h:99999/db", "in the PostgreSQL URL: port '99999' is not a port number (1 to 65535)"),
            (
                "postgresql://h/db?schema=Team-1",
                "in the PostgreSQL URL: schema 'Team-1' must be lower-case letters, digits and _ (at most 63, not starting with a digit)"
            ),
            (
                "postgresql://h/db?colour=red",
                "in the PostgreSQL URL: unknown parameter 'colour' (known: application_name, connect_timeout, dbname, host, password, port, schema, sslmode, user)"
            ),
            ("postgresql://a,b/db", "in the PostgreSQL URL: several hosts are not supported; name one"),
            ("postgresql://h/d%zz", "in the PostgreSQL URL: a % must be followed by two hex digits"),
            ("mysql://h/db", "not a PostgreSQL URL (it starts postgresql:// or postgres://)"),
        ]
        for (url, message) in cases {
            #expect(throws: Refusal(message, badInput: true)) { try PostgresTarget.resolve(url, environment: env) }
        }
        #expect(
            PostgresTarget.isURL("postgres://x") && PostgresTarget.isURL("postgresql://x")
                && !PostgresTarget.isURL("/var/lib/leadq"))
    }
}
