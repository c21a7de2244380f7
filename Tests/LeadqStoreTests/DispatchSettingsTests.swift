import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// The dispatcher's settings read and checked like the rest of settings.json; its ledger kept
/// through the store's lease.
@Suite struct DispatchSettingsTests {
    func decode(_ json: String) throws -> Settings {
        try SettingsCodec.decode(Array(json.utf8), file: "settings.json")
    }

    @Test func theDispatchersSettingsHaveTheirDefaultsAndRoundTrip() throws {
        let d = try decode("{\"schema\":1}").dispatch
        #expect(d.routeOnArrival && d.warnMinutes == 10)
        #expect(d.notify.isEmpty && d.notifyTimeoutSeconds == 10 && d.notifyAttempts == 8 && d.notifyRetrySeconds == 10)
        var s = Fixture.settings
        s.dispatch.routeOnArrival = false
        s.dispatch.warnMinutes = 3
        s.dispatch.notify = [
            NotifyCommand(
                command: ["/usr/bin/curl", "-d", "@-", "https://hooks.example/x"], alerts: [.poolHot], to: ["mia"]),
            NotifyCommand(command: ["sendmail", "sales@example.com"]),
        ]
        s.dispatch.notifyAttempts = 3
        s.routing = [RoutingRule(name: "all", when: [], target: .team("emea"))]
        #expect(try SettingsCodec.decode(SettingsCodec.encode(s), file: "settings.json") == s)
        let text = String(decoding: SettingsCodec.encode(Settings()), as: UTF8.self)
        #expect(text.contains("\"poolHotMinutes\": 5"))
        #expect(text.contains("\"routing\": []"))
    }

    @Test func routingIsAListOfRulesOrAnObjectSayingMore() throws {
        let list = try decode(#"{"schema":1,"team":[{"id":"a"}],"routing":[{"name":"r","to":{"rep":"a"}}]}"#)
        #expect(list.routing.map(\.name) == ["r"] && list.dispatch.routeOnArrival)
        let object = try decode(
            #"{"schema":1,"team":[{"id":"a"}],"routing":{"onArrival":false,"rules":[{"name":"r","to":{"rep":"a"}}]}}"#)
        #expect(object.routing.map(\.name) == ["r"] && !object.dispatch.routeOnArrival)
    }

    @Test(arguments: [
        (#"{"schema":1,"routing":{"onArival":false}}"#, "settings.json: line 1: unknown key 'routing.onArival'"),
        (#"{"schema":1,"sla":{"warnMinutes":0}}"#, "settings.json: line 1: 'sla.warnMinutes' must be above 0, not 0"),
        (
            #"{"schema":1,"notify":[{"command":[]}]}"#,
            #"settings.json: line 1: 'notify[0].command' must name a program, e.g. ["/usr/local/bin/page"]"#
        ),
        (
            #"{"schema":1,"notify":[{"command":["x"],"alerts":["hot"]}]}"#,
            "settings.json: line 1: 'notify[0].alerts[0]' must be one of hot-assigned, pool-hot, sla-warning, followup-due, not 'hot'"
        ),
        (
            #"{"schema":1,"notify":[{"command":["x"],"to":["ghost"]}]}"#,
            "settings.json: 'notify[0].to' names 'ghost', who is not in 'team'"
        ),
        (
            #"{"schema":1,"team":[{"id":"dispatch"}]}"#,
            "settings.json: 'team[0].id' 'dispatch' is the dispatcher's name; give the rep another id"
        ),
        (
            #"{"schema":1,"dispatch":{"notifyAttempts":101}}"#,
            "settings.json: line 1: 'dispatch.notifyAttempts' must be at most 100, not 101"
        ),
        (
            #"{"schema":1,"sla":{"warnMinutes":0}}"#,
            "settings.json: line 1: 'sla.warnMinutes' must be above 0, not 0"
        ),
    ])
    func mistakesAreNamedByTheirField(_ json: String, _ message: String) {
        #expect(
            throws: SettingsError(file: "settings.json", message: String(message.dropFirst("settings.json: ".count)))
        ) {
            try decode(json)
        }
    }

    @Test func theLedgerRoundTripsThroughTheFileStoresLease() throws {
        let dir = TempDirectory("leadq-lease")
        let store = try FileStore.create(at: dir.path, settings: Fixture.settings)
        guard case .taken(let lease) = try store.takeDispatchLease() else {
            Issue.record("the lease of a fresh store is free")
            return
        }
        #expect(try lease.loadState() == nil)
        var ledger = AlertLedger()
        ledger.cursor = AlertCursor(seq: 12, at: Fixture.t0)
        let a = Alert(
            kind: .poolHot, key: "pool-hot/L-00001/1", lead: "L-00001", to: ["mia"], at: Fixture.t0, text: "t")
        ledger.raise(a, payload: #"{"alert":"pool-hot","name":"Zoë \"Z\" ⟨x⟩"}"#, commands: ["page --now"])
        ledger.sent["followup-due/L-00002/7"] = Fixture.t0 + 60
        try lease.saveState(AlertLedgerCodec.encode(ledger))
        #expect(try AlertLedgerCodec.decode(try lease.loadState()!) == ledger)
        // Held: a second dispatcher can't take it, even from this process; released, it can.
        let other = try FileStore.open(dir.path)
        guard case .held = try other.takeDispatchLease() else {
            Issue.record("a held lease was taken twice")
            return
        }
        lease.release()
        guard case .taken(let next) = try other.takeDispatchLease() else {
            Issue.record("a released lease stayed held")
            return
        }
        #expect(try AlertLedgerCodec.decode(try next.loadState()!) == ledger)
        #expect(throws: JSONError.self) { try AlertLedgerCodec.decode(Array("{\"sent\":[[1]]}".utf8)) }
    }
}
