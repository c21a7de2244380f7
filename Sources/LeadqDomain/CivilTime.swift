/// Calendar arithmetic on the proleptic Gregorian calendar without Foundation,
/// so the domain can read and write ISO 8601 times itself.
public struct CivilTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Days since 1970-01-01 for a date (era-based day counting, valid for any year).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(_ instant: Instant, utcOffset: Int64 = 0) {
        let t = instant.seconds + utcOffset
        var days = t / Span.day
        var rem = t % Span.day
        if rem < 0 {
            rem += Span.day
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(
            year: Int(y), month: Int(m), day: Int(d),
            hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60))
    }

    public func instant(utcOffset: Int64 = 0) -> Instant {
        let d = CivilTime.days(year: year, month: month, day: day)
        return Instant(seconds: d * Span.day + Int64(hour * 3600 + minute * 60 + second) - utcOffset)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Instant {
    /// `2026-11-23T10:02:03Z`
    public var iso8601: String {
        let c = CivilTime(self)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// Local wall-clock forms for people, given the viewer's offset from UTC.
    public func clock(utcOffset: Int64) -> String {
        let c = CivilTime(self, utcOffset: utcOffset)
        return "\(pad(c.hour)):\(pad(c.minute))"
    }

    public func date(utcOffset: Int64) -> String {
        let c = CivilTime(self, utcOffset: utcOffset)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    /// "10:02" when `self` is on the same local day as `now`, else "2026-11-21 10:02".
    public func human(now: Instant, utcOffset: Int64) -> String {
        if startOfDay(utcOffset: utcOffset) == now.startOfDay(utcOffset: utcOffset) {
            return clock(utcOffset: utcOffset)
        }
        return "\(date(utcOffset: utcOffset)) \(clock(utcOffset: utcOffset))"
    }

    public func startOfDay(utcOffset: Int64) -> Instant {
        let c = CivilTime(self, utcOffset: utcOffset)
        return CivilTime(year: c.year, month: c.month, day: c.day).instant(utcOffset: utcOffset)
    }

    /// Parses the ISO 8601 forms CRMs write: `2026-11-23`, `2026-11-23T10:02`, `2026-11-23 10:02:03`,
    /// optional fraction, and `Z`, `+01:00`, `+0100` or no zone (taken as `defaultOffset`).
    public init?(iso8601 text: String, defaultOffset: Int64 = 0) {
        var p = ISOScanner(Array(text.utf8))
        guard let y = p.int(digits: 4), p.eat(UInt8(ascii: "-")), let mo = p.int(digits: 2),
            p.eat(UInt8(ascii: "-")), let d = p.int(digits: 2),
            (1...12).contains(mo), d >= 1, d <= CivilTime.daysIn(month: mo, year: y)
        else { return nil }
        var h = 0
        var mi = 0
        var s = 0
        var offset = defaultOffset
        if p.eat(UInt8(ascii: "T")) || p.eat(UInt8(ascii: " ")) {
            guard let hh = p.int(digits: 2), p.eat(UInt8(ascii: ":")), let mm = p.int(digits: 2),
                hh < 24, mm < 60
            else { return nil }
            (h, mi) = (hh, mm)
            if p.eat(UInt8(ascii: ":")) {
                guard let ss = p.int(digits: 2), ss < 61 else { return nil }
                s = min(ss, 59)
                if p.eat(UInt8(ascii: ".")) || p.eat(UInt8(ascii: ",")) {
                    guard p.skipDigits() > 0 else { return nil }
                }
            }
            p.skipSpaces()
            if p.eat(UInt8(ascii: "Z")) || p.eat(UInt8(ascii: "z")) {
                offset = 0
            } else if let sign = p.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                p.index += 1
                guard let oh = p.int(digits: 2), oh <= 14 else { return nil }
                _ = p.eat(UInt8(ascii: ":"))
                let om = p.int(digits: 2) ?? 0
                let o = Int64(oh * 3600 + om * 60)
                offset = sign == UInt8(ascii: "+") ? o : -o
            } else if p.eat(UInt8(ascii: "U")) {
                guard p.eat(UInt8(ascii: "T")), p.eat(UInt8(ascii: "C")) else { return nil }
                offset = 0
            }
        }
        guard p.atEnd else { return nil }
        self = CivilTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s).instant(utcOffset: offset)
    }
}

private func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

private struct ISOScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func eat(_ b: UInt8) -> Bool {
        if peek == b {
            index += 1
            return true
        }
        return false
    }
    mutating func int(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var v = 0
        for i in index..<index + digits {
            let c = bytes[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        index += digits
        return v
    }
    mutating func skipDigits() -> Int {
        let start = index
        while let c = peek, c >= 48, c <= 57 { index += 1 }
        return index - start
    }
    mutating func skipSpaces() { while peek == 32 { index += 1 } }
}
