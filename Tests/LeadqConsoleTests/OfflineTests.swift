import LeadqConsole
import LeadqDomain
import LeadqUI
import Testing

/// The store's connection lost (a database restarted or ended the session): the console stays up,
/// says so in the status line, and saves nothing, not even what a dialog opened before asks for,
/// until it is back; nothing is kept to be saved later.
@MainActor @Suite struct OfflineTests {
    let why = "postgresql://ana@db.example/leadq: the connection to the server was lost"

    /// Ana's console with the cursor on her first assigned lead.
    func onAssigned() -> ConsoleState {
        var s = ConsoleFixture.state()
        let id = s.queue.visible.first { s.queue[$0]?.lead.stage == .assigned }!
        while s.selected != id { ConsoleFixture.press(&s, .char("j")) }
        return s
    }

    func saves(_ effects: [Effect]) -> Bool {
        effects.contains {
            switch $0 {
            case .perform, .undo: return true
            default: return false
            }
        }
    }

    @Test func offlineItSaysSoAndRefusesEveryAction() {
        var s = onAssigned()
        _ = Console.update(&s, .connection(offline: why))
        #expect(s.status?.text == "Offline: \(why). Reconnecting; nothing can be saved until then")
        #expect(ConsoleFixture.screen(s).snapshot().contains("Offline: \(why)"))
        for key in [Key.char("a"), .char("u"), .char("d")] {
            #expect(!saves(ConsoleFixture.press(&s, key)), "\(key)")
            #expect(s.status?.text == "Not saved: offline (\(why)); try again once it is back", "\(key)")
        }
        // A dialog that would save doesn't open.
        ConsoleFixture.press(&s, .char("r"))
        #expect(s.mode == .normal)
        // Moving about still works.
        let before = s.selected
        ConsoleFixture.press(&s, .char("j"))
        #expect(s.selected != before)
    }

    @Test func aDialogOpenWhenTheConnectionIsLostSavesNothing() {
        var s = onAssigned()
        ConsoleFixture.press(&s, .char("r"))
        guard case .reasons = s.mode else {
            Issue.record("no reasons dialog: \(s.mode)")
            return
        }
        _ = Console.update(&s, .connection(offline: why))
        #expect(!saves(ConsoleFixture.press(&s, .enter)))
        #expect(s.status?.text.hasPrefix("Not saved: offline") == true)
    }

    @Test func backOnlineItSavesAgain() {
        var s = onAssigned()
        let t = s.target()!
        _ = Console.update(&s, .connection(offline: why))
        _ = Console.update(&s, .connection(offline: nil))
        #expect(s.offline == nil)
        #expect(s.status?.text == "Back online: caught up with what was saved meanwhile")
        #expect(ConsoleFixture.press(&s, .char("a")) == [.perform(.accept, t)])
    }
}
