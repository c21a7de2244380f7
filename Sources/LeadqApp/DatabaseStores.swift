import LeadqDomain
import LeadqPostgres
import LeadqStore

/// The stores a URL names. PostgreSQL is in the build only with the `Postgres` package trait
/// (its client adds minutes to a first build); without it, a URL is refused as bad input, saying
/// how to build it in.
enum DatabaseStores {
    #if Postgres
    static func open(_ url: String) throws -> any LeadStore { try PostgresStore.open(url: url) }

    static func create(
        _ url: String, settings: Settings, leads: [Lead], recent: [RecentAction]?, wide: [Event]
    ) throws -> any LeadStore {
        try PostgresStore.create(url: url, settings: settings, leads: leads, recent: recent, wide: wide)
    }

    static func remove(_ url: String) throws { try PostgresStore.remove(url: url) }

    static func migrate(_ url: String) throws -> (from: Int, to: Int) { try PostgresStore.migrate(url: url) }
    #else
    /// The URL isn't repeated: it may hold a password.
    static let notBuilt = BadInput(
        "this leadq was built without PostgreSQL, so it can't use a postgresql:// store; build it with `swift build -c release --traits Postgres`"
    )

    static func open(_ url: String) throws -> any LeadStore { throw notBuilt }

    static func create(
        _ url: String, settings: Settings, leads: [Lead], recent: [RecentAction]?, wide: [Event]
    ) throws -> any LeadStore { throw notBuilt }

    static func remove(_ url: String) throws { throw notBuilt }

    static func migrate(_ url: String) throws -> (from: Int, to: Int) { throw notBuilt }
    #endif
}
