import LeadqCodec
import LeadqDomain
import LeadqStore

/// leadq's own JSON Lines: each line a lead as `leadq export --format jsonl` writes it
/// (`{"id":…,"owner":…,"profile":{…},…}`) or a bare profile (`{"origin":"web","originId":"17",…}`).
/// Work and history from another store are not taken (they are that store's). A line sets the
/// profile fields it has a value for: a missing key, or an empty one (`""`, `null`, `[]`), changes
/// nothing unless `clearEmpty`. A bare profile's `score` is the source's score (like a CSV's score
/// column) unless the line has a `sourceScore`, or `scoreParts` (then it is a profile leadq scored).
public enum JSONLRowReader {
    public static func rows(
        _ bytes: [UInt8], file: String, clearEmpty: Bool = false, progress: ((Int, Int) -> Void)? = nil
    ) throws -> ReadRows {
        let body = try TextFile.utf8Body(bytes, file: file)
        var out = ReadRows(format: .jsonl, header: [], rows: [], bad: [], extraKeys: [])
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        var firstLine: [String: Int] = [:]
        for (i, raw) in lines.enumerated() {
            if (i + 1) % 4096 == 0 { progress?(i + 1, lines.count) }
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let n = i + 1
            let text = String(decoding: line, as: UTF8.self)
            switch parse(line) {
            case .failure(let e):
                out.bad.append(
                    BadRow(
                        line: n,
                        problems: [
                            .init(column: "", reason: "not a lead: \(e.message) (at byte \(e.offset + 1) of the line)")
                        ], cells: [text]))
            case .success(let read):
                guard let row = importRow(read, line: n, text: text, clearEmpty: clearEmpty, bad: &out.bad) else {
                    continue
                }
                if let earlier = firstLine[row.originKey] {
                    out.bad.append(
                        BadRow(
                            line: n,
                            problems: [
                                .init(column: "originId", reason: "the same lead (\(row.originKey)) as line \(earlier)")
                            ], cells: [text]))
                    continue
                }
                firstLine[row.originKey] = n
                out.extraKeys.formUnion(read.profile.extra.map(\.key))
                out.rows.append(row)
            }
        }
        progress?(lines.count, lines.count)
        return out
    }

    /// The import row a parsed line gives, or nil once `bad` has the reason it can't be imported.
    static func importRow(_ read: Line, line n: Int, text: String, clearEmpty: Bool, bad: inout [BadRow])
        -> ImportRow?
    {
        let (id, owner, profile) = (read.id, read.owner, read.profile)
        var row = ImportRow(
            line: n, origin: profile.origin, originId: profile.originId, values: profile,
            present: present(read, clearEmpty: clearEmpty), extra: profile.extra.filter { !$0.value.isEmpty },
            owner: owner)
        if clearEmpty { row.clearedExtras = profile.extra.filter { $0.value.isEmpty }.map(\.key) }
        if givesScore(read) { row.values.sourceScore = profile.score }
        if row.origin.isEmpty || row.originId.isEmpty {
            guard !id.isEmpty else {
                bad.append(
                    BadRow(
                        line: n,
                        problems: [
                            .init(column: "originId", reason: "has no origin and originId, nor an id to key it by")
                        ], cells: [text]))
                return nil
            }
            (row.origin, row.originId) = (SourceFormat.jsonl.origin, id)
        }
        if row.present.contains(.createdAt), !Instant.recordable.contains(profile.createdAt) {
            let reason = "'\(profile.createdAt.iso8601)' is outside the dates leadq can record (1970 to 9999)"
            bad.append(BadRow(line: n, problems: [.init(column: "createdAt", reason: reason)], cells: [text]))
            return nil
        }
        return row
    }

    struct LineError: Error {
        var offset: Int
        var message: String
    }

    /// A line read: the lead's id and owner (a whole lead's line), its profile and the profile's keys.
    struct Line {
        var id = "", owner = ""
        var profile = Profile()
        var keys = Set<String>()
        var bare = false
    }

    /// The fields a line gives: its keys with a value (any key, with `clearEmpty`). The creation
    /// time is never cleared: a lead always has one.
    static func present(_ line: Line, clearEmpty: Bool) -> ProfileFieldSet {
        let p = line.profile
        var out = ProfileFieldSet()
        for f in ProfileField.allCases where line.keys.contains(f.rawValue) {
            if clearEmpty && f != .createdAt || !ProfileField.isEmpty(f, in: p) { out.insert(f) }
        }
        if givesScore(line) { out.insert(.sourceScore) }
        return out
    }

    /// A bare profile's `score` given without `sourceScore` or `scoreParts`: the source's score.
    static func givesScore(_ line: Line) -> Bool {
        line.bare && line.keys.contains("score") && !line.keys.contains("sourceScore")
            && !line.keys.contains("scoreParts")
    }

    static func parse(_ line: ArraySlice<UInt8>) -> Result<Line, LineError> {
        line.withUnsafeBytes { buf in
            do {
                var r = JSONReader(buf)
                var out = Line()
                var profile: Profile?
                try r.object { r, key in
                    switch key {
                    case "id": out.id = try r.string()
                    case "owner": out.owner = r.null() ? "" : try r.string()
                    case "profile": profile = try ProfileCodec.read(&r) { out.keys.insert($0) }
                    default: try r.skipValue()
                    }
                }
                try r.finish()
                if let profile {
                    out.profile = profile
                    return .success(out)
                }
                // No "profile" member: the line is a bare profile.
                var bare = JSONReader(buf)
                var keys = Set<String>()
                let p = try ProfileCodec.read(&bare) { keys.insert($0) }
                return .success(Line(profile: p, keys: keys, bare: true))
            } catch let e as JSONError {
                return .failure(LineError(offset: e.offset, message: e.message))
            } catch {
                return .failure(LineError(offset: 0, message: "\(error)"))
            }
        }
    }
}
