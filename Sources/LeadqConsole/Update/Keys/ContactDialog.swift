import LeadqDomain
import LeadqUI

/// The contact form: a channel key, an outcome key, then an optional note; Backspace steps back.
enum ContactDialog {
    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ f: ContactForm) -> [Effect] {
        var form = f
        if form.step == .note {
            switch NoteEscape.handle(key, &form.note) {
            case .cancel:
                Console.cancel(&s)
                return []
            case .asked, .kept:
                s.mode = .contact(target, form)
                return []
            case .notEscape:
                break
            }
        } else if key == .escape {
            Console.cancel(&s)
            return []
        }
        switch form.step {
        case .channel:
            if case .char(let c) = key, let ch = ContactForm.channelKeys.first(where: { $0.0 == c })?.1 {
                // Refused before the rep fills in the rest, in the rules' words.
                if !form.inbound, let lead = s.queue[target.id]?.lead, let refusal = Consent.refusal(lead, ch) {
                    s.status = StatusLine(refusal.message, .error)
                    s.mode = .contact(target, form)
                    return []
                }
                form.channel = ch
                form.step = .outcome
            } else if key == .char("i") {
                form.inbound.toggle()
            }
        case .outcome:
            if case .char(let c) = key, let o = ContactForm.outcomeKeys.first(where: { $0.0 == c })?.1 {
                form.outcome = o
                form.step = .note
            } else if key == .backspace {
                form.step = .channel
            }
        case .note:
            if key == .enter, let ch = form.channel, let o = form.outcome {
                let direction: Direction = form.inbound ? .inbound : .outbound
                return [.perform(.contact(channel: ch, outcome: o, direction: direction, note: form.note.text), target)]
            }
            if key == .backspace && form.note.isEmpty {
                form.step = .outcome
            } else {
                _ = form.note.handle(key)
            }
        }
        s.mode = .contact(target, form)
        return []
    }
}
