import Yams

/// One theme file, parsed and checked but not yet merged with what it inherits.
struct ParsedTheme: Equatable {
    var name: String
    var description: String?
    var inherit: String?
    var inheritLine: Int?
    var styles: [Role: Style]
}

/// Reads the theme file format:
///
/// ```yaml
/// # comments welcome
/// description: Dark blue header      # optional
/// inherit: default                   # optional; roles not listed here come from it
/// selected: {fg: black, bg: cyan, attrs: [bold]}
/// slaBreach: [bright-red, bold]      # short form: colours (1st = fg, 2nd = bg) and attributes
/// rowAlt: {bg: "#202020"}            # quote #hex: in YAML an unquoted # starts a comment
/// muted: dim                         # a single colour or attribute
/// ```
///
/// Keys are role names (`Role` raw values; case, `-` and `_` are ignored, so `sla-breach` works).
/// Unknown roles, unknown colours or attributes and anything of the wrong shape are errors that
/// name the file, line and key. A role's entry replaces that role's whole style.
enum ThemeParser {
    /// Largest theme file accepted; real themes are a few KiB.
    static let maxBytes = 64 * 1024
    /// Deepest nesting accepted before handing text to the YAML parser (which recurses).
    static let maxNesting = 64

    static func parse(yaml: String, file: String, name: String) throws(ThemeError) -> ParsedTheme {
        if yaml.utf8.count > maxBytes {
            throw ThemeError(file: file, message: "file is larger than \(maxBytes / 1024) KiB; not a theme")
        }
        if let line = tooDeep(yaml) {
            throw ThemeError(file: file, line: line, message: "nesting deeper than \(maxNesting) levels; not a theme")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, yaml: yaml, file: file)
        } catch {
            throw ThemeError(file: file, message: "cannot read YAML: \(error)")
        }
        var theme = ParsedTheme(name: name, styles: [:])
        guard let root, !isNull(root) else { return theme }  // an empty file changes nothing
        guard case .mapping(let mapping) = root else {
            throw ThemeError(
                file: file, line: root.mark?.line,
                message: "expected a mapping of role names to styles, found \(kind(root))")
        }
        var seen: [Role: Int] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ThemeError(
                    file: file, line: keyNode.mark?.line, message: "keys must be plain names, found \(kind(keyNode))")
            }
            let key = keyScalar.string
            let line = keyNode.mark?.line
            switch key {
            case "inherit":
                theme.inherit = try text(value, file: file, key: key)
                theme.inheritLine = line
            case "description":
                theme.description = try text(value, file: file, key: key)
            default:
                guard let role = role(named: key) else {
                    var message = "unknown role '\(key)'"
                    if let guess = suggestion(for: key) { message += " (did you mean '\(guess.rawValue)'?)" }
                    throw ThemeError(file: file, line: line, key: key, message: message)
                }
                if let first = seen[role] {
                    throw ThemeError(
                        file: file, line: line, key: key,
                        message: "role '\(role.rawValue)' is already set on line \(first)")
                }
                seen[role] = line ?? 0
                theme.styles[role] = try style(value, file: file, key: key)
            }
        }
        return theme
    }

    /// The role a key names, ignoring case, '-' and '_'.
    static func role(named key: String) -> Role? {
        let wanted = normalized(key)
        return Role.allCases.first { normalized($0.rawValue) == wanted }
    }

    // MARK: - Styles

    private static func style(_ node: Node, file: String, key: String) throws(ThemeError) -> Style {
        switch node {
        case .scalar:
            if isNull(node) { throw emptyValue(node, file: file, key: key) }
            return try shortForm([node], file: file, key: key)
        case .sequence(let items):
            return try shortForm(Array(items), file: file, key: key)
        case .mapping(let fields):
            var style = Style()
            for (fieldNode, value) in fields {
                guard case .scalar(let fieldScalar) = fieldNode else {
                    throw ThemeError(
                        file: file, line: fieldNode.mark?.line, key: key, message: "style keys must be plain names")
                }
                let field = fieldScalar.string
                let path = key + "." + field
                switch field.lowercased() {
                case "fg", "foreground":
                    style.fg = try color(value, file: file, key: path)
                case "bg", "background":
                    style.bg = try color(value, file: file, key: path)
                case "attrs", "attributes", "attr":
                    let items: [Node]
                    if case .sequence(let seq) = value { items = Array(seq) } else { items = [value] }
                    for (i, item) in items.enumerated() {
                        let itemPath = items.count == 1 && value.sequence == nil ? path : "\(path)[\(i)]"
                        let word = try text(item, file: file, key: itemPath)
                        guard apply(attribute: word, to: &style) else {
                            throw ThemeError(
                                file: file, line: item.mark?.line, key: itemPath,
                                message: "unknown attribute '\(word)' (expected bold, underline, reverse or dim)")
                        }
                    }
                default:
                    throw ThemeError(
                        file: file, line: fieldNode.mark?.line, key: path,
                        message: "unknown style key '\(field)' (expected fg, bg or attrs)")
                }
            }
            return style
        case .alias:
            throw ThemeError(
                file: file, line: node.mark?.line, key: key, message: "YAML aliases are not supported in themes")
        }
    }

    /// `[fg, bg, attr…]`: colours in order (first fg, second bg) and attributes anywhere.
    private static func shortForm(_ items: [Node], file: String, key: String) throws(ThemeError) -> Style {
        var style = Style()
        var colours = 0
        for (i, item) in items.enumerated() {
            let path = items.count == 1 && item.scalar != nil ? key : "\(key)[\(i)]"
            let word = try text(item, file: file, key: path)
            if apply(attribute: word, to: &style) { continue }
            guard let colour = Color.parse(word) else {
                throw ThemeError(
                    file: file, line: item.mark?.line, key: path,
                    message:
                        "'\(word)' is neither a colour nor an attribute (\(colourHelp); attributes: bold, underline, reverse, dim)"
                )
            }
            colours += 1
            switch colours {
            case 1: style.fg = colour
            case 2: style.bg = colour
            default:
                throw ThemeError(
                    file: file, line: item.mark?.line, key: path,
                    message: "a third colour '\(word)': the short form takes a foreground and a background")
            }
        }
        return style
    }

    private static func color(_ node: Node, file: String, key: String) throws(ThemeError) -> Color {
        if isNull(node) { throw emptyValue(node, file: file, key: key) }
        let word = try text(node, file: file, key: key)
        guard let colour = Color.parse(word) else {
            throw ThemeError(
                file: file, line: node.mark?.line, key: key, message: "unknown colour '\(word)' (\(colourHelp))")
        }
        return colour
    }

    private static let colourHelp =
        "expected default, black, red, green, yellow, blue, magenta, cyan, white, bright-<name>, color0–color255 or \"#rrggbb\""

    private static func apply(attribute word: String, to style: inout Style) -> Bool {
        switch normalized(word) {
        case "bold": style.bold = true
        case "underline", "underlined": style.underline = true
        case "reverse", "reversed", "inverse": style.reverse = true
        case "dim", "faint": style.dim = true
        default: return false
        }
        return true
    }

    // MARK: - Helpers

    private static func text(_ node: Node, file: String, key: String) throws(ThemeError) -> String {
        guard case .scalar(let scalar) = node else {
            throw ThemeError(
                file: file, line: node.mark?.line, key: key, message: "expected a single word, found \(kind(node))")
        }
        if isNull(node) { throw emptyValue(node, file: file, key: key) }
        return scalar.string.trimmingSpaces
    }

    private static func emptyValue(_ node: Node, file: String, key: String) -> ThemeError {
        ThemeError(
            file: file, line: node.mark?.line, key: key,
            message: "empty value (a #rrggbb colour must be quoted: an unquoted # starts a YAML comment)")
    }

    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private static func syntaxError(_ error: YamlError, yaml: String, file: String) -> ThemeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // In flow style (`{fg: #ff0000}`) an unquoted colour comments out the rest of the line,
            // which libyaml reports far from the cause; name the cause instead.
            if let hex = unquotedHexColour(in: yaml) {
                return ThemeError(
                    file: file, line: hex.line, key: hex.key,
                    message: "unquoted colour '\(hex.word)': # starts a YAML comment, so write \"\(hex.word)\"")
            }
            return ThemeError(
                file: file, line: mark.line, message: "YAML syntax error: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let first = context.mark.line
            let second = lineOfRepeatedKey(key, in: yaml, after: first, column: context.mark.column) ?? first
            if context.mark.column == 1, let role = role(named: key) {
                return ThemeError(
                    file: file, line: second, key: key,
                    message: "role '\(role.rawValue)' is already set on line \(first)")
            }
            return ThemeError(
                file: file, line: second, key: key, message: "'\(key)' is set twice (first on line \(first))")
        case .reader(let problem, _, _, _):
            return ThemeError(file: file, message: "cannot read YAML: \(problem)")
        default:
            return ThemeError(file: file, message: "cannot read YAML: \(String(describing: error).prefix(200))")
        }
    }

    /// The first line after `line` where `key` starts at `column` as a mapping key.
    private static func lineOfRepeatedKey(_ key: String, in yaml: String, after line: Int, column: Int) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line < lines.count else { return nil }
        for index in line..<lines.count {
            let text = lines[index]
            guard text.count >= column - 1 + key.count, text.prefix(column - 1).allSatisfy({ $0 == " " }) else {
                continue
            }
            let rest = text.dropFirst(column - 1)
            if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                return index + 1
            }
        }
        return nil
    }

    /// An unquoted `#rgb`/`#rrggbb` in value position (after `: `, `[`, `{` or `, `), with the
    /// line and the key it most likely belongs to (`role.fg`, or the role).
    static func unquotedHexColour(in yaml: String) -> (line: Int, key: String?, word: String)? {
        for (index, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(text)
            var i = 0
            var inQuote: Character?
            while i < chars.count {
                let c = chars[i]
                if let q = inQuote {
                    if c == q { inQuote = nil }
                } else if c == "\"" || c == "'" {
                    inQuote = c
                } else if c == "#", i > 0, " \t[{,".contains(chars[i - 1]) {
                    let before = String(chars[..<i]).trimmingSpaces
                    guard let last = before.last, ":[{,".contains(last) else { break }  // a real comment
                    var hex = ""
                    var j = i + 1
                    while j < chars.count, chars[j].isHexDigit {
                        hex.append(chars[j])
                        j += 1
                    }
                    let ends = j == chars.count || !(chars[j].isLetter || chars[j].isNumber)
                    guard ends, hex.count == 3 || hex.count == 6 else { break }
                    let role =
                        text.first.map { $0 != " " && $0 != "\t" } == true
                        ? String(text.prefix { $0 != ":" }).trimmingSpaces : nil
                    var field: String?
                    if last == ":" {
                        let word = before.dropLast().reversed().prefix { $0.isLetter }
                        let name = String(word.reversed()).lowercased()
                        if ["fg", "bg", "foreground", "background"].contains(name) { field = name }
                    }
                    let key = role.map { r in field.map { r + "." + $0 } ?? r }
                    return (index + 1, key, "#" + hex)
                }
                i += 1
            }
        }
        return nil
    }

    private static func normalized(_ s: String) -> String {
        s.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    /// The role whose name is closest to a misspelt key, if close enough to be a typo.
    private static func suggestion(for key: String) -> Role? {
        let wanted = Array(normalized(key))
        var best: (Role, Int)?
        for role in Role.allCases {
            let d = editDistance(wanted, Array(normalized(role.rawValue)))
            if d <= max(1, wanted.count / 3), best == nil || d < best!.1 { best = (role, d) }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Line of the first place where nesting could exceed `maxNesting`, or nil. A cheap upper
    /// bound, so that hostile input cannot make the recursive YAML parser overflow the stack:
    /// per line, indentation plus block indicators (`- `, `? `, `: `) plus open flow brackets.
    /// Comments are skipped.
    static func tooDeep(_ yaml: String) -> Int? {
        let bytes = Array(yaml.utf8)
        var flow = 0
        var line = 1
        var indent = 0
        var indicators = 0
        var atLineStart = true
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : UInt8(ascii: "\n")
            let previous: UInt8 = i > 0 ? bytes[i - 1] : UInt8(ascii: "\n")
            i += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                indent = 0
                indicators = 0
                atLineStart = true
                continue
            case UInt8(ascii: " ") where atLineStart:
                indent += 1
                continue
            case UInt8(ascii: "#")
            where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || previous == UInt8(ascii: "\n"):
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): flow += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") {
                    indicators += 1
                }
            default: break
            }
            atLineStart = false
            if indent + indicators + flow > maxNesting { return line }
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
