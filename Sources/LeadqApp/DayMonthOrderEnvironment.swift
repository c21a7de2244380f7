import LeadqDomain

extension AppEnvironment {
    /// How a typed `3/12` reads: `console.dateOrder` when the team set it, else the order of the
    /// locale, looked up as POSIX does (`LC_ALL`, then `LC_TIME`, then `LANG`).
    public func dayMonthOrder(_ settings: Settings) -> DayMonthOrder {
        if let set = settings.console.dateOrder { return set }
        let locale = ["LC_ALL", "LC_TIME", "LANG"].lazy.compactMap { variables[$0] }.first { !$0.isEmpty }
        return DayMonthOrder.of(locale: locale ?? "C")
    }
}
