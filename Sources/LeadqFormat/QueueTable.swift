import LeadqDomain

/// `leadq queue` as a table: the console's columns, the clocks whole at every width.
public enum QueueTable {
    public static func lines(_ rows: [QueueRow], settings s: Settings, now: Instant, utcOffset: Int64, width: Int?)
        -> [String]
    {
        var t = Table([
            .init(title: "ID", minWidth: 7, maxWidth: 9), .init(title: "SCORE", align: .right, minWidth: 5),
            .init(title: "AGE", align: .right, minWidth: 3),
            .init(title: "SLA", minWidth: Cells.slaWidth, maxWidth: Cells.slaWidth),
            .init(title: "NAME", minWidth: 8, maxWidth: 24), .init(title: "COMPANY", minWidth: 6, maxWidth: 22),
            .init(title: "PHONE", minWidth: 5, maxWidth: 18),
            .init(title: "TITLE", minWidth: 4, maxWidth: 20), .init(title: "SOURCE", minWidth: 4, maxWidth: 14),
            .init(title: "STAGE", minWidth: 9, maxWidth: 9), .init(title: "TRIES", minWidth: 5),
            .init(title: "FOLLOW-UP", minWidth: 6, maxWidth: 12), .init(title: "FLAGS", minWidth: 3, maxWidth: 12),
            .init(title: "NEXT", minWidth: 8, maxWidth: 60),
        ])
        for r in rows {
            let l = r.lead
            t.add([
                l.id, Cells.score(l, s).text, Cells.age(r.status), Cells.sla(l, r.status, s).text, l.profile.name,
                l.profile.company, l.profile.phone, l.profile.title, l.profile.source, l.stage.rawValue,
                Cells.attempts(r.status, s), Cells.followUp(r.status, now: now, utcOffset: utcOffset).text,
                Cells.flags(l, r.status), r.status.nextAction,
            ])
        }
        return t.render(width: width)
    }
}
