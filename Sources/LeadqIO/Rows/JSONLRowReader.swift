import LeadqDomain
import LeadqStore

/// leadq's own JSON Lines: each line a lead as `leadq export --format jsonl` writes it
/// (`{"id":…,"owner":…,"profile":{…},…}`) or a bare profile (`{"origin":"web","originId":"17",…}`).
/// The profile is taken whole; work and history from another store are not (they are that store's).
public enum JSONLRowReader {
    public static func rows(_ bytes: [UInt8], file: String, progress: ((Int, Int) -> Void)? = nil) throws -> ReadRows {
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
                out.bad.append(BadRow(line: n, problems: [.init(column: "", reason: "not a lead: \(e.message) (at byte \(e.offset + 1) of the line)")], cells: [text]))
            case .success(let (id, owner, profile)):
                var row = ImportRow(line: n, origin: profile.origin, originId: profile.originId, values: profile,
                                    present: ProfileFieldSet(ProfileField.allCases), extra: profile.extra, owner: owner)
                if row.origin.isEmpty || row.originId.isEmpty {
                    guard !id.isEmpty else {
                        out.bad.append(BadRow(line: n, problems: [.init(column: "originId", reason: "has no origin and originId, nor an id to key it by")], cells: [text]))
                        continue
                    }
                    (row.origin, row.originId) = (SourceFormat.jsonl.origin, id)
                }
                if profile.createdAt == Instant(seconds: 0) { row.present.remove(.createdAt) }
                if !Instant.recordable.contains(profile.createdAt) {
                    let reason = "'\(profile.createdAt.iso8601)' is outside the dates leadq can record (1970 to 9999)"
                    out.bad.append(BadRow(line: n, problems: [.init(column: "createdAt", reason: reason)], cells: [text]))
                    continue
                }
                if let earlier = firstLine[row.originKey] {
                    out.bad.append(BadRow(line: n, problems: [.init(column: "originId", reason: "the same lead (\(row.originKey)) as line \(earlier)")], cells: [text]))
                    continue
                }
                firstLine[row.originKey] = n
                out.extraKeys.formUnion(profile.extra.map(\.key))
                out.rows.append(row)
            }
        }
        progress?(lines.count, lines.count)
        return out
    }

    struct LineError: Error { var offset: Int; var message: String }

    static func parse(_ line: ArraySlice<UInt8>) -> Result<(String, String, Profile), LineError> {
        line.withUnsafeBytes { buf in
            do {
                var r = JSONReader(buf)
                var id = "", owner = ""
                var profile: Profile?
                try r.object { r, key in
                    switch key {
                    case "id": id = try r.string()
                    case "owner": owner = r.null() ? "" : try r.string()
                    case "profile": profile = try ProfileCodec.read(&r)
                    default: try r.skipValue()
                    }
                }
                try r.finish()
                if let profile { return .success((id, owner, profile)) }
                // No "profile" member: the line is a bare profile.
                var bare = JSONReader(buf)
                let p = try ProfileCodec.read(&bare)
                return .success(("", "", p))
            } catch let e as JSONError {
                return .failure(LineError(offset: e.offset, message: e.message))
            } catch {
                return .failure(LineError(offset: 0, message: "\(error)"))
            }
        }
    }
}
