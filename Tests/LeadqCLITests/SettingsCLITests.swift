import Foundation
import LeadqTestSupport
import Testing

/// Settings as the CLI reads them and shows them back, on every kind of store: changed with
/// `leadq settings apply` (both), or on a directory by hand-editing settings.json too.
@Suite struct SettingsCLITests {
    let dir = TempDirectory("leadq-settings-cli")
    let slot = StoreSlot()
    var store: String { slot.location }
    var settingsPath: String { store + "/settings.json" }

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    /// The store's settings as `settings show` prints them, with `old` replaced by `new`, in a file.
    func edited(_ old: String, _ new: String) throws -> String {
        let text = try leadq("settings", "show").stdout
        #expect(text.contains(old))
        let file = dir.path + "/settings-\(UUID().uuidString).json"
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Replaces `old` in settings.json by `new`, as a hand edit would (a directory's store only).
    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: settingsPath, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: settingsPath, atomically: true, encoding: .utf8)
    }

    @Test(arguments: StoreKinds.all) func reasonsSayOnceThatANoteIsRequired(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let before = try leadq("reasons")
        #expect(before.status == 0, "\(before.stderr)")
        let other = before.stdout.split(separator: "\n").first { $0.contains(" other ") }
        #expect(other.map { $0.components(separatedBy: "note required").count - 1 } == 1, "\(before.stdout)")
        // A team's own label that doesn't say so gets it said.
        let file = try edited("\"label\": \"Other (note required)\"", "\"label\": \"Something else\"")
        let applied = try leadq("settings", "apply", file, rep: "mia")
        #expect(applied.status == 0, "\(applied.stderr)")
        let after = try leadq("reasons")
        #expect(after.stdout.contains("Something else (note required)"), "\(after.stdout)")
    }

    @Test(arguments: StoreKinds.all) func aSettingsErrorShowsControlCharactersVisibly(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let message = "'reasons[0].key' must be one printable character (not a space or a control character), not '␉'"
        let file = try edited("\"key\": \"b\"", "\"key\": \"\\t\"")
        let refused = try leadq("settings", "apply", file, rep: "mia")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains(message), "\(refused.stderr)")
        #expect(try leadq("queue", rep: "ana").status == 0)
        // Only a directory's settings can be edited by hand, past the codec: then the store won't open.
        guard slot.isFiles else { return }
        try edit("\"key\": \"b\"", "\"key\": \"\\t\"")
        let r = try leadq("queue", rep: "ana")
        #expect(r.status == 3)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test(arguments: StoreKinds.all) func aByteOrderMarkIsFine(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let file = try edited("\"label\": \"Other (note required)\"", "\"label\": \"Something else\"")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try (Data([0xEF, 0xBB, 0xBF]) + bytes).write(to: URL(fileURLWithPath: file))
        let applied = try leadq("settings", "apply", file, rep: "mia")
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try leadq("reasons").stdout.contains("Something else (note required)"))
        // A directory's settings.json saved by an editor that writes one.
        guard slot.isFiles else { return }
        let saved = try Data(contentsOf: URL(fileURLWithPath: settingsPath))
        try (Data([0xEF, 0xBB, 0xBF]) + saved).write(to: URL(fileURLWithPath: settingsPath))
        let r = try leadq("queue", rep: "ana")
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// `init` writes only a team its settings can be read back with: else the store would never open.
    @Test(
        arguments: StoreKinds.all,
        [
            ("a\u{1B}b", "'team[0].id' must be printable text (no control characters), not 'a␛b'"),
            ("ana,ana", "'team[1].id' 'ana' appears twice"),
        ])
    func initRefusesATeamItCouldNotReadBack(_ kind: StoreKind, _ team: (String, String)) throws {
        let (reps, message) = team
        try slot.use(kind)
        let r = try leadq("init", "--reps", reps, "--managers", "mia")
        #expect(r.status == 2)
        #expect(r.stderr == "leadq: --reps/--managers: \(message)\n")
        // Nothing was made: no settings.json, no schema.
        #expect(!FileManager.default.fileExists(atPath: settingsPath))
        #expect(try leadq("settings", "show").status == 3)
    }
}
