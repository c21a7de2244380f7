/// Lead ids look like `L-00042`. They order by length first, so `L-100000` follows `L-99999`.
public enum LeadID {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ac = a.utf8.count
        let bc = b.utf8.count
        return ac != bc ? ac < bc : a < b
    }

    public static func make(_ n: Int) -> String {
        let s = String(n)
        return "L-" + (s.count < 5 ? String(repeating: "0", count: 5 - s.count) + s : s)
    }

    /// The number in an id made by `make`, or nil for ids from elsewhere.
    public static func number(_ id: String) -> Int? {
        guard id.hasPrefix("L-") else { return nil }
        return Int(id.dropFirst(2))
    }
}
