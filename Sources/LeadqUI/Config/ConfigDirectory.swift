/// Where a user's leadq configuration lives: `$XDG_CONFIG_HOME/leadq` when that is an absolute
/// path, else `~/.config/leadq` (the XDG base directory rules). The one place that decides it, for
/// themes and key bindings alike; the environment is passed in so tests stay hermetic.
public enum ConfigDirectory {
    /// The directory, or nil when neither an absolute XDG_CONFIG_HOME nor a home is known.
    public static func path(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return join(xdg, "leadq") }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".config/leadq")
    }

    /// A file or folder inside it, e.g. `keys.yaml`, `themes`.
    public static func path(_ name: String, _ environment: [String: String]) -> String? {
        path(environment).map { join($0, name) }
    }

    static func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
}
