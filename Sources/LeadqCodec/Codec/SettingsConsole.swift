import LeadqDomain

/// `console.mouse`, `console.clipboard` and `console.dateOrder` in settings.json.
extension SettingsCodec {
    static func writeConsolePreferences(_ c: ConsolePreferences, _ w: inout JSONWriter) {
        w.field("mouse", c.mouse)
        w.field("clipboard", c.clipboard)
        w.field("dateOrder", c.dateOrder?.rawValue ?? "locale")
    }

    static func readConsolePreference(_ key: String, _ r: inout JSONReader, _ c: inout ConsolePreferences) throws {
        switch key {
        case "mouse": c.mouse = try r.bool()
        case "clipboard": c.clipboard = try r.bool()
        case "dateOrder":
            let value = try text(&r, "console.dateOrder")
            guard value == "locale" || DayMonthOrder(rawValue: value) != nil else {
                throw FieldError(
                    message: "'console.dateOrder' is \(shown(value)); it is locale, day-month or month-day")
            }
            c.dateOrder = DayMonthOrder(rawValue: value)
        default: throw unknown("console.\(key)")
        }
    }
}
