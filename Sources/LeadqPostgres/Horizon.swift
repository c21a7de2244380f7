#if Postgres
import Dispatch
import Foundation
import LeadqDomain
import LeadqStore
import PostgresNIO

/// How much of the store an open write holds.
enum WriteMode {
    /// Nothing sent yet.
    case none
    /// The counters row `FOR KEY SHARE`, and the leads it locks: other such writes go on.
    case shared
    /// The counters table and row alone: no other write runs, so its numbers are its own.
    case whole
}

/// How far a follower may read. Event numbers are drawn in one order and committed in another, so
/// a number missing below one that is committed may still come. A writer holds the counters
/// (shared or whole) from before it draws a number until it ends, so whoever holds a missing
/// number is among the transactions holding the counters when the gap is seen: once none of
/// those does, it is written (and seen by any later snapshot) or never will be. A follower reads
/// on up to the first gap still open, and no further. (A snapshot's list of transactions in
/// progress can't say it: one that has its id but began after the newest to end isn't listed.)
enum Horizon {
    struct Gap: Equatable {
        /// The first number not yet seen.
        let seq: Int64
        /// The transactions that may still write it; none: it is settled for any later snapshot.
        let xids: Set<UInt32>
        /// The highest number seen past it, for a wait that shouldn't wake for what it has read.
        let seen: Int64
    }

    /// Transactions holding this store's counters, shared or whole: only they may hold a number.
    static let holdersSQL = """
        SELECT t.transactionid::text FROM pg_locks r
        JOIN pg_locks t ON t.virtualtransaction = r.virtualtransaction AND t.locktype = 'transactionid'
        WHERE r.locktype = 'relation' AND r.relation = 'counters'::regclass
          AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND r.mode IN ('RowShareLock', 'RowExclusiveLock', 'ExclusiveLock')
        """

    /// A process opening the store while writers hold numbers waits this long for them to end;
    /// past it, a gap in the last `window` numbers waits as a follower's does.
    static let openingWait = 0.2
    static let window: Int64 = 10_000
}

extension PostgresStore {
    /// The events after `seq`, a page of them.
    func horizonQuery(after seq: Int64) -> PostgresQuery {
        var b = PostgresBindings()
        b.append(seq)
        b.append(Int64(Rows.chunk * 5))
        return PostgresQuery(
            unsafeSQL: "SELECT seq, body::text FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", binds: b)
    }

    /// Reads the events after `seq` up to the first number that may still come, and moves
    /// `lastSeq` there; `firstPage` is the answer to `horizonQuery(after: seq)` if it was asked
    /// already. Under the whole store's lock every number up to `settled` is written or never will
    /// be. This process's own events are taken in, not reported. `quick` stops at a gap rather
    /// than ask who may still fill it (a write catching up on its way).
    func eventsAfter(_ seq: Int64, firstPage: [PostgresRow]? = nil, settled: Int64? = nil, quick: Bool = false) throws
        -> Refresh
    {
        var out = Refresh()
        var from = seq
        var page = firstPage
        reading: while true {
            let rows = try page ?? withoutReadHook { try link.query(horizonQuery(after: from)) }
            page = nil
            var count = 0
            for row in rows {
                let (n, json) = try row.decode((Int64, String).self)
                count += 1
                if n != from + 1 {
                    switch try verdict(gapAt: from + 1, before: n, settled: settled, quick: quick) {
                    case .pass: break
                    case .stop: break reading
                    // Settled as of now: read again, in a snapshot taken after that.
                    case .again: continue reading
                    }
                }
                from = n
                if ownAhead.removeValue(forKey: n) != nil { continue }
                let e = try Rows.event(json, location)
                if !e.lead.isEmpty { out.changed.insert(e.lead) }
                if case .settings = e.entry.op {
                    settings = try withoutReadHook { try PostgresStore.readSettings(link) }
                }
                out.events.append(e)
            }
            if count < Rows.chunk * 5 { break }
        }
        if let settled {
            from = max(from, settled)
            if let g = gap, g.seq <= settled { gap = nil }
        }
        horizon = max(horizon, from)
        ownAhead = ownAhead.filter { $0.key > horizon }
        abandoned = abandoned.filter { $0 > horizon }
        return out
    }

    enum Verdict { case pass, stop, again }

    /// Whether the numbers from `seq` to just before `next` are settled (written by nobody), noting
    /// the gap to wait at when they may not be. `quick` doesn't ask the server who holds them.
    private func verdict(gapAt seq: Int64, before next: Int64, settled: Int64?, quick: Bool) throws -> Verdict {
        if let settled, next - 1 <= settled {
            gap = nil
            return .pass
        }
        if (seq..<next).allSatisfy({ abandoned.contains($0) }) {
            gap = nil
            return .pass
        }
        if let g = gap, g.seq == seq, g.xids.isEmpty {
            gap = nil
            return .pass
        }
        guard !quick else { return .stop }
        let holding = try counterHolders()
        let suspects = gap?.seq == seq ? gap!.xids.intersection(holding) : holding
        gap = Horizon.Gap(seq: seq, xids: suspects, seen: max(next, gap?.seen ?? 0))
        return suspects.isEmpty ? .again : .stop
    }

    func counterHolders() throws -> Set<UInt32> {
        let rows = try withoutReadHook { try link.query(PostgresQuery(unsafeSQL: Horizon.holdersSQL)) }
        return Set(try rows.compactMap { UInt32(try $0.decode(String.self)) })
    }

    /// Where a newly opened store starts reading: the last number handed out, once the writers
    /// holding numbers then have ended (they take milliseconds); if one takes longer, just before
    /// a gap near the end that it may fill.
    func openingHorizon() throws -> Int64 {
        let handedOut = try link.query("SELECT last_value FROM event_numbers").first?.decode(Int64.self) ?? 0
        var holders = try counterHolders()
        let start = DispatchTime.now().uptimeNanoseconds
        while !holders.isEmpty {
            guard Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < Horizon.openingWait else { break }
            usleep(1000)
            holders.formIntersection(try counterHolders())
        }
        if holders.isEmpty {
            // Numbers past the last event were drawn by writes that gave up: nothing to wait for.
            let last = try link.query("SELECT coalesce(max(seq), 0) FROM events").first?.decode(Int64.self) ?? 0
            if handedOut > last { abandoned.formUnion((last + 1)...handedOut) }
            return last
        }
        var b = PostgresBindings()
        b.append(handedOut - Horizon.window)
        let sql = """
            SELECT p, s FROM (SELECT seq AS s, lag(seq) OVER (ORDER BY seq) AS p FROM events WHERE seq > $1) w
            WHERE s > p + 1 ORDER BY s LIMIT 1
            """
        guard let row = try link.query(PostgresQuery(unsafeSQL: sql, binds: b)).first else {
            return try link.query("SELECT coalesce(max(seq), 0) FROM events").first?.decode(Int64.self) ?? 0
        }
        let (before, next) = try row.decode((Int64, Int64).self)
        gap = Horizon.Gap(seq: before + 1, xids: holders, seen: next)
        return before
    }

    /// Runs `body` without the read hook a write sets (`PGLink.beforeRead`): the store's own
    /// reads while it catches up are not the body's.
    func withoutReadHook<T>(_ body: () throws -> T) rethrows -> T {
        let hook = link.beforeRead
        link.beforeRead = nil
        defer { link.beforeRead = hook }
        return try body()
    }
}
#endif
