import Testing

@testable import LeadqUI

@Suite("Color")
struct ColorTests {
    @Test("parses names, bright forms, palette indices and hex")
    func parse() {
        #expect(Color.parse("default") == .default)
        #expect(Color.parse("red") == .ansi(1))
        #expect(Color.parse("Cyan") == .ansi(6))
        #expect(Color.parse("bright-red") == .ansi(9))
        #expect(Color.parse("brightRed") == .ansi(9))
        #expect(Color.parse("bright_white") == .ansi(15))
        #expect(Color.parse("grey") == .ansi(8))
        #expect(Color.parse("color123") == .indexed(123))
        #expect(Color.parse("colour0") == .indexed(0))
        #expect(Color.parse("255") == .indexed(255))
        #expect(Color.parse("#ff8000") == .rgb(255, 128, 0))
        #expect(Color.parse("#F80") == .rgb(255, 136, 0))
        for bad in ["blu", "color256", "#ff80", "#gg0000", "", "bright", "brightpink", "1234"] {
            #expect(Color.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("descriptions read back")
    func roundTrip() {
        for c: Color in [.default, .ansi(0), .ansi(7), .ansi(8), .ansi(15), .indexed(42), .rgb(1, 2, 255)] {
            #expect(Color.parse(c.description) == c)
        }
        #expect(Color.rgb(10, 11, 255).description == "#0a0bff")
    }

    @Test("true colours map to the nearest 256-palette slot")
    func nearest256() {
        #expect(Color.rgb(255, 0, 0).index256 == 196)
        #expect(Color.rgb(0, 0, 0).index256 == 16)
        #expect(Color.rgb(255, 255, 255).index256 == 231)
        #expect(Color.rgb(128, 128, 128).index256 == 244)  // grey ramp: 8 + 10*12 = 128
        #expect(Color.rgb(0, 95, 135).index256 == 24)
        #expect(Color.rgb(100, 100, 100).index256 == 241)
        #expect(Color.default.index256 == nil)
    }

    @Test("degrades to what the terminal has")
    func degrade() {
        #expect(Color.default.terminalIndex(colors: 256) == nil)
        #expect(Color.indexed(196).terminalIndex(colors: 256) == 196)
        #expect(Color.indexed(196).terminalIndex(colors: 16) == 9)  // bright red
        #expect(Color.indexed(196).terminalIndex(colors: 8) == 1)  // red
        #expect(Color.ansi(9).terminalIndex(colors: 16) == 9)
        #expect(Color.ansi(9).terminalIndex(colors: 8) == 1)
        #expect(Color.ansi(4).terminalIndex(colors: 8) == 4)
        #expect(Color.indexed(231).terminalIndex(colors: 8) == 7)  // white → light grey slot
        #expect(Color.rgb(0, 0, 0).terminalIndex(colors: 8) == 0)
        for i in 0..<256 {
            #expect((0..<8).contains(Color.indexed(i).terminalIndex(colors: 8)!))
            #expect((0..<16).contains(Color.indexed(i).terminalIndex(colors: 16)!))
        }
    }
}
