/// Where the store lives: `--store DIR`, else `$LEADQ_STORE`, else `$XDG_DATA_HOME/leadq`,
/// else `~/.local/share/leadq`. The environment is passed in so this stays testable.
public enum StoreLocation {
    public static func resolve(flag: String?, environment env: [String: String]) -> String {
        if let f = flag, !f.isEmpty { return f }
        if let s = env["LEADQ_STORE"], !s.isEmpty { return s }
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return x + "/leadq" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/leadq"
    }
}
