import LeadqDomain

/// Score bands by the store's thresholds: hot at or above `hotScore` (80), cold below
/// `nurtureBelowScore` (30), warm in between. A lead's band is taken from its current score.
public enum ScoreBand: String, CaseIterable, Sendable, Comparable {
    case hot, warm, cold

    public static func of(_ score: Int, _ settings: Settings) -> ScoreBand {
        if settings.isHot(score) { return .hot }
        if score < settings.nurtureBelowScore { return .cold }
        return .warm
    }

    /// "hot (80+)", "warm (30–79)", "cold (<30)" for the settings in force.
    public func label(_ settings: Settings) -> String {
        switch self {
        case .hot: return "hot (\(settings.hotScore)+)"
        case .warm: return "warm (\(settings.nurtureBelowScore)–\(settings.hotScore - 1))"
        case .cold: return "cold (<\(settings.nurtureBelowScore))"
        }
    }

    private var order: Int { ScoreBand.allCases.firstIndex(of: self)! }
    public static func < (a: ScoreBand, b: ScoreBand) -> Bool { a.order < b.order }
}
