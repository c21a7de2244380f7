import Foundation
import Testing
import LeadqDomain
import LeadqStore
import LeadqDemo
import LeadqTestSupport

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
        #expect(try SettingsCodec.decode(SettingsCodec.encode(berlin), file: "settings.json").timeZone == "Europe/Berlin")
    }

    @Test(arguments: [
        ("{\"schema\":1,\"sla\":{\"decisonHours\":24}}", "settings.json: unknown key 'sla.decisonHours'"),
        ("{\"schema\":1,\"sla\":{\"decisionHours\":0}}", "settings.json: 'sla.decisionHours' must be above 0, not 0"),
        ("{\"schema\":1,\"scores\":{\"hot\":120}}", "settings.json: 'scores.hot' must be a score 0-100, not 120"),
        ("{\"schema\":1,\"team\":[{\"id\":\"a\",\"role\":\"boss\"}]}", "settings.json: 'team[0].role' must be one of rep, manager, not 'boss'"),
        ("{\"schema\":1,\"team\":[{\"id\":\"a\"},{\"id\":\"a\"}]}", "settings.json: 'team[1].id' 'a' appears twice"),
        ("{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"b\"},{\"code\":\"y\",\"key\":\"b\"}]}", "settings.json: 'reasons[1].key' 'b' is already used by x"),
        ("{\"schema\":1,\"reasons\":[{\"code\":\"x\",\"key\":\"bb\"}]}", "settings.json: 'reasons[0].key' must be one character, not 'bb'"),
        ("{\"schema\":1,\"followUps\":{\"cadenceDays\":[3,1]}}", "settings.json: 'followUps.cadenceDays' must ascend, e.g. [1, 3, 7, 14]"),
        ("{\"schema\":1,\"ownerMap\":{\"005x\":\"ghost\"}}", "settings.json: 'ownerMap.005x' names 'ghost', who is not in 'team'"),
        ("{\"schema\":1,\"routing\":[{\"name\":\"r\",\"when\":{\"planet\":[\"x\"]},\"to\":\"nurture\"}]}", "settings.json: unknown key 'routing[0].when.planet'"),
        ("{\"schema\":1,\"timeZone\":\"Europe/Berlinn\"}", "settings.json: 'timeZone' 'Europe/Berlinn' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC"),
        ("{\"sla\":{}}", "settings.json: missing 'schema' (this leadq writes schema 1)"),
        ("{\"schema\":1,\n  \"sla\": {\"decisionHours\": \"24\"}}", "settings.json: line 2, column 28: expected a number"),
        ("{\"schema\":1,", "settings.json: line 1, column 13: expected a string"),
    ])
    func errorsNameTheField(_ json: String, _ message: String) {
        #expect(throws: SettingsError(file: "settings.json", message: String(message.dropFirst("settings.json: ".count)))) {
            try SettingsCodec.decode(Array(json.utf8), file: "settings.json")
        }
    }

    @Test func storeLocation() {
        #expect(StoreLocation.resolve(flag: "/s", environment: ["LEADQ_STORE": "/e"]) == "/s")
        #expect(StoreLocation.resolve(flag: nil, environment: ["LEADQ_STORE": "/e", "XDG_DATA_HOME": "/x"]) == "/e")
        #expect(StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/leadq")
        #expect(StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/leadq")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/leadq")
    }
}
