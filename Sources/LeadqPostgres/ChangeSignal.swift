#if Postgres
import Foundation
import PostgresNIO

/// The newest event number other processes announced with NOTIFY, for a process to wait on
/// instead of asking the server again and again. Set from the event loop, read from the store's
/// thread.
final class ChangeSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var announced: Int64 = 0
    private var closed = false

    func announce(_ seq: Int64) {
        condition.lock()
        announced = max(announced, seq)
        condition.broadcast()
        condition.unlock()
    }

    func reopen() {
        condition.lock()
        closed = false
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until an event after `seq` is announced, or the connection closes, or `seconds` pass.
    func wait(after seq: Int64, seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while announced <= seq && !closed {
            if !condition.wait(until: deadline) { break }
        }
        return announced > seq
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }
}

extension PostgresStore {
    /// Listens on the store's channel (its schema's name): every write announces its last event
    /// number there when it commits.
    static func listen(_ link: PGLink, channel: String, into signal: ChangeSignal) throws {
        signal.reopen()
        link.connection.addListener(channel: channel) { _, note in
            if let seq = Int64(note.payload) { signal.announce(seq) }
        }
        link.connection.closeFuture.whenComplete { _ in signal.close() }
        try link.run("LISTEN \"\(channel)\"", "the store can't be opened")
    }

    /// Waits at most `seconds` for another process to save something this one hasn't seen; true
    /// as soon as one has (then `refresh()` reads it), false if none did or the connection is gone.
    /// Other machines' changes arrive as soon as they commit, without asking the server.
    public func waitForChange(seconds: Double) -> Bool {
        signal.wait(after: lastSeq, seconds: seconds)
    }

    /// False once the connection to the server is gone: the next read or write outside a
    /// transaction connects again (with back-off) and catches up from `lastSeq`.
    public var isConnected: Bool { !signal.isClosed }

    /// The server process serving this store's connection (what `pg_terminate_backend` takes).
    public func serverProcessID() throws -> Int32 {
        try link.query("SELECT pg_backend_pid()").first?.decode(Int32.self) ?? 0
    }
}
#endif
