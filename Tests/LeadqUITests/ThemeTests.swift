import Foundation
import Testing

@testable import LeadqUI

/// A throwaway config directory with theme files, and the environment that points at it.
struct ThemeFixture {
    let root: String
    var themes: String { root + "/config/leadq/themes" }
    var environment: [String: String] { ["HOME": root + "/home", "XDG_CONFIG_HOME": root + "/config"] }
    var loader: ThemeLoader { ThemeLoader(environment: environment) }

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.path + "/leadq-theme-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: root + "/config/leadq/themes", withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: themes + "/" + name, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// The repository's themes/ folder, found from this file's path.
let themesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes").path

@Suite("Themes")
struct ThemeTests {
    let builtinLoader = ThemeLoader(environment: [:])

    @Test("every built-in theme parses, with a description")
    func builtinsParse() throws {
        #expect(ThemeLoader.builtinNames == ["default", "light", "high-contrast", "mono"])
        for name in ThemeLoader.builtinNames {
            let theme = try builtinLoader.load(name)
            #expect(theme.name == name)
            #expect(theme.description?.isEmpty == false)
            #expect(Set(theme.styles.keys) == Set(Role.allCases))
        }
    }

    @Test("every built-in file sets every role itself, so none depends on fallback")
    func builtinsComplete() throws {
        for name in ThemeLoader.builtinNames {
            let parsed = try ThemeParser.parse(yaml: try #require(BuiltinThemes.sources[name]), file: name, name: name)
            let missing = Set(Role.allCases).subtracting(parsed.styles.keys)
            #expect(missing.isEmpty, "\(name) lacks \(missing.map(\.rawValue).sorted())")
            #expect(parsed.inherit == nil)
        }
    }

    @Test("embedded copies equal the files in themes/")
    func embeddedMatchFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesFolder).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltinThemes.names))
        for name in BuiltinThemes.names {
            let onDisk = try String(contentsOfFile: themesFolder + "/\(name).yaml", encoding: .utf8)
            #expect(BuiltinThemes.sources[name] == onDisk, "themes/\(name).yaml changed: run scripts/embed-themes.sh")
        }
    }

    @Test("mono uses no colour, and marks states with attributes")
    func mono() throws {
        let mono = try builtinLoader.load("mono")
        #expect(mono == Theme.mono)
        #expect(!mono.usesColor)
        for role in Role.allCases {
            #expect(mono[role].fg == nil && mono[role].bg == nil, "\(role)")
        }
        #expect(mono[.selected].reverse)
        #expect(!mono[.row].reverse && !mono[.rowAlt].reverse)
        #expect(mono[.slaBreach].bold && mono[.slaBreach].underline)
        #expect(mono[.dnc].reverse && mono[.dnc].bold)
        #expect(mono[.selected] != mono[.row])
    }

    @Test("the coloured built-ins tell selected from ordinary rows")
    func selectionVisible() throws {
        for name in ["default", "light", "high-contrast"] {
            let t = try builtinLoader.load(name)
            #expect(t.usesColor)
            #expect(t[.selected] != t[.row] && t[.selected] != t[.rowAlt])
            #expect(t[.slaBreach] != t[.slaOk])
        }
    }

    @Test("a user theme inherits, overrides, and falls back to the built-in default")
    func inheritance() throws {
        let fx = try ThemeFixture([
            "base.yaml": "inherit: mono\nheader: [bold]\n",
            "mine.yaml": """
            # my theme
            inherit: base
            selected: {fg: "#ff0000", bg: default, attrs: [bold, underline]}
            sla-breach: [bright-red, black, reverse]
            """,
            "bare.yaml": "selected: [green]\n",
            "empty.yaml": "",
        ])
        defer { fx.remove() }
        let mine = try fx.loader.load("mine")
        #expect(mine.name == "mine")
        #expect(mine[.selected] == Style(fg: .rgb(255, 0, 0), bg: .default, bold: true, underline: true))
        #expect(mine[.slaBreach] == Style(fg: .ansi(9), bg: .ansi(0), reverse: true))
        #expect(mine[.header] == Style(bold: true))  // from base
        #expect(mine[.footer] == Theme.mono[.footer])  // from mono, through base
        let bare = try fx.loader.load("bare")  // no inherit: the built-in default
        #expect(bare[.selected] == Style(fg: .ansi(2)))
        #expect(bare[.header] == Theme.builtinDefault[.header])
        #expect(try fx.loader.load("empty").styles == Theme.builtinDefault.styles)
        #expect(
            fx.loader.availableNames() == [
                "bare", "base", "default", "empty", "high-contrast", "light", "mine", "mono",
            ])
    }

    @Test("a user file shadows a built-in of the same name and may inherit from it")
    func shadowing() throws {
        let fx = try ThemeFixture(["default.yaml": "inherit: default\nselected: [reverse]\n"])
        defer { fx.remove() }
        let theme = try fx.loader.load("default")
        #expect(theme[.selected] == Style(reverse: true))
        #expect(theme[.header] == Theme.builtinDefault[.header])
    }

    @Test("user themes are found under XDG_CONFIG_HOME, else ~/.config; paths load directly")
    func lookupPlaces() throws {
        let fx = try ThemeFixture()
        defer { fx.remove() }
        let home = fx.root + "/home"
        try FileManager.default.createDirectory(
            atPath: home + "/.config/leadq/themes", withIntermediateDirectories: true)
        try "selected: [blue]\n".write(
            toFile: home + "/.config/leadq/themes/homey.yaml", atomically: true, encoding: .utf8)
        let viaHome = ThemeLoader(environment: ["HOME": home, "XDG_CONFIG_HOME": ""])
        #expect(viaHome.userDirectory == home + "/.config/leadq/themes")
        #expect(try viaHome.load("homey")[.selected] == Style(fg: .ansi(4)))
        #expect(
            ThemeLoader(environment: ["HOME": home, "XDG_CONFIG_HOME": "relative/dir"]).userDirectory == home
                + "/.config/leadq/themes")
        #expect(fx.loader.userDirectory == fx.themes)
        #expect(throws: ThemeError.self) { try fx.loader.load("homey") }  // XDG wins: not there
        #expect(try viaHome.load("~/.config/leadq/themes/homey.yaml")[.selected] == Style(fg: .ansi(4)))
        #expect(try fx.loader.load(home + "/.config/leadq/themes/homey.yaml").name == "homey")
        #expect(ThemeLoader(environment: [:]).userDirectory == nil)
        #expect(try ThemeLoader(environment: [:]).load("mono") == Theme.mono)
    }

    @Test("parse works on text directly, resolving inherit like load")
    func parseText() throws {
        let theme = try builtinLoader.parse(yaml: "inherit: light\nrow: dim\n", name: "t", file: "t.yaml")
        #expect(theme[.row] == Style(dim: true))
        #expect(theme[.selected] == (try builtinLoader.load("light"))[.selected])
    }
}

@Suite("Theme errors")
struct ThemeErrorTests {
    /// Loads `text` as ~/.config/leadq/themes/x.yaml and returns the error.
    func error(_ text: String, file: String = "x.yaml") throws -> ThemeError {
        let fx = try ThemeFixture()
        defer { fx.remove() }
        let environment = ["HOME": fx.root + "/home", "XDG_CONFIG_HOME": fx.root + "/home/.config"]
        try FileManager.default.createDirectory(
            atPath: fx.root + "/home/.config/leadq/themes", withIntermediateDirectories: true)
        try text.write(toFile: fx.root + "/home/.config/leadq/themes/" + file, atomically: true, encoding: .utf8)
        do {
            _ = try ThemeLoader(environment: environment).load(String(file.dropLast(5)))
        } catch {
            return error
        }
        Issue.record("no error for \(text)")
        return ThemeError(file: "", message: "")
    }

    @Test("unknown colour names file, line and key")
    func unknownColour() throws {
        let e = try error("normal: [default]\nselected: {fg: blu}\n")
        #expect(e.description.hasPrefix("~/.config/leadq/themes/x.yaml:2: key 'selected.fg': unknown colour 'blu'"))
        #expect(e.file == "~/.config/leadq/themes/x.yaml" && e.line == 2 && e.key == "selected.fg")
    }

    @Test(
        "each mistake names the file and the offending key",
        arguments: [
            ("selectd: [reverse]\n", "selectd", 1, "unknown role 'selectd' (did you mean 'selected'?)"),
            ("zebra: [reverse]\n", "zebra", 1, "unknown role 'zebra'"),
            (
                "row: [bold]\nselected: {fg: red, attrs: [bold, blink]}\n", "selected.attrs[1]", 2,
                "unknown attribute 'blink'"
            ),
            ("selected: {fg: red, attrs: blink}\n", "selected.attrs", 1, "unknown attribute 'blink'"),
            ("selected: {colour: red}\n", "selected.colour", 1, "unknown style key 'colour'"),
            ("selected: [red, blue, green]\n", "selected[2]", 1, "a third colour 'green'"),
            ("selected: [red, sparkly]\n", "selected[1]", 1, "'sparkly' is neither a colour nor an attribute"),
            ("selected: sparkly\n", "selected", 1, "'sparkly' is neither a colour nor an attribute"),
            (
                "row: [bold]\nselected: {fg: #ff0000}\n", "selected.fg", 2,
                "unquoted colour '#ff0000': # starts a YAML comment"
            ),
            ("selected: [#f00, bold]\n", "selected", 1, "unquoted colour '#f00'"),
            ("selected:\n  fg: #ff0000\n", "selected.fg", 2, "empty value (a #rrggbb colour must be quoted"),
            ("selected:\n", "selected", 1, "empty value"),
            ("selected: [[red]]\n", "selected[0]", 1, "expected a single word, found a list"),
            ("selected: {fg: {r: 1}}\n", "selected.fg", 1, "expected a single word, found a mapping"),
            ("\n\nselected: [red]\nselected: [blue]\n", "selected", 4, "role 'selected' is already set on line 3"),
            ("inherit: [a, b]\n", "inherit", 1, "expected a single word, found a list"),
            ("inherit: nosuchtheme\n", "inherit", 1, "no theme named 'nosuchtheme'"),
            ("inherit: x\n", "inherit", 1, "a theme cannot inherit from itself"),
        ])
    func mistakes(text: String, key: String, line: Int, message: String) throws {
        let e = try error(text)
        #expect(e.file == "~/.config/leadq/themes/x.yaml")
        #expect(e.key == key)
        #expect(e.line == line)
        #expect(e.message.hasPrefix(message), "\(e)")
        #expect(e.description.contains("x.yaml:\(line): key '\(key)': "))
    }

    @Test("structural problems name the file and line")
    func structure() throws {
        let list = try error("- selected\n- row\n")
        #expect(
            list.description
                == "~/.config/leadq/themes/x.yaml:1: expected a mapping of role names to styles, found a list")
        let syntax = try error("selected: [red\nrow: [blue]\n")
        #expect(syntax.file == "~/.config/leadq/themes/x.yaml" && syntax.line != nil)
        #expect(syntax.message.hasPrefix("YAML syntax error"))
        let tabs = try error("selected:\n\t- red\n")
        #expect(tabs.line == 2 && tabs.message.hasPrefix("YAML syntax error"))
        let scalar = try error("just words\n")
        #expect(scalar.message.contains("expected a mapping"))
        let twice = try error("selected: {fg: red, fg: blue}\n")
        #expect(twice.line == 1 && twice.key == "fg" && twice.message.hasPrefix("'fg' is set twice"))
    }

    @Test("YAML anchors and aliases are allowed and stay bounded")
    func aliases() throws {
        let theme = try ThemeLoader(environment: [:]).parse(
            yaml: "row: &r [bold]\nselected: *r\n", name: "a", file: "a.yaml")
        #expect(theme[.selected] == Style(bold: true))
    }

    @Test("an inheritance loop is reported with the chain")
    func loop() throws {
        let fx = try ThemeFixture(["a.yaml": "inherit: b\n", "b.yaml": "inherit: a\n"])
        defer { fx.remove() }
        let e = try #require(throws: ThemeError.self) { try fx.loader.load("a") }
        #expect(e.message.hasPrefix("inheritance loop"))
        #expect(e.key == "inherit")
    }

    @Test("missing themes, bad names, huge and deeply nested files are refused cleanly")
    func refusals() throws {
        let fx = try ThemeFixture()
        defer { fx.remove() }
        let missing = try #require(throws: ThemeError.self) { try fx.loader.load("nope") }
        #expect(missing.message.contains("no theme named 'nope'"))
        #expect(missing.message.contains("default, light, high-contrast, mono"))
        let traversal = try #require(throws: ThemeError.self) { try fx.loader.load("..") }
        #expect(traversal.message.hasPrefix("not a theme name"))
        #expect(throws: ThemeError.self) { try fx.loader.load(fx.root + "/nothere.yaml") }
        try fx.write("huge.yaml", "# " + String(repeating: "x", count: 70_000) + "\n")
        let huge = try #require(throws: ThemeError.self) { try fx.loader.load("huge") }
        #expect(huge.message.contains("larger than"))
        try fx.write(
            "deep.yaml",
            "selected: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n")
        let deep = try #require(throws: ThemeError.self) { try fx.loader.load("deep") }
        #expect(deep.message.contains("nesting") && deep.file.hasSuffix("deep.yaml"))
        try fx.write("dashes.yaml", String(repeating: "- ", count: 5_000) + "x\n")
        #expect(throws: ThemeError.self) { try fx.loader.load("dashes") }
        // Comments full of dashes are not nesting.
        try fx.write("banner.yaml", "# " + String(repeating: "-", count: 200) + "\nselected: [bright-red]\n")
        #expect(try fx.loader.load("banner")[.selected] == Style(fg: .ansi(9)))
        try fx.write("latin1.yaml", "")
        try Data([0x72, 0x6F, 0x77, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: fx.themes + "/latin1.yaml"))
        let latin1 = try #require(throws: ThemeError.self) { try fx.loader.load("latin1") }
        #expect(latin1.message.contains("UTF-8"))
    }

    @Test("random and mutated YAML never crashes: a theme or a ThemeError")
    func fuzz() throws {
        var rng = FuzzRNG(seed: 42)
        let seeds =
            BuiltinThemes.names.compactMap { BuiltinThemes.sources[$0] } + [
                "selected: {fg: red, bg: \"#00ff00\", attrs: [bold]}\ninherit: mono\n",
                "a: &x [1, 2]\nb: *x\nc: !!binary aGVsbG8=\n",
            ]
        let alphabet = Array("{}[]:,-#&*!|>'\"\n\t ?%@`abcxyz019é中\u{0}\u{1B}")
        var outcomes = (themes: 0, errors: 0)
        for i in 0..<400 {
            var text = Array(seeds[i % seeds.count])
            for _ in 0..<(1 + Int(rng.next() % 12)) {
                guard !text.isEmpty else { break }
                let at = Int(rng.next() % UInt64(text.count))
                switch rng.next() % 4 {
                case 0: text.remove(at: at)
                case 1: text.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                case 2: text[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                default:  // duplicate a slice, the way a bad paste would
                    let end = min(text.count, at + Int(rng.next() % 40))
                    text.insert(contentsOf: text[at..<end], at: at)
                }
            }
            do {
                _ = try ThemeLoader(environment: [:]).parse(yaml: String(text), name: "fuzz", file: "fuzz.yaml")
                outcomes.themes += 1
            } catch {
                #expect(error.file == "fuzz.yaml" || error.key == "inherit")
                outcomes.errors += 1
            }
        }
        #expect(outcomes.themes > 0 && outcomes.errors > 0)
    }
}

struct FuzzRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 17
    }
}
