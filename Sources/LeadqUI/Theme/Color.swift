/// A colour as a theme names it. How it is shown depends on the terminal: see
/// `terminalIndex(colors:)`.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours, by palette slot: 0–7 black…white, 8–15 their bright forms.
    case ansi(Int)
    /// A slot of the 256-colour palette (`color123`).
    case indexed(Int)
    /// A true colour (`#rrggbb`); shown as the nearest 256-palette colour.
    case rgb(UInt8, UInt8, UInt8)

    static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a colour name (`red`, `bright-red`, `brightRed`, `bright_red`,
    /// `gray`/`grey` = bright-black), `colorN`/`colourN` or a bare `N` (0–255), `#rrggbb` or `#rgb`.
    public static func parse(_ text: String) -> Color? {
        let t = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        if t == "default" { return .default }
        if t == "gray" || t == "grey" { return .ansi(8) }
        if let i = baseNames.firstIndex(of: t) { return .ansi(i) }
        if t.hasPrefix("bright"), let i = baseNames.firstIndex(of: String(t.dropFirst(6))) { return .ansi(i + 8) }
        for prefix in ["colour", "color", ""] where t.hasPrefix(prefix) {
            let digits = t.dropFirst(prefix.count)
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                digits.count <= 3, let n = Int(digits), (0...255).contains(n)
            {
                return .indexed(n)
            }
        }
        if t.hasPrefix("#") {
            let hex = Array(t.dropFirst())
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            func byte(_ s: String) -> UInt8 { UInt8(s, radix: 16)! }
            if hex.count == 6 {
                return .rgb(byte(String(hex[0...1])), byte(String(hex[2...3])), byte(String(hex[4...5])))
            }
            if hex.count == 3 {
                return .rgb(
                    byte(String([hex[0], hex[0]])), byte(String([hex[1], hex[1]])), byte(String([hex[2], hex[2]])))
            }
        }
        return nil
    }

    /// The canonical spelling, which `parse` reads back.
    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let i) where (0..<8).contains(i): return Color.baseNames[i]
        case .ansi(let i) where (8..<16).contains(i): return "bright-" + Color.baseNames[i - 8]
        case .ansi(let i): return "color\(i)"
        case .indexed(let i): return "color\(i)"
        case .rgb(let r, let g, let b):
            func hex(_ v: UInt8) -> String {
                let s = String(v, radix: 16)
                return s.count == 1 ? "0" + s : s
            }
            return "#" + hex(r) + hex(g) + hex(b)
        }
    }

    /// The slot in the 256-colour palette (nil for `.default`); true colours map to the nearest
    /// slot of the 6×6×6 cube or grey ramp (16–255; 0–15 are left out because users retheme them).
    public var index256: Int? {
        switch self {
        case .default: return nil
        case .ansi(let i), .indexed(let i): return min(max(i, 0), 255)
        case .rgb(let r, let g, let b): return Color.nearest256(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    /// The colour number to give a terminal that has `colors` colours (8, 16, 256, …), or nil for
    /// the terminal's default. With fewer than 256 colours, a slot beyond the palette becomes the
    /// nearest of the 16 (or 8) ANSI colours; on 8-colour terminals bright-X becomes X.
    public func terminalIndex(colors: Int) -> Int? {
        guard let index = index256 else { return nil }
        if colors >= 256 || index < min(colors, 16) { return index }
        if colors >= 16 { return Color.nearest(rgb: Color.rgb(ofIndex: index), among: 0..<16) }
        if index < 16 { return index - 8 }  // bright-X on an 8-colour terminal
        return Color.nearest(rgb: Color.rgb(ofIndex: index), among: 0..<8)
    }

    // MARK: - Palette arithmetic

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 ANSI slots.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// RGB of a 256-palette slot (xterm's defaults).
    static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        switch i {
        case ..<16: return ansiRGB[max(0, i)]
        case 16..<232:
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let v = 8 + 10 * (min(i, 255) - 232)
            return (v, v, v)
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0
        let dg = a.1 - b.1
        let db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    static func nearest(rgb: (Int, Int, Int), among slots: Range<Int>) -> Int {
        slots.min { distance(Color.rgb(ofIndex: $0), rgb) < distance(Color.rgb(ofIndex: $1), rgb) } ?? 0
    }

    /// Nearest of the cube (16–231) and grey ramp (232–255): the closest cube level per channel,
    /// compared with the closest grey.
    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        func level(_ v: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) } ?? 0
        }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let average = (r + g + b) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        let target = (r, g, b)
        return distance(rgb(ofIndex: grey), target) < distance(rgb(ofIndex: cube), target) ? grey : cube
    }
}
