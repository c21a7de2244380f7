import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

@testable import LeadqConsole

/// A long list's new order is sorted off the main thread: `o` names the sort as an effect and the
/// list keeps its old order until the sorted rows come back; a short list is sorted at once.
@Suite struct SortAsideTests {
    typealias Sliced = SlicedFilterTests

    /// What the runtime does with the effect: the request's rows sorted in its order.
    static func sort(_ r: SortRequest) -> SortedRows {
        SortedRows(rows: r.columns.sorted(r.rows, by: r.order), order: r.order, number: r.number)
    }

    static func request(_ effects: [Effect]) -> SortRequest? {
        guard effects.count == 1, case .sort(let r) = effects[0] else { return nil }
        return r
    }

    @Test func aLongListsOrderIsSortedAside() throws {
        var s = Sliced.console()
        for _ in 0..<3 { ConsoleFixture.press(&s, .pageDown) }
        let lead = s.selected
        let before = Array(s.queue.visible)
        let r = try #require(Self.request(ConsoleFixture.press(&s, .char("o"))))
        #expect(r.order == .followUp && r.rows.count == s.queue.count)
        #expect(s.queue.order == .deadline && s.queue.sorting?.order == .followUp)
        #expect(Array(s.queue.visible) == before && s.selected == lead)
        // Keys meanwhile act on the list as shown.
        ConsoleFixture.press(&s, .char("j"))
        #expect(s.selected == before[before.firstIndex(of: lead!)! + 1])
        let moved = s.selected
        var want = s.queue
        want.setOrder(.followUp)
        _ = Console.update(&s, .sorted(Self.sort(r)))
        #expect(s.queue.sorting == nil && s.queue.order == .followUp)
        #expect(Array(s.queue.visible) == Array(want.visible))
        #expect(s.selected == moved && s.status?.text == "Order: next follow-up")
    }

    @MainActor @Test func theHeaderSaysWhatIsBeingSorted() {
        var s = Sliced.console()
        _ = ConsoleFixture.press(&s, .char("o"))
        #expect(ConsoleFixture.screen(s).snapshot().contains("sorting 100,000 leads by next follow-up…"))
    }

    /// Other processes' changes arriving during the sort are in the sorted list at their places:
    /// a lead changed, a lead new, a lead gone.
    @Test func changesDuringTheSortAreKept() throws {
        var s = Sliced.console()
        let r = try #require(Self.request(ConsoleFixture.press(&s, .char("o"))))
        let changed = LeadScript("L-0000500", profile: Fixture.profile(name: "Moved Up", score: 99)).assign("ana").lead
        let new = LeadScript("L-0999999", profile: Fixture.profile(name: "New Lead", score: 100)).assign("ana").lead
        let gone = try #require(s.queue.visible.dropFirst(7).first)
        _ = Console.update(&s, .changed(upserts: [changed, new], removals: [gone]))
        #expect(s.queue.sorting != nil && s.queue.order == .deadline)
        var want = s.queue
        want.setOrder(.followUp)
        _ = Console.update(&s, .sorted(Self.sort(r)))
        let shown = Array(s.queue.visible)
        #expect(shown == Array(want.visible))
        #expect(shown.contains(changed.id) && shown.contains(new.id) && !shown.contains(gone))
        #expect(shown.count == Set(shown).count)
    }

    /// `o` again during a sort asks for the order after; only the last sort's rows are taken.
    @Test func onlyTheLastSortAskedForIsShown() throws {
        var s = Sliced.console()
        let first = try #require(Self.request(ConsoleFixture.press(&s, .char("o"))))
        let second = try #require(Self.request(ConsoleFixture.press(&s, .char("o"))))
        #expect(first.order == .followUp && second.order == .age)
        let before = Array(s.queue.visible)
        _ = Console.update(&s, .sorted(Self.sort(first)))
        #expect(s.queue.order == .deadline && s.queue.sorting?.order == .age)
        #expect(Array(s.queue.visible) == before)
        _ = Console.update(&s, .sorted(Self.sort(second)))
        #expect(s.queue.order == .age && s.queue.sorting == nil)
    }

    /// A short list is sorted at once, as before: no effect, nothing pending.
    @Test func aShortListIsSortedAtOnce() {
        var s = Sliced.console()
        let short = Sliced.table(2_000)
        _ = Console.update(
            &s,
            .reloaded(.table(short, order: .deadline, sorted: short.columns.sorted(short.liveRows, by: .deadline))))
        #expect(s.queue.count == 2_000)
        var want = s.queue
        want.setOrder(.followUp)
        #expect(ConsoleFixture.press(&s, .char("o")).isEmpty)
        #expect(s.queue.sorting == nil && s.queue.order == .followUp)
        #expect(Array(s.queue.visible) == Array(want.visible))
    }
}
