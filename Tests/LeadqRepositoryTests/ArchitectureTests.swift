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
            let pg = Target.Dependency.product(
                name: "PG", package: "pg", condition: .when(traits: ["Postgres"]))
            targets: [
                .target(name: "A"),
                .target(name: "B", dependencies: ["A", yams, .product(name: "CSV", package: "CSV.swift")]),
                .target(name: "C", dependencies: [pg, .product(name: "N", package: "n", condition: .when(traits: ["T"]))]),
                .testTarget(name: "BTests", dependencies: ["B"]),
            ]
            """
        let graph: [String: Set<String>] = [
            "A": [], "B": ["A", "[Yams]", "[CSV]"], "C": ["[PG] (Postgres trait)", "[N] (T trait)"],
        ]
        #expect(try ManifestGraph.parse(manifest) == graph)
        let doc = "text\n```modules\nA\nB → A, [Yams], [CSV]\nC → [PG] (Postgres trait), [N] (T trait)\n```\nmore"
        #expect(try DocumentedGraph.parse(doc) == graph)
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
        let variable = try Regex(#"let (\w+) = Target\.Dependency\.product\("#)
        for m in manifest.matches(of: variable) {
            let body = try balanced(manifest, from: m.range.upperBound, open: "(", close: ")")
            products[String(m.output[1].substring!)] = try product(body)
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
                var list = String(try balanced(body, from: start.upperBound, open: "[", close: "]"))
                while let p = list.range(of: ".product(") {
                    let inner = try balanced(list, from: p.upperBound, open: "(", close: ")")
                    deps.insert(try product(inner))
                    list.removeSubrange(p.lowerBound..<list.index(after: inner.endIndex))
                }
                let withoutProducts = list
                for s in withoutProducts.matches(of: try Regex(#""([^"]+)""#)) {
                    deps.insert(String(s.output[1].substring!))
                }
                let bare = withoutProducts.replacing(try Regex(#""[^"]*""#), with: "")
                for w in bare.matches(of: try Regex(#"\b([a-z]\w*)\b"#)) {
                    let id = String(w.output[1].substring!)
                    guard let product = products[id] else { throw Unreadable(description: "unknown dependency \(id)") }
                    deps.insert(product)
                }
            }
            graph[String(name)] = deps
        }
        return graph
    }

    /// A package's product as the documented graph names it: `[Name]`, and `[Name] (Trait trait)`
    /// when only a build with that trait has it.
    static func product(_ arguments: Substring) throws -> String {
        guard let name = arguments.firstMatch(of: try Regex(#"name: "([^"]+)""#))?.output[1].substring else {
            throw Unreadable(description: "a product without a name: \(arguments.prefix(60))")
        }
        let trait = try Regex(#"condition: \.when\(traits: \["([^"]+)"\]\)"#)
        guard let t = arguments.firstMatch(of: trait)?.output[1].substring else { return "[\(name)]" }
        return "[\(name)] (\(t) trait)"
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
