import Foundation
import LeadqApp
import LeadqText
import LeadqUI
import Yams

/// The user's key bindings: `$XDG_CONFIG_HOME/leadq/keys.yaml` (else `~/.config/leadq/keys.yaml`),
/// a mapping from action name to a key or a list of keys, e.g. `accept: [a, ctrl-a]`.
/// Actions not named keep their default keys. A mistake in the file never keeps the console from
/// opening: what can't be used is skipped and said, with the file and line.
public enum KeymapFile {
    /// The bindings, and what the file got wrong or took from another action.
    public struct Loaded: Sendable {
        public var keymap: Keymap
        public var warnings: [String]
    }

    public static func path(_ env: [String: String]) -> String? { ConfigDirectory.path("keys.yaml", env) }

    public static func load(environment env: [String: String]) -> Loaded {
        guard let file = path(env), let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return Loaded(keymap: Keymap(), warnings: [])
        }
        return parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) -> Loaded {
        var map = Keymap()
        var warnings: [String] = []
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            return Loaded(keymap: map, warnings: ["\(file): not valid YAML, default keys used (\(error))"])
        }
        guard let root = node else { return Loaded(keymap: map, warnings: []) }
        guard let mapping = root.mapping else {
            return Loaded(keymap: map, warnings: ["\(file): expected a mapping of action: keys; default keys used"])
        }
        for (k, v) in mapping {
            let name = k.string ?? ""
            let line = k.mark?.line ?? 0
            guard let action = Action(rawValue: name) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                warnings.append("\(file):\(line): unknown action '\(Inert.line(name))' skipped (actions: \(known))")
                continue
            }
            let names = v.sequence.map { $0.compactMap(\.string) } ?? [v.string ?? ""]
            var keys: [Key] = []
            for n in names {
                guard let key = KeyName.parse(n) else {
                    warnings.append(
                        "\(file):\(v.mark?.line ?? line): key '\(Inert.line(n))' for '\(name)' is not a key name "
                            + "(e.g. a, J, ctrl-d, enter, pgdn); skipped")
                    continue
                }
                keys.append(key)
            }
            // Keys given but none usable: the action keeps its own rather than losing them all.
            if keys.isEmpty && !names.isEmpty { continue }
            for (key, previous) in map.bind(action, to: keys) {
                let left = map.keys(for: previous).isEmpty ? " (it has no key now)" : ""
                warnings.append(
                    "\(file):\(line): \(KeyName.label(of: key)) was \(previous.rawValue)'s key; now \(name)'s\(left)")
            }
        }
        return Loaded(keymap: map, warnings: warnings)
    }
}
