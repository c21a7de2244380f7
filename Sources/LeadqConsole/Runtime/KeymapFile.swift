import Foundation
import LeadqApp
import LeadqUI
import Yams

/// The user's key bindings: `$XDG_CONFIG_HOME/leadq/keys.yaml` (else `~/.config/leadq/keys.yaml`),
/// a mapping from action name to a key or a list of keys, e.g. `accept: [a, ctrl-a]`.
/// Actions not named keep their default keys.
public enum KeymapFile {
    public static func path(_ env: [String: String]) -> String? { ConfigDirectory.path("keys.yaml", env) }

    public static func load(environment env: [String: String]) throws -> Keymap {
        guard let file = path(env), let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return Keymap()
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> Keymap {
        var map = Keymap()
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw BadInput("\(file): not valid YAML (\(error))")
        }
        guard let root = node else { return map }
        guard let mapping = root.mapping else { throw BadInput("\(file): expected a mapping of action: keys") }
        for (k, v) in mapping {
            let name = k.string ?? ""
            guard let action = Action(rawValue: name) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                throw BadInput("\(file):\(k.mark?.line ?? 0): unknown action '\(name)' (actions: \(known))")
            }
            let names = v.sequence.map { $0.compactMap(\.string) } ?? [v.string ?? ""]
            var keys: [Key] = []
            for n in names {
                guard let key = KeyName.parse(n) else {
                    throw BadInput(
                        "\(file):\(v.mark?.line ?? 0): key '\(n)' for '\(name)' is not a key name (e.g. a, J, ctrl-d, enter, pgdn)"
                    )
                }
                keys.append(key)
            }
            map.bind(action, to: keys)
        }
        return map
    }
}
