import Foundation
import Testing

/// The console's state (Model/), reducer (Update/) and views (View/) are pure: they import the
/// domain and the screen core only, never a store, the application layer or the system, so no
/// I/O can creep in. Read from the source files themselves, so a new file is checked too.
@Suite struct PureLayerTests {
    static let pure: Set<String> = ["LeadqDomain", "LeadqFormat", "LeadqMetrics", "LeadqText", "LeadqUI"]

    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/LeadqConsole")

    /// The modules a source text imports, with their line numbers: plain, attributed
    /// (`@testable`, `@_exported`, `@preconcurrency`) and single-declaration (`import struct M.T`).
    static func imports(_ text: String) -> [(line: Int, module: String)] {
        let pattern =
            #/
            ^\s* (?:@\w+ (?:\([^)]*\))? \s+)*          # attributes: @testable, @_exported(...)
            import \s+
            (?:(?:typealias|struct|class|enum|protocol|let|var|func) \s+)?
            (\w+)                                    # the module
            /#
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
            (try? pattern.firstMatch(in: String(line))).map { (i + 1, String($0.1)) }
        }
    }

    static func swiftFiles(in folder: String) throws -> [URL] {
        let root = sources.appendingPathComponent(folder)
        let all = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        return all.filter { $0.pathExtension == "swift" }
    }

    @Test func theImportReaderFindsEveryFormOfImport() {
        let text = """
            import LeadqDomain
              @testable import LeadqStore
            @_exported import LeadqApp
            @preconcurrency import Foundation
            import struct LeadqFileStore.FileStore
            // import LeadqCodec (a comment)
            let important = 1
            """
        let modules = PureLayerTests.imports(text).map(\.module)
        #expect(modules == ["LeadqDomain", "LeadqStore", "LeadqApp", "Foundation", "LeadqFileStore"])
        #expect(PureLayerTests.imports(text).map(\.line) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: ["Model", "Update", "View"])
    func importsOnlyPureModules(_ folder: String) throws {
        let files = try PureLayerTests.swiftFiles(in: folder)
        #expect(files.count >= 3, "found \(files.count) sources under \(PureLayerTests.sources.path)/\(folder)")
        var seen = 0
        for file in files {
            for found in PureLayerTests.imports(try String(contentsOf: file, encoding: .utf8)) {
                seen += 1
                if !PureLayerTests.pure.contains(found.module) {
                    let allowed = PureLayerTests.pure.sorted().joined(separator: ", ")
                    let at = "\(folder)/\(file.lastPathComponent):\(found.line)"
                    Issue.record("\(at) imports \(found.module); \(folder)/ may import only \(allowed)")
                }
            }
        }
        #expect(seen > 0, "no imports read under \(folder): the reader is missing them")
    }
}
