import Foundation
import LeadqDomain
import LeadqIO

/// What an import saved (or, in a dry run, would save).
public struct ImportSaved {
    public var result: ImportResult
    public var events: [Event]
    /// Nurture leads the import made hot, released (and routed) in the same write.
    public var released: [Released] = []
    /// How the new leads were routed in the same write (`routing.onArrival`); nil when they weren't.
    public var routed: RouteResult?
}

extension Workspace {
    /// Imports create leads and assign them: a manager's (a dry run is anyone's).
    public func requireImporter(dryRun: Bool) throws {
        guard !dryRun else { return }
        if let refusal = Managers.refusal(actor, to: "import leads (they create and assign leads)", settings) {
            throw refusal
        }
    }

    /// The importer's options; the file's zone-less times read in `timezone`, else the team's zone.
    public func importOptions(
        format: SourceFormat?, map: [String], dateOrder: DateOrder?, clearEmpty: Bool, encoding: TextEncoding,
        timezone: String?
    ) throws -> ImportOptions {
        var options = ImportOptions(
            format: format, overrides: try map.map(ColumnMap.parseOverride), dateOrder: dateOrder,
            clearEmpty: clearEmpty)
        options.encoding = encoding
        let name = timezone ?? settings.timeZone
        guard let zone = TimeZone(identifier: name) else {
            let what = timezone == nil ? "the settings' timeZone" : "--timezone"
            throw BadInput(
                "\(what) '\(name)' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC")
        }
        if zone.secondsFromGMT() != 0 || zone.nextDaylightSavingTimeTransition != nil {
            options.utcOffset = { t in
                Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds))))
            }
        }
        return options
    }

    /// Reads and checks an export's rows; nothing is saved. For a store that takes streamed batches a
    /// CSV file's good rows are kept as keys, read again `importChunkRows` at a time when saved.
    public func readImport(
        _ bytes: [UInt8], file: String, options: ImportOptions, progress: ((Int, Int) -> Void)? = nil
    ) throws -> ReadRows {
        try Importer.read(
            bytes, file: file, options: options, chunkRows: store.streamsImports ? importChunkRows : nil,
            progress: progress)
    }

    /// `readImport` of a file on disk: for a store that takes streamed batches a UTF-8 CSV file is
    /// read by offset each time its rows are read, not held; any other file is read whole (`bytes`).
    public func readImport(
        path: String, file: String, bytes: () throws -> [UInt8], options: ImportOptions,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> ReadRows {
        if store.streamsImports,
            let rows = try Importer.read(
                path: path, file: file, options: options, chunkRows: importChunkRows, progress: progress)
        {
            return rows
        }
        return try readImport(try bytes(), file: file, options: options, progress: progress)
    }

    /// Plans the rows against the store and, unless `dryRun`, saves them in one transaction. The rows
    /// move in and are let go once planned. The store's profile index is built before the writer's
    /// lock, so other processes wait only for the write; the saved events aren't folded into this
    /// process's own state (`applyHere: false`): it reports and ends. With `routing.onArrival` the
    /// new leads are routed in the same write.
    public func saveImport(_ rows: inout ReadRows, dryRun: Bool, indexed: (() -> Void)? = nil) throws -> ImportSaved {
        try requireImporter(dryRun: dryRun)
        try store.prepareProfileIndex()
        indexed?()
        var pending = rows
        rows.rows = []
        let now = now()
        let route = !dryRun && settings.dispatch.routeOnArrival
        let saved = try store.transact(as: actor, at: now, utcOffset: offset(at: now), applyHere: false) { tx in
            if let streamed = pending.streamed, tx.acceptsStreamed {
                do {
                    return try saveStreamed(streamed, in: tx, dryRun: dryRun, route: route)
                } catch is KeyCollision {
                    // Found before anything was staged: the whole file's rows are planned instead.
                }
            }
            if let streamed = pending.streamed { pending.rows = try streamed.allRows() }
            let result = try Importer.run(&pending, in: tx, store: store, apply: !dryRun)
            // A nurture lead whose new score is hot doesn't wait for the next release.
            let updated = dryRun ? [] : Self.updatedLeads(tx.events)
            let released = try Reengage.releaseTurnedHot(updated, in: tx, store: store)
            return (result, released, route ? try ArrivalRouting.stage(in: tx, store: store) : nil)
        }
        return ImportSaved(
            result: saved.result.0, events: saved.events, released: saved.result.1, routed: saved.result.2)
    }

    /// `saveImport`'s write for a file read a chunk at a time: the new leads are counted now and
    /// made as the store writes them; routing on arrival plans from what it gathered of them.
    func saveStreamed(_ rows: StreamedRows, in tx: any LeadTransaction, dryRun: Bool, route: Bool) throws -> (
        ImportResult, [Released], RouteResult?
    ) {
        let arrivals = route ? Arrivals() : nil
        let result = try Importer.runStreamed(rows, in: tx, store: store, apply: !dryRun, arrivals: arrivals)
        let updated = dryRun ? [] : Self.updatedLeads(tx.events)
        let released = try Reengage.releaseTurnedHot(updated, in: tx, store: store)
        return (result, released, try arrivals.map { try ArrivalRouting.stage($0, in: tx, store: store) })
    }

    /// The leads whose profile these events update, in order. By index: an import's events are
    /// looked at in place, not each copied with its profile.
    static func updatedLeads(_ events: [Event]) -> [String] {
        var out: [String] = []
        for i in events.indices {
            if case .updated = events[i].entry.op { out.append(events[i].lead) }
        }
        return out
    }

    /// The bad rows with their reasons, as a CSV for `--rejects`.
    public func rejects(_ rows: ReadRows) throws -> [UInt8] { try Importer.rejects(rows) }

    /// Until a big import's events are folded into a snapshot, every command that opens the store
    /// reads them: when due, a compaction starts detached. Returns how many events it folds, if one did.
    public func compactAfterImport() -> Int64? {
        guard store.compactionDue else { return nil }
        let events = store.eventsSinceSnapshot
        compactIfDue()
        return events
    }
}
