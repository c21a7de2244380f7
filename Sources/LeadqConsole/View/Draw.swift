import LeadqFormat
import LeadqText
import LeadqUI

extension CellBuffer {
    /// Writes untrusted or ordinary text, made inert first, padded with spaces to exactly `width`.
    mutating func text(_ s: String, x: Int, y: Int, width: Int, role: Role, align: Alignment = .left) {
        guard width > 0 else { return }
        put(Layout.fit(Inert.line(s), width: width, align: align), x: x, y: y, role: role, maxWidth: width)
    }

    /// Writes a line of `(text, role)` pieces from `x`, clipped to `width`; returns the next column.
    @discardableResult
    mutating func spans(_ parts: [(String, Role)], x: Int, y: Int, width: Int) -> Int {
        var col = x
        for (t, role) in parts where col < x + width {
            col = put(Inert.line(t), x: col, y: y, role: role, maxWidth: x + width - col)
        }
        return col
    }
}

extension LeadqFormat.Urgency {
    var role: Role {
        switch self {
        case .none: return .normal
        case .ok: return .slaOk
        case .warn: return .slaWarn
        case .breach: return .slaBreach
        }
    }
}
