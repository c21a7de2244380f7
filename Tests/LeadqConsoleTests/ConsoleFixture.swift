import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import LeadqUI

/// Console states built from the deterministic demo store, at a fixed time, in UTC.
enum ConsoleFixture {
    static let now = Instant(iso8601: "2026-11-23T10:00:00Z")!
    static let demo = DemoStore(leads: 300, seed: 42, now: now)

    static func config(rep: String = "ana", name: String = "Ana Souza") -> ConsoleConfig {
        ConsoleConfig(
            rep: rep, repName: name, storeLabel: "demo", utcOffset: 0,
            themeNames: ["default", "high-contrast", "light", "mono"])
    }

    /// Ana's queue from the demo store, drawn at `size`.
    static func state(width: Int = 100, height: Int = 30, leads: [Lead]? = nil, settings: Settings? = nil)
        -> ConsoleState
    {
        let (demoSettings, demoLeads) = demo.generate()
        let s = settings ?? demoSettings
        var state = ConsoleState(
            config: config(), settings: s, size: Size(width: width, height: height), now: now, theme: "default")
        let mine = (leads ?? demoLeads).filter { $0.owner == "ana" && $0.stage.isActive }
        _ = Console.update(&state, .reloaded(mine))
        state.status = nil
        return state
    }

    @MainActor static func screen(_ s: ConsoleState) -> MemoryScreen {
        let m = MemoryScreen(width: s.size.width, height: s.size.height)
        m.draw(ConsoleView.render(s))
        return m
    }

    @discardableResult
    static func press(_ s: inout ConsoleState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Console.update(&s, .key($0)) }
    }

    static func type(_ s: inout ConsoleState, _ text: String) {
        for c in text { _ = Console.update(&s, .key(.char(c))) }
    }
}
