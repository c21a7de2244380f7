import Foundation
import Testing

/// CONTRIBUTING.md's limits, read off the package's own sources: no file over 400 lines (generated
/// tables, whose first line says GENERATED, aside), and no function over 60 lines (its declaration
/// to its closing brace) unless the comment right above it says why, starting "Long because".
@Suite struct SourceSizeTests {
    static let maxFileLines = 400
    static let maxFunctionLines = 60
    static let marker = "Long because"

    /// Every Swift file under Sources/, by its path from the package's root.
    static func sources() throws -> [(path: String, text: String)] {
        let root = ArchitectureTests.root
        let sources = root.appendingPathComponent("Sources")
        guard let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
            return []
        }
        var files: [(String, String)] = []
        for case let url as URL in walk where url.pathExtension == "swift" {
            let path = String(url.path.dropFirst(root.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func noSourceFileIsOver400LinesButGeneratedTables() throws {
        let files = try Self.sources()
        #expect(files.count > 100)
        let long = files.filter { !$0.text.hasPrefix("// GENERATED") }.compactMap { f -> String? in
            let lines = f.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            return lines > Self.maxFileLines ? "\(f.path) (\(lines) lines)" : nil
        }
        #expect(long.isEmpty, "over \(Self.maxFileLines) lines: \(long.joined(separator: ", "))")
    }

    @Test func everyFunctionOver60LinesSaysWhy() throws {
        var unexplained: [String] = []
        for f in try Self.sources() {
            for fn in SwiftFunctions.find(in: f.text)
            where fn.lines > Self.maxFunctionLines && !fn.commentAbove.contains(Self.marker) {
                unexplained.append("\(f.path):\(fn.line) \(fn.name) (\(fn.lines) lines)")
            }
        }
        #expect(
            unexplained.isEmpty,
            "over \(Self.maxFunctionLines) lines without a \"// \(Self.marker) …\" comment above: \(unexplained.joined(separator: "; "))"
        )
    }

    @Test func theReaderFindsBodiesPastStringsAndComments() {
        let source = #"""
            struct S {
                /// Short.
                func short() -> Int { 1 }

                // Long because it is a test.
                @discardableResult
                public static func braces(_ a: [String: Int] = [:], b: () -> Void = {}) -> String {
                    let s = "a } in a string \("and } in (an) interpolation")"
                    // a } in a comment
                    /* a } in /* a nested */ block comment */
                    let raw = #"a raw "} string"#
                    let multi = """
                        } in a multi-line string \(s.count) "
                        """
                    return s + raw + multi
                }

                init?(x: Int) where X: Y {
                    guard x > 0 else { return nil }
                }
            }
            protocol P { func required() }
            """#
        let fns = SwiftFunctions.find(in: source)
        #expect(fns.map(\.name) == ["short", "braces", "init", "required"])
        #expect(fns.map(\.lines) == [1, 10, 3, 0])
        #expect(fns.map(\.line) == [3, 7, 18, 22])
        #expect(fns[1].commentAbove.contains("Long because it is a test."))
        #expect(!fns[0].commentAbove.contains("Long"))
    }
}

/// The functions and initializers of a Swift source file: enough of Swift's lexical rules (strings
/// with interpolations, raw and multi-line strings, nested block comments) to match a body's
/// braces right on this code base.
enum SwiftFunctions {
    struct Function {
        var name: String
        /// The line of `func`/`init`, from 1.
        var line: Int
        /// Lines from the declaration's to the body's closing brace's; 0 without a body.
        var lines: Int
        /// The comment lines directly above the declaration (attributes between are skipped).
        var commentAbove: String
    }

    static func find(in source: String) -> [Function] {
        let code = blanked(Array(source.utf8))
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lineOf: [Int] = []
        lineOf.reserveCapacity(code.count)
        var line = 1
        for b in code {
            lineOf.append(line)
            if b == UInt8(ascii: "\n") { line += 1 }
        }
        var found: [Function] = []
        var i = 0
        while i < code.count {
            guard let (name, after) = declaration(code, at: i) else {
                i += 1
                continue
            }
            let start = lineOf[i]
            var length = 0
            if let open = bodyStart(code, from: after), let close = matching(code, open: open) {
                length = lineOf[close] - start + 1
            }
            found.append(Function(name: name, line: start, lines: length, commentAbove: comment(above: start, lines)))
            i = after
        }
        return found
    }

    /// `func name` or `init` starting at `i` (a whole word), with its name and where it ends.
    static func declaration(_ code: [UInt8], at i: Int) -> (String, Int)? {
        func isWord(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b >= 0x80
        }
        if i > 0 && (isWord(code[i - 1]) || code[i - 1] == UInt8(ascii: ".") || code[i - 1] == UInt8(ascii: "#")) {
            return nil
        }
        func word(at j: Int) -> (String, Int)? {
            var k = j
            while k < code.count && isWord(code[k]) { k += 1 }
            return k > j ? (String(decoding: code[j..<k], as: UTF8.self), k) : nil
        }
        guard let (w, end) = word(at: i) else { return nil }
        if w == "init" { return ("init", end) }
        guard w == "func" else { return nil }
        var j = end
        while j < code.count && (code[j] == UInt8(ascii: " ") || code[j] == UInt8(ascii: "\n")) { j += 1 }
        if let (name, k) = word(at: j) { return (name, k) }
        // An operator: its characters up to the parameters or generics.
        var k = j
        while k < code.count && !"(< \n".utf8.contains(code[k]) { k += 1 }
        return (String(decoding: code[j..<k], as: UTF8.self), k)
    }

    /// The body's `{`: the first at depth 0 after the signature, unless the declaration ends first
    /// (a requirement without a body ends at the next declaration or the type's `}`).
    static func bodyStart(_ code: [UInt8], from: Int) -> Int? {
        var depth = 0
        var i = from
        while i < code.count {
            switch code[i] {
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "{") where depth == 0: return i
            case UInt8(ascii: "}") where depth == 0: return nil
            case UInt8(ascii: "\n") where depth == 0:
                // The next line starts another declaration: no body.
                var j = i + 1
                while j < code.count && code[j] == UInt8(ascii: " ") { j += 1 }
                let rest = String(decoding: code[j..<min(code.count, j + 40)], as: UTF8.self)
                let starts = ["func ", "init", "var ", "let ", "static ", "public ", "case ", "subscript", "@", "}"]
                if starts.contains(where: { rest.hasPrefix($0) }) { return nil }
            default: break
            }
            i += 1
        }
        return nil
    }

    static func matching(_ code: [UInt8], open: Int) -> Int? {
        var depth = 0
        for i in open..<code.count {
            if code[i] == UInt8(ascii: "{") { depth += 1 }
            if code[i] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    /// The `//` lines directly above `line` (from 1), attributes between skipped.
    static func comment(above line: Int, _ lines: [String]) -> String {
        var i = line - 2
        while i >= 0 && lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("@") { i -= 1 }
        var block: [String] = []
        while i >= 0 {
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("//") else { break }
            block.insert(t, at: 0)
            i -= 1
        }
        return block.joined(separator: "\n")
    }

    /// The source with every comment and string literal (interpolations too) turned to spaces,
    /// newlines kept: what is left is code, whose braces are the real ones.
    static func blanked(_ s: [UInt8]) -> [UInt8] {
        var out = s
        let quote = UInt8(ascii: "\"")
        let hash = UInt8(ascii: "#")
        let slash = UInt8(ascii: "/")
        let star = UInt8(ascii: "*")
        let backslash = UInt8(ascii: "\\")
        let newline = UInt8(ascii: "\n")
        func blank(_ r: Range<Int>) {
            for k in r where out[k] != newline { out[k] = UInt8(ascii: " ") }
        }
        func at(_ i: Int, _ text: String) -> Bool {
            let t = Array(text.utf8)
            return i + t.count <= s.count && Array(s[i..<i + t.count]) == t
        }
        /// A string literal starting at `i` (its hashes and quotes); returns where it ends.
        func string(_ i: Int) -> Int {
            var j = i
            var hashes = 0
            while j < s.count && s[j] == hash {
                hashes += 1
                j += 1
            }
            let multi = at(j, "\"\"\"")
            j += multi ? 3 : 1
            let closing = Array((multi ? "\"\"\"" : "\"").utf8) + Array(repeating: hash, count: hashes)
            let escape = [backslash] + Array(repeating: hash, count: hashes)
            while j < s.count {
                if Array(s[j..<min(s.count, j + closing.count)]) == closing {
                    return j + closing.count
                }
                if Array(s[j..<min(s.count, j + escape.count)]) == escape {
                    j += escape.count
                    if j < s.count && s[j] == UInt8(ascii: "(") {
                        j = code(j + 1, untilClose: true)
                    } else {
                        j += 1
                    }
                    continue
                }
                if !multi && s[j] == newline { return j }
                j += 1
            }
            return j
        }
        /// Code from `i`; with `untilClose`, an interpolation's, up to its `)`. Blanks what it skips.
        func code(_ i: Int, untilClose: Bool) -> Int {
            var j = i
            var parens = 0
            while j < s.count {
                let b = s[j]
                if b == slash && j + 1 < s.count && s[j + 1] == slash {
                    var k = j
                    while k < s.count && s[k] != newline { k += 1 }
                    blank(j..<k)
                    j = k
                } else if b == slash && j + 1 < s.count && s[j + 1] == star {
                    var k = j + 2
                    var depth = 1
                    while k < s.count && depth > 0 {
                        if at(k, "/*") {
                            depth += 1
                            k += 2
                        } else if at(k, "*/") {
                            depth -= 1
                            k += 2
                        } else {
                            k += 1
                        }
                    }
                    blank(j..<k)
                    j = k
                } else if b == quote || (b == hash && stringAfterHashes(j)) {
                    let end = string(j)
                    blank(j..<end)
                    j = end
                } else {
                    if untilClose {
                        if b == UInt8(ascii: "(") { parens += 1 }
                        if b == UInt8(ascii: ")") {
                            if parens == 0 { return j + 1 }
                            parens -= 1
                        }
                    }
                    j += 1
                }
            }
            return j
        }
        func stringAfterHashes(_ i: Int) -> Bool {
            var j = i
            while j < s.count && s[j] == hash { j += 1 }
            return j < s.count && s[j] == quote
        }
        _ = code(0, untilClose: false)
        return out
    }
}
