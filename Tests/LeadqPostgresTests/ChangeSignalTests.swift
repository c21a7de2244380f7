#if Postgres
import Dispatch
import Foundation
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// Writes announce themselves with NOTIFY as they commit; a process waiting for changes wakes at
/// once instead of asking the server again and again.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct ChangeSignalTests {
    @Test func anotherProcesssWriteWakesAWaitingStoreWithin250ms() throws {
        let url = try PostgresHarness.freshURL()
        nonisolated(unsafe) let writer = try PostgresStore.create(
            url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let reader = try PostgresStore.open(url: url)
        #expect(!reader.waitForChange(seconds: 0.2), "nothing was saved yet")
        let saved = Outcomes()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            do {
                try writer.perform(.accept, on: "L-00001", as: "ana", at: t1)
                saved.add(String(Date().timeIntervalSince1970))
            } catch {
                saved.add("failed: \(error)")
            }
        }
        #expect(reader.waitForChange(seconds: 10))
        let woke = Date().timeIntervalSince1970
        // The writer's call returns after COMMIT; the reader may wake a moment before it does.
        while saved.all.isEmpty { usleep(1_000) }
        let committed = try #require(Double(saved.all[0]), "\(saved.all)")
        #expect(woke - committed < 0.25)
        #expect(try reader.refresh().changed == ["L-00001"])
        #expect(!reader.waitForChange(seconds: 0.1), "already read")
        // Its own writes are no news to it.
        try reader.perform(.accept, on: "L-00004", as: "ben", at: t1)
        #expect(!reader.waitForChange(seconds: 0.1))
        #expect(reader.isConnected)
    }

    /// The server ends the store's connection (a restart, an administrator): the store says it is
    /// offline, and its next read connects again and catches up with what it missed.
    @Test func aDroppedConnectionIsMadeAgainAndCatchesUp() throws {
        let url = try PostgresHarness.freshURL()
        let writer = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let reader = try PostgresStore.open(url: url)
        let pid = try reader.serverProcessID()
        #expect(try PostgresRaw(url: url).run("SELECT pg_terminate_backend(\(pid))::text") == ["true"])
        var waited = 0
        while reader.isConnected && waited < 500 {
            usleep(10_000)
            waited += 1
        }
        #expect(!reader.isConnected)
        try writer.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try reader.refresh().changed == ["L-00001"])
        #expect(reader.isConnected)
        #expect(try reader.serverProcessID() != pid)
        // Listening again too: the next change wakes it.
        try writer.perform(.accept, on: "L-00004", as: "ben", at: t1)
        #expect(reader.waitForChange(seconds: 5))
        #expect(
            try reader.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: ""), on: "L-00001", as: "ana",
                at: t1
            ).lead.work.contacts.count == 1)
    }

    /// While the server can't be reached, each call fails at once between tries (no wait on every
    /// key press), and the first try after the back-off connects again.
    @Test func reconnectingBacksOffWhileTheServerRefuses() throws {
        let base = try PostgresTarget.resolve(try PostgresHarness.server.get(), environment: [:])
        let name = "lq_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresRaw(url: base.location)
        try admin.run("CREATE DATABASE \(name)")
        var target = base
        target.database = name
        let url = target.location
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let reader = try PostgresStore.open(url: url)
        try admin.run("SELECT pg_terminate_backend(\(try reader.serverProcessID()))")
        while reader.isConnected { usleep(10_000) }
        // The database gone from under it: the try fails with the server's words, the next at once.
        try admin.run("ALTER DATABASE \(name) RENAME TO \(name)_away")
        #expect { try reader.refresh() } throws: { "\($0)".contains("database \"\(name)\" does not exist") }
        #expect { try reader.refresh() } throws: {
            "\($0)".contains("offline: the connection to the server was lost; trying again shortly")
        }
        try admin.run("ALTER DATABASE \(name)_away RENAME TO \(name)")
        usleep(300_000)
        #expect(try reader.refresh().isEmpty)
        #expect(reader.isConnected)
    }

    @Test func aRefusedOrEmptyWriteAnnouncesNothing() throws {
        let url = try PostgresHarness.freshURL()
        let writer = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let reader = try PostgresStore.open(url: url)
        #expect(throws: Refusal.self) { try writer.perform(.accept, on: "L-00001", as: "ben", at: t1) }
        _ = try writer.transact(as: "mia", at: t1) { _ in 0 }
        #expect(!reader.waitForChange(seconds: 0.3))
    }
}
#endif
