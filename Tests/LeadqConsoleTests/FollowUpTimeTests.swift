import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

/// The follow-up dialog's times: read in the rep's zone with the offset of the date they name, and
/// checked before anything is saved (a refused time keeps the dialog open and says why).
@Suite struct FollowUpTimeTests {
    /// Ana's queue at `now` in `zone`, with `utcOffset` the offset at `now` as the console starts with.
    /// Business hours off: these are about the calendar (`quickKeysLandInWorkingHours` turns them on).
    func state(now: String, zone: Zone, businessHours: Bool = false) -> ConsoleState {
        var s = ConsoleFixture.state()
        s.settings.businessHours = businessHours
        s.now = Instant(iso8601: now)!
        s.config.zone = zone
        s.config.utcOffset = zone.offset(at: s.now)
        return s
    }

    func due(_ effects: [Effect]) -> String? {
        guard case .perform(.scheduleFollowUp(let due, _), _)? = effects.first else { return nil }
        return due.iso8601
    }

    @Test(arguments: [
        ("America/New_York", "2026-10-31T15:00:00Z", "1", "2026-11-01T14:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "3", "2026-11-03T16:00:00Z"),
        ("America/New_York", "2026-03-07T15:00:00Z", "1", "2026-03-08T13:00:00Z"),
        ("Europe/Berlin", "2026-10-24T10:00:00Z", "1", "2026-10-25T08:00:00Z"),
        ("Europe/Berlin", "2026-03-28T10:00:00Z", "w", "2026-04-04T09:00:00Z"),
        ("Australia/Sydney", "2026-04-04T00:00:00Z", "1", "2026-04-04T23:00:00Z"),
        ("Australia/Sydney", "2026-10-03T00:00:00Z", "3", "2026-10-05T23:00:00Z"),
    ])
    func quickChoicesCrossADaylightSavingChange(_ name: String, _ now: String, _ key: Character, _ expected: String) {
        var s = state(now: now, zone: ZoneTables.all.first { $0.name == name }!.zone)
        #expect(due(ConsoleFixture.press(&s, .char("f"), .char(key))) == expected, "\(name) f \(key)")
    }

    /// Issue 14: with business hours on, a quick choice that lands on a weekend, a holiday or at
    /// night moves to the next working morning in the rep's zone; a typed clock time is kept.
    @Test func quickKeysLandInWorkingHours() {
        // Saturday 2026-10-31, 11:00 in New York: "tomorrow" is Sunday, so Monday 09:00 EST.
        var s = state(now: "2026-10-31T15:00:00Z", zone: ZoneTables.newYork, businessHours: true)
        #expect(due(ConsoleFixture.press(&s, .char("f"), .char("1"))) == "2026-11-02T14:00:00Z")
        // Friday 22:30 in Berlin: +3 days is Monday 22:30, so Tuesday 09:00.
        s = state(now: "2026-11-27T21:30:00Z", zone: ZoneTables.berlin, businessHours: true)
        #expect(due(ConsoleFixture.press(&s, .char("f"), .char("3"))) == "2026-12-01T08:00:00Z")
        s.settings.workingHours.holidays = [CivilTime.days(year: 2026, month: 12, day: 1)]
        s.mode = .normal
        #expect(due(ConsoleFixture.press(&s, .char("f"), .char("3"))) == "2026-12-02T08:00:00Z")
        s.mode = .normal
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, "tomorrow 20:00")
        #expect(due(ConsoleFixture.press(&s, .enter)) == "2026-11-28T19:00:00Z")
    }

    @Test func aTypedLocalTimeUsesItsOwnDatesOffset() {
        var s = state(now: "2026-10-31T15:00:00Z", zone: ZoneTables.newYork)
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, "2026-11-02 09:00")
        #expect(due(ConsoleFixture.press(&s, .enter)) == "2026-11-02T14:00:00Z")
    }

    @Test(arguments: [
        (
            "+3000000d",
            "'+3000000d' is too far ahead: a follow-up can be due at most 3650 days ahead (until 2036-11-20 10:00)"
        ),
        (
            "+99999999999m",
            "'+99999999999m' is too far ahead: a follow-up can be due at most 3650 days ahead (until 2036-11-20 10:00)"
        ),
        (
            "9999-12-31 23:59",
            "'9999-12-31 23:59' is too far ahead: a follow-up can be due at most 3650 days ahead (until 2036-11-20 10:00)"
        ),
        ("-1d", "'-1d' is in the past (2026-11-22 10:00)"),
        (
            "someday",
            "'someday' is not a time leadq understands (try tmrw 14:00, fri, next tue, in 2 days, +3d, 2026-11-30 14:00)"
        ),
    ])
    func aTimeThatCantBeSavedKeepsTheDialogOpen(_ text: String, _ message: String) {
        var s = ConsoleFixture.state()
        let t = s.target()!
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, text)
        let effects = ConsoleFixture.press(&s, .enter)
        #expect(effects.isEmpty, "\(text) was sent to the store")
        guard case .followUp(let target, let form) = s.mode else {
            Issue.record("the dialog closed: \(s.mode)")
            return
        }
        #expect(target == t)
        #expect(form.when.text == text)
        #expect(s.status == StatusLine(message, .warn))
    }

    @Test func aQuickChoiceBeyondTheHorizonIsRefusedToo() {
        var settings = ConsoleFixture.demo.generate().0
        settings.followUpHorizonDays = 2
        var s = ConsoleFixture.state(settings: settings)
        #expect(ConsoleFixture.press(&s, .char("f"), .char("w")).isEmpty)
        #expect(s.status?.text.hasPrefix("'+1w' is too far ahead: a follow-up can be due at most 2 days ahead") == true)
        if case .followUp = s.mode {} else { Issue.record("the dialog closed") }
    }

    @MainActor @Test func thePreviewSaysWhyBeforeEnter() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, "+3000000d")
        #expect(ConsoleFixture.screen(s).snapshot().contains("→ too far ahead"))
        ConsoleFixture.press(&s, .ctrl("u"))
        ConsoleFixture.type(&s, "-1d")
        #expect(ConsoleFixture.screen(s).snapshot().contains("→ in the past"))
    }
}
