import LeadqDomain

/// A small team and a fixed clock for tests: ana, ben and dana are reps, mia manages, zoe is away.
public enum Fixture {
    public static let t0 = Instant(iso8601: "2026-11-23T09:00:00Z")!

    /// The domain's defaults, but every second counts: the tests of other rules read clocks in plain
    /// hours (Monday 09:00 + 26 h is Tuesday 11:00). The business-hours tests turn it back on.
    public static var settings: Settings {
        var s = Settings()
        s.businessHours = false
        s.reps = [
            Rep(id: "ana", name: "Ana Souza", team: "emea"),
            Rep(id: "ben", name: "Ben Okafor", team: "amer"),
            Rep(id: "dana", name: "Dana Kowalski", team: "emea"),
            Rep(id: "mia", name: "Mia Laurent", role: .manager),
            Rep(id: "zoe", name: "Zoë Martin", team: "emea", away: true),
        ]
        return s
    }

    public static func profile(
        name: String = "Grace Müller", company: String = "Acme Logistics", score: Int = 50,
        email: String = "grace@acme.example", doNotContact: Bool = false
    ) -> Profile {
        var p = Profile()
        p.origin = "web"
        p.originId = name
        p.name = name
        p.company = company
        p.title = "Head of Operations"
        p.email = email
        p.source = "webinar"
        p.trigger = "Attended webinar"
        p.score = score
        p.scoreParts = [ScorePart("Given", score)]
        p.doNotContact = doNotContact
        p.createdAt = t0
        return p
    }
}

/// Plays a lead's life through the domain rules, failing loudly if a step is refused, so tests build
/// realistic histories in a line each: `LeadScript("L-1").assign("ana").accept(by: "ana").lead`.
public struct LeadScript {
    public private(set) var lead: Lead
    public var settings: Settings
    public var now: Instant
    var seq: Int64

    public init(
        _ id: String = "L-00001", profile: Profile = Fixture.profile(), at: Instant = Fixture.t0,
        settings: Settings = Fixture.settings, firstSeq: Int64 = 1
    ) {
        self.settings = settings
        self.now = at
        self.seq = firstSeq
        var l = Lead(id: id, profile: profile, history: [])
        l.apply(Event(lead: id, entry: Entry(seq: firstSeq, at: at, by: "web", op: .created), profile: profile))
        self.lead = l
    }

    public var nextSeq: Int64 { seq + 1 }

    public func context(_ actor: String) -> Context { Context(now: now, actor: actor, settings: settings) }

    public func decide(_ cmd: Command, by actor: String, expecting: Int64? = nil) -> Result<Op, Refusal> {
        Rules.decide(cmd, on: lead, expecting: expecting, in: context(actor))
    }

    /// Applies the command or traps with the refusal: a script step must be legal.
    public mutating func run(_ cmd: Command, by actor: String) {
        switch decide(cmd, by: actor) {
        case .success(let op):
            seq += 1
            lead.apply(Event(lead: lead.id, entry: Entry(seq: seq, at: now, by: actor, op: op)))
        case .failure(let r):
            fatalError("script step \(cmd) by \(actor) refused: \(r.message)")
        }
    }

    public func after(_ seconds: Int64) -> LeadScript {
        var c = self
        c.now = now + seconds
        return c
    }
    public func assign(_ rep: String, by: String = "mia") -> LeadScript {
        var c = self
        c.run(.assign(to: rep, rule: nil), by: by)
        return c
    }
    public func accept(by: String) -> LeadScript {
        var c = self
        c.run(.accept, by: by)
        return c
    }
    public func reject(_ reason: String, note: String = "", by: String) -> LeadScript {
        var c = self
        c.run(.reject(reason: reason, note: note), by: by)
        return c
    }
    public func contact(
        _ channel: Channel = .call, _ outcome: Outcome, direction: Direction = .outbound, note: String = "", by: String
    ) -> LeadScript {
        var c = self
        c.run(.contact(channel: channel, outcome: outcome, direction: direction, note: note), by: by)
        return c
    }
    public func followUp(due: Instant, what: String = "Call back", by: String) -> LeadScript {
        var c = self
        c.run(.scheduleFollowUp(due: due, what: what), by: by)
        return c
    }
    public func replaceFollowUp(due: Instant, what: String = "Call back", by: String) -> LeadScript {
        var c = self
        c.run(.replaceFollowUp(due: due, what: what), by: by)
        return c
    }
    public func completeFollowUp(by: String) -> LeadScript {
        var c = self
        c.run(.completeFollowUp(note: ""), by: by)
        return c
    }
    public func qualify(by: String) -> LeadScript {
        var c = self
        c.run(.qualify(note: ""), by: by)
        return c
    }
    public func clawback(_ reason: String = "not-now", by: String) -> LeadScript {
        var c = self
        c.run(.clawback(reason: reason, note: ""), by: by)
        return c
    }
    public func release(by: String = "mia") -> LeadScript {
        var c = self
        c.run(.release(note: ""), by: by)
        return c
    }
    public func won(amount: Int64? = nil, by: String) -> LeadScript {
        var c = self
        c.run(.won(amount: amount, note: ""), by: by)
        return c
    }
    public func lost(_ reason: String, amount: Int64? = nil, by: String) -> LeadScript {
        var c = self
        c.run(.lost(reason: reason, amount: amount, note: ""), by: by)
        return c
    }
    public func undo(_ target: Int64, by: String) -> LeadScript {
        var c = self
        c.run(.undo(target: target), by: by)
        return c
    }

    /// An import changing the profile to `profile`, recorded with its changes as the store records them.
    public func update(to profile: Profile, by: String = "mia") -> LeadScript {
        var c = self
        c.seq += 1
        let op = Op.update(Profile.changes(from: lead.profile, to: profile))
        c.lead.apply(Event(lead: lead.id, entry: Entry(seq: c.seq, at: now, by: by, op: op)))
        return c
    }
}
