import ArgumentParser
import Foundation

extension LeadqCommand {
    /// Parses and runs one command line in this process and returns leadq's exit code instead of
    /// exiting: for test drivers that run thousands of commands (the executable uses `runMain`).
    public static func exitStatus(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let e as ExitCodeError {
            return e.code
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.out(message) }
                return 0
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            return code == .validationFailure ? Exit.usage : code.rawValue
        }
    }
}
