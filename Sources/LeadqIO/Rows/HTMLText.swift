/// Odoo keeps a lead's notes as HTML (`description = fields.Html('Notes')` in crm_lead.py) and
/// exports them as such: `<p>Call after 3pm</p><p>Budget &amp; timing<br>Q3</p>`. Read as text,
/// paragraphs and line breaks become line breaks, every tag goes and entities become characters.
public enum HTMLText {
    public static func plain(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        var out = ""
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            out += decodeEntities(rest[..<lt])
            guard let gt = rest[lt...].firstIndex(of: ">") else {
                out += decodeEntities(rest[lt...])
                rest = ""
                break
            }
            if breaksLine(tagName(rest[rest.index(after: lt)..<gt])) { out += "\n" }
            rest = rest[rest.index(after: gt)...]
        }
        out += decodeEntities(rest)
        return tidy(out)
    }

    /// `p`, `/p`, `br/`… as a lowercase name with its slash: `/p`, `br`.
    static func tagName(_ inside: Substring) -> String {
        let closing = inside.first == "/"
        let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        return closing ? "/" + name : name
    }

    /// A line break, or a paragraph's, block's or list item's end.
    static func breaksLine(_ tag: String) -> Bool {
        ["br", "/p", "/div", "/li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/tr", "/blockquote", "/pre"].contains(
            tag)
    }

    /// Lines without trailing spaces, no more than one blank line in a row, none at either end.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            while let c = line.last, c == " " || c == "\t" || c == "\r" { line = line.dropLast() }
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(String(line))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "#39": "'",
    ]

    static func decodeEntities(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";"), let ch = entity(after[..<semi]) {
                out += ch
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// `amp`, `#233`, `#xE9` as the character they name.
    static func entity(_ name: Substring) -> String? {
        if let n = named[name] { return n }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value =
            digits.first == "x" || digits.first == "X"
            ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
