import Foundation
import LeadqDomain
import LeadqIO
import LeadqTestSupport

/// The sample exports under Samples/, written from each CRM's documented columns.
enum Samples {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples").path

    static func path(_ name: String) -> String { dir + "/" + name }
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    static func read(_ name: String, _ options: ImportOptions = ImportOptions()) throws -> ReadRows {
        try Importer.read(try bytes(name), file: name, options: options)
    }

    /// Fixture's team, with the owner map the samples need.
    static var settings: Settings {
        var s = Fixture.settings
        s.ownerMap = [
            OwnerMapping(owner: "0055g000001AnaSAAQ", rep: "ana"),
            OwnerMapping(owner: "ana.souza@example.com", rep: "ana"),
            OwnerMapping(owner: "Ana Souza", rep: "ana"),
            OwnerMapping(owner: "0055g000001BenOAAQ", rep: "ben"),
            OwnerMapping(owner: "ben.okafor@example.com", rep: "ben"),
            OwnerMapping(owner: "Ben Okafor", rep: "ben"),
            OwnerMapping(owner: "Mitchell Admin", rep: "ben"),
            OwnerMapping(owner: "0055g000001DanaAAQ", rep: "dana"),
            OwnerMapping(owner: "0055g000001ZoeAAAQ", rep: "zoe"),
        ]
        return s
    }
}

func csvBytes(_ s: String) -> [UInt8] { Array(s.utf8) }
