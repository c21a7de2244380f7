import Foundation
import LeadqTestSupport
import Testing

/// settings.json as the CLI reads it and shows it back.
@Suite struct SettingsCLITests {
    let dir = TempDirectory("leadq-settings-cli")
    var store: String { dir.path + "/store" }
    var settingsPath: String { store + "/settings.json" }

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    /// Replaces `old` in settings.json by `new`, as a hand edit would.
    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: settingsPath, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: settingsPath, atomically: true, encoding: .utf8)
    }

    @Test func reasonsSayOnceThatANoteIsRequired() throws {
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let before = try leadq("reasons")
        #expect(before.status == 0, "\(before.stderr)")
        let other = before.stdout.split(separator: "\n").first { $0.contains(" other ") }
        #expect(other.map { $0.components(separatedBy: "note required").count - 1 } == 1, "\(before.stdout)")
        // A team's own label that doesn't say so gets it said.
        try edit("\"label\": \"Other (note required)\"", "\"label\": \"Something else\"")
        let after = try leadq("reasons")
        #expect(after.stdout.contains("Something else (note required)"), "\(after.stdout)")
    }

    @Test func aSettingsErrorShowsControlCharactersVisibly() throws {
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        try edit("\"key\": \"b\"", "\"key\": \"\\t\"")
        let r = try leadq("queue", rep: "ana")
        #expect(r.status == 3)
        #expect(
            r.stderr.contains(
                "'reasons[0].key' must be one printable character (not a space or a control character), not '␉'"),
            "\(r.stderr)")
    }

    @Test func aByteOrderMarkIsFine() throws {
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: settingsPath))
        try (Data([0xEF, 0xBB, 0xBF]) + bytes).write(to: URL(fileURLWithPath: settingsPath))
        let r = try leadq("queue", rep: "ana")
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// `init` writes only a team its settings.json can be read back with: else the store would never open.
    @Test(arguments: [
        ("a\u{1B}b", "'team[0].id' must be printable text (no control characters), not 'a␛b'"),
        ("ana,ana", "'team[1].id' 'ana' appears twice"),
    ])
    func initRefusesATeamItCouldNotReadBack(_ reps: String, _ message: String) throws {
        let r = try leadq("init", "--reps", reps, "--managers", "mia")
        #expect(r.status == 2)
        #expect(r.stderr == "leadq: --reps/--managers: \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: settingsPath))
    }
}
