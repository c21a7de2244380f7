/// Why a theme could not be loaded, naming the file and, where known, the line and the key:
/// `~/.config/leadq/themes/x.yaml:4: key 'selected.fg': unknown colour 'blu'`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as shown to the user (home directory shortened to `~`), or `<built-in>/NAME.yaml`.
    public var file: String
    /// 1-based line in the file, when the problem has one.
    public var line: Int?
    /// Dotted key path of the offending entry (`selected.fg`, `selected.attrs[1]`), if any.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "key '\(key)': " }
        return text + message
    }
}
