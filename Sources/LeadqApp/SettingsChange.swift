import LeadqCodec
import LeadqDomain
import LeadqStore
import LeadqText

extension Workspace {
    /// The store's settings as settings.json holds them (what `settings apply` takes back).
    public func settingsText() -> [UInt8] { SettingsCodec.encode(settings) }

    /// Replaces the store's settings with the file's, read by the same codec as settings.json: a file
    /// it refuses is bad input naming the file and field, and nothing is changed. Managers only; the
    /// change is an event in the store's history, saying which sections changed. Nil when the file
    /// holds the settings the store has already.
    @discardableResult
    public func applySettings(_ bytes: [UInt8], file: String) throws -> Event? {
        let new: Settings
        do { new = try SettingsCodec.decode(bytes, file: file) } catch let e as SettingsError {
            throw BadInput(e.description)
        }
        if let refusal = Managers.refusal(actor, to: "change the settings", settings) { throw refusal }
        let changed = SettingsSections.changed(from: SettingsCodec.encode(settings), to: SettingsCodec.encode(new))
        guard !changed.isEmpty else { return nil }
        // The file's name as typed is untrusted text, and the note is shown wherever history is.
        let note = "from \(Inert.line(file)); changed \(changed.joined(separator: ", "))"
        return try store.applySettings(new, note: note, as: actor, at: now())
    }
}

/// The top-level sections of two settings.json texts (as `SettingsCodec.encode` lays them out, one
/// key per line at two spaces) whose content differs, in the file's order.
enum SettingsSections {
    static func changed(from old: [UInt8], to new: [UInt8]) -> [String] {
        let a = sections(old)
        return sections(new).filter { key, body in a.first { $0.key == key }?.body != body }.map(\.key)
    }

    static func sections(_ text: [UInt8]) -> [(key: String, body: [Substring])] {
        var out: [(key: String, body: [Substring])] = []
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("  \""), !line.hasPrefix("   "), let end = line.dropFirst(3).firstIndex(of: "\"") {
                out.append((String(line[line.index(line.startIndex, offsetBy: 3)..<end]), []))
            }
            if !out.isEmpty { out[out.count - 1].body.append(line) }
        }
        return out
    }
}
