#if Postgres
import Dispatch
import Foundation
import LeadqCodec
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

let t1 = Fixture.t0 + 3600

/// What only the PostgreSQL store has: its schema's version, its rows, the server's locks and
/// errors. What every store does is in LeadqStoreConformanceTests.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct PostgresStoreTests {
    @Test func aNewerSchemaIsRefusedNotMisread() throws {
        let url = try PostgresHarness.freshURL()
        let s = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        try PostgresRaw(url: url).run("INSERT INTO migrations (version, leadq) VALUES (7, 'a later leadq')")
        #expect(throws: StoreError.newerSchema(file: s.location, found: 7, supported: 6)) {
            try PostgresStore.open(url: url)
        }
        #expect(StoreError.newerSchema(file: s.location, found: 7, supported: 6).description.contains("upgrade leadq"))
    }

    @Test func anEmptySchemaSaysHowToMakeAStoreAndAFullOneIsNotMadeTwice() throws {
        let url = try PostgresHarness.freshURL()
        let location = try PostgresTarget.resolve(url, environment: [:]).location
        #expect(throws: StoreError.noStore(path: location)) { try PostgresStore.open(url: url) }
        #expect(
            StoreError.noStore(path: location).description
                == "no leadq store at \(location) (no leadq schema there); create one with `leadq init` or `leadq demo`"
        )
        _ = try PostgresStore.create(url: url, settings: Fixture.settings)
        #expect(throws: StoreError.exists(path: location)) {
            try PostgresStore.create(url: url, settings: Fixture.settings)
        }
    }

    @Test func verifyNamesARowThatDiffersFromItsEvents() throws {
        let url = try PostgresHarness.freshURL()
        let s = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let before = try #require(try s.lead("L-00001"))
        #expect(try s.verify().leads == 4)
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try s.verify().lastSeq == 32)
        // The row put back as it was before the accept, behind leadq's back.
        try PostgresRaw(url: url).run(
            "UPDATE leads SET body = $1::json WHERE id = 'L-00001'",
            String(decoding: LeadCodec.encode(before), as: UTF8.self))
        #expect(
            throws: StoreError.database(
                store: s.location,
                reason: "stored state differs from the events: L-00001 (version 2, the events end at 32)",
                consequence: "leadq has changed nothing; the events are the record")
        ) {
            try s.verify()
        }
    }

    @Test func twoWritersOnOneLeadAtOnceGetOneSuccessAndOneRefusal() throws {
        let url = try PostgresHarness.freshURL()
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        for round in 0..<5 {
            let lead = ["L-00001", "L-00004"][round % 2]
            let rep = round % 2 == 0 ? "ana" : "ben"
            nonisolated(unsafe) let stores = [try PostgresStore.open(url: url), try PostgresStore.open(url: url)]
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    let command: Command = .reject(reason: i == 0 ? "no-budget" : "bad-fit", note: "")
                    try stores[i].perform(command, on: lead, as: rep, at: t1 + Int64(round))
                    outcomes.add("saved")
                } catch let r as Refusal {
                    outcomes.add(r.message)
                } catch {
                    outcomes.add("failed: \(error)")
                }
            }
            let all = outcomes.all
            #expect(all.filter { $0 == "saved" }.count == 1, "\(all)")
            #expect(
                all.contains {
                    $0.hasPrefix("\(lead) was already rejected by \(rep) at ") && $0.hasSuffix("; you can't reject it")
                }, "\(all)")
            // Put the lead back for the next round.
            let undo = try PostgresStore.open(url: url)
            _ = try undo.undoLast(as: rep, at: t1 + Int64(round))
        }
        #expect(try PostgresStore.open(url: url).verify().leads == 4)
    }

    @Test func aWriterWaitsForTheLockNoLongerThanItsTimeout() throws {
        let url = try PostgresHarness.freshURL()
        let s = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let holder = try PostgresRaw(url: url)
        try holder.run("BEGIN")
        try holder.run("SELECT last_seq FROM counters FOR UPDATE")
        s.lockTimeout = 0.3
        #expect(throws: StoreError.busy(holder: nil, seconds: 1, consequence: "nothing was saved in \(s.location)")) {
            try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        }
        try holder.run("ROLLBACK")
        #expect(try s.perform(.accept, on: "L-00001", as: "ana", at: t1).lead.stage == .accepted)
    }

    @Test func aWaitingWriterIsToldItWaitsThenSavesOnceTheLockIsFree() throws {
        let url = try PostgresHarness.freshURL()
        nonisolated(unsafe) let s = try PostgresStore.create(
            url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let holder = try PostgresRaw(url: url)
        try holder.run("BEGIN")
        try holder.run("SELECT last_seq FROM counters FOR UPDATE")
        let told = Outcomes()
        s.lockTimeout = 10
        s.onLockWait = { told.add("waited \($0.seconds) s") }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcomes()
        DispatchQueue.global().async {
            do {
                outcome.add("\(try s.perform(.accept, on: "L-00001", as: "ana", at: t1).lead.stage)")
            } catch {
                outcome.add("failed: \(error)")
            }
            done.signal()
        }
        // Let go once it has said it waits (a loaded machine may take a while to get it there).
        for _ in 0..<160 where told.all.isEmpty { usleep(50_000) }
        #expect(outcome.all.isEmpty, "saved while the lock was held")
        try holder.run("COMMIT")
        done.wait()
        #expect(outcome.all == ["accepted"])
        #expect(told.all == ["waited 1 s"])
    }

    @Test func connectionFailuresNameTheStoreWithoutThePassword() throws {
        let base = try PostgresHarness.server.get()
        let target = try PostgresTarget.resolve(base, environment: [:])
        let cases = [
            // No such database, and no server at all on a socket directory that doesn't exist.
            (
                "postgresql://\(target.user):hunter2@/no_such_db?host=\(target.host)&port=\(target.port)",
                "database \"no_such_db\" does not exist"
            ),
            (
                "postgresql://\(target.user):hunter2@/postgres?host=/nonexistent-leadq&port=\(target.port)",
                "can't connect"
            ),
        ]
        for (url, expected) in cases {
            let location = try PostgresTarget.resolve(url, environment: [:]).location
            #expect { try PostgresStore.open(url: url, environment: [:]) } throws: { e in
                let text = "\(e)"
                return text.hasPrefix(location + ": ") && text.contains(expected) && !text.contains("hunter2")
                    && text.hasSuffix("; the store can't be opened")
            }
        }
    }
}

/// What each thread of a race saw.
final class Outcomes: @unchecked Sendable {
    private let lock = DispatchQueue(label: "outcomes")
    private var list: [String] = []
    func add(_ s: String) { lock.sync { list.append(s) } }
    var all: [String] { lock.sync { list } }
}
#endif
