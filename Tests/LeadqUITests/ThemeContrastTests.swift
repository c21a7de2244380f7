import Foundation
import LeadqUI
import Testing

/// Issue 15, defect 15: in the default theme low scores and the stats page's alternate bars were
/// dark blue on black, and the contact dialog's chosen chip grey (bold black) on cyan. Every role
/// must read at a contrast of at least 3:1 on xterm's default palette and a black background.
@Suite struct ThemeContrastTests {
    /// xterm's default 16 colours.
    static let palette: [(Double, Double, Double)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
    ]

    static func luminance(_ c: (Double, Double, Double)) -> Double {
        func channel(_ v: Double) -> Double {
            let s = v / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// The palette slot a style's colour shows as; bold black shows as bright black, as in xterm.
    static func slot(_ c: Color?, bold: Bool, fallback: Int) -> Int? {
        switch c {
        case nil, .default?: return fallback
        case .ansi(let i)?: return bold && i == 0 ? 8 : i
        default: return nil
        }
    }

    @Test func everyRoleOfTheDefaultThemeReadsOnBlack() {
        let theme = Theme.builtinDefault
        for role in Role.allCases {
            let st = theme.style(for: role)
            guard !st.reverse, !st.dim, let fg = ThemeContrastTests.slot(st.fg, bold: st.bold, fallback: 7),
                let bg = ThemeContrastTests.slot(st.bg, bold: false, fallback: 0)
            else { continue }
            let a = ThemeContrastTests.luminance(ThemeContrastTests.palette[fg])
            let b = ThemeContrastTests.luminance(ThemeContrastTests.palette[bg])
            let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
            #expect(ratio >= 3, "\(role): \(st) has a contrast of \(ratio)")
        }
    }
}
