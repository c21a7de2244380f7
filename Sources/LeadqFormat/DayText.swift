import LeadqDomain
import LeadqMetrics

/// The "today" line, for people and programs.
public enum DayText {
    /// "Today (2026-11-23) for ana: 12 calls · 4 connects · …".
    public static func line(_ d: DayFigures, who: String?, zone: Zone) -> String {
        let day = d.from.date(utcOffset: zone.offset(at: d.from))
        return "Today (\(day))\(who.map { " for \($0)" } ?? ""): \(d.line)"
    }

    public static func json(_ d: DayFigures) -> String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("from", d.from)
        w.field("to", d.to)
        w.field("calls", d.calls)
        w.field("connects", d.connects)
        w.field("contacts", d.contacts)
        w.field("followUpsDone", d.followUpsDone)
        w.field("hotDue", d.hotDue)
        w.field("hotInTime", d.hotInTime)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
