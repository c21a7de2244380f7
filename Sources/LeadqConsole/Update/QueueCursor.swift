/// The cursor and the scroll position of the queue.
extension Console {
    /// After the queue changed: stay on the selected lead, or on the same row if it left.
    static func fixSelection(_ s: inout ConsoleState, previousIndex: Int) {
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
        let n = s.queue.visible.count
        guard let c = s.cursor else {
            s.top = min(s.top, max(0, n - page))
            return
        }
        if c < s.top { s.top = c }
        if c >= s.top + page { s.top = c - page + 1 }
        s.top = max(0, min(s.top, max(0, n - page)))
    }

    /// Queue rows on screen.
    static func pageSize(_ s: ConsoleState) -> Int {
        ScreenLayout(size: s.size, detailOpen: s.detailOpen).pageSize
    }
}
