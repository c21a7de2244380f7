import Foundation
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@Suite struct SettingsTests {
    @Test func defaultsAndDemoSettingsRoundTrip() throws {
        for s in [Settings(), Fixture.settings, DemoStore(now: Fixture.t0).settings()] {
            let bytes = SettingsCodec.encode(s)
            #expect(try SettingsCodec.decode(bytes, file: "settings.json") == s)
        }
        let text = String(decoding: SettingsCodec.encode(Settings()), as: UTF8.self)
        #expect(text.contains("\"cadenceDays\": [1, 3, 7, 14]"))
        #expect(text.contains("\"decisionHours\": 24"))
        #expect(text.contains("\"timeZone\": \"UTC\""))
        var berlin = Settings()
        berlin.timeZone = "Europe/Berlin"
        #expect(
            try SettingsCodec.decode(SettingsCodec.encode(berlin), file: "settings.json").timeZone == "Europe/Berlin")
    }

    @Test(arguments: [
        ("{\"schema\":1,\"sla\":{\"decisonHours\":24}}", "settings.json: line 1: unknown key 'sla.decisonHours'"),
        (
            "{\"schema\":1,\"sla\":{\"decisionHours\":0}}",
            "settings.json: line 1: 'sla.decisionHours' must be above 0, not 0"
        ),
        (
            "{\"schema\":1,\"scores\":{\"hot\":120}}",
            "settings.json: line 1: 'scores.hot' must be a score 0-100, not 120"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\",\"role\":\"boss\"}]}",
            "settings.json: line 1: 'team[0].role' must be one of rep, manager, not 'boss'"
        ),
        ("{\"schema\":1,\"team\":[{\"id\":\"a\"},{\"id\":\"a\"}]}", "settings.json: 'team[1].id' 'a' appears twice"),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"b\"},{\"code\":\"y\",\"key\":\"b\"}]}",
            "settings.json: 'reasons[1].key' 'b' is already used by x"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"bb\"}]}",
            "settings.json: line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not 'bb'"
        ),
        (
            "{\"schema\":1,\"followUps\":{\"cadenceDays\":[3,1]}}",
            "settings.json: 'followUps.cadenceDays' must ascend, e.g. [1, 3, 7, 14]"
        ),
        (
            "{\"schema\":1,\"ownerMap\":{\"005x\":\"ghost\"}}",
            "settings.json: 'ownerMap.005x' names 'ghost', who is not in 'team'"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"planet\":[\"x\"]},\"to\":\"nurture\"}]}",
            "settings.json: line 1: unknown key 'routing[0].when.planet'"
        ),
        (
            "{\"schema\":1,\"timeZone\":\"Europe/Berlinn\"}",
            "settings.json: line 1: 'timeZone' 'Europe/Berlinn' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC"
        ),
        ("{\"sla\":{}}", "settings.json: missing 'schema' (this leadq writes schema 1)"),
        (
            "{\"schema\":1,\n  \"sla\": {\"decisionHours\": \"24\"}}",
            "settings.json: line 2, column 28: expected a number"
        ),
        ("{\"schema\":1,", "settings.json: line 1, column 13: expected a string"),
    ])
    func errorsNameTheField(_ json: String, _ message: String) {
        #expect(
            throws: SettingsError(file: "settings.json", message: String(message.dropFirst("settings.json: ".count)))
        ) {
            try SettingsCodec.decode(Array(json.utf8), file: "settings.json")
        }
    }

    /// A hand edit that repeats a key would otherwise lose the first block without a word.
    @Test(arguments: [
        (
            "{\"schema\":1,\n\"reasons\":[{\"code\":\"a\",\"key\":\"a\"}],\n\"reasons\":[{\"code\":\"b\",\"key\":\"b\"}]}",
            "line 3: 'reasons' appears twice"
        ),
        ("{\"schema\":1,\"schema\":1}", "line 1: 'schema' appears twice"),
        (
            "{\"schema\":1,\"sla\":{\"decisionHours\":1,\n  \"decisionHours\":2}}",
            "line 2: 'sla.decisionHours' appears twice"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\"},\n{\"id\":\"b\",\"id\":\"c\"}]}",
            "line 2: 'team[1].id' appears twice"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\"}],\"ownerMap\":{\"x\":\"a\",\"x\":\"a\"}}",
            "line 1: 'ownerMap.x' appears twice"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"country\":[\"DE\"],\"country\":[\"FR\"]},\"to\":\"nurture\"}]}",
            "line 1: 'routing[0].when.country' appears twice"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"to\":{\"rep\":\"a\",\"rep\":\"b\"}}]}",
            "line 1: 'routing[0].to.rep' appears twice"
        ),
    ])
    func duplicateKeysAreRefusedWithTheirLine(_ json: String, _ message: String) {
        #expect(throws: SettingsError(file: "settings.json", message: message)) {
            try SettingsCodec.decode(Array(json.utf8), file: "settings.json")
        }
    }

    /// Values that read as JSON but mean nothing a team could want, or that would reach a terminal raw.
    @Test(arguments: [
        ("{\"schema\":1,\"reasons\":[]}", "line 1: 'reasons' must list at least one reason"),
        ("{\"schema\":0}", "line 1: 'schema' must be 1 (this leadq writes schema 1), not 0"),
        ("{\"schema\":-1}", "line 1: 'schema' must be 1 (this leadq writes schema 1), not -1"),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"\\u001b\"}]}",
            "line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not '␛'"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"\\t\"}]}",
            "line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not '␉'"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\" \"}]}",
            "line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not ' '"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"\\u007f\"}]}",
            "line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not '␡'"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"\\u0301\"}]}",
            "line 1: 'reasons[0].key' must be one printable character (not a space or a control character), not '\u{301}'"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"no\\u001b[2Jbudget\",\"key\":\"b\"}]}",
            "line 1: 'reasons[0].code' must be printable text (no control characters), not 'no␛[2Jbudget'"
        ),
        (
            "{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"label\":\"a\\nb\",\"key\":\"b\"}]}",
            "line 1: 'reasons[0].label' must be printable text (no control characters), not 'a␊b'"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"an\\u202ea\"}]}",
            "line 1: 'team[0].id' must be printable text (no control characters), not 'an⟨U+202E⟩a'"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\",\"name\":\"\\u0007\"}]}",
            "line 1: 'team[0].name' must be printable text (no control characters), not '␇'"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\",\"team\":\"e\\u009bm\"}]}",
            "line 1: 'team[0].team' must be printable text (no control characters), not 'e⟨U+009B⟩m'"
        ),
        (
            "{\"schema\":1,\"console\":{\"theme\":\"x\\u001b\"}}",
            "line 1: 'console.theme' must be printable text (no control characters), not 'x␛'"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\"}],\"ownerMap\":{\"o\\u0000\":\"a\"}}",
            "line 1: 'ownerMap' key must be printable text (no control characters), not 'o␀'"
        ),
        ("{\"schema\":1,\"sla\":{\"a\\tb\":1}}", "line 1: unknown key 'sla.a␉b'"),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\\u001b\",\"field\":\"industry\",\"anyOf\":[\"a\"],\"points\":5}]}",
            "line 1: 'scoring[0].label' must be printable text (no control characters), not 'x␛'"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"industry\",\"anyOf\":[],\"points\":5}]}",
            "line 1: 'scoring[0].anyOf' must list at least one term for field industry"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"signal\",\"points\":5}]}",
            "line 1: 'scoring[0].anyOf' must list at least one term for field signal"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"title\",\"anyOf\":[\"vp\",\"--\"],\"points\":5}]}",
            "line 1: 'scoring[0].anyOf[1]' has no letters or digits, so it can never match: '--'"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"companySize\",\"atLeast\":-5,\"points\":5}]}",
            "line 1: 'scoring[0].atLeast' must be 0 or more, not -5"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"companySize\",\"atLeast\":200,\"below\":50,\"points\":5}]}",
            "line 1: 'scoring[0]' can never match: 'atLeast' 200 is not below 'below' 50"
        ),
        (
            "{\"schema\":1,\"scoring\":[{\"label\":\"x\",\"field\":\"signal\",\"anyOf\":[\"a\"],\"points\":5,\"maxPoints\":-3}]}",
            "line 1: 'scoring[0].maxPoints' must be 0 or more, not -3"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"country\":[]},\"to\":\"nurture\"}]}",
            "line 1: 'routing[0].when.country' must list at least one value"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"source\":[\"\"]},\"to\":\"nurture\"}]}",
            "line 1: 'routing[0].when.source[0]' has no letters or digits, so it can never match: ''"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\\u001b\",\"to\":\"nurture\"}]}",
            "line 1: 'routing[0].name' must be printable text (no control characters), not 'r␛'"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"scoreAtLeast\":80,\"scoreBelow\":30},\"to\":\"nurture\"}]}",
            "line 1: 'routing[0].when' can never match: 'scoreAtLeast' 80 is not below 'scoreBelow' 30"
        ),
        (
            "{\"schema\":1,\"routing\":[{\"name\":\"r\",\"to\":{}}]}",
            "line 1: 'routing[0].to' must name one rep or one team, as {\"rep\": …} or {\"team\": …}"
        ),
        (
            "{\"schema\":1,\"team\":[{\"id\":\"a\",\"team\":\"t\"}],\"routing\":[{\"name\":\"r\",\"to\":{\"rep\":\"a\",\"team\":\"t\"}}]}",
            "line 1: 'routing[0].to' must name one rep or one team, as {\"rep\": …} or {\"team\": …}"
        ),
        (
            "{\"schema\":1,\"followUps\":{\"cadenceDays\":[1,1,3]}}",
            "'followUps.cadenceDays' must ascend, e.g. [1, 3, 7, 14]"
        ),
        ("{\"schema\":1,\"sla\":{\"decisionHours\":0x18}}", "line 1, column 36: expected a number, found '0x18'"),
        ("{\"schema\":1,\"sla\":{\"decisionHours\":24h}}", "line 1, column 36: expected a number, found '24h'"),
    ])
    func meaninglessOrUnsafeValuesAreRefused(_ json: String, _ message: String) {
        #expect(throws: SettingsError(file: "settings.json", message: message)) {
            try SettingsCodec.decode(Array(json.utf8), file: "settings.json")
        }
    }

    /// Editors on some systems start a UTF-8 file with a byte order mark.
    @Test func aLeadingByteOrderMarkIsAccepted() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + SettingsCodec.encode(Settings())
        #expect(try SettingsCodec.decode(bytes, file: "settings.json") == Settings())
        // Elsewhere it is still an error, with columns counted as before.
        #expect(throws: SettingsError(file: "settings.json", message: "line 1, column 2: expected a string")) {
            try SettingsCodec.decode([0xEF, 0xBB, 0xBF] + Array("{\u{FEFF}\"schema\":1}".utf8), file: "settings.json")
        }
    }

    /// A store is never created with settings it couldn't read back: it would never open.
    @Test func aStoreIsNotCreatedWithSettingsItCouldNotRead() throws {
        let dir = TempDirectory("leadq-settings")
        var s = Fixture.settings
        s.reasons = []
        #expect(
            throws: StoreError.settings(
                SettingsError(file: dir.path + "/s/settings.json", message: "'reasons' must list at least one reason"))
        ) {
            try FileStore.create(at: dir.path + "/s", settings: s)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/s"))
    }

    @Test func storeLocation() {
        #expect(StoreLocation.resolve(flag: "/s", environment: ["LEADQ_STORE": "/e"]) == "/s")
        #expect(StoreLocation.resolve(flag: nil, environment: ["LEADQ_STORE": "/e", "XDG_DATA_HOME": "/x"]) == "/e")
        #expect(StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/leadq")
        #expect(
            StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])
                == "/h/.local/share/leadq")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/leadq")
    }
}
