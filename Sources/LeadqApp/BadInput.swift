import LeadqDomain

/// Input that can't be used (a time the store can't record, a window too long): exit 2 in the CLI,
/// kept in the dialog in the console. The message names the option or field and the value.
public struct BadInput: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// `what` names the source, e.g. `--from '1969-01-01'` or `LEADQ_NOW='…'`.
    public static func requireRecordable(_ t: Instant, _ what: String) throws {
        guard Instant.recordable.contains(t) else {
            throw BadInput("\(what) is outside the times leadq can record (1970-01-01 to 9999-12-31 UTC)")
        }
    }

    /// A follow-up's due time as typed (`option` names where it was typed), read in `zone` and held
    /// to the domain's rule.
    public static func due(
        _ text: String, option: String = "--due", now: Instant, zone: Zone, settings: Settings,
        order: DayMonthOrder = .dayMonth
    ) throws -> Instant {
        // A day without a time (tomorrow, +3d) lands in working hours, as the console's quick keys do.
        switch DueDate.read(
            text, now: now, zone: zone, settings: settings, order: order, calendar: settings.calendar(in: zone))
        {
        case .success(let t): return t
        case .failure(let p): throw BadInput("\(option) '\(text)' \(p.text(now: now, zone: zone, settings: settings))")
        }
    }
}
