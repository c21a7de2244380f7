import Foundation

/// A fresh directory under the system temp dir, removed when the test is done with it.
public final class TempDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "leadq-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
