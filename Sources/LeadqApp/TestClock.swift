import Foundation
import LeadqDomain

/// `LEADQ_CLOCK_FILE` is for tests only: it names a file holding an ISO 8601 time that the clock
/// reads at every look, so a test can move the clock of a process that is already running (the
/// dispatcher), which `LEADQ_NOW` can't. A file that can't be read leaves the clock where it was.
extension AppEnvironment {
    public static let clockFileVariable = "LEADQ_CLOCK_FILE"

    /// The clock of a long-running process: `LEADQ_NOW` fixed, else the test's clock file, else the
    /// system clock.
    public func liveClock() -> @Sendable () -> Instant {
        if let fixed = fixedNow() { return { fixed } }
        guard let path = variables[Self.clockFileVariable], !path.isEmpty else { return { SystemClock.now() } }
        let last = LastReading(Self.readClockFile(path) ?? SystemClock.now())
        return { last.update(Self.readClockFile(path)) }
    }

    static func readClockFile(_ path: String) -> Instant? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Instant(iso8601: text).flatMap { Instant.recordable.contains($0) ? $0 : nil }
    }
}

/// The clock file's last good reading, shared by whoever asks the time.
final class LastReading: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Instant

    init(_ value: Instant) { self.value = value }

    func update(_ reading: Instant?) -> Instant {
        lock.lock()
        defer { lock.unlock() }
        if let reading { value = reading }
        return value
    }
}
