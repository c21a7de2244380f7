#if Postgres
import Foundation
import LeadqStore
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
        // postgres-nio traps on a listener handed to a connection already closed.
        guard !link.connection.isClosed else {
            throw StoreError.database(
                store: link.location, reason: "the server closed the connection", consequence: "nothing was read")
        }
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
        // Stopped below a number a writer may still fill: look again soon, announced or not (a
        // write that gives up announces nothing).
        if let gap {
            _ = signal.wait(after: gap.seen, seconds: min(seconds, 0.02))
            return true
        }
        return signal.wait(after: horizon, seconds: seconds)
    }

    /// False once the connection to the server is gone: the next read or write outside a
    /// transaction connects again (with back-off) and catches up from `lastSeq`.
    public var isConnected: Bool { !signal.isClosed }

    public var announcesChanges: Bool { true }

    /// Something announced and not read yet, others' writes read while catching up before a write,
    /// or a lost connection to make again: looking costs no trip to the server.
    public var changesWaiting: Bool {
        signal.isClosed || !unreported.events.isEmpty || signal.wait(after: horizon, seconds: 0)
    }

    public var offline: String? {
        guard signal.isClosed else { return nil }
        return "the connection to the server was lost" + (link.lastFailure.map { " (\($0))" } ?? "")
    }

    /// The server process serving this store's connection (what `pg_terminate_backend` takes).
    public func serverProcessID() throws -> Int32 {
        try link.query("SELECT pg_backend_pid()").first?.decode(Int32.self) ?? 0
    }
}
#endif
