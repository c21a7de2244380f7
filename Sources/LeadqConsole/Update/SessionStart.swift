import LeadqDomain
import LeadqUI

/// The session's first messages: the key bindings and order, the queue as loaded, the store's
/// warnings.
extension Console {
    static func started(_ s: inout ConsoleState, _ loaded: LoadedQueue, size: Size, now: Instant) {
        s.size = size
        s.now = now
        s.loading = nil
        s.queue.replaceAll(loaded, settings: s.settings, now: now)
        fixSelection(&s, previousIndex: 0)
        recount(&s)
    }

    static func configured(_ s: inout ConsoleState, keymap: Keymap, order: QueueOrder) {
        s.keymap = keymap
        s.queue.setOrder(order)
        fixSelection(&s, previousIndex: s.cursor ?? 0)
    }

    static func warnings(_ s: inout ConsoleState, _ texts: [String]) {
        // One status line: the last warning is the one left showing.
        if let last = texts.last { s.status = StatusLine(last, .warn) }
    }

    static func storeBusy(_ s: inout ConsoleState, _ text: String?) {
        if let text {
            s.status = StatusLine(text, .warn)
        } else if let was = s.storeBusy, s.status?.text == was {
            s.status = nil
        }
        s.storeBusy = text
    }
}
