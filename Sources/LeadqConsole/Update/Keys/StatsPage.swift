import LeadqMetrics
import LeadqUI

/// The stats page: period and scope keys, the report asked of the runtime and its answer.
enum StatsPage {
    /// Shows the page, asking for the report the first time.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        s.page = .stats
        if s.stats.report == nil && !s.stats.computing { return request(&s) }
        return []
    }

    /// Esc or S goes back to the queue; quit, themes, help and redraw work as on the queue.
    static func key(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        switch key {
        case .escape, .char("S"):
            s.page = .queue
        case .char("w"):
            s.stats.unit = s.stats.unit == .week ? .month : .week
            return request(&s)
        case .char("m") where s.config.manager:
            s.stats.team.toggle()
            return request(&s)
        case .char("r"):
            return request(&s)
        default:
            if let a = s.keymap.action(for: key), [.quit, .themes, .help, .redraw].contains(a) {
                return QueueKeys.key(&s, key)
            }
        }
        return []
    }

    /// Asks for the report for the current period and scope.
    static func request(_ s: inout ConsoleState) -> [Effect] {
        s.stats.computing = true
        s.stats.error = nil
        (s.stats.read, s.stats.total) = (0, 0)
        let rep: String? = s.config.manager && s.stats.team ? nil : s.config.rep
        return [.computeStats(StatsRequest(unit: s.stats.unit, rep: rep, now: s.now, utcOffset: s.config.utcOffset))]
    }

    static func ready(_ s: inout ConsoleState, _ report: Report) {
        s.stats.report = report
        s.stats.computing = false
        s.stats.error = nil
    }

    static func failed(_ s: inout ConsoleState, _ why: String) {
        s.stats.computing = false
        s.stats.error = why
    }
}
