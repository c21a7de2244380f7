import LeadqConsole
import LeadqUI
import Testing

/// Issue 15, defect 12: one unknown action in keys.yaml stopped the console from opening, and
/// `quit: [q, Q]` silently took Q from qualify.
@Suite struct KeymapFileTests {
    @Test func mistakesAreSkippedAndSaidAndTheRestApplies() {
        let loaded = KeymapFile.parse("quitt: [x]\naccept: [a, ctrl-a]\nreject: [nokey]\n", file: "keys.yaml")
        #expect(loaded.keymap.action(for: .ctrl("a")) == .accept)
        #expect(loaded.keymap.action(for: .char("r")) == .reject)
        #expect(loaded.warnings.count == 2)
        #expect(loaded.warnings[0].hasPrefix("keys.yaml:1: unknown action 'quitt' skipped"))
        #expect(loaded.warnings[1].hasPrefix("keys.yaml:3: key 'nokey' for 'reject' is not a key name"))
    }

    @Test func aKeyTakenFromAnotherActionIsSaid() {
        let loaded = KeymapFile.parse("quit: [q, Q]\n", file: "keys.yaml")
        #expect(loaded.keymap.action(for: .char("Q")) == .quit)
        #expect(loaded.warnings == ["keys.yaml:1: Q was qualify's key; now quit's (it has no key now)"])
    }

    @Test func yamlThatDoesntParseKeepsTheDefaults() {
        let loaded = KeymapFile.parse("accept: [a\n", file: "keys.yaml")
        #expect(loaded.keymap == Keymap())
        #expect(loaded.warnings.first?.hasPrefix("keys.yaml: not valid YAML, default keys used") == true)
    }
}
