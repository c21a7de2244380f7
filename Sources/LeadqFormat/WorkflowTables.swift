import LeadqDomain
import LeadqMetrics

/// The report's sections about the whole workflow: response time as the lead saw it (from the
/// inquiry), why worked leads went back to nurture, and what became of the opportunities.
extension ReportTables {
    public static func responseFromInquiry(_ r: Report) -> ReportTable {
        let (rows, totals) = repRows(r) { f in
            [
                .count(f.responseFromInquiry.count), .seconds(f.responseFromInquiry.median),
                .seconds(f.responseFromInquiry.p90),
            ]
        }
        return ReportTable(
            id: "response-inquiry",
            title:
                "Response time from the inquiry (assignments from the pool in the window; waiting for routing counts)",
            columns: [
                ReportColumn("rep", "REP", .text), ReportColumn("contacted", "CONTACTED"),
                ReportColumn("inquiry_median_s", "MEDIAN", .seconds), ReportColumn("inquiry_p90_s", "P90", .seconds),
            ], rows: rows, totalRows: totals)
    }

    public static func clawbacksBySource(_ r: Report) -> ReportTable {
        reasons(
            r.clawbacksBySource, id: "clawbacks-by-source", title: "Clawback reasons by source",
            group: ReportColumn("source", "SOURCE", .text), count: ReportColumn("clawbacks", "CLAWBACKS", .share))
    }

    public static func clawbacksByBand(_ r: Report) -> ReportTable {
        var rows = r.clawbacksByBand
        for i in rows.indices { rows[i].group = ScoreBand(rawValue: rows[i].group)?.label(r.settings) ?? rows[i].group }
        return reasons(
            rows, id: "clawbacks-by-band", title: "Clawback reasons by score band",
            group: ReportColumn("band", "BAND", .text), count: ReportColumn("clawbacks", "CLAWBACKS", .share))
    }

    /// The cohorts' opportunities: of the leads created in each period that became SQLs, how many
    /// were won and lost by now, the win rate, the median time from SQL to close, what is still
    /// open (the pipeline) and the amount won. Only cohorts with an SQL, and every period's total.
    public static func opportunities(_ r: Report) -> ReportTable {
        var totals = Set<Int>()
        var rows: [[ReportValue]] = []
        for c in r.cohorts where c.qualified > 0 || c.source == nil {
            if c.source == nil { totals.insert(rows.count) }
            rows.append([
                .text(c.period.label), .text(c.source ?? allSourcesLabel), .count(c.qualified), .count(c.won),
                .count(c.lost), .rate(c.winRate), .median(c.sqlToClose), .count(c.open), .amount(c.wonAmount),
            ])
        }
        return ReportTable(
            id: "opportunities", title: "Opportunities by cohort (SQLs among the leads created in each period; by now)",
            columns: [
                ReportColumn("period", "PERIOD", .text), ReportColumn("source", "SOURCE", .text),
                ReportColumn("sql", "SQL"), ReportColumn("won", "WON"), ReportColumn("lost", "LOST"),
                ReportColumn("win_rate", "WIN RATE", .rate), ReportColumn("sql_to_close", "SQL→CLOSE", .median),
                ReportColumn("open", "PIPELINE"), ReportColumn("won_amount", "WON AMOUNT", .amount),
            ], rows: rows, totalRows: totals)
    }
}
