import LeadqDomain
import LeadqFormat
import LeadqMetrics
import LeadqText
import Testing

@Suite struct ReportTextTests {
    @Test func durations() {
        #expect(ReportText.duration(45) == "45s")
        #expect(ReportText.duration(60) == "1m")
        #expect(ReportText.duration(250) == "4m 10s")
        #expect(ReportText.duration(3600) == "1h")
        #expect(ReportText.duration(11_100) == "3h 05m")
        #expect(ReportText.duration(86_400) == "1d")
        #expect(ReportText.duration(2 * 86_400 + 4 * 3600 + 59) == "2d 4h")
        #expect(ReportText.duration(nil) == "—")
    }

    @Test func percentsAndFractions() {
        #expect(ReportText.percent(Share(3, of: 7)) == "42.9%")
        #expect(ReportText.percent(Share(1, of: 8)) == "12.5%")  // half up
        #expect(ReportText.percent(Share(0, of: 4)) == "0.0%")
        #expect(ReportText.percent(Share(4, of: 4)) == "100.0%")
        #expect(ReportText.percent(Share(0, of: 0)) == "—")
        #expect(ReportText.countAndPercent(Share(2, of: 3)) == "2 (66.7%)")
        #expect(ReportText.countAndPercent(Share(0, of: 0)) == "0")
        #expect(ReportText.fraction(Share(2, of: 3)) == "0.6667")
        #expect(ReportText.fraction(Share(3, of: 3)) == "1.0000")
        #expect(ReportText.fraction(Share(1, of: 20_000)) == "0.0001")
        #expect(ReportText.fraction(Share(0, of: 0)) == nil)
    }
}

@Suite struct BarChartTests {
    @Test func eighthBlocks() {
        #expect(BarChart.bar(1, width: 4) == "████")
        #expect(BarChart.bar(0.5, width: 4) == "██  ")
        #expect(BarChart.bar(0.53125, width: 4) == "██▏ ")  // 17 eighths
        #expect(BarChart.bar(0.96875, width: 4) == "███▉")  // 31 eighths
        #expect(BarChart.bar(0, width: 3) == "   ")
        #expect(BarChart.bar(0.001, width: 3, nonZero: true) == "▏  ")
        #expect(BarChart.bar(0.5, width: 4, glyphs: .ascii) == "##  ")
        #expect(BarChart.bar(0.01, width: 4, glyphs: .ascii, nonZero: true) == "#   ")
    }

    @Test func rowsAreScaledToTheLargest() {
        let rows = BarChart.rows([("no-budget", 6), ("bad-fit", 3), ("spam", 0)])
        #expect(rows.map(\.fraction) == [1, 0.5, 0])
        #expect(rows.map(\.text) == ["6 (66.7%)", "3 (33.3%)", "0 (0.0%)"])
    }

    @Test func renderedLinesFitTheWidthAndAreInert() {
        let rows = BarChart.rows([("webinar", 8), ("paid\u{1B}[31m-search", 2), ("展示会", 4)])
        let lines = BarChart.render(rows, width: 40)
        #expect(lines.count == 3)
        for l in lines {
            #expect(Width.of(l) == 40, "\(l)")
            #expect(!l.unicodeScalars.contains { $0.value == 0x1B })
        }
        #expect(lines[0].hasPrefix("webinar  "))
        #expect(lines[0].hasSuffix("8 (57.1%)"))
        #expect(lines[1].contains("␛"))
        let ascii = BarChart.render(rows, width: 40, glyphs: .ascii)
        #expect(ascii.allSatisfy { !$0.contains("█") } && ascii[0].contains("#"))
    }
}

@Suite struct ReportTablesTests {
    let report = ReportFixture.report()

    @Test func everySectionInOrder() {
        #expect(ReportTables.all(report).map(\.id) == ReportTables.sectionIDs)
    }

    @Test func rowsCarryTheFigures() {
        let work = ReportTables.work(report)
        #expect(work.rows.map { $0.map(\.display) }.first == ["ana", "8", "9", "5", "4", "1", "1", "0", "1"])
        #expect(work.totalRows == [work.rows.count - 1])
        #expect(work.rows.last!.first == .text("all reps"))
        let response = ReportTables.response(report)
        #expect(response.rows[1].map(\.display) == ["ben", "4", "11m 30s", "2h", "1 (25.0%)", "1 (25.0%)"])
        let stages = ReportTables.stages(report)
        #expect(stages.rows[0].map(\.display) == ["ana", "—", "1h 30m (8)", "23h 30m (4)", "—"])
        let cohorts = ReportTables.cohorts(report)
        #expect(
            cohorts.rows[0].map(\.display) == [
                "2026-11-16", "webinar", "4", "4 (100.0%)", "1 (25.0%)", "1 (25.0%)", "0 (0.0%)",
            ])
    }

    @Test func machineFieldsMatchTheHeader() {
        for t in ReportTables.all(report) {
            let header = t.columns.flatMap(\.fields)
            for row in t.rows { #expect(row.flatMap(\.fields).count == header.count, "\(t.id)") }
        }
        let response = ReportTables.response(report)
        #expect(
            response.columns.flatMap(\.fields) == [
                "rep", "contacted", "response_median_s", "response_p90_s",
                "first_touch_breaches", "first_touch_breaches_share",
                "decision_breaches", "decision_breaches_share",
            ])
        #expect(
            response.rows[0].flatMap(\.fields) == [
                .string("ana"), .number("5"), .number("600"), .number("10800"),
                .number("4"), .number("0.5000"), .number("1"), .number("0.1111"),
            ])
        #expect(
            ReportTables.response(ReportFixture.report(filter: ReportFilter(rep: "dana"))).rows[0][2].fields == [.none])
    }
}

@Suite struct ReportChartsTests {
    let report = ReportFixture.report()

    @Test func chartsForTheStatsScreen() {
        #expect(
            ReportCharts.rejectionReasons(report).map(\.label) == [
                "no-budget", "bad-data", "bad-fit", "no-consent", "not-decision-maker",
            ])
        let conv = ReportCharts.conversionByChannel(report)
        #expect(conv.map(\.label) == ["webinar", "paid-search", "referral", "Organic", "cold-list"])
        #expect(conv.map(\.text) == ["1/7 (14.3%)", "0/3 (0.0%)", "1/2 (50.0%)", "0/1 (0.0%)", "0/1 (0.0%)"])
        #expect(conv[2].fraction == 0.5)
        let accepted = ReportCharts.conversionByChannel(report, reaching: .accepted)
        #expect(accepted[0].text == "5/7 (71.4%)")
        let rt = ReportCharts.responseTimes(report.figures(for: "ana")!)
        #expect(rt.map(\.value) == [2, 2, 1, 0, 2, 1])
        #expect(rt[0].label == "≤ 5 min")
    }
}
