import LeadqMetrics

/// The bar charts of the stats screen, as rows for `BarChart.render`.
public enum ReportCharts {
    /// Rejections made in the window by reason, most frequent first.
    public static func rejectionReasons(_ r: Report) -> [BarRow] {
        BarChart.rows(r.rejectionsByReason.map { (label: $0.reason, value: $0.count) })
    }

    /// For each source, the share of the window's leads (one cohort) that reached `outcome`; the
    /// bar is that share of the full width. Biggest cohorts first.
    public static func conversionByChannel(_ r: Report, reaching outcome: LeadTimeline.Outcome = .qualified) -> [BarRow]
    {
        r.cohortTotals.filter { $0.source != nil && $0.size > 0 }.map { c in
            let s = c.share(outcome)
            return BarRow(
                label: c.source ?? "", value: s.count, fraction: s.fraction ?? 0,
                text: "\(s.count)/\(s.total) (\(ReportText.percent(s)))")
        }
    }

    /// The rep's (or team's) first responses by band: ≤ 5 min, ≤ 1 h, ≤ 24 h, > 24 h, none yet, none at all.
    public static func responseTimes(_ f: RepFigures) -> [BarRow] {
        BarChart.rows(f.responseDistribution.bands.map { (label: $0.label, value: $0.count) })
    }
}
