import Dispatch

/// Lets go of big values on another core: freeing 100,000 rows or leads takes a tenth of a second,
/// time a command's next step (or its exit) needn't wait for. The caller drops its own reference
/// right after; the block then holds the last one.
public enum Background {
    public static func release<T: Sendable>(_ value: T) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }
}
