import LeadqDomain
import LeadqText

/// A manager's agenda, read off the keyboard's thread: at a million leads a quarter of them have
/// a follow-up open, and each is read from the store. A rep's queue is held whole and makes its
/// agenda as it is drawn.
public struct AgendaModel: Equatable, Sendable {
    /// The agenda as last read (nil: not read yet, or being read again).
    public var agenda: Agenda?
    /// How many leads are being read, while they are, and how many are read so far.
    public var reading: Int?
    public var read = 0
    public var error: String?
    /// The longest id's width, found once when the agenda is read rather than at every draw.
    public var idWidth = 8

    public init() {}

    /// As wide as the agenda's longest id, so every id can be typed as shown (nine columns at a
    /// million leads).
    static func idWidth(_ a: Agenda) -> Int {
        [a.overdue, a.today, a.week].joined().reduce(8) { max($0, Width.of($1.lead)) }
    }
}

/// The leads an agenda is made from: where the store keeps each one, and the ones the console
/// holds whole (changed since the store's briefs were written).
public struct AgendaSources: Equatable, Sendable {
    public var lines: (any LeadLines)?
    public var refs: [(offset: Int, length: Int)]
    public var whole: [Lead]
    public var now: Instant
    public var zone: Zone

    public var count: Int { refs.count + whole.count }

    public static func == (a: AgendaSources, b: AgendaSources) -> Bool {
        a.lines === b.lines && a.now == b.now && a.zone == b.zone && a.whole == b.whole
            && a.refs.elementsEqual(b.refs) { $0.offset == $1.offset && $0.length == $1.length }
    }
}

extension LeadTable {
    /// Where the live leads with an open follow-up are; nil for a table of whole leads, whose
    /// agenda is made where it is drawn.
    func agendaSources(now: Instant, zone: Zone) -> AgendaSources? {
        guard let lines = reader?.lines else { return nil }
        var s = AgendaSources(lines: lines, refs: [], whole: [], now: now, zone: zone)
        for i in live.indices where live[i] && columns.followUps[i] != BriefColumns.noTime {
            if let lead = whole[Int32(i)] {
                s.whole.append(lead)
            } else if let line = columns.line(i) {
                s.refs.append((line.offset, line.length))
            }
        }
        return s
    }
}
