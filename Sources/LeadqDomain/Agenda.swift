/// A rep's follow-ups as a day plan: what is overdue, what is due today, and the next seven days.
public struct Agenda: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var lead: String
        public var name: String
        public var company: String
        public var due: Instant
        public var what: String
        /// Scheduled by the cadence after an unanswered attempt.
        public var automatic: Bool
    }

    public var overdue: [Item] = []
    public var today: [Item] = []
    /// Due after today and within the next seven days.
    public var week: [Item] = []

    public init() {}

    /// Every item, in the order shown: overdue, today, this week, each by due time.
    public var items: [Item] { overdue + today + week }

    /// How many items, without joining the sections (a million leads' agenda holds hundreds of
    /// thousands: joined at every key and draw, the page took 150–600 ms a key).
    public var count: Int { overdue.count + today.count + week.count }

    /// The item at `i` of `items`, without joining the sections.
    public subscript(item i: Int) -> Item {
        if i < overdue.count { return overdue[i] }
        if i < overdue.count + today.count { return today[i - overdue.count] }
        return week[i - overdue.count - today.count]
    }

    /// Adds another agenda's items (of other leads, at the same time); `sortByDue` puts them in
    /// order once the last is added.
    public mutating func add(_ o: Agenda) {
        overdue += o.overdue
        today += o.today
        week += o.week
    }

    /// Each section by due time, then lead.
    public mutating func sortByDue() {
        let byDue = { (x: Item, y: Item) in (x.due, x.lead) < (y.due, y.lead) }
        overdue.sort(by: byDue)
        today.sort(by: byDue)
        week.sort(by: byDue)
    }

    /// Where the sections part: now, the start of tomorrow and the end of the seventh day after
    /// today, days cut in a zone.
    public struct Days: Sendable {
        public let now: Instant
        let tomorrow: Instant
        let weekEnd: Instant

        public init(now: Instant, zone: Zone) {
            let c = zone.civil(zone.startOfDay(now))
            let day = CivilTime.days(year: c.year, month: c.month, day: c.day)
            self.now = now
            tomorrow = zone.instant(CivilTime(Instant(seconds: (day + 1) * Span.day)))
            weekEnd = zone.instant(CivilTime(Instant(seconds: (day + 8) * Span.day)))
        }
    }

    /// Adds the open follow-ups of `lead` if it is in a queue; `sortByDue` once the last is added.
    public mutating func add(_ lead: borrowing Lead, _ days: Days) {
        guard lead.stage.isActive else { return }
        for f in lead.work.openFollowUps {
            let item = Item(
                lead: lead.id, name: lead.profile.name, company: lead.profile.company, due: f.due, what: f.what,
                automatic: f.automatic)
            if f.due < days.now {
                overdue.append(item)
            } else if f.due < days.tomorrow {
                today.append(item)
            } else if f.due < days.weekEnd {
                week.append(item)
            }
        }
    }

    /// The agendas of parts of the leads (read on several threads) as one, in order.
    public static func joined(_ parts: some Sequence<Agenda>) -> Agenda {
        var all = Agenda()
        for p in parts { all.add(p) }
        all.sortByDue()
        return all
    }

    /// The open follow-ups of `leads` as of `now`, days cut in `zone`.
    public static func of<S: Sequence<Lead>>(_ leads: S, now: Instant, zone: Zone) -> Agenda {
        let days = Days(now: now, zone: zone)
        var a = Agenda()
        for lead in leads { a.add(lead, days) }
        a.sortByDue()
        return a
    }
}
