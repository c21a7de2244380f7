/// The store's connection (a database's) lost and made again. While it is lost the console stays
/// up and says so, and saves nothing: an action typed meanwhile is refused, never kept to be saved
/// later, when the lead may have changed under it.
enum Connection {
    static func changed(_ s: inout ConsoleState, offline: String?) {
        let was = s.offline
        s.offline = offline
        if let offline {
            s.status = StatusLine(offlineText(offline), .error)
        } else if was != nil {
            s.status = StatusLine("Back online: caught up with what was saved meanwhile", .ok)
        }
    }

    static func offlineText(_ why: String) -> String {
        "Offline: \(why). Reconnecting; nothing can be saved until then"
    }

    /// True when the console is offline; the status line then says the action was not saved.
    static func refuseIfOffline(_ s: inout ConsoleState) -> Bool {
        guard let why = s.offline else { return false }
        s.status = StatusLine("Not saved: offline (\(why)); try again once it is back", .error)
        return true
    }

    /// A save a key asked for while offline (a dialog confirmed, an undo) is dropped and refused.
    static func refuseSaves(_ s: inout ConsoleState, _ effects: [Effect]) -> [Effect] {
        let kept = effects.filter { !$0.saves }
        if kept.count < effects.count { _ = refuseIfOffline(&s) }
        return kept
    }
}

extension Effect {
    /// Whether running it writes to the store.
    var saves: Bool {
        switch self {
        case .perform, .undo: return true
        default: return false
        }
    }
}
