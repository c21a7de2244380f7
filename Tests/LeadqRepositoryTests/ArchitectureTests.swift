import Foundation
import Testing

/// ARCHITECTURE.md draws the module graph; Package.swift declares it. They must agree, so the
/// document can't go stale: a module added, dropped or wired differently fails here until both say it.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func text(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theDocumentedModuleGraphIsTheDeclaredOne() throws {
        let declared = try ManifestGraph.parse(try text("Package.swift"))
        let documented = try DocumentedGraph.parse(try text("ARCHITECTURE.md"))
        #expect(!declared.isEmpty)
        for (module, deps) in declared.sorted(by: { $0.key < $1.key }) {
            #expect(
                documented[module] == deps,
                "\(module): Package.swift says \(deps.sorted()), ARCHITECTURE.md \(documented[module].map { $0.sorted() } ?? [])"
            )
        }
        for module in Set(documented.keys).subtracting(declared.keys) {
            Issue.record("ARCHITECTURE.md lists \(module), which Package.swift doesn't declare")
        }
    }

    @Test func theCommandLineDependsOnAtMostFourOfLeadqsModules() throws {
        let declared = try ManifestGraph.parse(try text("Package.swift"))
        let own = (declared["LeadqCLI"] ?? []).filter { !$0.hasPrefix("[") }
        #expect(own.count <= 4, "LeadqCLI depends on \(own.sorted())")
    }

    @Test func theParsersReadWhatTheyAreGiven() throws {
        let manifest = """
            let yams = Target.Dependency.product(name: "Yams", package: "Yams")
            targets: [
                .target(name: "A"),
                .target(name: "B", dependencies: ["A", yams, .product(name: "CSV", package: "CSV.swift")]),
                .testTarget(name: "BTests", dependencies: ["B"]),
            ]
            """
        #expect(try ManifestGraph.parse(manifest) == ["A": [], "B": ["A", "[Yams]", "[CSV]"]])
        let doc = "text\n```modules\nA\nB → A, [Yams], [CSV]\n```\nmore"
        #expect(try DocumentedGraph.parse(doc) == ["A": [], "B": ["A", "[Yams]", "[CSV]"]])
    }
}

/// The targets of a Package.swift (test targets left out) and what each depends on; packages'
/// products in brackets.
enum ManifestGraph {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ manifest: String) throws -> [String: Set<String>] {
        var products: [String: String] = [:]
        let variable = try Regex(#"let (\w+) = Target\.Dependency\.product\(name: "([^"]+)""#)
        for m in manifest.matches(of: variable) {
            products[String(m.output[1].substring!)] = String(m.output[2].substring!)
        }
        var graph: [String: Set<String>] = [:]
        let call = try Regex(#"\.(target|executableTarget|systemLibrary)\("#)
        for m in manifest.matches(of: call) {
            let body = String(try balanced(manifest, from: m.range.upperBound, open: "(", close: ")"))
            guard let name = body.firstMatch(of: try Regex(#"name: "([^"]+)""#))?.output[1].substring else {
                throw Unreadable(description: "a target without a name: \(body.prefix(60))")
            }
            var deps: Set<String> = []
            if let start = body.range(of: "dependencies: [") {
                let list = try balanced(body, from: start.upperBound, open: "[", close: "]")
                for p in list.matches(of: try Regex(#"\.product\(name: "([^"]+)""#)) {
                    deps.insert("[\(p.output[1].substring!)]")
                }
                let withoutProducts = list.replacing(try Regex(#"\.product\([^)]*\)"#), with: "")
                for s in withoutProducts.matches(of: try Regex(#""([^"]+)""#)) {
                    deps.insert(String(s.output[1].substring!))
                }
                let bare = withoutProducts.replacing(try Regex(#""[^"]*""#), with: "")
                for w in bare.matches(of: try Regex(#"\b([a-z]\w*)\b"#)) {
                    let id = String(w.output[1].substring!)
                    guard let product = products[id] else { throw Unreadable(description: "unknown dependency \(id)") }
                    deps.insert("[\(product)]")
                }
            }
            graph[String(name)] = deps
        }
        return graph
    }

    /// The text between a bracket (just before `from`) and its match.
    static func balanced(_ s: String, from: String.Index, open: Character, close: Character) throws -> Substring {
        var depth = 1
        var i = from
        var inString = false
        while i < s.endIndex {
            let c = s[i]
            if c == "\"" { inString.toggle() }
            if !inString {
                if c == open { depth += 1 }
                if c == close {
                    depth -= 1
                    if depth == 0 { return s[from..<i] }
                }
            }
            i = s.index(after: i)
        }
        throw Unreadable(description: "unbalanced \(open)\(close)")
    }
}

/// The ```modules block of ARCHITECTURE.md: `Module → dep, dep, [Product]`.
enum DocumentedGraph {
    static func parse(_ doc: String) throws -> [String: Set<String>] {
        guard let start = doc.range(of: "```modules\n"), let end = doc[start.upperBound...].range(of: "```") else {
            throw ManifestGraph.Unreadable(description: "ARCHITECTURE.md has no ```modules block")
        }
        var graph: [String: Set<String>] = [:]
        for line in doc[start.upperBound..<end.lowerBound].split(separator: "\n") where !line.isEmpty {
            let parts = line.components(separatedBy: " → ")
            let deps =
                parts.count > 1
                ? parts[1].components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) } : []
            graph[parts[0].trimmingCharacters(in: .whitespaces)] = Set(deps)
        }
        return graph
    }
}
