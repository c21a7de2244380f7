import Foundation
import LeadqDomain
import LeadqStore
import LeadqUI

/// The first read of the queue, on a thread of its own: a manager's
/// team view reads every queue and the pool, seconds at 100,000 leads, and the terminal must stay
/// answerable meanwhile. After a tenth of a second the screen says what is being read and for how
/// long; `q` and Ctrl-C end the console at once, a resize redraws, and other keys wait their turn.
extension ConsoleApp {
    /// How long a load may take before the screen says so (milliseconds).
    static let quietLoadMs = 100
    /// How long a load may take before keys are read during it (milliseconds): `q` is answered
    /// within this and a key's wait, well inside a tenth of a second.
    static let keysDuringLoadMs = 50

    /// The queue, or nil when the rep quit while it was being read.
    func loadQueue() throws -> LoadedQueue? {
        let job = BackgroundJob<LoadedQueue>()
        let store = HandedOver(session.store)
        let (rep, manager, order) = (session.rep, session.manager, state.queue.order)
        let progress = LoadProgress()
        job.start {
            try ConsoleSession.queue(of: store.value, rep: rep, manager: manager, order: order, read: progress)
        }
        let started = Date()
        var said = ""
        var typed: [Key] = []
        while true {
            switch job.take() {
            case .done(let leads)?:
                // Keys typed while loading: handled once the queue they act on is there.
                for key in typed { handle(key) }
                return leads
            // Read again here, so the error is the store's own (its kind sets the exit code).
            case .failed?: return try session.queue(order: order)
            case nil: break
            }
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            let text = loadingText(seconds: ms / 1000, read: progress.read)
            if ms >= ConsoleApp.quietLoadMs && text != said {
                if said.isEmpty { handle(.resize) }
                said = text
                dispatch(.loading(text))
                render()
            }
            // A load this short leaves the keys to the loop, handled in the order they were typed.
            guard ms >= ConsoleApp.keysDuringLoadMs else {
                usleep(1_000)
                continue
            }
            // A short wait: the first screen follows the load by at most this much.
            guard let key = try terminal.readKey(timeoutMs: 2) else { continue }
            if state.keymap.action(for: key) == .quit {
                handle(key)
                return nil
            } else if key == .resize {
                handle(key)
                if !said.isEmpty { render() }
            } else {
                typed.append(key)
            }
        }
    }

    /// What the screen says while the queue loads; a manager's load counts the leads read.
    func loadingText(seconds: Int, read: Int) -> String {
        let what = session.manager ? "every queue and the pool" : "\(session.rep)'s queue"
        let quit = state.keymap.label(for: .quit)
        let count = read > 0 ? " \(read) leads," : ""
        return "Reading \(what) from the store…\(count) \(seconds) s (\(quit) quits)"
    }
}

/// The session's store, lent to the loading thread: until the load is done the main thread only
/// reads keys and draws, never touching the store, so one thread at a time uses it (and the leads
/// the load reads stay in the session's store for what follows).
private final class HandedOver: @unchecked Sendable {
    let value: any LeadStore
    init(_ value: any LeadStore) { self.value = value }
}
