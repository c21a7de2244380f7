/// The cursor and the scroll position of the queue.
extension Console {
    /// After the queue changed: stay on the selected lead, or on the same row if it left.
    static func fixSelection(_ s: inout ConsoleState, previousIndex: Int) {
        // A lead the filter's search hasn't reached yet but will show stays selected.
        if s.queue.filtering, let sel = s.selected { s.queue.reveal(sel) }
        if previousIndex > 0 { s.queue.reveal(atLeast: previousIndex + 1) }
        let v = s.queue.visible
        // Its row looked for among the shown rows, not its id compared with each shown lead's: a
        // lead the filter hides was compared with all 600,000 of a million-lead list's (30 ms).
        if let sel = s.selected, s.queue.position(of: sel) != nil {
        } else if v.isEmpty {
            s.selected = nil
        } else {
            s.selected = v[min(max(0, previousIndex), v.count - 1)]
        }
        keepCursorVisible(&s)
    }

    static func move(_ s: inout ConsoleState, to index: Int) {
        // Past the rows the filter's search has found so far: found now, never a short list.
        s.queue.reveal(atLeast: index + 1)
        let v = s.queue.visible
        guard !v.isEmpty else {
            s.selected = nil
            return
        }
        let id = v[min(max(0, index), v.count - 1)]
        s.selected = id
        s.queue.markSeen(id)
        s.detailScroll = 0
        keepCursorVisible(&s)
    }

    static func keepCursorVisible(_ s: inout ConsoleState) {
        let page = pageSize(s)
        guard let c = s.cursor else {
            // Nothing found yet: a search done at once would show its first row selected, at the top.
            s.top = s.queue.filtering ? 0 : min(s.top, max(0, s.queue.visible.count - page))
            return
        }
        if c < s.top { s.top = c }
        if c >= s.top + page { s.top = c - page + 1 }
        // Scrolled down, the screen shows whole rows of the result, not what the search found so far.
        if s.top > 0 { s.queue.reveal(atLeast: s.top + page) }
        s.top = max(0, min(s.top, max(0, s.queue.visible.count - page)))
    }

    /// Queue rows on screen.
    static func pageSize(_ s: ConsoleState) -> Int {
        ScreenLayout(size: s.size, detailOpen: s.detailOpen).pageSize
    }
}
