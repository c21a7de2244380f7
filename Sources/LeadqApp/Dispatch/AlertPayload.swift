import LeadqCodec
import LeadqDomain

/// The JSON a notify command reads on stdin: the alert, and enough of the lead to act on it
/// (`curl -d @-` to a chat webhook, a mail, a pager). Strings are JSON-escaped; nothing is
/// interpreted by a shell.
enum AlertPayload {
    static func json(_ alert: Alert, lead: Lead?, store: String) -> String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.field("alert", alert.kind.rawValue)
        w.field("key", alert.key)
        w.field("at", alert.at)
        w.field("text", alert.text)
        w.field("lead", alert.lead)
        w.strings("to", alert.to)
        if let d = alert.deadline { w.field("deadline", d) }
        if let c = alert.clock { w.field("clock", c) }
        if let l = lead {
            w.field("name", l.profile.name)
            w.field("company", l.profile.company)
            w.field("email", l.profile.email)
            w.field("phone", l.profile.phone)
            w.field("source", l.profile.source)
            w.field("score", l.score)
            w.field("stage", l.stage.rawValue)
            w.key("owner")
            if let o = l.owner { w.string(o) } else { w.null() }
        }
        w.field("store", store)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// What the dispatcher did or found, for its log: one note per action, alert and delivery.
public enum DispatchNote: Sendable {
    case routed(lead: String, name: String, outcome: RoutingDecision.Outcome, rule: String)
    case clawedBack(lead: String, name: String, note: String)
    case released(lead: String, name: String, note: String)
    /// The rules said no under the lock (someone acted first).
    case refused(lead: String, action: String, why: String)
    case alert(Alert, commands: Int)
    case delivered(Delivery)
    case deliveryFailed(Delivery, AlertLedger.Failure)
    /// Something kept it from acting this time (the store busy, a full disk); it tries again.
    case problem(String)
}
