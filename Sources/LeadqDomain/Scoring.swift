/// One part of a score, shown to the rep so the number is never a black box.
public struct ScorePart: Equatable, Sendable {
    public var label: String
    public var points: Int
    public init(_ label: String, _ points: Int) { (self.label, self.points) = (label, points) }
}

/// A behaviour signal from marketing: a page visited, a form sent, counted.
public struct Signal: Equatable, Sendable {
    public var name: String
    public var count: Int
    public init(_ name: String, _ count: Int = 1) { (self.name, self.count) = (name, count) }
}

/// A transparent scoring rule: explicit fit (title, size, industry) or implicit behaviour (signals).
public struct ScoringRule: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case title, industry, companySize, signal, source, country, emailDomain
    }
    public var label: String
    public var field: Field
    /// Terms to match (title words, industry names, signal names…); ignored for companySize.
    public var anyOf: [String]
    /// Inclusive lower and exclusive upper bound for companySize.
    public var atLeast: Int?
    public var below: Int?
    public var points: Int
    /// For signals: points for each occurrence, up to `maxPoints`.
    public var perCount: Bool
    public var maxPoints: Int?

    public init(
        label: String, field: Field, anyOf: [String] = [], atLeast: Int? = nil, below: Int? = nil,
        points: Int, perCount: Bool = false, maxPoints: Int? = nil
    ) {
        self.label = label
        self.field = field
        self.anyOf = anyOf
        self.atLeast = atLeast
        self.below = below
        self.points = points
        self.perCount = perCount
        self.maxPoints = maxPoints
    }

    public static let defaults: [ScoringRule] = [
        ScoringRule(
            label: "Senior title", field: .title,
            anyOf: [
                "chief", "ceo", "cto", "cfo", "cio", "coo", "vp", "vice president", "head", "director", "founder",
                "owner",
            ],
            points: 20),
        ScoringRule(label: "Manager title", field: .title, anyOf: ["manager", "lead", "principal"], points: 10),
        ScoringRule(label: "Company 200+ employees", field: .companySize, atLeast: 200, points: 15),
        ScoringRule(label: "Company 50-199 employees", field: .companySize, atLeast: 50, below: 200, points: 8),
        ScoringRule(
            label: "Target industry", field: .industry,
            anyOf: ["software", "financial services", "healthcare", "manufacturing", "logistics"], points: 10),
        ScoringRule(label: "Demo request", field: .signal, anyOf: ["demo-request"], points: 30),
        ScoringRule(
            label: "Pricing page visits", field: .signal, anyOf: ["pricing-page"], points: 5, perCount: true,
            maxPoints: 15),
        ScoringRule(label: "Webinar attended", field: .signal, anyOf: ["webinar"], points: 10),
        ScoringRule(
            label: "Email clicks", field: .signal, anyOf: ["email-click"], points: 2, perCount: true, maxPoints: 10),
        ScoringRule(
            label: "Personal email address", field: .emailDomain,
            anyOf: ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com"], points: -10),
    ]
}

public enum Scoring {
    /// Addition that saturates: a profile with an absurd signal count must not trap the scorer.
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    /// Scores a profile by the rules. When the marketing system sent its own score, that score wins and the
    /// difference to the rules is shown as its own part, so the parts always add up to the score.
    public static func score(_ p: Profile, rules: [ScoringRule]) -> (score: Int, parts: [ScorePart]) {
        Model(rules).score(p)
    }

    /// The rules with their terms normalised once, so scoring many profiles (an import of 100,000)
    /// normalises each profile's fields once rather than every term of every rule for every profile.
    public struct Model: Sendable {
        struct Compiled: Sendable {
            let rule: ScoringRule
            /// Title terms as word lists; other fields' terms as comparison keys.
            let phrases: [[String]]
            let keys: Set<String>
        }
        let rules: [Compiled]

        public init(_ rules: [ScoringRule]) {
            self.rules = rules.map { r in
                Compiled(
                    rule: r, phrases: r.field == .title ? r.anyOf.map(TextNormal.words) : [],
                    keys: Set(r.anyOf.map(TextNormal.key)))
            }
        }

        public func score(_ p: Profile) -> (score: Int, parts: [ScorePart]) {
            var fields = Fields()
            var parts: [ScorePart] = []
            for c in rules {
                let pts = points(c, p, &fields)
                if pts != 0 { parts.append(ScorePart(c.rule.label, pts)) }
            }
            let ruleTotal = parts.reduce(0) { Scoring.add($0, $1.points) }
            if let given = p.sourceScore {
                let clamped = max(0, min(100, given))
                if clamped != ruleTotal {
                    let from = p.origin.isEmpty ? "source" : p.origin
                    parts.append(
                        ScorePart(
                            "Adjusted to the \(from) score \(clamped)",
                            Scoring.add(clamped, ruleTotal == .min ? .max : -ruleTotal)))
                }
                return (clamped, parts)
            }
            let total = max(0, min(100, ruleTotal))
            if total != ruleTotal {
                parts.append(ScorePart("Kept within 0-100", Scoring.add(total, ruleTotal == .min ? .max : -ruleTotal)))
            }
            return (total, parts)
        }

        /// A profile's fields normalised on first use. The profile is handed in, not held: holding
        /// a copy cost a retain of each of its texts, for every profile scored.
        struct Fields {
            private var title: [String]?
            private var industry: String?
            private var source: String?
            private var country: String?
            private var emailDomain: String?
            private var signals: [String]?

            mutating func titleWords(_ p: Profile) -> [String] {
                if let w = title { return w }
                let w = TextNormal.words(p.title)
                title = w
                return w
            }
            mutating func industry(_ p: Profile) -> String { Self.cached(&industry) { TextNormal.key(p.industry) } }
            mutating func source(_ p: Profile) -> String { Self.cached(&source) { TextNormal.key(p.source) } }
            mutating func country(_ p: Profile) -> String { Self.cached(&country) { TextNormal.key(p.country) } }
            mutating func emailDomain(_ p: Profile) -> String {
                Self.cached(&emailDomain) {
                    let bytes = p.email.utf8
                    guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return "" }
                    return TextNormal.key(String(p.email[bytes.index(after: at)...]))
                }
            }
            mutating func signalKeys(_ p: Profile) -> [String] {
                if let k = signals { return k }
                let k = p.signals.map { TextNormal.key($0.name) }
                signals = k
                return k
            }

            private static func cached(_ slot: inout String?, _ make: () -> String) -> String {
                if let v = slot { return v }
                let v = make()
                slot = v
                return v
            }
        }

        func points(_ c: Compiled, _ p: Profile, _ f: inout Fields) -> Int {
            let r = c.rule
            func hit(_ key: String) -> Bool { !key.isEmpty && c.keys.contains(key) }
            switch r.field {
            case .title:
                let words = f.titleWords(p)
                return c.phrases.contains { TextNormal.containsPhrase(words, $0) } ? r.points : 0
            case .industry: return hit(f.industry(p)) ? r.points : 0
            case .source: return hit(f.source(p)) ? r.points : 0
            case .country: return hit(f.country(p)) ? r.points : 0
            case .emailDomain: return hit(f.emailDomain(p)) ? r.points : 0
            case .companySize:
                guard let n = p.companySize else { return 0 }
                if let lo = r.atLeast, n < lo { return 0 }
                if let hi = r.below, n >= hi { return 0 }
                return r.points
            case .signal:
                let keys = f.signalKeys(p)
                var n = 0
                for (i, s) in p.signals.enumerated() where c.keys.contains(keys[i]) {
                    n = Scoring.add(n, max(0, s.count))
                }
                guard n > 0 else { return 0 }
                let (product, overflow) = r.points.multipliedReportingOverflow(by: n)
                let raw = !r.perCount ? r.points : overflow ? (r.points < 0 ? Int.min : Int.max) : product
                if let cap = r.maxPoints { return r.points >= 0 ? min(raw, cap) : max(raw, -cap) }
                return raw
            }
        }
    }
}

/// Case- and punctuation-insensitive comparison of free text such as job titles.
public enum TextNormal {
    /// Lowercased words; dots vanish ("V.P." is "vp"), other punctuation splits words.
    public static func words(_ s: String) -> [String] {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(s) }
        var out: [String] = []
        var cur = ""
        for ch in s.lowercased() {
            if ch == "." || ch == "'" || ch == "’" { continue }
            if ch.isLetter || ch.isNumber {
                cur.append(ch)
            } else if !cur.isEmpty {
                out.append(cur)
                cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// The same for ASCII text, by bytes: letters and digits make words, dots and apostrophes vanish.
    static func asciiWords(_ s: String) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        for var b in s.utf8 {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "'") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
                cur.append(b)
            } else if !cur.isEmpty {
                out.append(String(decoding: cur, as: UTF8.self))
                cur.removeAll(keepingCapacity: true)
            }
        }
        if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)) }
        return out
    }

    /// Whether every byte of `s` is ASCII, over its own bytes where it has them.
    static func isASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? s.utf8.allSatisfy { $0 < 0x80 }
    }

    /// A comparison key: the words joined by single spaces.
    public static func key(_ s: String) -> String {
        if isASCII(s) { return asciiKey(s) }
        return words(s).joined(separator: " ")
    }

    /// The same for ASCII text, by bytes and without the words: a queue keys every lead's source.
    /// Made on the stack: a short key is a `String` without an allocation of its own.
    static func asciiKey(_ s: String) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, s.utf8.count)) { buf in
            String(decoding: UnsafeBufferPointer(rebasing: buf[..<writeASCIIKey(s, to: buf)]), as: UTF8.self)
        }
    }

    /// `asciiKey`'s bytes written from `out`'s start; returns how many. `out` must hold
    /// `s.utf8.count` bytes: a key is never longer than its text (a space stands for at least one
    /// byte left out).
    static func writeASCIIKey(_ s: String, to out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        // Over the string's own bytes where it has them (a report keys a text of every lead):
        // stepping through `utf8` cost a check a byte.
        s.utf8.withContiguousStorageIfAvailable { writeASCIIKey(bytes: $0, to: out) }
            ?? writeASCIIKey(bytes: Array(s.utf8), to: out)
    }

    private static func writeASCIIKey<Bytes: Collection<UInt8>>(
        bytes: Bytes, to out: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var n = 0
        var gap = false
        var started = false
        for var b in bytes {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "'") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            guard (b >= 97 && b <= 122) || (b >= 48 && b <= 57) else {
                gap = true
                continue
            }
            if gap && started {
                out[n] = UInt8(ascii: " ")
                n += 1
            }
            (gap, started) = (false, true)
            out[n] = b
            n += 1
        }
        return n
    }

    public static func containsPhrase(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for i in 0...(words.count - phrase.count) where words[i..<i + phrase.count].elementsEqual(phrase) {
            return true
        }
        return false
    }
}
