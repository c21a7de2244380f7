import LeadqDomain
import LeadqUI

/// The follow-up dialog's keys: a quick choice or a typed time, saved only if the time passes the rule.
enum FollowUpDialog {
    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ f: FollowUpForm) -> [Effect] {
        var form = f
        if key == .escape {
            Console.cancel(&s)
            return []
        }
        if !form.typing {
            if case .char(let c) = key, let q = FollowUpForm.quick.first(where: { $0.key == c }) {
                return schedule(&s, q.due, form, target)
            }
            if key == .char("t") || key == .enter { form.typing = true }
        } else {
            switch key {
            case .tab, .backTab:
                form.field = form.field == .when ? .what : .when
            case .enter:
                return schedule(&s, form.when.text, form, target)
            default:
                if form.field == .when { _ = form.when.handle(key) } else { _ = form.what.handle(key) }
            }
        }
        s.mode = .followUp(target, form)
        return []
    }

    /// Saves the follow-up if its time passes the rule (a day without a time lands in working hours);
    /// otherwise the dialog stays open, saying why. Over a rep's own open follow-up it asks first.
    static func schedule(_ s: inout ConsoleState, _ text: String, _ form: FollowUpForm, _ target: Target) -> [Effect] {
        let calendar = s.settings.calendar(in: s.config.zone)
        switch DueDate.read(
            text, now: s.now, zone: s.config.zone, settings: s.settings, order: s.config.dayMonthOrder,
            calendar: calendar)
        {
        case .success(let due):
            if let lead = s.queue[target.id]?.lead, Rules.ownFollowUpStands(lead, s.context) != nil {
                s.mode = .confirmReplace(target, due: due, what: form.what.text)
                s.status = StatusLine(ReplaceConfirm.question(lead), .warn)
                return []
            }
            return [.perform(.scheduleFollowUp(due: due, what: form.what.text), target)]
        case .failure(let problem):
            let why = problem.text(now: s.now, zone: s.config.zone, settings: s.settings)
            s.status = StatusLine("'\(text)' \(why)", .warn)
            s.mode = .followUp(target, form)
            return []
        }
    }
}
