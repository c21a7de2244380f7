import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Who may read the files and who may act on which lead.
@Suite struct PermissionTests {
    let dir = TempDirectory("leadq-perm")

    /// Permission bits of every file and directory a store has, after creation, writes, a compaction
    /// and a torn tail set aside (made by a child process, so its umask is its own).
    func modes(umask: String, groupShared: Bool) throws -> [String: String] {
        let store = dir.path + "/store-\(umask)-\(groupShared)"
        let child = try ChildProcess(
            ChildProcess.crashChild,
            ["exercise-files", "--store", store, "--umask", umask] + (groupShared ? ["--group-shared"] : []))
        child.wait(timeout: 60)
        #expect(child.exitedNormally, "\(child.lines) \(child.stderr)")
        var out: [String: String] = [:]
        func mode(_ p: String) -> String {
            let bits = ((try? FileManager.default.attributesOfItem(atPath: p))?[.posixPermissions] as? Int) ?? -1
            return String(bits, radix: 8)
        }
        out["."] = mode(store)
        for f in Stores.files(store) {
            out[f.replacingOccurrences(of: #"\d{12}"#, with: "N", options: .regularExpression)] = mode(store + "/" + f)
        }
        for f in Stores.files(store + "/quarantine") {
            out["quarantine/" + f.replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)] = mode(
                store + "/quarantine/" + f)
        }
        return out
    }

    @Test(arguments: ["000", "022", "077"])
    func storeFilesAreTheOwnersOnly(_ umask: String) throws {
        let m = try modes(umask: umask, groupShared: false)
        #expect(m.count >= 8, "\(m)")
        for (name, mode) in m {
            let isDir = name == "." || name == "quarantine"
            #expect(mode == (isDir ? "700" : "600"), "\(name) is \(mode) under umask \(umask)")
        }
    }

    /// `store.groupShared` (settings.json, documented in the README) makes everything group
    /// read-write, whatever the creating user's umask, so a teammate's process can write too.
    @Test(arguments: ["000", "022", "077"])
    func groupSharingMakesThemGroupWritable(_ umask: String) throws {
        let m = try modes(umask: umask, groupShared: true)
        for (name, mode) in m {
            let isDir = name == "." || name == "quarantine"
            #expect(mode == (isDir ? "770" : "660"), "\(name) is \(mode) under umask \(umask)")
        }
    }

    /// The store itself refuses a rep acting on another rep's lead, whatever the screen allowed;
    /// a manager may. Nothing is written for a refusal.
    @Test func aRepCannotActOnAnotherRepsLeads() throws {
        let path = dir.path + "/reps"
        let t = Fixture.t0 + 3600
        let s = try FileStore.create(
            at: path, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Ana's"), firstSeq: 1).assign("ana").lead,
                LeadScript("L-00002", profile: Fixture.profile(name: "Ana's accepted"), firstSeq: 10).assign("ana")
                    .accept(by: "ana")
                    .followUp(due: t + Span.day, by: "ana").lead,
                LeadScript("L-00003", profile: Fixture.profile(name: "Pool"), firstSeq: 20).lead,
                LeadScript("L-00004", profile: Fixture.profile(name: "Nurtured"), firstSeq: 30).assign("ana").clawback(
                    by: "ana"
                ).lead,
            ])
        try s.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: "ana's call"), on: "L-00002",
            as: "ana", at: t)
        let anasCall = s.lastSeq
        let journal = Stores.newestJournal(path)
        let before = try Stores.bytes(journal)
        let attempts: [(Command, String)] = [
            (.accept, "L-00001"), (.reject(reason: "no-budget", note: ""), "L-00001"),
            (.contact(channel: .call, outcome: .connected, direction: .outbound, note: "sneaky"), "L-00002"),
            (.scheduleFollowUp(due: t + Span.day, what: "x"), "L-00002"), (.completeFollowUp(note: ""), "L-00002"),
            (.dropFollowUp, "L-00002"), (.qualify(note: ""), "L-00002"),
            (.clawback(reason: "not-now", note: ""), "L-00002"),
            (.clawbackStale, "L-00002"), (.assign(to: "ben", rule: nil), "L-00003"),
            (.assign(to: "ben", rule: nil), "L-00001"),
            (.release(note: ""), "L-00004"), (.undo(target: anasCall), "L-00002"),
        ]
        for (cmd, id) in attempts {
            #expect(
                performing: { try s.perform(cmd, on: id, as: "ben", at: t + 60) },
                throws: { e in
                    guard let r = e as? Refusal else { return false }
                    return r.message.contains("ana's lead; only ana or a manager can")
                        || r.message.contains("only a manager can")
                        || r.message.contains("only they can undo it")
                })
            // Someone not on the team at all is refused too.
            #expect(throws: Refusal.self) { try s.perform(cmd, on: id, as: "mallory", at: t + 60) }
        }
        #expect(try Stores.bytes(journal) == before, "a refusal wrote to the journal")
        #expect(try FileStore.open(path).lastSeq == anasCall)
        // The manager may do what the rep may not.
        try s.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: "manager's call"), on: "L-00002",
            as: "mia", at: t + 60)
        try s.perform(.assign(to: "ben", rule: nil), on: "L-00001", as: "mia", at: t + 60)
        try s.perform(.release(note: ""), on: "L-00004", as: "mia", at: t + 60)
        // And once it is ben's, ben may work it and ana may not.
        try s.perform(.accept, on: "L-00001", as: "ben", at: t + 120)
        #expect(throws: Refusal("L-00001 is ben's lead; only ben or a manager can log a contact on it")) {
            try s.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: ""), on: "L-00001", as: "ana",
                at: t + 180)
        }
    }

    /// The same through the CLI: the refusal comes from the store, with exit code 1.
    @Test func theCLIGetsTheStoresRefusal() throws {
        let path = dir.path + "/cli"
        _ = try FileStore.create(
            at: path, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Ana's"), firstSeq: 1).assign("ana").lead
            ])
        for args in [
            ["accept", "L-00001"], ["reject", "L-00001", "--reason", "no-budget"],
            ["contact", "L-00001", "--channel", "call", "--outcome", "connected"],
            ["assign", "L-00001", "--to", "dana"], ["clawback", "L-00001", "--reason", "not-now"],
        ] {
            let r = try LeadqProcess.run(
                args + ["--store", path, "--rep", "ben"], env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("leadq: "), "\(args)")
        }
        #expect(try FileStore.open(path).lastSeq == 2)
    }
}
