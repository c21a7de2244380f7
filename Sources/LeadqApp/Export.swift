import LeadqCodec
import LeadqDomain
import LeadqIO

/// What an export wrote, and what it had to leave out or leave empty.
public struct ExportSummary {
    public var count = 0
    /// Rep → how many rows went out with the owner cell empty (no `ownerMap` entry for that CRM).
    public var unmapped: [String: Int] = [:]
    /// Worked leads left out because their file had no id column the CRM could match.
    public var unkeyed = 0
}

extension Workspace {
    /// `--since` as typed, in the viewer's zone.
    public func exportSince(_ text: String?) throws -> Instant? {
        try text.map { s in
            guard let t = zone.instant(iso8601: s) else {
                throw BadInput("--since '\(s)' is not a time like 2026-11-01 or 2026-11-01T09:00:00Z")
            }
            try BadInput.requireRecordable(t, "--since '\(s)'")
            return t
        }
    }

    /// Writes the export in pieces through `write`: every event in the order it happened, every lead
    /// as `show --json` prints it, or the reps' decisions in a CRM's shape.
    public func export(
        _ format: SourceFormat, events: Bool, since: Instant?, write: ([UInt8]) throws -> Void
    ) throws -> ExportSummary {
        var summary = ExportSummary()
        switch format {
        case .jsonl where events:
            // Events live in each lead's history; gathered, then written in the order they happened.
            var lines: [(seq: Int64, line: [UInt8])] = []
            try store.forEachLead { lines.append(contentsOf: JSONLExport.events($0, since: since)) }
            lines += JSONLExport.storeEvents(try store.storeEvents(), since: since)
            lines.sort { $0.seq < $1.seq }
            for l in lines { try write(l.line) }
            summary.count = lines.count
        case .jsonl:
            let now = now()
            try store.forEachLead { lead in
                guard JSONLExport.changed(lead, since: since) else { return }
                var w = JSONWriter(capacity: 2048)
                LeadJSON.write(lead, status(lead, at: now), &w)
                w.bytes.append(0x0A)
                try write(w.bytes)
                summary.count += 1
            }
        default:
            summary = try exportDecisions(format, since: since, write: write)
        }
        return summary
    }

    private func exportDecisions(_ format: SourceFormat, since: Instant?, write: ([UInt8]) throws -> Void) throws
        -> ExportSummary
    {
        var summary = ExportSummary()
        var rows: [[String]] = []
        try store.forEachLead { lead in
            if DecisionExport.unkeyed(lead, format, since: since) { summary.unkeyed += 1 }
            guard DecisionExport.includes(lead, format, since: since) else { return }
            rows.append(DecisionExport.row(lead, format, settings: settings))
            if let rep = DecisionExport.rep(lead), OwnerMap.owner(of: rep, for: format, settings: settings) == nil {
                summary.unmapped[rep, default: 0] += 1
            }
        }
        let table = DecisionExport.table(format, rows)
        try write(try CSVOutput.bytes(header: table.header, rows: table.rows))
        summary.count = rows.count
        return summary
    }
}
