import LeadqDomain

/// JSON for history entries and journal events: `{"seq":7,"at":"…","by":"dana","op":"reject","reason":"no-budget"}`.
public enum OpCodec {
    public static func writeEntryFields(_ e: Entry, _ w: inout JSONWriter) {
        w.field("seq", e.seq)
        w.field("at", e.at)
        w.field("by", e.by)
        writeOp(e.op, &w)
    }

    public static func writeOp(_ op: Op, _ w: inout JSONWriter) {
        w.field("op", op.name)
        switch op {
        case .created, .accept:
            break
        case .updated(let fields, let changes):
            // Entries that recorded their changes write only those; the field names follow from them.
            if let changes {
                w.key("changes")
                ChangeCodec.write(changes, &w)
            } else {
                w.strings("fields", fields)
            }
        case .assign(let to, let rule):
            w.field("to", to)
            if let r = rule { w.field("rule", r) }
        case .reject(let reason, let note):
            w.field("reason", reason)
            if !note.isEmpty { w.field("note", note) }
        case .contact(let c):
            writeContact(c, &w)
        case .scheduleFollowUp(let due, let what, let replaces):
            w.field("due", due)
            w.field("what", what)
            if let r = replaces { w.field("replaces", r) }
        case .completeFollowUp(let id, let note):
            w.field("id", id)
            if !note.isEmpty { w.field("note", note) }
        case .dropFollowUp(let id):
            w.field("id", id)
        case .qualify(let note):
            if !note.isEmpty { w.field("note", note) }
        case .release(let note, let step):
            if !note.isEmpty { w.field("note", note) }
            if let step { w.field("step", step) }
        case .won(let amount, let note):
            if let a = amount { w.field("amount", a) }
            if !note.isEmpty { w.field("note", note) }
        case .lost(let reason, let amount, let note):
            w.field("reason", reason)
            if let a = amount { w.field("amount", a) }
            if !note.isEmpty { w.field("note", note) }
        case .merged(let into):
            w.field("into", into)
        case .absorb(let from, let entries):
            w.field("from", from)
            writeAbsorbed(entries, &w)
        case .clawback(let reason, let note, let policy):
            w.field("reason", reason)
            if !note.isEmpty { w.field("note", note) }
            if policy { w.field("policy", true) }
        case .nurture(let rule):
            w.field("rule", rule)
        case .undo(let target):
            w.field("target", target)
        case .setAside(let note), .note(let note), .settings(let note):
            w.field("note", note)
        }
    }

    static func writeContact(_ c: Contact, _ w: inout JSONWriter) {
        w.field("channel", c.channel.rawValue)
        w.field("outcome", c.outcome.rawValue)
        if c.direction != .outbound { w.field("direction", c.direction.rawValue) }
        if !c.note.isEmpty { w.field("note", c.note) }
        if let due = c.followUpDue { w.field("followUp", due) }
        if let what = c.followUpWhat { w.field("followUpWhat", what) }
        if let ch = c.followUpChannel { w.field("followUpChannel", ch.rawValue) }
        if !c.completes.isEmpty {
            w.key("completes")
            w.beginArray()
            for id in c.completes { w.int(id) }
            w.endArray()
        }
    }

    /// A merged duplicate's entries, kept whole inside the entry that absorbed them.
    static func writeAbsorbed(_ entries: [Entry], _ w: inout JSONWriter) {
        w.key("entries")
        w.beginArray()
        for e in entries {
            w.beginObject()
            writeEntryFields(e, &w)
            w.endObject()
        }
        w.endArray()
    }

    /// The fields an entry or event may carry, gathered while reading an object in any key order.
    public struct Fields {
        /// Whether notes and follow-up descriptions are read (`ProfileMembers.notes`) or passed by.
        var keepNotes = true
        var seq: Int64?
        var at: Instant?
        var by: String?
        /// The op's name as its bytes, matched like a key: the reader's buffer outlives the entry.
        var op: JSONKey?
        var to = "", rule: String?, reason = "", note = ""
        /// Matched in place, like `op`.
        var channel: JSONKey?, outcome: JSONKey?, direction: JSONKey?
        var due: Instant?, followUp: Instant?, what = "", replaces: Int64?, id: Int64?, target: Int64?
        var policy = false
        var fields: [String] = []
        var changes: [FieldChange]?
        var followUpWhat: String?, followUpChannel = "", completes: [Int64] = []
        var step: Int?, amount: Int64?, into = "", from = "", entries: [Entry] = []

        /// Reads one member if it belongs to an entry; returns false for keys it does not know.
        mutating func read(_ key: JSONKey, _ r: inout JSONReader) throws -> Bool {
            switch key {
            case "seq": seq = try r.int()
            case "at": at = try instant(&r)
            case "by": by = try r.string()
            case "op": op = try r.key()
            case "to": to = try r.string()
            case "rule": rule = r.null() ? nil : try r.string()
            case "reason": reason = try r.string()
            case "note": if keepNotes { note = try r.string() } else { try r.skipString() }
            case "channel": channel = try r.key()
            case "outcome": outcome = try r.key()
            case "direction": direction = try r.key()
            case "due": due = try instant(&r)
            case "followUp": followUp = r.null() ? nil : try instant(&r)
            case "what": if keepNotes { what = try r.string() } else { try r.skipString() }
            case "replaces": replaces = r.null() ? nil : try r.int()
            case "id": id = try r.int()
            case "target": target = try r.int()
            case "policy": policy = try r.bool()
            case "fields": fields = try r.stringArray()
            case "changes": changes = try ChangeCodec.read(&r)
            case "followUpWhat": if keepNotes { followUpWhat = try r.string() } else { try r.skipString() }
            case "followUpChannel": followUpChannel = try r.string()
            case "completes": try r.array { completes.append(try $0.int()) }
            case "step": step = try r.intValue()
            case "amount": amount = try r.int()
            case "into": into = try r.string()
            case "from": from = try r.string()
            case "entries": try r.array { entries.append(try OpCodec.readEntry(&$0, keepingNotes: keepNotes)) }
            default: return false
            }
            return true
        }

        /// `offset`: where the entry ends, for an error.
        func entry(offset: Int) throws -> Entry {
            guard let seq, let at, let by, let op else {
                throw JSONError(offset: offset, message: "record lacks seq, at, by or op")
            }
            return Entry(seq: seq, at: at, by: by, op: try makeOp(op, offset: offset))
        }

        private func makeOp(_ name: JSONKey, offset: Int) throws -> Op {
            func need<T>(_ v: T?, _ field: String) throws -> T {
                guard let v else {
                    throw JSONError(offset: offset, message: "'\(name.string)' record lacks '\(field)'")
                }
                return v
            }
            switch name {
            case "created": return .created
            case "set-aside": return .setAside(note: note)
            case "settings": return .settings(note: note)
            case "updated": return changes.map { Op.update($0) } ?? .updated(fields: fields, changes: nil)
            case "assign": return .assign(to: to, rule: rule)
            case "accept": return .accept
            case "reject": return .reject(reason: reason, note: note)
            case "contact":
                guard let ch = channel.flatMap({ Names.channel($0) }) else {
                    throw JSONError(offset: offset, message: "unknown channel '\(channel?.string ?? "")'")
                }
                guard let out = outcome.flatMap({ Names.outcome($0) }) else {
                    throw JSONError(offset: offset, message: "unknown outcome '\(outcome?.string ?? "")'")
                }
                // Absent or empty: outbound.
                let dir = direction.map { $0.equals([]) ? Direction.outbound : Names.direction($0) } ?? .outbound
                guard let dir else {
                    throw JSONError(offset: offset, message: "unknown direction '\(direction?.string ?? "")'")
                }
                var c = Contact(channel: ch, outcome: out, direction: dir, note: note, followUpDue: followUp)
                c.followUpWhat = followUpWhat
                if !followUpChannel.isEmpty {
                    guard let fc = Channel(rawValue: followUpChannel) else {
                        throw JSONError(offset: offset, message: "unknown channel '\(followUpChannel)'")
                    }
                    c.followUpChannel = fc
                }
                c.completes = completes
                return .contact(c)
            case "followup": return .scheduleFollowUp(due: try need(due, "due"), what: what, replaces: replaces)
            case "followup-done": return .completeFollowUp(id: try need(id, "id"), note: note)
            case "followup-drop": return .dropFollowUp(id: try need(id, "id"))
            case "qualify": return .qualify(note: note)
            case "clawback": return .clawback(reason: reason, note: note, policy: policy)
            case "nurture": return .nurture(rule: try need(rule, "rule"))
            case "release": return .release(note: note, step: step)
            case "undo": return .undo(target: try need(target, "target"))
            case "note": return .note(note)
            case "won": return .won(amount: amount, note: note)
            case "lost": return .lost(reason: reason, amount: amount, note: note)
            case "merged":
                guard !into.isEmpty else { throw JSONError(offset: offset, message: "'merged' record lacks 'into'") }
                return .merged(into: into)
            case "absorb":
                guard !from.isEmpty else { throw JSONError(offset: offset, message: "'absorb' record lacks 'from'") }
                return .absorb(from: from, entries: entries)
            default: throw JSONError(offset: offset, message: "unknown op '\(name.string)'")
            }
        }
    }

    public static func instant(_ r: inout JSONReader) throws -> Instant {
        try r.instant()
    }

    public static func readEntry(_ r: inout JSONReader, keepingNotes: Bool = true) throws -> Entry {
        var f = Fields()
        f.keepNotes = keepingNotes
        // The head as `writeEntryFields` puts it, `{"seq":7,"at":"…","by":"dana","op":"reject"`,
        // read without naming and matching each key: most of an entry's keys are these four. From
        // the first that is not where the writer puts it, members are read by name, in any order.
        if try r.open(#"{"seq":"#) {
            f.seq = try r.int()
            if r.take(#","at":"#) {
                f.at = try instant(&r)
                if r.take(#","by":"#) {
                    f.by = try r.string()
                    if r.take(#","op":"#) { f.op = try r.key() }
                }
            }
            try r.restOfMembers { r, key in
                if try !f.read(key, &r) { try r.skipValue() }
            }
        } else {
            try r.members { r, key in
                if try !f.read(key, &r) { try r.skipValue() }
            }
        }
        return try f.entry(offset: r.pos)
    }
}
