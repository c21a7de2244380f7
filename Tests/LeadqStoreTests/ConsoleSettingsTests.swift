import LeadqCodec
import LeadqDomain
import Testing

/// `console.mouse`, `console.clipboard` and `console.dateOrder` in settings.json.
@Suite struct ConsoleSettingsTests {
    func read(_ console: String) throws -> ConsolePreferences {
        try SettingsCodec.decode(Array("{\"schema\":1,\"console\":{\(console)}}".utf8), file: "settings.json").console
    }

    @Test func theDefaultsAndTheirRoundTrip() throws {
        let d = Settings().console
        #expect(d.mouse && !d.clipboard && d.dateOrder == nil)
        var s = Settings()
        s.console.mouse = false
        s.console.clipboard = true
        s.console.dateOrder = .monthDay
        #expect(try SettingsCodec.decode(SettingsCodec.encode(s), file: "settings.json") == s)
        let text = String(decoding: SettingsCodec.encode(Settings()), as: UTF8.self)
        #expect(text.contains("\"dateOrder\": \"locale\""))
    }

    @Test func eachIsRead() throws {
        #expect(try read("\"mouse\":false").mouse == false)
        #expect(try read("\"clipboard\":true").clipboard == true)
        #expect(try read("\"dateOrder\":\"day-month\"").dateOrder == .dayMonth)
        #expect(try read("\"dateOrder\":\"locale\"").dateOrder == nil)
    }

    @Test func aWrongOrderIsNamedWithItsLine() {
        #expect {
            try read("\"dateOrder\":\"ymd\"")
        } throws: { e in
            "\(e)" == "settings.json: line 1: 'console.dateOrder' is 'ymd'; it is locale, day-month or month-day"
        }
    }
}
