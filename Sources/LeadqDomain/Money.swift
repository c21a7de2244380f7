/// Opportunity amounts, kept in cents so sums are exact; shown in the team's currency units.
public enum Money {
    /// "12000", "12000.50", "1.5e3" is not one: digits with an optional fraction of up to two.
    public static func parse(_ text: String) -> Int64? {
        let t = text.replacingOccurrences(",", "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int64(whole)
        else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(f) else {
                return nil
            }
            cents = f.count == 1 ? v * 10 : v
        }
        return units * 100 + cents
    }

    /// "12,000" or "12,000.50".
    public static func text(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        var digits = String(c / 100)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        let frac = c % 100
        return sign + digits + grouped + (frac == 0 ? "" : "." + (frac < 10 ? "0\(frac)" : "\(frac)"))
    }

    static func suffix(_ amount: Int64?) -> String { amount.map { ", \(text($0))" } ?? "" }
}

extension String {
    /// `self` with every `target` replaced (Foundation-free).
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
