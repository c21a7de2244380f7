/// "1 lead", "3 leads".
public func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

/// A count in at most four columns, rounded down where it must be: "9999", "592k", "1.2M", "12M".
/// The team column gives each figure four; "592…" said nothing of the count it cut.
public func shortCount(_ n: Int) -> String {
    let exact = String(n)
    if exact.count <= 4 { return exact }
    if n < 1_000_000 { return "\(n / 1_000)k" }
    if n < 10_000_000 { return "\(n / 1_000_000).\(n % 1_000_000 / 100_000)M" }
    return n < 10_000_000_000 ? "\(n / 1_000_000)M" : "\(n / 1_000_000_000)G"
}
