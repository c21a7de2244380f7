import LeadqText
import LeadqUI

/// A line of items that are shown whole or not at all: when the line is too narrow the least
/// important go first (never one marked `always`), so nothing is cut mid-word.
struct WholeItem {
    var parts: [(String, Role)]
    /// Higher stays longer.
    var importance: Int
    static let always = Int.max

    init(_ parts: [(String, Role)], importance: Int) {
        self.parts = parts
        self.importance = importance
    }

    var width: Int { parts.reduce(0) { $0 + Width.of(Inert.line($1.0)) } }

    /// The items that fit `width`, in their order, as pieces to draw.
    static func fit(_ items: [WholeItem], width: Int) -> [(String, Role)] {
        var kept = items
        while kept.reduce(0, { $0 + $1.width }) > width,
            let least = kept.indices.filter({ kept[$0].importance != always })
                .min(by: { kept[$0].importance < kept[$1].importance })
        {
            kept.remove(at: least)
        }
        return kept.flatMap(\.parts)
    }
}
