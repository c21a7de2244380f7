import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqStore

/// Making stores: an empty one for a team, or a generated demo.
public enum Maintenance {
    /// Who to try the demo as, and its manager.
    public static let demoRep = DemoStore.defaultRep
    public static let demoManager = DemoStore.manager

    /// An empty store whose team is `reps` and `managers`; a team settings.json couldn't be read back
    /// with (a control character, a repeated id) is bad input, and nothing is created.
    @discardableResult
    public static func createEmpty(at location: String, reps: [String], managers: [String]) throws -> (
        any LeadStore, Settings
    ) {
        var settings = Settings()
        settings.reps = reps.map { Rep(id: $0, name: $0) } + managers.map { Rep(id: $0, name: $0, role: .manager) }
        do { try SettingsCodec.check(settings, source: "--reps/--managers") } catch let e as SettingsError {
            throw BadInput(e.description)
        }
        return (try StoreLocator.create(location, settings: settings), settings)
    }

    /// A generated demo store: the same seed and time give the same store.
    @discardableResult
    public static func createDemo(
        at location: String, leads: Int, seed: UInt64, now: Instant, reps: Int? = nil,
        replacing: Bool
    ) throws -> (store: any LeadStore, settings: Settings, leads: Int) {
        if replacing { try StoreLocator.remove(location) }
        let demo = DemoStore(leads: leads, seed: seed, now: now, reps: reps)
        let settings = demo.settings()
        let count = max(1, leads)
        let store = try StoreLocator.create(location, settings: settings, leadCount: count) { put in
            try demo.forEachLead(put)
        }
        return (store, settings, count)
    }
}
