import Foundation
import LeadqApp
import LeadqFormat

/// Import and export problems are bad input (exit 2), one line each.
func ioGuarded(_ body: () throws -> Void) throws {
    try guarded {
        do { try body() } catch let e as ImportFileError {
            throw CLIError.usage(e.description)
        } catch let e as ImportUsageError {
            throw CLIError.usage(e.message)
        }
    }
}

func readInput(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            throw CLIError.usage("\(path): \(isDir.boolValue ? "is a directory" : "can't be read")")
        }
        throw CLIError.usage("\(path): no such file")
    }
    return [UInt8](data)
}
