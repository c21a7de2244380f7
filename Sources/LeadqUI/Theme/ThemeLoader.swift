import Foundation

/// Finds themes by name: first `$XDG_CONFIG_HOME/leadq/themes/NAME.yaml` (or
/// `~/.config/leadq/themes/NAME.yaml` when XDG_CONFIG_HOME is unset, empty or relative), then the
/// built-in themes compiled into the binary. A name containing "/" or ending in .yaml/.yml is
/// read as a file path instead (a leading "~/" means the home directory).
///
/// The environment is passed in, so nothing here reads the process environment and tests stay
/// hermetic. On any error the caller is expected to report it and fall back to
/// `Theme.builtinDefault`.
public struct ThemeLoader: Sendable {
    /// Where user themes live, if a home or XDG directory is known.
    public let userDirectory: String?
    private let home: String?

    public init(environment: [String: String]) {
        home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        userDirectory = ConfigDirectory.path("themes", environment)
    }

    /// Built-in theme names, in the order they are listed.
    public static var builtinNames: [String] { BuiltinThemes.names }

    /// Built-in names plus the user's `*.yaml` theme files, sorted, without duplicates.
    public func availableNames() -> [String] {
        var names = Set(BuiltinThemes.names)
        if let userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory) {
            for file in files where file.hasSuffix(".yaml") && ThemeLoader.isValidName(String(file.dropLast(5))) {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// The theme `nameOrPath`, with inheritance resolved and every role filled in.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        try resolve(nameOrPath, chain: [], builtinOnly: false)
    }

    /// Parses theme text as if read from `file` (used for built-ins and by tests). `inherit:`
    /// names are looked up like `load` does.
    public func parse(yaml: String, name: String, file: String) throws(ThemeError) -> Theme {
        let parsed = try ThemeParser.parse(yaml: yaml, file: file, name: name)
        return try merge(parsed, file: file, chain: [file])
    }

    // MARK: - Resolution

    private func resolve(_ nameOrPath: String, chain: [String], builtinOnly: Bool) throws(ThemeError) -> Theme {
        let (yaml, file, name) = try source(of: nameOrPath, builtinOnly: builtinOnly)
        let parsed = try ThemeParser.parse(yaml: yaml, file: file, name: name)
        return try merge(parsed, file: file, chain: chain + [file])
    }

    /// Lays the parsed roles over what the theme inherits (default: the built-in default).
    private func merge(_ parsed: ParsedTheme, file: String, chain: [String]) throws(ThemeError) -> Theme {
        var styles: [Role: Style]
        if let parent = parsed.inherit {
            if chain.count > 8 {
                throw ThemeError(
                    file: file, line: parsed.inheritLine, key: "inherit",
                    message: "inheritance is more than 8 themes deep")
            }
            // A user theme may take the name of a built-in and inherit from it: "inherit: default"
            // inside default.yaml means the built-in one, not itself.
            let isSelf = parent == parsed.name
            if isSelf && BuiltinThemes.sources[parent] == nil {
                throw ThemeError(
                    file: file, line: parsed.inheritLine, key: "inherit", message: "a theme cannot inherit from itself")
            }
            // Problems finding the parent belong to this file's `inherit` line; problems inside
            // the parent's own file are reported against that file.
            let target: String
            do {
                target = try source(of: parent, builtinOnly: isSelf).file
            } catch {
                throw ThemeError(file: file, line: parsed.inheritLine, key: "inherit", message: error.message)
            }
            if chain.contains(target) {
                throw ThemeError(
                    file: file, line: parsed.inheritLine, key: "inherit",
                    message: "inheritance loop: \((chain + [target]).joined(separator: " → "))")
            }
            styles = try resolve(parent, chain: chain, builtinOnly: isSelf).styles
        } else {
            styles = Theme.builtinDefault.styles
        }
        for (role, style) in parsed.styles { styles[role] = style }
        return Theme(name: parsed.name, description: parsed.description, styles: styles)
    }

    /// The text, display path and name of a theme.
    private func source(of nameOrPath: String, builtinOnly: Bool) throws(ThemeError) -> (
        yaml: String, file: String, name: String
    ) {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            var path = nameOrPath
            if path.hasPrefix("~/"), let home { path = ThemeLoader.join(home, String(path.dropFirst(2))) }
            let base = (path as NSString).lastPathComponent
            let name =
                base.hasSuffix(".yaml")
                ? String(base.dropLast(5)) : base.hasSuffix(".yml") ? String(base.dropLast(4)) : base
            return (try read(path), display(path), name)
        }
        guard ThemeLoader.isValidName(nameOrPath) else {
            throw ThemeError(file: nameOrPath, message: "not a theme name (use letters, digits, '.', '-' and '_')")
        }
        if !builtinOnly, let userDirectory {
            let path = ThemeLoader.join(userDirectory, nameOrPath + ".yaml")
            if FileManager.default.fileExists(atPath: path) {
                return (try read(path), display(path), nameOrPath)
            }
        }
        if let yaml = BuiltinThemes.sources[nameOrPath] {
            return (yaml, "<built-in>/\(nameOrPath).yaml", nameOrPath)
        }
        var places = "the built-in themes (" + BuiltinThemes.names.joined(separator: ", ") + ")"
        if let userDirectory, !builtinOnly {
            places = display(ThemeLoader.join(userDirectory, nameOrPath + ".yaml")) + " or " + places
        }
        throw ThemeError(file: nameOrPath, message: "no theme named '\(nameOrPath)' in \(places)")
    }

    private func read(_ path: String) throws(ThemeError) -> String {
        let shown = display(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ThemeError(file: shown, message: "no such file")
        }
        if isDirectory.boolValue { throw ThemeError(file: shown, message: "is a directory, not a theme file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > ThemeParser.maxBytes
        {
            throw ThemeError(
                file: shown, message: "file is larger than \(ThemeParser.maxBytes / 1024) KiB; not a theme")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: shown, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: shown, message: "is not UTF-8 text")
        }
        return text
    }

    /// `path` with the home directory shown as `~`.
    func display(_ path: String) -> String {
        if let home, path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
        }
            && !name.contains("..")
    }

    private static func join(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }
}
