import LeadqUI

/// Everything the rep can ask for in the queue; the keymap binds keys to these.
public enum Action: String, CaseIterable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case toggleDetail, detailDown, detailUp
    case accept, reject, contact, followUp, followUpDone, clawback, qualify, undo
    case filter, cycleOrder, help, themes, redraw, quit
    case stats, assign, nextScope, previousScope
    case note, agenda, copy, outcome

    /// What the help overlay and the footer call it.
    public var label: String {
        switch self {
        case .moveDown: return "next lead"
        case .moveUp: return "previous lead"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .top: return "first lead"
        case .bottom: return "last lead"
        case .toggleDetail: return "show/hide the detail pane"
        case .detailDown: return "scroll the detail pane down"
        case .detailUp: return "scroll the detail pane up"
        case .accept: return "accept"
        case .reject: return "reject with a reason"
        case .contact: return "log a contact"
        case .followUp: return "schedule a follow-up"
        case .followUpDone: return "mark the next follow-up done"
        case .clawback: return "claw back to nurture"
        case .qualify: return "qualify (SQL)"
        case .undo: return "undo your last action"
        case .filter: return "find: filter your queue as you type (Tab: every lead of the store)"
        case .cycleOrder: return "next sort order"
        case .help: return "all keys"
        case .themes: return "choose a theme"
        case .redraw: return "redraw the screen"
        case .quit: return "quit"
        case .stats: return "stats: your figures (team figures for managers)"
        case .assign: return "assign or reassign the lead (managers)"
        case .nextScope: return "next queue: all, each rep, the pool (managers)"
        case .previousScope: return "previous queue (managers)"
        case .note: return "write a note on the lead"
        case .agenda: return "agenda: follow-ups overdue, today, this week"
        case .copy: return "copy the lead's phone (else email) to the clipboard"
        case .outcome: return "won or lost: a qualified lead's opportunity (find it with / Tab)"
        }
    }

    /// The short word the footer shows.
    public var short: String {
        switch self {
        case .accept: return "accept"
        case .reject: return "reject"
        case .contact: return "contact"
        case .followUp: return "follow-up"
        case .followUpDone: return "done"
        case .clawback: return "nurture"
        case .qualify: return "qualify"
        case .undo: return "undo"
        case .filter: return "find"
        case .cycleOrder: return "order"
        case .help: return "help"
        case .quit: return "quit"
        case .toggleDetail: return "detail"
        case .stats: return "stats"
        case .assign: return "assign"
        case .nextScope: return "next queue"
        case .note: return "note"
        case .agenda: return "agenda"
        case .copy: return "copy phone"
        case .outcome: return "won/lost"
        default: return label
        }
    }
}

/// Key bindings as data: the defaults below, overridden by the user's keys file.
public struct Keymap: Equatable, Sendable {
    public private(set) var bindings: [Key: Action]
    /// Keys in the order they were bound, so help lists an action's main key first.
    private var order: [Key] = []

    public static let defaults: [(Action, [Key])] = [
        (.moveDown, [.char("j"), .down]), (.moveUp, [.char("k"), .up]),
        (.pageDown, [.pageDown, .ctrl("f"), .char(" ")]), (.pageUp, [.pageUp, .ctrl("b")]),
        (.top, [.char("g"), .home]), (.bottom, [.char("G"), .end]),
        (.toggleDetail, [.enter]), (.detailDown, [.char("J")]), (.detailUp, [.char("K")]),
        (.accept, [.char("a")]), (.reject, [.char("r")]), (.contact, [.char("c")]),
        (.followUp, [.char("f")]), (.followUpDone, [.char("d")]), (.clawback, [.char("n")]),
        (.qualify, [.char("Q")]), (.undo, [.char("u")]),
        (.filter, [.char("/")]), (.cycleOrder, [.char("o")]), (.help, [.char("?")]),
        (.themes, [.char("t")]), (.redraw, [.ctrl("l")]), (.quit, [.char("q"), .ctrl("c")]),
        (.stats, [.char("S")]), (.assign, [.char("A")]), (.nextScope, [.tab]), (.previousScope, [.backTab]),
        (.note, [.char("N")]), (.agenda, [.char("F")]), (.copy, [.char("y")]),
        (.outcome, [.char("W")]),
    ]

    public init(_ table: [(Action, [Key])] = Keymap.defaults) {
        bindings = [:]
        for (action, keys) in table {
            for k in keys {
                bindings[k] = action
                order.append(k)
            }
        }
    }

    public func action(for key: Key) -> Action? { bindings[key] }

    /// The keys bound to an action, main key first.
    public func keys(for action: Action) -> [Key] {
        order.filter { bindings[$0] == action }
    }

    public func label(for action: Action) -> String {
        keys(for: action).first.map { KeyName.label(of: $0) } ?? "—"
    }

    /// Rebinds an action to exactly these keys, taking them from any other action; returns what
    /// each taken key did before (so a keys file can say "Q was qualify's key").
    @discardableResult
    public mutating func bind(_ action: Action, to keys: [Key]) -> [(Key, Action)] {
        let taken = keys.compactMap { k in bindings[k].flatMap { $0 == action ? nil : (k, $0) } }
        for (k, a) in bindings where a == action { bindings.removeValue(forKey: k) }
        order.removeAll { k in keys.contains(k) || bindings[k] == nil }
        for k in keys {
            bindings[k] = action
            order.append(k)
        }
        return taken
    }
}
