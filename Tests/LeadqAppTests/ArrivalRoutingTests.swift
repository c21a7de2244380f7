import LeadqApp
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// `routing.onArrival`: an import routes the leads it creates in its own write.
@Suite struct ArrivalRoutingTests {
    let csv = """
        Record ID,First Name,Last Name,Email,Company Name,HubSpot Score
        5101,Amara,Okonkwo,amara@lagos.example,Lagos Logistics,95
        5102,Tom,Becker,tom@becker.example,Becker AG,10
        5103,Ines,Moreau,ines@moreau.example,Moreau SA,55

        """

    func importSample(onArrival: Bool) throws -> (ImportSaved, FileStore) {
        let dir = TempDirectory("leadq-arrival")
        var s = Fixture.settings
        s.dispatch.routeOnArrival = onArrival
        let store = try FileStore.create(at: dir.path, settings: s)
        let ws = Workspace(store: store, actor: "mia", zone: Zone(name: "UTC") { _ in 0 }, clock: { Fixture.t0 })
        let options = try ws.importOptions(
            format: nil, map: [], dateOrder: nil, clearEmpty: false, encoding: .utf8, timezone: nil)
        var rows = try ws.readImport(Array(csv.utf8), file: "leads.csv", options: options)
        let saved = try ws.saveImport(&rows, dryRun: false)
        return (saved, try FileStore.open(dir.path))
    }

    @Test func theNewLeadsAreRoutedInTheImportsOwnWrite() throws {
        let (saved, store) = try importSample(onArrival: true)
        // One transaction: the leads, then their routing, by the importer, each with its rule.
        #expect(
            saved.events.map { "\($0.lead) \($0.entry.by) \(Describe.op($0.entry.op))" } == [
                "L-00001 mia Created", "L-00002 mia Created", "L-00003 mia Created",
                "L-00001 mia Assigned to ana (rule round-robin)", "L-00003 mia Assigned to ben (rule round-robin)",
                "L-00002 mia Routed to nurture (rule low-score)",
            ])
        #expect(Set(saved.events.map(\.entry.at)) == [Fixture.t0])
        #expect(try store.unassigned().isEmpty)
        #expect(saved.routed?.decisions.count == 3)
    }

    @Test func withOnArrivalOffTheyWaitInThePool() throws {
        let (saved, store) = try importSample(onArrival: false)
        #expect(saved.events.map { Describe.op($0.entry.op) } == ["Created", "Created", "Created"])
        #expect(try store.unassigned().count == 3)
        #expect(saved.routed == nil)
    }
}
