import Foundation
import LeadqTestSupport
import Testing

/// Changes a store's settings as a manager does on any kind of store: `leadq settings show`, the
/// change, written to a file in `scratch`, and `leadq settings apply` of it.
func applySettings(
    store: String, scratch: String, rep: String = "mia", env: [String: String] = [:],
    _ change: (inout [String: Any]) -> Void
) throws {
    let shown = try LeadqProcess.run(["settings", "show", "--store", store], env: env)
    #expect(shown.status == 0, "\(shown.stderr)")
    var s = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as! [String: Any]
    change(&s)
    let file = scratch + "/settings-\(UUID().uuidString).json"
    try JSONSerialization.data(withJSONObject: s, options: [.prettyPrinted, .sortedKeys]).write(
        to: URL(fileURLWithPath: file))
    let applied = try LeadqProcess.run(["settings", "apply", file, "--store", store, "--rep", rep], env: env)
    #expect(applied.status == 0, "\(applied.stderr)")
}
