import Foundation

extension SettingsCodec {
    /// `timeZone`: a zone the system's time-zone database knows (`Europe/Berlin`, `UTC`), checked
    /// when the settings are read so a typo is named there, not when an import needs it.
    static func timeZone(_ r: inout JSONReader) throws -> String {
        let name = try r.string()
        guard TimeZone(identifier: name) != nil else {
            throw FieldError(
                message:
                    "'timeZone' '\(name)' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC")
        }
        return name
    }
}
