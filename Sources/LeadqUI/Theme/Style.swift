/// How one role looks: colours (nil = not set, i.e. the terminal's default) and attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        fg: Color? = nil, bg: Color? = nil, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()

    /// True if a colour other than the terminal default is set.
    public var usesColor: Bool {
        (fg != nil && fg != .default) || (bg != nil && bg != .default)
    }

    /// The same attributes without colours (for terminals that have none).
    public var withoutColor: Style {
        Style(bold: bold, underline: underline, reverse: reverse, dim: dim)
    }

    /// Attribute names set, in file order.
    public var attributeNames: [String] {
        var names: [String] = []
        if bold { names.append("bold") }
        if underline { names.append("underline") }
        if reverse { names.append("reverse") }
        if dim { names.append("dim") }
        return names
    }

    /// The theme-file form: `{fg: red, bg: default, attrs: [bold]}`.
    public var description: String {
        var parts: [String] = []
        if let fg { parts.append("fg: \(fg)") }
        if let bg { parts.append("bg: \(bg)") }
        if !attributeNames.isEmpty { parts.append("attrs: [" + attributeNames.joined(separator: ", ") + "]") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
