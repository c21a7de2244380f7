import LeadqDomain

/// Why a cell can't be read, in words for the bad-row list.
public struct CellProblem: Error, Equatable, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }
}

/// Reading the cell values CRMs write: flags, numbers, employee counts and dates.
enum FieldValues {
    /// A cell leadq neutralised on export (`'=…`) reads back as it was.
    static func unneutralised(_ s: String) -> String {
        guard s.utf8.first == UInt8(ascii: "'"), let second = s.unicodeScalars.dropFirst().first,
            "=+-@\t\r".unicodeScalars.contains(second)
        else { return s }
        return String(s.dropFirst())
    }

    /// Checkbox values: Salesforce writes true/false (reports 1/0), HubSpot true/false or Yes/No, Odoo True/False.
    static func bool(_ raw: String) -> Result<Bool, CellProblem> {
        switch Rules.trimmed(raw).lowercased() {
        case "", "false", "no", "n", "0", "unchecked", "off": return .success(false)
        case "true", "yes", "y", "1", "checked", "on", "x": return .success(true)
        default: return .failure(CellProblem("'\(raw)' is not a yes/no value (true/false, yes/no, 1/0)"))
        }
    }

    /// A score: a whole or decimal number (Odoo's probability is 0-100 with decimals), rounded.
    static func score(_ raw: String) -> Result<Int?, CellProblem> {
        let s = Rules.trimmed(raw)
        if s.isEmpty { return .success(nil) }
        guard let v = decimal(s) else { return .failure(CellProblem("'\(raw)' is not a number")) }
        return .success(v)
    }

    static func decimal(_ s: String) -> Int? {
        var rest = Substring(s)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = digits(parts[0]), whole < 1_000_000_000 else { return nil }
        var v = whole
        if parts.count == 2 {
            guard let frac = parts[1].first, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if frac >= "5" { v += 1 }
        }
        return negative ? -v : v
    }

    static func digits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.count <= 12, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    /// Employees: `1200`, `1,200`, `1 200`, a band `51-200` (its lower bound) or `10000+`.
    static func companySize(_ raw: String) -> Result<Int?, CellProblem> {
        // Most exports write plain digits: read without splitting and joining the text.
        if let n = plainDigits(raw) { return .success(n) }
        var s = Rules.trimmed(raw)
        if s.isEmpty { return .success(nil) }
        if s.hasSuffix("+") { s.removeLast() }
        if let dash = s.firstIndex(where: { $0 == "-" || $0 == "–" }), dash != s.startIndex {
            let hi = String(s[s.index(after: dash)...])
            s = String(s[..<dash])
            guard plainCount(hi) != nil else { return .failure(CellProblem("'\(raw)' is not a number of employees")) }
        }
        guard let n = plainCount(s) else { return .failure(CellProblem("'\(raw)' is not a number of employees")) }
        return .success(n)
    }

    /// `digits` of a text of 1 to 12 ASCII digits and nothing else; nil for any other text.
    static func plainDigits(_ s: String) -> Int? {
        let u = s.utf8
        guard (1...12).contains(u.count) else { return nil }
        var n = 0
        for c in u {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    /// Digits with optional thousands separators (`,`, space or NBSP every three digits).
    static func plainCount(_ raw: String) -> Int? {
        let s = Rules.trimmed(raw)
        let groups = s.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\u{00A0}" }).map(Substring.init)
        guard let first = groups.first, first.count <= 3 || groups.count == 1 else { return nil }
        for g in groups.dropFirst() where g.count != 3 { return nil }
        return digits(Substring(groups.joined()))
    }
}

/// How a file writes day and month in `03/04/2026`: reports follow the exporting user's locale.
public enum DateOrder: String, CaseIterable, Sendable {
    case dmy, mdy
}

/// Reads the dates of one file. ISO 8601 with a zone is read as is; a time without one is a local
/// time in the file's zone (`utcOffset`, nil for UTC), as Salesforce reports, HubSpot and Odoo write
/// them. Slashed dates need the file's day/month order, which `--date-order` gives or the file
/// itself shows (a first part above 12 means d/m/y, a second part above 12 means m/d/y). Dotted
/// dates (`20.11.2026`) are d.m.y.
public struct DateReader: Sendable {
    public var order: DateOrder?
    /// Set when the file shows both orders (one date needs d/m/y, another m/d/y).
    public var conflict = false
    /// The file's offset from UTC at an instant; the CLI hands it the zone's rules (the domain has none).
    public var utcOffset: (@Sendable (Instant) -> Int64)?

    public init(order: DateOrder?) { self.order = order }

    /// Looks at every slashed date of a column to settle the order when the flag didn't.
    public mutating func learn(from values: some Sequence<String>) {
        guard order == nil else { return }
        var seen = Evidence()
        seen.look(at: values)
        settle(seen)
    }

    /// What a column's slashed dates show of the order; gathered a chunk of a file at a time.
    struct Evidence: Equatable {
        var dmy = false
        var mdy = false

        mutating func look(at values: some Sequence<String>) {
            for v in values where v.utf8.contains(UInt8(ascii: "/")) {  // ISO dates (most exports) teach nothing
                guard let p = DateReader.slashed(Rules.trimmed(v)) else { continue }
                if p.a > 12 && p.b <= 12 { dmy = true }
                if p.b > 12 && p.a <= 12 { mdy = true }
            }
        }
    }

    /// `learn` from evidence gathered beforehand.
    mutating func settle(_ seen: Evidence) {
        guard order == nil else { return }
        if seen.dmy && seen.mdy { conflict = true } else if seen.dmy { order = .dmy } else if seen.mdy { order = .mdy }
    }

    /// Reads every date as `other` does (the same order, the same conflict).
    func readsAlike(_ other: DateReader) -> Bool { order == other.order && conflict == other.conflict }

    public func read(_ raw: String) -> Result<Instant?, CellProblem> {
        let s = Rules.trimmed(raw)
        if s.isEmpty { return .success(nil) }
        if let t = Instant(iso8601: s) { return DateReader.recordable(DateReader.hasZone(s) ? t : local(t), raw) }
        if let p = DateReader.dotted(s) { return civil(p.a, p.b, p.c, p.time, raw) }
        guard let p = DateReader.slashed(s) else {
            return .failure(
                CellProblem(
                    "'\(raw)' is not a date leadq reads (2026-11-23, 2026-11-23T10:02:00Z, 23/11/2026 or 11/23/2026 10:02 AM)"
                ))
        }
        if conflict {
            return .failure(
                CellProblem(
                    "'\(raw)': this file writes dates both day-first and month-first; pass --date-order dmy or mdy"))
        }
        guard let order = order ?? (p.a == p.b ? .dmy : nil) else {
            return .failure(
                CellProblem(
                    "'\(raw)' could be day/month or month/day and no date in the file tells which; pass --date-order dmy or mdy"
                ))
        }
        return order == .dmy ? civil(p.a, p.b, p.c, p.time, raw) : civil(p.b, p.a, p.c, p.time, raw)
    }

    func civil(_ day: Int, _ month: Int, _ year: Int, _ time: (Int, Int, Int)?, _ raw: String) -> Result<
        Instant?, CellProblem
    > {
        let y = year < 100 ? 2000 + year : year
        var iso = "\(y)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        if let (h, m, sec) = time {
            iso += "T\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):\(sec < 10 ? "0" : "")\(sec)"
        }
        guard (1000...9999).contains(y), let t = Instant(iso8601: iso) else {
            return .failure(CellProblem("'\(raw)' is not a valid date"))
        }
        return DateReader.recordable(local(t), raw)
    }

    /// A date the store can write back (an offset can carry 9999-12-31 into the year 10000).
    static func recordable(_ t: Instant, _ raw: String) -> Result<Instant?, CellProblem> {
        guard Instant.recordable.contains(t) else {
            return .failure(CellProblem("'\(raw)' is outside the dates leadq can record (1970 to 9999)"))
        }
        return .success(t)
    }

    /// A wall-clock time read as if it were UTC, as the instant it names in the file's zone.
    func local(_ wall: Instant) -> Instant {
        guard let offset = utcOffset else { return wall }
        return wall - offset(wall - offset(wall))
    }

    /// Whether an ISO 8601 text names its zone (`Z`, `+01:00`, `-0500` after the date).
    static func hasZone(_ s: String) -> Bool {
        let time = s.utf8.dropFirst(10)
        return time.last == UInt8(ascii: "Z") || time.last == UInt8(ascii: "z") || time.contains(UInt8(ascii: "+"))
            || time.contains(UInt8(ascii: "-"))
    }

    struct Parts {
        var a: Int
        var b: Int
        var c: Int
        var time: (Int, Int, Int)?
    }

    static func slashed(_ s: String) -> Parts? { parts(s, separator: "/") }
    static func dotted(_ s: String) -> Parts? { parts(s, separator: ".") }

    /// `a/b/c` with an optional `, ` or ` ` and a time `10:02`, `10:02:03`, `10:02 AM`.
    static func parts(_ s: String, separator: Character) -> Parts? {
        var date = Substring(s)
        var rest = Substring("")
        if let sp = s.firstIndex(where: { $0 == " " || $0 == "," || $0 == "T" }) {
            date = s[..<sp]
            rest = s[sp...].drop { $0 == " " || $0 == "," || $0 == "T" }
        }
        let d = date.split(separator: separator, omittingEmptySubsequences: false)
        guard d.count == 3, let a = FieldValues.digits(d[0]), let b = FieldValues.digits(d[1]),
            let c = FieldValues.digits(d[2]),
            d[0].count <= 2, d[1].count <= 2, d[2].count == 4 || d[2].count == 2
        else { return nil }
        var p = Parts(a: a, b: b, c: c, time: nil)
        if rest.isEmpty { return p }
        var clock = rest
        var meridian: String?
        if let sp = rest.lastIndex(of: " ") {
            meridian = rest[rest.index(after: sp)...].uppercased()
            clock = rest[..<sp]
        } else if rest.uppercased().hasSuffix("AM") || rest.uppercased().hasSuffix("PM") {
            meridian = rest.suffix(2).uppercased()
            clock = rest.dropLast(2)
        }
        let t = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(t.count), var h = FieldValues.digits(t[0]), let m = FieldValues.digits(t[1]), m < 60
        else { return nil }
        let sec = t.count == 3 ? FieldValues.digits(t[2]) : 0
        guard let sec, sec < 60 else { return nil }
        switch meridian {
        case nil: guard h < 24 else { return nil }
        case "AM"?:
            guard (1...12).contains(h) else { return nil }
            if h == 12 { h = 0 }
        case "PM"?:
            guard (1...12).contains(h) else { return nil }
            if h != 12 { h += 12 }
        default: return nil
        }
        p.time = (h, m, sec)
        return p
    }
}
