import Foundation
import LeadqDemo
import LeadqUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fuzz-theme`: damaged and hostile theme files through `ThemeLoader`'s public API, both as text
/// (`parse`) and as files (`load`, which also reads bytes that aren't UTF-8 and follows `inherit`).
///
///     fuzz-theme --themes DIR --work DIR --seed N --from I --count N
///
/// Prints `case I <mutation>` then `ok I` or `err I <ThemeError>`.
struct ThemeFuzz {
    let themes: String
    let work: String
    let seed: UInt64
    let from: Int
    let count: Int

    init(_ a: Arguments) throws {
        themes = try a.string("themes")
        work = try a.string("work")
        seed = a.seed()
        from = a.int("from", default: 0)
        count = a.int("count", default: 1)
    }

    func run() throws {
        let names = try StoreFilesView(themes).names().filter { $0.hasSuffix(".yaml") }
        let sources = try names.map { try readFile(themes + "/" + $0) }
        let dir = work + "/cfg/leadq/themes"
        _ = system("rm -rf '\(work)' && mkdir -p '\(dir)'")
        // Themes that inherit from each other, for mutations that point `inherit:` at them.
        try writeFile(dir + "/loop-a.yaml", Array("inherit: loop-b\nnormal: [red]\n".utf8))
        try writeFile(dir + "/loop-b.yaml", Array("inherit: loop-a\n".utf8))
        try writeFile(dir + "/chain.yaml", Array("inherit: default\nselected: [black, cyan]\n".utf8))
        let loader = ThemeLoader(environment: ["HOME": work, "XDG_CONFIG_HOME": work + "/cfg"])
        for i in from..<(from + count) {
            var rng = SplitMix(seed: seed ^ (UInt64(i) &* 0xD1B5_4A32_D192_ED03))
            var bytes = sources[rng.below(sources.count)]
            let what: String
            if rng.coin(0.4) {
                what = yamlMutation(&bytes, &rng)
            } else {
                var m = Mutator(rng: rng, checksummed: false, isJournal: false)
                what = m.mutate(&bytes)
            }
            Out.line("case \(i) \(what)")
            let path = dir + "/fuzz.yaml"
            try writeFile(path, bytes)
            var result = "ok \(i)"
            do {
                _ = try loader.parse(yaml: String(decoding: bytes, as: UTF8.self), name: "fuzz", file: path)
                _ = try loader.load(path)
                _ = try loader.load("fuzz")
            } catch {
                result =
                    "err \(i) "
                    + String(
                        error.description.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }.prefix(2000))
            }
            Out.line(result)
        }
        Out.line("done")
    }

    /// Mutations only YAML has: aliases that multiply (a "billion laughs"), deep flow nesting, tags,
    /// odd scalars, inheritance loops and byte-order marks.
    private func yamlMutation(_ b: inout [UInt8], _ rng: inout SplitMix) -> String {
        let kinds = [
            "laughs", "deep", "tag", "inherit", "bom", "crlf", "tabs", "huge-colour", "hex", "dup", "nul", "anchor-key",
        ]
        let kind = kinds[rng.below(kinds.count)]
        var text = String(decoding: b, as: UTF8.self)
        switch kind {
        case "laughs":
            var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            for level in 1..<9 {
                let prev = level == 1 ? "a" : "l\(level - 1)"
                bomb +=
                    "l\(level): &l\(level) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
            }
            bomb += "normal: *l8\n"
            text = rng.coin(0.5) ? bomb : text + "\n" + bomb
        case "deep":
            let d = [30, 63, 64, 65, 200, 100_000][rng.below(6)]
            text += "\nnormal: " + String(repeating: "[", count: d) + "red" + String(repeating: "]", count: d) + "\n"
        case "tag":
            let tags = [
                "!!binary aGVsbG8=", "!!python/object:os.system [\"true\"]", "!!map {fg: red}",
                "!<tag:yaml.org,2002:str> red", "!!set {red}",
            ]
            text += "\nselected: \(tags[rng.below(tags.count)])\n"
        case "inherit":
            let targets = [
                "loop-a", "loop-b", "fuzz", "chain", "../../../etc/passwd", "/dev/zero", "/proc/self/mem", "default",
                "nonexistent", "~/x.yaml", "",
            ]
            text = "inherit: \(targets[rng.below(targets.count)])\n" + text
        case "bom":
            text = "\u{FEFF}" + text
        case "crlf":
            text = text.replacingOccurrences(of: "\n", with: "\r\n")
        case "tabs":
            text = text.replacingOccurrences(of: "  ", with: "\t")
        case "huge-colour":
            let v = [
                "color256", "color-1", "color99999999999999999999", "color0000000000000000000001", "\"#12345\"",
                "\"#1234567\"", "\"#gggggg\"",
            ]
            text += "\nnormal: {fg: \(v[rng.below(v.count)])}\n"
        case "hex":
            text += "\nrow: {bg: \"#" + String(repeating: "f", count: rng.below(10_000)) + "\"}\n"
        case "dup":
            text += "\nnormal: [red]\nnormal: [blue]\n"
        case "nul":
            text = text.replacingOccurrences(of: ":", with: ":\u{0}", options: [], range: nil)
        default:
            text += "\n&k ? [a, b]\n: [red]\n*k : [blue]\n"
        }
        b = Array(text.utf8)
        return "yaml-\(kind)"
    }
}
