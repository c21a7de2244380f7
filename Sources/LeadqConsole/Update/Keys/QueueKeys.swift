import LeadqUI

/// The queue's keys when no dialog is open: each bound key is an `Action` of the keymap.
enum QueueKeys {
    static func key(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if key == .escape {
            if s.search != nil {
                FoundLeads.end(&s)
                return []
            }
            if !s.queue.filter.isEmpty {
                s.queue.setFilter("")
                Console.fixSelection(&s, previousIndex: s.cursor ?? 0)
            }
            s.status = nil
            return []
        }
        guard let action = s.keymap.action(for: key) else {
            if case .char = key {
                s.status = StatusLine("\(KeyName.label(of: key)) does nothing here; ? shows every key", .info)
            }
            return []
        }
        return act(&s, action)
    }

    static func act(_ s: inout ConsoleState, _ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            navigate(&s, action)
        case .toggleDetail, .detailDown, .detailUp:
            detail(&s, action)
        case .cycleOrder:
            let cursor = s.cursor ?? 0
            s.queue.setOrder(s.queue.order.next)
            Console.fixSelection(&s, previousIndex: cursor)
            s.status = StatusLine("Order: \(s.queue.order.label)", .info)
        case .filter:
            if let search = s.search {
                s.mode = .search(LineEditor(search.query, limit: 200))
            } else {
                s.mode = .filter(LineEditor(s.queue.filter, limit: 200))
            }
        case .help:
            s.mode = .help(filter: LineEditor(limit: 100), scroll: 0)
        case .themes:
            ThemePicker.open(&s)
        case .redraw:
            return [.redraw]
        case .quit:
            s.quitting = true
            return [.quit]
        case .undo:
            return LeadActions.refuseIfReadOnly(&s) ? [] : [.undo]
        case .stats:
            return StatsPage.open(&s)
        case .nextScope, .previousScope:
            TeamScopes.step(&s, forward: action == .nextScope)
        case .assign:
            AssignPicker.open(&s)
        case .accept, .reject, .contact, .followUp, .followUpDone, .clawback, .qualify, .note, .copy, .outcome:
            return LeadActions.start(&s, action)
        case .agenda:
            return AgendaPage.open(&s)
        }
        return []
    }

    /// Moving the cursor: a row, a page, to either end.
    static func navigate(_ s: inout ConsoleState, _ action: Action) {
        let page = Console.pageSize(s)
        let cursor = s.cursor ?? 0
        switch action {
        case .moveDown:
            Console.move(&s, to: cursor + 1)
        case .moveUp:
            Console.move(&s, to: cursor - 1)
        case .pageDown:
            s.queue.reveal(atLeast: s.top + 2 * page)
            Console.move(&s, to: cursor + page)
            // The page turns too, so the cursor lands in the same place on the next page.
            s.top = min(s.top + page, max(0, s.queue.visible.count - page))
            Console.keepCursorVisible(&s)
        case .pageUp:
            Console.move(&s, to: cursor - page)
        case .top:
            Console.move(&s, to: 0)
        case .bottom:
            s.queue.finishFilter()
            Console.move(&s, to: s.queue.visible.count - 1)
        default:
            break
        }
    }

    /// The detail pane: shown or hidden, scrolled.
    static func detail(_ s: inout ConsoleState, _ action: Action) {
        switch action {
        case .toggleDetail:
            s.detailOpen.toggle()
            s.detailScroll = 0
            Console.keepCursorVisible(&s)
        case .detailDown:
            // Never past the pane's last page: K must scroll back at once.
            s.detailScroll = min(s.detailScroll + 3, DetailView.maxScroll(s))
        case .detailUp:
            s.detailScroll = max(0, s.detailScroll - 3)
        default:
            break
        }
    }
}
