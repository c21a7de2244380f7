import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore

#if Postgres
import LeadqPostgres
#endif

/// One implementation of `LeadStore` the conformance suite runs its test bodies against.
public struct StoreKind: Sendable, CustomStringConvertible {
    public let name: String
    /// Whether `compact()` folds anything: the file store does; a database has nothing to fold.
    public let compacts: Bool
    let make: @Sendable () throws -> StorePlace

    public init(name: String, compacts: Bool, make: @escaping @Sendable () throws -> StorePlace) {
        (self.name, self.compacts, self.make) = (name, compacts, make)
    }

    public var description: String { name }

    /// A fresh, empty place for one store of this kind, of the test's own.
    public func place() throws -> StorePlace { try make() }
}

/// Where one test's store lives (a temporary directory, a database schema of its own): it makes
/// the store, opens further views of it as other processes would, and goes when the test is done.
public final class StorePlace: @unchecked Sendable {
    public let location: String
    private let createStore: (Settings, [Lead]) throws -> any LeadStore
    private let openStore: () throws -> any LeadStore
    private let dump: () throws -> [String]
    private let cleanUp: () -> Void

    public init(
        location: String, create: @escaping (Settings, [Lead]) throws -> any LeadStore,
        open: @escaping () throws -> any LeadStore, contents: @escaping () throws -> [String],
        cleanUp: @escaping () -> Void = {}
    ) {
        self.location = location
        (createStore, openStore, dump, self.cleanUp) = (create, open, contents, cleanUp)
    }

    deinit { cleanUp() }

    /// Creates the store holding `leads`, whose history entries carry sequence numbers 1…n.
    public func create(settings: Settings = Fixture.settings, leads: [Lead] = Fixture.storeLeads()) throws
        -> any LeadStore
    {
        try createStore(settings, leads)
    }

    /// Another view of the same store, as another process opening it would have.
    public func open() throws -> any LeadStore { try openStore() }

    /// Everything the store holds, as text: equal before and after means nothing was written.
    public func contents() throws -> [String] { try dump() }
}

public enum StoreKinds {
    /// The file store always; PostgreSQL when built with it and a server is at hand.
    public static var all: [StoreKind] { [file] + extra }

    #if Postgres
    public static let postgresBuiltIn = true
    /// Why the PostgreSQL cases don't run here, or nil when they do.
    public static var skipped: String? {
        if case .failure(let why) = PostgresHarness.server { return why.description }
        return nil
    }
    static var extra: [StoreKind] { skipped == nil ? [PostgresHarness.kind] : [] }
    #else
    public static let postgresBuiltIn = false
    public static var skipped: String? { "built without PostgreSQL (`swift test --traits Postgres` builds it)" }
    static var extra: [StoreKind] { [] }
    #endif

    /// Opens the store at `location`: a directory, or (in a build with it) a PostgreSQL URL.
    public static func open(_ location: String) throws -> any LeadStore {
        #if Postgres
        if location.hasPrefix("postgres") { return try PostgresStore.open(url: location) }
        #endif
        return try FileStore.open(location)
    }

    /// The server process serving a database store's connection, nil for a directory.
    public static func backendPID(_ store: any LeadStore) -> Int32? {
        #if Postgres
        return try? PostgresHarness.backendPID(store)
        #else
        return nil
        #endif
    }

    public static let file = StoreKind(name: "files", compacts: true) {
        let dir = TempDirectory("leadq-conformance")
        let path = dir.path + "/store"
        return StorePlace(
            location: path,
            create: { settings, leads in try FileStore.create(at: path, settings: settings, leads: leads) },
            open: { try FileStore.open(path) },
            contents: { try fileContents(path) },
            cleanUp: { withExtendedLifetime(dir) {} })
    }

    /// Every file but the lock, with its bytes.
    static func fileContents(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted().filter { !$0.hasSuffix("lock") }.map {
            name in
            name + ": " + (try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))).base64EncodedString()
        }
    }
}

extension Fixture {
    /// L-00001 assigned to ana, L-00002 accepted by ana, L-00003 new, L-00004 assigned to ben.
    public static func storeLeads() -> [Lead] {
        [
            LeadScript("L-00001", profile: profile(name: "Grace Müller", score: 85), firstSeq: 1).assign("ana").lead,
            LeadScript("L-00002", profile: profile(name: "王伟", score: 60), firstSeq: 10).assign("ana").accept(by: "ana")
                .lead,
            LeadScript("L-00003", profile: profile(name: "Chloé Dubois", score: 40), firstSeq: 20).lead,
            LeadScript("L-00004", profile: profile(name: "Ben's lead", score: 70), firstSeq: 30).assign("ben").lead,
        ]
    }
}

/// The store of one running test case: a suite whose tests take a `StoreKind` argument holds one
/// (each case gets its own suite instance) and its helpers read `location` once the test has
/// chosen its kind with `use`.
public final class StoreSlot: @unchecked Sendable {
    private var current: StorePlace?

    public init() {}

    /// A fresh, empty place of `kind` for this test case.
    @discardableResult
    public func use(_ kind: StoreKind) throws -> StorePlace {
        let place = try kind.place()
        current = place
        return place
    }

    public var place: StorePlace {
        guard let current else { preconditionFailure("the test hasn't chosen its store kind (StoreSlot.use)") }
        return current
    }

    /// What `--store` and `$LEADQ_STORE` take: a directory, or a PostgreSQL URL.
    public var location: String { place.location }

    /// Whether this is a directory of files (not a database).
    public var isFiles: Bool { !location.contains("://") }
}
