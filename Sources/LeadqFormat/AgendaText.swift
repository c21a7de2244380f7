import LeadqDomain

/// The agenda for people (a table per section) and programs (JSON).
public enum AgendaText {
    public static func lines(_ a: Agenda, now: Instant, zone: Zone, width: Int?) -> [String] {
        var out: [String] = []
        for (title, items) in [("Overdue", a.overdue), ("Today", a.today), ("Next 7 days", a.week)] {
            if !out.isEmpty { out.append("") }
            out.append("\(title) (\(items.count))")
            guard !items.isEmpty else { continue }
            var t = Table([
                .init(title: "DUE", minWidth: 10, maxWidth: 22), .init(title: "ID", minWidth: 7, maxWidth: 9),
                .init(title: "NAME", minWidth: 8, maxWidth: 24), .init(title: "COMPANY", minWidth: 6, maxWidth: 24),
                .init(title: "WHAT", minWidth: 8, maxWidth: 60),
            ])
            for i in items {
                t.add([
                    When.text(i.due, now: now, zone: zone), i.lead, i.name, i.company,
                    i.what + (i.automatic ? " (cadence)" : ""),
                ])
            }
            out += t.render(width: width).map { "  " + $0 }
        }
        return out
    }

    public static func json(_ a: Agenda) -> String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        for (key, items) in [("overdue", a.overdue), ("today", a.today), ("week", a.week)] {
            w.key(key)
            w.beginArray()
            for i in items {
                w.beginObject()
                w.field("id", i.lead)
                w.field("name", i.name)
                w.field("company", i.company)
                w.field("due", i.due)
                w.field("what", i.what)
                w.field("automatic", i.automatic)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
