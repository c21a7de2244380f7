import LeadqDomain
import LeadqMetrics

/// One figure in a report table, kept typed so each output can write it its own way: a terminal
/// or Markdown cell as text, CSV and JSON as plain numbers (seconds, counts, fractions).
public enum ReportValue: Equatable, Sendable {
    case text(String)
    case count(Int)
    /// A duration in seconds; nil when there is nothing to measure.
    case seconds(Int64?)
    /// The median of a set of durations, shown with how many there were.
    case median(Durations)
    /// A count out of a total, shown as "3 (42.9%)".
    case share(Share)
    /// Only the rate of a share, shown as "42.9%".
    case rate(Share)
    /// Money in cents, shown as "12,000.50"; machine formats write 12000.50.
    case amount(Int64)

    /// The cell as people read it.
    public var display: String {
        switch self {
        case .text(let s): return s
        case .count(let n): return String(n)
        case .seconds(let s): return ReportText.duration(s)
        case .median(let d): return d.isEmpty ? "—" : "\(ReportText.duration(d.median)) (\(d.count))"
        case .share(let s): return ReportText.countAndPercent(s)
        case .rate(let s): return ReportText.percent(s)
        case .amount(let c): return Money.text(c)
        }
    }

    /// The value's machine-format fields, in the order of `ReportColumn.fields`: numbers as JSON/CSV
    /// literals, nil for "nothing to measure"; text as `.string`.
    public var fields: [ReportField] {
        switch self {
        case .text(let s): return [.string(s)]
        case .count(let n): return [.number(String(n))]
        case .seconds(let s): return [s.map { .number(String($0)) } ?? .none]
        case .median(let d): return [d.median.map { .number(String($0)) } ?? .none, .number(String(d.count))]
        case .share(let s): return [.number(String(s.count)), ReportText.fraction(s).map(ReportField.number) ?? .none]
        case .rate(let s): return [ReportText.fraction(s).map(ReportField.number) ?? .none]
        case .amount(let c):
            let cents = abs(c) % 100
            return [.number("\(c < 0 ? "-" : "")\(abs(c) / 100).\(cents < 10 ? "0" : "")\(cents)")]
        }
    }
}

/// One machine-format field of a report value.
public enum ReportField: Equatable, Sendable {
    case string(String)
    /// A JSON/CSV number literal: digits, optionally a point and more digits.
    case number(String)
    /// Nothing to measure: JSON null, an empty CSV cell.
    case none
}

public struct ReportColumn: Equatable, Sendable {
    public enum Kind: Sendable {
        case text, count, seconds, median, share, rate, amount
    }
    /// The CSV header and JSON key (snake_case).
    public var key: String
    /// The terminal and Markdown header.
    public var title: String
    /// What the column's values are (all of one kind), so machine formats know their fields before any row.
    public var kind: Kind
    public init(_ key: String, _ title: String, _ kind: Kind = .count) {
        (self.key, self.title, self.kind) = (key, title, kind)
    }

    public var isNumeric: Bool { kind != .text }

    /// The machine-format fields of the column: a share is its count and its fraction, a median its
    /// seconds and how many values it has.
    public var fields: [String] {
        switch kind {
        case .text, .count, .seconds, .rate, .amount: return [key]
        case .median: return [key + "_median_s", key + "_n"]
        case .share: return [key, key + "_share"]
        }
    }
}

/// One section of the report as a table.
public struct ReportTable: Equatable, Sendable {
    /// The section's name for `--section` and as the JSON key.
    public var id: String
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [[ReportValue]]
    /// Rows that sum up the others (the team, all sources).
    public var totalRows: Set<Int> = []
}

/// The report's sections, in the order `leadq report` prints them.
public enum ReportTables {
    public static let sectionIDs = [
        "work", "response", "response-inquiry", "stages", "reasons-by-source", "reasons-by-band",
        "clawbacks-by-source", "clawbacks-by-band", "acceptance", "cohorts", "opportunities",
    ]

    /// The label of the team's row and of the all-sources cohort rows.
    public static let teamLabel = "all reps"
    public static let allSourcesLabel = "all sources"

    public static func all(_ r: Report) -> [ReportTable] {
        [
            work(r), response(r), responseFromInquiry(r), stages(r), reasonsBySource(r), reasonsByBand(r),
            clawbacksBySource(r), clawbacksByBand(r), acceptance(r), cohorts(r), opportunities(r),
        ]
    }

    static func repRows(_ r: Report, _ cells: (RepFigures) -> [ReportValue]) -> (
        rows: [[ReportValue]], totals: Set<Int>
    ) {
        var rows = r.reps.map { [ReportValue.text($0.rep)] + cells($0) }
        rows.append([.text(teamLabel)] + cells(r.team))
        return (rows, [rows.count - 1])
    }

    public static func work(_ r: Report) -> ReportTable {
        let (rows, totals) = repRows(r) { f in
            [
                .count(f.handled), .count(f.handoffs), .count(f.accepted), .count(f.rejected), .count(f.nurtured),
                .count(f.qualified), .count(f.followUpsDone), .count(f.followUpsOverdue),
            ]
        }
        return ReportTable(
            id: "work", title: "Work by rep",
            columns: [
                ReportColumn("rep", "REP", .text), ReportColumn("handled", "HANDLED"),
                ReportColumn("assigned", "ASSIGNED"),
                ReportColumn("accepted", "ACCEPT"), ReportColumn("rejected", "REJECT"),
                ReportColumn("nurture", "NURTURE"),
                ReportColumn("qualified", "QUALIFY"), ReportColumn("followups_done", "FU DONE"),
                ReportColumn("followups_overdue", "FU LATE"),
            ], rows: rows, totalRows: totals)
    }

    public static func response(_ r: Report) -> ReportTable {
        let (rows, totals) = repRows(r) { f in
            [
                .count(f.responseTimes.count), .seconds(f.responseTimes.median), .seconds(f.responseTimes.p90),
                .share(Share(f.firstTouchBreaches, of: f.firstTouchClocks)),
                .share(Share(f.decisionBreaches, of: f.handoffs)),
            ]
        }
        return ReportTable(
            id: "response", title: "Response time and SLA breaches (assignments made in the window)",
            columns: [
                ReportColumn("rep", "REP", .text), ReportColumn("contacted", "CONTACTED"),
                ReportColumn("response_median_s", "MEDIAN", .seconds),
                ReportColumn("response_p90_s", "P90", .seconds),
                ReportColumn("first_touch_breaches", "FIRST TOUCH LATE", .share),
                ReportColumn("decision_breaches", "DECISION LATE", .share),
            ], rows: rows, totalRows: totals)
    }

    public static func stages(_ r: Report) -> ReportTable {
        let shown: [Stage] = [.new, .assigned, .accepted, .nurture]
        let (rows, totals) = repRows(r) { f in shown.map { .median(f.stageTimes[$0] ?? Durations()) } }
        return ReportTable(
            id: "stages", title: "Median time in stage (stays that ended in the window; count in brackets)",
            columns: [ReportColumn("rep", "REP", .text)]
                + shown.map { ReportColumn($0.rawValue, $0.rawValue.uppercased(), .median) },
            rows: rows, totalRows: totals)
    }

    public static func reasonsBySource(_ r: Report) -> ReportTable {
        reasons(
            r.rejectionsBySource, id: "reasons-by-source", title: "Rejection reasons by source",
            group: ReportColumn("source", "SOURCE", .text))
    }

    public static func reasonsByBand(_ r: Report) -> ReportTable {
        var rows = r.rejectionsByBand
        for i in rows.indices { rows[i].group = ScoreBand(rawValue: rows[i].group)?.label(r.settings) ?? rows[i].group }
        return reasons(
            rows, id: "reasons-by-band", title: "Rejection reasons by score band",
            group: ReportColumn("band", "BAND", .text))
    }

    static func reasons(
        _ counts: [ReasonCount], id: String, title: String, group: ReportColumn,
        count: ReportColumn = ReportColumn("rejections", "REJECTIONS", .share)
    ) -> ReportTable {
        ReportTable(
            id: id, title: title,
            columns: [group, ReportColumn("reason", "REASON", .text), count],
            rows: counts.map { [.text($0.group), .text($0.reason), .share($0.share)] })
    }

    public static func acceptance(_ r: Report) -> ReportTable {
        // Assigned − accepted − declined are still undecided (or were reassigned first).
        ReportTable(
            id: "acceptance", title: "Acceptance by score band (assignments made in the window)",
            columns: [
                ReportColumn("band", "BAND", .text), ReportColumn("assigned", "ASSIGNED"),
                ReportColumn("accepted", "ACCEPTED"),
                ReportColumn("declined", "DECLINED"), ReportColumn("acceptance_rate", "RATE", .rate),
                ReportColumn("rejected_after_accepting", "REJ LATER", .share),
                ReportColumn("qualified", "QUALIFIED", .share),
            ],
            rows: r.acceptance.map { a in
                [
                    .text(a.band.label(r.settings)), .count(a.handoffs), .count(a.accepted), .count(a.notAccepted),
                    .rate(a.rate),
                    .share(Share(a.rejectedAfterAccepting, of: a.accepted)), .share(Share(a.qualified, of: a.accepted)),
                ]
            })
    }

    public static func cohorts(_ r: Report) -> ReportTable {
        var totals = Set<Int>()
        var rows: [[ReportValue]] = []
        for c in r.cohorts {
            if c.source == nil { totals.insert(rows.count) }
            rows.append([
                .text(c.period.label), .text(c.source ?? allSourcesLabel), .count(c.size),
                .share(c.share(.accepted)), .share(c.share(.qualified)), .share(c.share(.rejected)),
                .share(c.share(.nurture)),
            ])
        }
        return ReportTable(
            id: "cohorts", title: "Cohort conversion by channel (leads created in each period; stages reached by now)",
            columns: [
                ReportColumn("period", "PERIOD", .text), ReportColumn("source", "SOURCE", .text),
                ReportColumn("leads", "LEADS"),
                ReportColumn("accepted", "ACCEPTED", .share), ReportColumn("qualified", "QUALIFIED", .share),
                ReportColumn("rejected", "REJECTED", .share), ReportColumn("nurture", "NURTURE", .share),
            ], rows: rows, totalRows: totals)
    }
}
