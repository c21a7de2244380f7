import LeadqDomain
import LeadqUI

/// The agenda: the follow-ups of the queue, overdue first, then today's and the next seven
/// days'; Enter jumps to the lead in the queue with its detail open.
enum AgendaPage {
    static func open(_ s: inout ConsoleState) -> [Effect] {
        s.page = .agenda
        s.agendaSelected = 0
        return read(&s)
    }

    /// A list read from the store's briefs has its agenda read afresh off the keyboard's thread,
    /// each time the page opens (and on `r`): nothing for a queue held whole.
    static func read(_ s: inout ConsoleState) -> [Effect] {
        guard let sources = s.queue.agendaSources(now: s.now, zone: s.config.zone) else { return [] }
        s.agenda = AgendaModel()
        s.agenda.reading = sources.count
        return [.readAgenda(sources)]
    }

    /// A queue held whole makes its agenda as it is drawn, so it follows every change.
    static func agenda(_ s: ConsoleState) -> Agenda {
        if s.queue.readsFromStore { return s.agenda.agenda ?? Agenda() }
        let due = s.queue.entries.values.lazy.filter { $0.clocks.nextFollowUpDue != nil }
        return Agenda.of(due.map(\.lead), now: s.now, zone: s.config.zone)
    }

    static func ready(_ s: inout ConsoleState, _ agenda: Agenda) {
        s.agenda = AgendaModel()
        s.agenda.agenda = agenda
        s.agenda.idWidth = AgendaModel.idWidth(agenda)
        s.agendaSelected = min(s.agendaSelected, max(0, agenda.count - 1))
    }

    static func failed(_ s: inout ConsoleState, _ why: String) {
        s.agenda = AgendaModel()
        s.agenda.error = why
    }

    static func key(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        let count = agenda(s).count
        let action = s.keymap.action(for: key)
        switch key {
        case .escape:
            s.page = .queue
        case .char("r") where s.queue.readsFromStore:
            return read(&s)
        case .enter:
            let a = agenda(s)
            if (0..<a.count).contains(s.agendaSelected) { jump(&s, to: a[item: s.agendaSelected].lead) }
        default:
            switch action {
            case .agenda?: s.page = .queue
            case .moveDown?: s.agendaSelected = min(max(0, count - 1), s.agendaSelected + 1)
            case .moveUp?: s.agendaSelected = max(0, s.agendaSelected - 1)
            case .top?: s.agendaSelected = 0
            case .bottom?: s.agendaSelected = max(0, count - 1)
            case .quit?, .themes?, .help?, .redraw?, .stats?: return QueueKeys.key(&s, key)
            default: break
            }
        }
        return []
    }

    /// Shows the lead in the queue, selected, with its detail open (clearing a filter that hides it).
    static func jump(_ s: inout ConsoleState, to id: String) {
        s.page = .queue
        if s.search != nil { FoundLeads.end(&s) }
        if s.queue.position(of: id) == nil {
            s.queue.setFilter("")
            if s.config.manager { s.queue.setScope(.queues) }
        }
        guard let i = s.queue.position(of: id) else {
            s.status = StatusLine("\(id) is no longer in the queue", .info)
            return
        }
        Console.move(&s, to: i)
        s.detailOpen = true
        Console.keepCursorVisible(&s)
    }
}
