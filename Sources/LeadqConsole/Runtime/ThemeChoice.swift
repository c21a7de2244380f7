import Foundation
import LeadqApp
import LeadqUI

/// The theme the rep chose with `t`, kept for the next start in `$XDG_CONFIG_HOME/leadq/theme`
/// (else `~/.config/leadq/theme`): one line, the theme's name.
public enum ThemeChoice {
    public static func path(_ env: [String: String]) -> String? { ConfigDirectory.path("theme", env) }

    /// The remembered theme's name, if one was chosen and the file reads.
    public static func load(environment env: [String: String]) -> String? {
        guard let file = path(env), let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty || name.contains("/") ? nil : name
    }

    /// Remembers `name`, whole or not at all (`WholeFile`); a failure is the caller's to say (the
    /// theme still applies now).
    public static func save(_ name: String, environment env: [String: String]) throws {
        guard let file = path(env) else { return }
        let dir = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try WholeFile.write(file, Array((name + "\n").utf8), permissions: 0o644)
    }

    /// The theme a session starts with: `--theme`, else the one chosen last time, else the team's.
    public static func starting(flag: String?, remembered: String?, team: String) -> String {
        flag ?? remembered ?? team
    }
}
