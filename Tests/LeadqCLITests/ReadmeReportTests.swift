import Foundation
import LeadqTestSupport
import Testing

/// The README's sample report is what `leadq report` prints for the demo store, so it can't go stale:
/// the report is generated here and compared with a golden file, and the README's block with that
/// file. After a change to the demo or the report, `LEADQ_RECORD=1 swift test --filter
/// ReadmeReportTests` writes the golden file again; paste it into the README.
@Suite struct ReadmeReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden/demo-report.txt")
    /// The line of the README that the sample block follows.
    static let intro = "This sample is the demo store"

    /// The README's commands: `leadq demo`, then `leadq report --from 2026-11-16`, at a fixed now in UTC.
    func generated() throws -> String {
        let dir = TempDirectory("leadq-readme-report")
        let env = ["LEADQ_NOW": "2026-11-27T12:00:00Z", "TZ": "UTC"]
        let demo = try LeadqProcess.run(["demo", "--store", dir.path + "/store"], env: env)
        #expect(demo.status == 0, "\(demo.stderr)")
        let report = try LeadqProcess.run(["report", "--store", dir.path + "/store", "--from", "2026-11-16"], env: env)
        #expect(report.status == 0, "\(report.stderr)")
        return report.stdout
    }

    @Test func theDemoReportIsTheGoldenFile() throws {
        let text = try generated()
        if ProcessInfo.processInfo.environment["LEADQ_RECORD"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(
            text == golden, "leadq report on the demo store changed; LEADQ_RECORD=1 writes Golden/demo-report.txt again"
        )
    }

    /// The first fenced block after the README's intro line, without its fences.
    static func readmeBlock() throws -> String? {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let intro = lines.firstIndex(where: { $0.hasPrefix(Self.intro) }),
            let open = lines[intro...].firstIndex(of: "```"),
            let close = lines[(open + 1)...].firstIndex(of: "```")
        else { return nil }
        return lines[(open + 1)..<close].joined(separator: "\n") + "\n"
    }

    @Test func theREADMEShowsTheGoldenFile() throws {
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        let block = try Self.readmeBlock()
        #expect(block != nil, "README.md has no fenced block after '\(Self.intro)'")
        #expect(
            block == golden,
            "README.md's sample report differs from Tests/LeadqCLITests/Golden/demo-report.txt; paste the file into it")
    }
}
