import LeadqCodec
import LeadqDomain

/// The `--json` form of a lead: its record plus everything computed about it now.
public enum LeadJSON {
    public static func write(_ lead: Lead, _ status: LeadStatus, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", lead.id)
        w.field("version", lead.version)
        w.field("stage", lead.stage.rawValue)
        w.key("owner")
        if let o = lead.owner { w.string(o) } else { w.null() }
        w.field("score", lead.score)
        w.key("profile")
        ProfileCodec.write(lead.profile, &w)
        w.key("status")
        writeStatus(status, &w)
        let work = lead.work
        w.key("work")
        writeWork(work, &w)
        w.key("contacts")
        writeContacts(work.contacts, &w)
        w.key("followUps")
        w.beginArray()
        for f in work.followUps { followUp(f, &w) }
        w.endArray()
        w.key("history")
        w.beginArray()
        let undone = lead.undoneSeqs
        for e in lead.history { EntryJSON.write(e, undone: undone.contains(e.seq), &w) }
        w.endArray()
        w.endObject()
    }

    static func writeStatus(_ status: LeadStatus, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("decision")
        clock(status.decision, &w)
        w.key("firstTouch")
        clock(status.firstTouch, &w)
        w.field("attempts", status.attempts)
        w.key("nextFollowUp")
        if let f = status.nextFollowUp { followUp(f, &w) } else { w.null() }
        w.field("followUpOverdue", status.followUpOverdue)
        w.field("clawbackDue", status.clawbackDue)
        w.field("clawbackSoon", status.clawbackSoon)
        if let at = status.clawbackAt { w.field("clawbackAt", at.iso8601) }
        if let wait = status.poolWait { w.field("poolWaitSeconds", wait) }
        w.field("idleSeconds", status.idle)
        w.field("ageSeconds", status.age)
        w.field("nextAction", status.nextAction)
        w.strings("flags", status.flags)
        w.endObject()
    }

    /// The work's own fields; its contacts, follow-ups and history are written apart.
    static func writeWork(_ work: Work, _ w: inout JSONWriter) {
        w.beginObject()
        if let a = work.assignedAt { w.field("assignedAt", a.iso8601) }
        if let a = work.acceptedAt { w.field("acceptedAt", a.iso8601) }
        if let c = work.closedAt { w.field("closedAt", c.iso8601) }
        if let b = work.closedBy { w.field("closedBy", b) }
        if let r = work.rule { w.field("rule", r) }
        if !work.reason.isEmpty { w.field("reason", work.reason) }
        if !work.note.isEmpty { w.field("note", work.note) }
        if let q = work.qualifiedAt { w.field("qualifiedAt", q.iso8601) }
        if let o = work.outcomeAt { w.field("outcomeAt", o.iso8601) }
        if let a = work.amount { w.field("amountCents", a) }
        if let m = work.mergedInto { w.field("mergedInto", m) }
        if !work.absorbed.isEmpty { w.strings("absorbed", work.absorbed) }
        w.endObject()
    }

    static func writeContacts(_ contacts: [LoggedContact], _ w: inout JSONWriter) {
        w.beginArray()
        for c in contacts {
            w.beginObject()
            w.field("id", c.id)
            w.field("at", c.at.iso8601)
            w.field("by", c.by)
            w.field("channel", c.contact.channel.rawValue)
            w.field("outcome", c.contact.outcome.rawValue)
            w.field("direction", c.contact.direction.rawValue)
            w.field("note", c.contact.note)
            w.endObject()
        }
        w.endArray()
    }

    public static func clock(_ s: SLAState?, _ w: inout JSONWriter) {
        guard let s else {
            w.null()
            return
        }
        w.beginObject()
        w.field("deadline", s.deadline.iso8601)
        w.field("breached", s.breached)
        w.key("metAt")
        if let m = s.metAt { w.string(m.iso8601) } else { w.null() }
        w.field("remainingSeconds", s.remaining)
        w.endObject()
    }

    public static func followUp(_ f: FollowUp, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("id", f.id)
        w.field("due", f.due.iso8601)
        w.field("what", f.what)
        w.field("status", f.status.rawValue)
        w.field("automatic", f.automatic)
        if let ch = f.channel { w.field("channel", ch.rawValue) }
        if let c = f.closedAt { w.field("closedAt", c.iso8601) }
        w.endObject()
    }

    public static func string(_ body: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter(capacity: 4096)
        body(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
