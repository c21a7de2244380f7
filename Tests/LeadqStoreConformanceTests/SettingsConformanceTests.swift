import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// The team's settings, changed through the store: by a manager only, together with a store-wide
/// event that other views read, that a compaction keeps, and that a copy of the store carries.
@Suite struct SettingsConformanceTests {
    @Test(arguments: StoreKinds.all)
    func aManagerChangesTheSettingsAndEveryViewReadsThem(_ kind: StoreKind) throws {
        let place = try kind.place()
        let store = try place.create()
        let other = try place.open()
        var longer = store.settings
        longer.undoWindowHours = 48
        let before = try place.contents()
        #expect(throws: Refusal("only a manager can change the settings; ana is a rep")) {
            try store.applySettings(longer, note: "by a rep", as: "ana", at: t1)
        }
        #expect(try place.contents() == before)

        let event = try store.applySettings(longer, note: "from a test", as: "mia", at: t1)
        #expect(event.lead == "" && event.entry.op == .settings(note: "from a test") && event.seq == store.lastSeq)
        #expect(store.settings.undoWindowHours == 48)
        #expect(try store.storeEvents() == [event])
        // Not an action undo could take back.
        #expect(!store.recentActions(of: "mia").contains { $0.seq == event.seq })

        _ = try other.refresh()
        #expect(other.settings.undoWindowHours == 48)
        #expect(try other.storeEvents() == [event])
        #expect(try compacted(store, kind))
        let reopened = try place.open()
        #expect(reopened.settings.undoWindowHours == 48)
        #expect(try reopened.storeEvents() == [event])
        #expect(reopened.lastSeq == event.seq)
    }
}
