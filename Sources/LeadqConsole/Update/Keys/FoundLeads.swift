import LeadqDomain
import LeadqUI

/// `/` then Tab: a search over every lead of the store (any stage, any owner), answered by the
/// runtime's index as you type; the queue shows what it found until Esc.
enum FoundLeads {
    /// Tab in the queue filter: the same text, searched everywhere.
    static func start(_ s: inout ConsoleState, _ editor: LineEditor) -> [Effect] {
        let back: QueueScope
        if case .found = s.queue.scope { back = s.search?.returnScope ?? .queues } else { back = s.queue.scope }
        s.queue.setFilter("")
        s.search = SearchState(query: editor.text, returnScope: back)
        s.queue.showFound([], settings: s.settings, now: s.now)
        s.mode = .search(editor)
        return ask(&s, editor.text)
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ editor: LineEditor) -> [Effect] {
        var editor = editor
        switch key {
        case .enter:
            s.mode = .normal
        case .escape:
            end(&s)
        case .tab, .backTab:
            // Back to filtering the rep's own queue with the same text.
            end(&s)
            s.mode = .filter(editor)
            FilterBar.typed(&s, editor.text)
        case .down, .up:
            return QueueKeys.key(&s, key)
        default:
            guard editor.handle(key) else { return [] }
            s.mode = .search(editor)
            return ask(&s, editor.text)
        }
        return []
    }

    static func ask(_ s: inout ConsoleState, _ query: String) -> [Effect] {
        s.search?.query = query
        if Rules.trimmed(query).isEmpty {
            s.search?.total = 0
            s.queue.showFound([], settings: s.settings, now: s.now)
            Console.fixSelection(&s, previousIndex: 0)
            return []
        }
        return [.search(query)]
    }

    /// The runtime's answer; an answer to an older query (typed over since) is dropped, but the first
    /// answer after indexing says the index is ready: the current query is asked again.
    static func found(_ s: inout ConsoleState, _ r: SearchResult) -> [Effect] {
        guard let search = s.search else { return [] }
        guard search.query == r.query else {
            guard search.indexing && !r.indexing else { return [] }
            s.search?.indexing = false
            return Rules.trimmed(search.query).isEmpty ? [] : [.search(search.query)]
        }
        s.search?.total = r.total
        s.search?.indexing = r.indexing
        s.queue.showFound(r.leads, settings: s.settings, now: s.now)
        Console.fixSelection(&s, previousIndex: 0)
        if !s.queue.visible.isEmpty { Console.move(&s, to: 0) }
        return []
    }

    /// Back to the queue as it was before the search.
    static func end(_ s: inout ConsoleState) {
        guard let search = s.search else { return }
        s.search = nil
        if case .search = s.mode { s.mode = .normal }
        s.queue.endFound(search.returnScope)
        Console.fixSelection(&s, previousIndex: 0)
    }

    /// Leads found outside the queue that others changed meanwhile.
    static func refresh(_ s: inout ConsoleState, upserts: [Lead], removals: [String]) {
        guard s.search != nil else { return }
        for lead in upserts where s.queue.found[lead.id] != nil {
            s.queue.refreshFound(lead, id: lead.id, settings: s.settings, now: s.now)
        }
        for id in removals { s.queue.refreshFound(nil, id: id, settings: s.settings, now: s.now) }
    }
}
