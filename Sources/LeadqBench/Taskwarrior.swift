import Foundation
import LeadqDemo
import LeadqDomain
import LeadqTestSupport

/// taskwarrior, the closest terminal peer (a queue sorted by a computed urgency), on the same
/// leads as pending tasks: one task per demo lead, its project the owner, priority from the score
/// band, the source as a tag, the open follow-up as the due date and each logged contact as an
/// annotation.
struct Taskwarrior {
    let dir: String

    static var version: String? {
        guard let out = try? Spawn.run(["task", "--version"], stdout: .capture), out.status == 0 else { return nil }
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private var env: [String: String] { ["TASKRC": dir + "/taskrc", "TASKDATA": dir + "/data"] }

    /// Makes a fresh task database in `dir` holding the leads as pending tasks; returns how long
    /// `task import` took.
    func create(_ leads: [Lead]) throws -> Spawn.Outcome {
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        // Defaults, except nothing asks for confirmation and no hook or news nag runs.
        try "data.location=\(dir)/data\nconfirmation=off\nhooks=off\nnews.version=2.6.0\njson.array=on\n"
            .write(toFile: dir + "/taskrc", atomically: true, encoding: .utf8)
        let file = dir + "/tasks.json"
        try Data(Taskwarrior.json(leads)).write(to: URL(fileURLWithPath: file))
        return try task(["import", file])
    }

    /// Runs `task args…` as a user would, its output (and its footnotes on stderr) thrown away;
    /// fails on a non-zero exit.
    @discardableResult
    func task(_ args: [String]) throws -> Spawn.Outcome {
        let out = try Measured.run(["task"] + args, env: env, showErrors: false)
        guard out.status == 0 else {
            let vars = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            throw BenchError(
                "task \(args.joined(separator: " ")) exited with \(out.status) (see why: \(vars) task \(args.joined(separator: " ")))"
            )
        }
        return out
    }

    static func uuid(_ n: Int) -> String {
        let digits = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    static func json(_ leads: [Lead]) -> [UInt8] {
        var out: [UInt8] = Array("[\n".utf8)
        for (i, lead) in leads.enumerated() {
            let p = lead.profile
            var fields: [(String, String)] = [
                ("uuid", uuid(i + 1)), ("status", "pending"),
                ("description", "\(p.name), \(p.company): \(p.trigger)"),
                ("entry", date(p.createdAt)), ("project", lead.owner ?? "pool"),
                ("priority", p.score >= 80 ? "H" : p.score >= 30 ? "M" : "L"),
            ]
            if let due = lead.work.nextFollowUp?.due { fields.append(("due", date(due))) }
            var line = "{" + fields.map { "\(string($0.0)):\(string($0.1))" }.joined(separator: ",")
            if !p.source.isEmpty { line += ",\"tags\":[\(string(p.source))]" }
            let notes = lead.work.contacts.map { c in
                "{\"entry\":\(string(date(c.at))),\"description\":\(string("\(c.contact.channel.rawValue) \(c.contact.outcome.rawValue)"))}"
            }
            if !notes.isEmpty { line += ",\"annotations\":[" + notes.joined(separator: ",") + "]" }
            line += "}" + (i + 1 < leads.count ? ",\n" : "\n")
            out.append(contentsOf: line.utf8)
        }
        out.append(contentsOf: "]\n".utf8)
        return out
    }

    /// taskwarrior's compact UTC form, 20261123T100000Z.
    static func date(_ t: Instant) -> String {
        t.iso8601.filter { $0 != "-" && $0 != ":" }
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
                    || (0x202A...0x202E).contains(u.value)
                {
                    // Control characters (the demo's hostile lead 7) would reach the terminal raw.
                    out += "?"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
