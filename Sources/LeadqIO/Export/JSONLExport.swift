import LeadqCodec
import LeadqDomain
import LeadqStore

/// leadq's own JSON Lines: which leads changed since a time, and their events as lines. (Lead lines
/// are `leadq show --json`'s form, which `leadq import` reads back.) Strings are JSON-escaped,
/// control characters included, so no line can drive a terminal when printed.
public enum JSONLExport {
    /// Whether a lead changed at or after `since` (any event, imports included).
    public static func changed(_ lead: Lead, since: Instant?) -> Bool {
        guard let since else { return true }
        return lead.history.contains { $0.at >= since }
    }

    /// The events that belong to no lead (changes of settings, repair's notes) at or after `since`.
    public static func storeEvents(_ events: [Event], since: Instant?) -> [(seq: Int64, line: [UInt8])] {
        events.filter { e in since.map { e.entry.at >= $0 } ?? true }.map { e in
            var w = JSONWriter(capacity: 192)
            EntryJSON.writeEvent(e, &w)
            w.bytes.append(0x0A)
            return (e.seq, w.bytes)
        }
    }

    /// The events of a lead at or after `since`, as journal-shaped lines without their checksums:
    /// `created` and `updated` with the profile they left (an update with its changes too), as
    /// the lead's history rebuilds it.
    public static func events(_ lead: Lead, since: Instant?) -> [(seq: Int64, line: [UInt8])] {
        lead.history.filter { e in since.map { e.at >= $0 } ?? true }.map { e in
            var w = JSONWriter(capacity: 192)
            var profile: Profile?
            switch e.op {
            case .created, .updated: profile = lead.profile(afterSeq: e.seq)
            default: break
            }
            EntryJSON.writeEvent(Event(lead: lead.id, entry: e, profile: profile), &w)
            w.bytes.append(0x0A)
            return (e.seq, w.bytes)
        }
    }
}
