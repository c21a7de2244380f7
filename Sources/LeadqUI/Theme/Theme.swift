/// A named mapping from roles to styles. Roles a theme file leaves out come from the theme it
/// inherits, and in the end from the built-in `default`, so `style(for:)` always has an answer.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String?
    public var styles: [Role: Style]

    public init(name: String, description: String? = nil, styles: [Role: Style]) {
        self.name = name
        self.description = description
        self.styles = styles
    }

    /// The style of `role`: this theme's, else the built-in default's, else plain.
    public func style(for role: Role) -> Style {
        styles[role] ?? Theme.builtinDefault.styles[role] ?? .plain
    }

    public subscript(role: Role) -> Style { style(for: role) }

    /// True if any role sets a colour; such a theme needs a colour terminal to make sense.
    public var usesColor: Bool { Role.allCases.contains { style(for: $0).usesColor } }

    /// The built-in `default` theme (every role set).
    public static let builtinDefault: Theme = builtin("default")

    /// The built-in `mono` theme: attributes only, for terminals without colour or `NO_COLOR`.
    public static let mono: Theme = builtin("mono")

    /// A built-in theme by name. The embedded sources are checked by tests, so a failure here
    /// is a build defect; even then the result is usable (plain styles), never a crash.
    static func builtin(_ name: String) -> Theme {
        guard let source = BuiltinThemes.sources[name],
            let parsed = try? ThemeParser.parse(yaml: source, file: "<built-in>/\(name).yaml", name: name)
        else { return Theme(name: name, styles: [:]) }
        return Theme(name: name, description: parsed.description, styles: parsed.styles)
    }
}
