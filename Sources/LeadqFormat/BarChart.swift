import LeadqMetrics
import LeadqText

/// One bar of a horizontal bar chart: a label, the bar's length as a fraction of the full width,
/// and the figure written after it.
public struct BarRow: Equatable, Sendable {
    public var label: String
    public var value: Int
    /// 0...1 of the bar area.
    public var fraction: Double
    /// What is written after the bar: "12", "3/7 (42.9%)".
    public var text: String

    public init(label: String, value: Int, fraction: Double, text: String) {
        (self.label, self.value, self.fraction, self.text) = (label, value, max(0, min(1, fraction)), text)
    }
}

/// Horizontal bar charts as plain text lines, readable without colour (the `mono` theme) since the
/// bar is made of glyphs: eighth blocks (`█▉▊▋▌▍▎▏`) on UTF-8 terminals, `#` otherwise.
public enum BarChart {
    public enum Glyphs: Sendable {
        case blocks, ascii
    }

    /// Bars scaled to the largest value (the longest bar fills the width), each labelled with its count
    /// and its share of the total: "12 (40.0%)".
    public static func rows(_ items: [(label: String, value: Int)]) -> [BarRow] {
        let top = items.map(\.value).max() ?? 0
        let total = items.reduce(0) { $0 + $1.value }
        return items.map { item in
            let share = total > 0 ? " (\(ReportText.percent(Share(item.value, of: total))))" : ""
            return BarRow(
                label: item.label, value: item.value,
                fraction: top > 0 ? Double(item.value) / Double(top) : 0, text: "\(item.value)\(share)")
        }
    }

    /// A bar of `fraction` of `width` columns, padded with spaces to exactly `width` columns. A
    /// non-zero value never vanishes: it gets at least the thinnest glyph.
    public static func bar(_ fraction: Double, width: Int, glyphs: Glyphs = .blocks, nonZero: Bool = false) -> String {
        guard width > 0 else { return "" }
        let f = max(0, min(1, fraction))
        var s: String
        switch glyphs {
        case .blocks:
            var eighths = Int((f * Double(width * 8)).rounded())
            if nonZero && eighths == 0 { eighths = 1 }
            s = String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0 { s += partial[eighths % 8] }
        case .ascii:
            var n = Int((f * Double(width)).rounded())
            if nonZero && n == 0 { n = 1 }
            s = String(repeating: "#", count: n)
        }
        return Layout.pad(s, width: width)
    }

    private static let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart as lines of exactly `width` columns (when `width` leaves room for a bar):
    /// `label  bar  text`. Labels are made inert and cut to at most a third of the width.
    public static func render(_ rows: [BarRow], width: Int, glyphs: Glyphs = .blocks) -> [String] {
        let labels = rows.map { Inert.line($0.label) }
        let texts = rows.map { Inert.line($0.text) }
        let labelWidth = min(max(1, width / 3), labels.map { Width.of($0) }.max() ?? 0)
        let textWidth = texts.map { Width.of($0) }.max() ?? 0
        let barWidth = max(1, width - labelWidth - textWidth - 4)
        return rows.indices.map { i in
            Layout.fit(labels[i], width: labelWidth) + "  "
                + bar(rows[i].fraction, width: barWidth, glyphs: glyphs, nonZero: rows[i].value > 0) + "  "
                + Layout.pad(texts[i], width: textWidth, align: .right)
        }
    }
}
