import Dispatch

/// Work cut into parts that run at once, one per core: a million leads' briefs, a report's
/// figures, an agenda's follow-ups.
public enum Concurrent {
    /// `body(0)` to `body(n - 1)` run at once (`concurrentPerform`), each result kept in its place;
    /// the first part's error, in order, is thrown.
    public static func run<T: Sendable>(_ n: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = UnsafeMutablePointer<Result<T, Error>?>.allocate(capacity: n)
        slots.initialize(repeating: nil, count: n)
        defer {
            slots.deinitialize(count: n)
            slots.deallocate()
        }
        let lent = Lent(slots: slots)
        // Each part writes only its own slot.
        DispatchQueue.concurrentPerform(iterations: n) { i in lent.slots[i] = Result { try body(i) } }
        return try (0..<n).map { try slots[$0]!.get() }
    }

    private struct Lent<T>: @unchecked Sendable {
        let slots: UnsafeMutablePointer<T>
    }
}
