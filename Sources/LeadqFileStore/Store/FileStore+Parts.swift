import Foundation
import LeadqDomain
import LeadqStore
import LeadqText

// Reading every lead on every core: a report at a million leads is mostly decoding.
extension FileStore {
    public func forEachLead<Part: Sendable>(
        inParts empty: Part, naming reps: [String]?, keeping: ProfileMembers,
        add: @Sendable (inout Part, consuming Lead) throws -> Void
    ) throws -> [Part] {
        let cores = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let reading = RunReading(
            lines: snapshot.map(SnapshotLines.init), overlay: overlay, pending: pending,
            names: RunReading.quoted(reps), keeping: keeping)
        // Runs taken in turn by whichever thread is free: with one run a core, a core busy elsewhere
        // (the console's own thread, another process) held the whole reading back. Four a core at
        // least; up to sixteen for a big snapshot (runs of 32 MB), whose last run, a second of work
        // at a million leads with four a core, often ran alone.
        let bytes = snapshot.map { $0.leadsEnd - $0.leadsStart } ?? 0
        let runs = try snapshot?.lineRuns(min(cores * 16, max(cores * 4, bytes / (32 << 20)))) ?? []
        var parts = try Concurrent.run(runs.count) { i in try reading.part(runs[i], empty: empty, add: add) }
        if parts.isEmpty { parts = [empty] }
        // Leads created since the snapshot are few: the last part takes them.
        for id in created.sorted(by: LeadID.precedes) { try add(&parts[parts.count - 1], overlay[id]!) }
        return parts
    }
}

/// What one thread needs to read a run of the snapshot: the lines, the store's newer copies, and
/// the names a lead must hold to be read at all.
private struct RunReading: @unchecked Sendable {
    let lines: SnapshotLines?
    let overlay: [String: Lead]
    let pending: [String: [Event]]
    let names: [[UInt8]]?
    let keeping: ProfileMembers

    /// The rep ids as every version of the snapshot writer spells them, quoted; nil (read every
    /// line) for none, or when one would need escaping and could be spelled more than one way.
    static func quoted(_ reps: [String]?) -> [[UInt8]]? {
        guard let reps else { return nil }
        var out: [[UInt8]] = []
        for rep in reps {
            let bytes = Array(rep.utf8)
            let plain = !bytes.isEmpty && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
            guard plain else { return nil }
            out.append([0x22] + bytes + [0x22])
        }
        return out
    }

    func part<Part>(_ run: Range<Int>, empty: Part, add: (inout Part, consuming Lead) throws -> Void) throws -> Part {
        var part = empty
        guard let snap = lines?.snap else { return part }
        try snap.forEachLine(in: run) { at, line in
            if skips(line) { return }
            try add(
                &part,
                FileStore.current(try snap.decode(line, at: at, keeping: keeping), overlay: overlay, pending: pending))
        }
        return part
    }

    /// A line naming none of the reps, of a lead nothing newer has changed: its checksum is not
    /// checked either (`leadq verify` reads every line).
    private func skips(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let names else { return false }
        let bytes = line.bindMemory(to: UInt8.self)
        for n in names where n.withUnsafeBufferPointer({ ByteSearch.contains(bytes, $0) }) { return false }
        guard overlay.isEmpty && pending.isEmpty else {
            guard let id = SnapshotFile.summaryID(bytes) else { return false }
            return overlay[id] == nil && pending[id] == nil
        }
        return true
    }
}
