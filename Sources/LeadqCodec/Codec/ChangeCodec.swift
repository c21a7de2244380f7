import LeadqDomain

/// The changes of an `updated` entry: `"changes":[["score",0,85],["email","a@x.example","b@x.example"]]`,
/// each `[field, old, new]` with the values written as the profile writes that field (`null` for none).
public enum ChangeCodec {
    public static func write(_ changes: [FieldChange], _ w: inout JSONWriter) {
        w.beginArray()
        for c in changes {
            w.beginArray()
            w.string(c.key.rawValue)
            writeValue(c.old, &w)
            writeValue(c.new, &w)
            w.endArray()
        }
        w.endArray()
    }

    public static func writeValue(_ v: FieldValue, _ w: inout JSONWriter) {
        switch v {
        case .text(let s): w.string(s)
        case .number(let n): if let n { w.int(n) } else { w.null() }
        case .flag(let b): w.bool(b)
        case .texts(let l):
            w.beginArray()
            for s in l { w.string(s) }
            w.endArray()
        case .signals(let l): ProfileCodec.writeSignals(l, &w)
        case .parts(let l): ProfileCodec.writeParts(l, &w)
        case .attributes(let l): ProfileCodec.writeAttributes(l, &w)
        case .time(let t): w.instant(t)
        }
    }

    public static func read(_ r: inout JSONReader) throws -> [FieldChange] {
        var out: [FieldChange] = []
        try r.array { r in
            var key: ProfileKey?
            var values: [FieldValue] = []
            try r.array { r in
                guard let k = key else {
                    let name = try r.string()
                    guard let k = ProfileKey(rawValue: name) else {
                        throw r.error("unknown profile field '\(name)' in a change")
                    }
                    key = k
                    return
                }
                guard values.count < 2 else { throw r.error("a change is [field, old, new]") }
                values.append(try readValue(k, &r))
            }
            guard let key, values.count == 2 else { throw r.error("a change is [field, old, new]") }
            out.append(FieldChange(key, old: values[0], new: values[1]))
        }
        return out
    }

    /// A value of the field's own kind; anything else is damage, so a change can never put into a
    /// profile what the profile's own reader would refuse.
    public static func readValue(_ key: ProfileKey, _ r: inout JSONReader) throws -> FieldValue {
        switch key.kind {
        case .text: return .text(try r.string())
        case .optionalNumber: return .number(r.null() ? nil : try r.intValue())
        case .number:
            let n = try r.intValue()
            guard key != .score || (0...100).contains(n) else { throw r.error("score \(n) is outside 0-100") }
            return .number(n)
        case .flag: return .flag(try r.bool())
        case .texts: return .texts(try r.stringArray())
        case .signals: return .signals(try ProfileCodec.readSignals(&r))
        case .parts: return .parts(try ProfileCodec.readParts(&r))
        case .attributes: return .attributes(try ProfileCodec.readAttributes(&r))
        case .time: return .time(try OpCodec.instant(&r))
        }
    }
}
