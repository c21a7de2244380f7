import LeadqDomain

/// Builds a realistic demo store: reps in three teams and a manager, leads in every stage with varied
/// scores, ages, sources, SLA states, contacts and follow-ups, names in several scripts. The same
/// seed and `now` always give the same store. Every history is made by the domain's own rules.
public struct DemoStore: Sendable {
    public var leads: Int
    public var seed: UInt64
    public var now: Instant
    /// How many reps work the leads; nil: one per 2,500 leads, between 6 and 200.
    public var reps: Int?

    public init(leads: Int = 300, seed: UInt64 = 42, now: Instant, reps: Int? = nil) {
        (self.leads, self.seed, self.now, self.reps) = (leads, seed, now, reps)
    }

    public static let manager = "mia"
    /// The rep the console opens as on the demo store.
    public static let defaultRep = "ana"

    public func settings() -> Settings {
        var s = Settings()
        var reps = DemoData.reps.map { Rep(id: $0.id, name: $0.name, team: $0.team) }
        // Big stores get more reps: 100k leads over 40 reps.
        let wanted = max(reps.count, self.reps ?? min(200, leads / 2500))
        var n = 1
        while reps.count < wanted {
            let team = ["emea", "amer", "apac"][n % 3]
            reps.append(Rep(id: "rep\(n)", name: "Rep \(n)", team: team))
            n += 1
        }
        reps.append(Rep(id: DemoStore.manager, name: "Mia Laurent", team: "", role: .manager))
        s.reps = reps
        s.playbooks = Playbook.defaults
        s.ownerMap = [
            OwnerMapping(owner: "ana@example.com", rep: "ana"), OwnerMapping(owner: "Ben Okafor", rep: "ben"),
            OwnerMapping(owner: "005Dn000001chen", rep: "chen"),
        ]
        s.routing = [
            RoutingRule(name: "nurture-low-score", when: [.init(scoreBelow: 30)], target: .nurture),
            RoutingRule(
                name: "hot-emea",
                when: [
                    .init(scoreAtLeast: 80), .init(field: .country, anyOf: ["DE", "FR", "GB", "ES", "PL", "SE", "AE"]),
                ], target: .team("emea")),
            RoutingRule(
                name: "hot-amer",
                when: [.init(scoreAtLeast: 80), .init(field: .country, anyOf: ["US", "BR", "CA", "MX"])],
                target: .team("amer")),
            RoutingRule(
                name: "partners-to-dana", when: [.init(field: .source, anyOf: ["partner"])], target: .rep("dana")),
            RoutingRule(
                name: "territory-emea",
                when: [.init(field: .country, anyOf: ["DE", "FR", "GB", "ES", "PL", "SE", "AE"])], target: .team("emea")
            ),
            RoutingRule(
                name: "territory-amer", when: [.init(field: .country, anyOf: ["US", "BR", "CA", "MX"])],
                target: .team("amer")),
            RoutingRule(
                name: "territory-apac", when: [.init(field: .country, anyOf: ["JP", "CN", "IN", "KR", "AU"])],
                target: .team("apac")),
        ]
        return s
    }

    public func generate() -> (settings: Settings, leads: [Lead]) {
        var out: [Lead] = []
        out.reserveCapacity(leads)
        forEachLead { out.append($0) }
        return (settings(), out)
    }

    /// The leads `generate` makes, in id order, handed over one at a time and not kept: a store of a
    /// million leads is written without holding them (a lead is held until the next one is made,
    /// which may be its duplicate and change it).
    public func forEachLead(_ body: (Lead) throws -> Void) rethrows {
        let settings = settings()
        let scoring = Scoring.Model(settings.scoring)
        var rng = SplitMix(seed: seed)
        var seq: Int64 = 0
        var previous: Lead?
        let workers = settings.reps.filter { $0.role == .rep }
        for i in 1...max(1, leads) {
            let lead: Lead
            // Now and then a lead arrives twice: one pair merged by the manager, one held for review.
            if i > 2 && (i % 97 == 0 || i % 89 == 0), previous!.stage.isActive {
                lead = duplicate(of: &previous!, id: LeadID.make(i), merge: i % 97 == 0, seq: &seq, settings)
            } else {
                var b = LeadBuilder(id: LeadID.make(i), settings: settings, scoring: scoring, now: now, seq: seq)
                b.build(&rng, workers: workers, index: i)
                seq = b.seq
                lead = b.lead
            }
            if let previous { try body(previous) }
            previous = lead
        }
        if let previous { try body(previous) }
    }
}

/// Plays one lead's life through the rules, with the clock moving forward.
struct LeadBuilder {
    let settings: Settings
    /// The settings' scoring rules, compiled once for every lead.
    let scoring: Scoring.Model
    let now: Instant
    var seq: Int64
    var lead: Lead
    var t: Instant

    init(id: String, settings: Settings, scoring: Scoring.Model, now: Instant, seq: Int64) {
        self.settings = settings
        self.scoring = scoring
        self.now = now
        self.seq = seq
        self.lead = Lead(id: id, profile: Profile(), history: [])
        self.t = now
    }

    /// Applies a command as `actor` at the current time; silently skips what the rules refuse.
    @discardableResult
    mutating func act(_ cmd: Command, _ actor: String) -> Bool {
        guard t <= now else { return false }
        let ctx = Context(now: t, actor: actor, settings: settings)
        guard case .success(let op) = Rules.decide(cmd, on: lead, in: ctx) else { return false }
        seq += 1
        lead.apply(Event(lead: lead.id, entry: Entry(seq: seq, at: t, by: actor, op: op)))
        return true
    }

    mutating func wait(_ s: Int64) { t = t + s }

    mutating func build(_ rng: inout SplitMix, workers: [Rep], index: Int) {
        let (p, target) = create(&rng, index: index)
        guard target != .new else { return }
        guard let rep = assign(&rng, p, workers: workers, index: index) else { return }

        if target == .rejected && rng.chance(0.4) {
            // Declined without being worked: spam, duplicates and bad data are turned down at once.
            wait(rng.secs(5 * Span.minute...20 * Span.hour))
            act(
                .reject(
                    reason: rng.pick([
                        "competitor-or-spam", "duplicate", "bad-data", "bad-fit", "wrong-role", "no-consent",
                    ]), note: ""), rep)
            return
        }

        // Most reps touch a lead within its first-touch window; some are late, as in real teams.
        let window = settings.firstTouchSLA(score: p.score)
        let onTime = rng.chance(0.75)
        let firstTouch = onTime ? rng.secs(30...max(60, window - 30)) : rng.secs(window + 60...window + 6 * Span.hour)
        if target == .assigned {
            if rng.chance(0.5) {
                wait(firstTouch)
                act(
                    .contact(
                        channel: .call, outcome: rng.pick([.noAnswer, .voicemail, .connected]), direction: .outbound,
                        note: ""), rep)
            }
            return
        }
        work(&rng, target: target, rep: rep, firstTouch: firstTouch)
        finish(&rng, target: target, rep: rep, source: p.source)
    }

    /// Creates the lead, as old as the stage it is headed for makes likely; returns its profile and that stage.
    mutating func create(_ rng: inout SplitMix, index: Int) -> (Profile, Stage) {
        var p = profile(&rng, index: index)
        // Stage mix of a live queue, with a share of fresh leads so the SLA clocks are running.
        let roll = Double.random(in: 0..<1, using: &rng)
        let target: Stage =
            roll < 0.08
            ? .new
            : roll < 0.30
                ? .assigned
                : roll < 0.62
                    ? .accepted
                    : roll < 0.72 ? .qualified : roll < 0.88 ? .rejected : .nurture
        let age: Int64
        switch target {
        case .new: age = rng.secs(60...3 * Span.day)
        case .assigned:
            age = rng.chance(0.3) ? rng.secs(2 * Span.minute...50 * Span.minute) : rng.secs(Span.hour...40 * Span.hour)
        case .accepted:
            age = rng.chance(0.12) ? rng.secs(31 * Span.day...50 * Span.day) : rng.secs(Span.day...25 * Span.day)
        default: age = rng.secs(3 * Span.day...60 * Span.day)
        }
        t = now - age
        p.createdAt = t
        // Where and when the lead said no, as a form or CRM gives it (no draw: the seed's store stays).
        if p.doNotContact {
            p.consentSource = p.origin.isEmpty ? "web form: asked not to be contacted" : "\(p.origin) import"
            p.consentAt = t
        }
        seq += 1
        lead.apply(
            Event(
                lead: lead.id, entry: Entry(seq: seq, at: t, by: p.origin.isEmpty ? "web" : p.origin, op: .created),
                profile: p))
        return (p, target)
    }

    /// Routes the lead to a rep of its country's team, or any rep; nil if the rules refused.
    mutating func assign(_ rng: inout SplitMix, _ p: Profile, workers: [Rep], index: Int) -> String? {
        let team = DemoData.countries.first { $0.0 == p.country }?.1 ?? "emea"
        let candidates = workers.filter { $0.team == team }
        let rep = (candidates.isEmpty ? workers : candidates)[
            index % max(1, (candidates.isEmpty ? workers : candidates).count)
        ].id
        wait(rng.secs(30...10 * Span.minute))
        let rule = settings.isHot(p.score) ? "hot-\(team)" : "territory-\(team)"
        guard act(.assign(to: rep, rule: rule), DemoStore.manager) else { return nil }
        return rep
    }

    /// Contact attempts (the first at `firstTouch`), the accept, and follow-ups done on the way.
    mutating func work(_ rng: inout SplitMix, target: Stage, rep: String, firstTouch: Int64) {
        let attempts = rng.int(target == .accepted ? 0...5 : 1...6)
        if attempts == 0 {
            wait(rng.secs(10 * Span.minute...(rng.chance(0.15) ? 40 : 20) * Span.hour))
            act(.accept, rep)
        }
        for k in 0..<attempts {
            wait(k == 0 ? firstTouch : rng.secs(Span.day...3 * Span.day))
            let reached = rng.chance(target == .qualified ? 0.5 : 0.25)
            let channel: Channel = rng.chance(0.7) ? .call : rng.pick([.email, .sms, .social, .meeting])
            let outcome: Outcome =
                reached
                ? rng.pick([.connected, .replied, .meetingBooked])
                : rng.pick(channel == .email ? [.noAnswer, .bounced] : [.noAnswer, .voicemail, .noAnswer])
            let note = rng.chance(0.5) ? rng.pick(DemoData.notes) : ""
            act(.contact(channel: channel, outcome: outcome, direction: .outbound, note: note), rep)
            if k == 0 {
                wait(rng.secs(Span.minute...(rng.chance(0.1) ? 30 : 8) * Span.hour))
                act(.accept, rep)
            }
            if let f = lead.work.nextFollowUp, f.due < now, rng.chance(0.6) {
                t = max(t, f.due)
                act(.completeFollowUp(note: ""), rep)
            }
        }
    }

    /// Where the lead ends up: a follow-up scheduled, qualified, rejected or clawed back.
    mutating func finish(_ rng: inout SplitMix, target: Stage, rep: String, source: String) {
        switch target {
        case .accepted:
            if lead.work.nextFollowUp == nil, rng.chance(0.5) {
                act(
                    .scheduleFollowUp(
                        due: now + rng.secs(-2 * Span.day...5 * Span.day),
                        what: rng.pick(["Send the case study", "Call after their board meeting", "Check budget timing"])
                    ), rep)
            }
        case .qualified:
            wait(rng.secs(Span.hour...2 * Span.day))
            act(.qualify(note: rng.pick(["Budget confirmed, demo booked", "Opportunity opened in CRM", ""])), rep)
            if rng.chance(0.6) {
                wait(rng.secs(2 * Span.day...20 * Span.day))
                let amount = Int64(rng.int(5...80)) * 100_000
                if rng.chance(0.5) {
                    act(.won(amount: amount, note: ""), rep)
                } else {
                    act(
                        .lost(
                            reason: rng.pick(["price", "competitor", "no-decision", "timing"]), amount: amount, note: ""
                        ), rep)
                }
            }
        case .rejected:
            wait(rng.secs(Span.hour...3 * Span.day))
            let code = rejectionReason(&rng, source: source)
            act(.reject(reason: code, note: code == "other" ? "Already a customer through a reseller" : ""), rep)
        case .nurture:
            if rng.chance(0.5) {
                wait(31 * Span.day)
                act(.clawbackStale, DemoStore.manager)
            } else {
                wait(rng.secs(Span.hour...5 * Span.day))
                act(.clawback(reason: "not-now", note: rng.pick(["Revisit next quarter", ""])), rep)
            }
        default:
            break
        }
    }

    /// Rejection reasons skewed by channel, so marketing's report has something to say.
    func rejectionReason(_ rng: inout SplitMix, source: String) -> String {
        switch source {
        case "cold-list": return rng.pick(["bad-data", "bad-fit", "bad-source", "no-consent", "bad-data"])
        case "content-syndication": return rng.pick(["wrong-role", "not-decision-maker", "bad-source", "not-now"])
        case "paid-search": return rng.pick(["competitor-or-spam", "no-budget", "bad-fit", "not-now"])
        default: return rng.pick(["no-budget", "not-decision-maker", "not-now", "duplicate", "other", "bad-fit"])
        }
    }

    func profile(_ rng: inout SplitMix, index: Int) -> Profile {
        var p = Profile()
        p.origin = rng.pick(DemoData.origins)
        p.originId = "\(p.origin.prefix(2).uppercased())-\(100_000 + index)"
        if rng.chance(0.18) {
            p.name = rng.pick(DemoData.otherScriptNames)
        } else {
            p.name = "\(rng.pick(DemoData.firstNames)) \(rng.pick(DemoData.lastNames))"
        }
        p.company = rng.chance(0.04) ? "" : rng.pick(DemoData.companies)
        p.title = rng.pick(DemoData.titles)
        let local = p.name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }.map(String.init)
            .joined().lowercased()
        let domain =
            p.company.isEmpty
            ? "gmail.com"
            : p.company.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }
                .map(String.init).joined().lowercased().prefix(12) + ".example"
        p.email =
            rng.chance(0.06)
            ? ""
            : "\(local.isEmpty ? "lead\(index)" : local)@\(domain.isEmpty || domain == ".example" ? "mail.example" : domain)"
        p.phone = rng.chance(0.3) ? "" : "+\(rng.int(1...89)) \(rng.int(100...999)) \(rng.int(1000...9999))"
        let country = rng.pick(DemoData.countries)
        p.country = country.0
        p.industry = rng.pick(DemoData.industries)
        p.companySize = rng.pick([5, 12, 40, 80, 150, 250, 600, 1200, 5000])
        p.source = rng.pick(DemoData.sources)
        p.trigger = rng.pick(DemoData.triggers[p.source] ?? ["Filled the contact form"])
        p.content = Array(DemoData.content.shuffled(using: &rng).prefix(rng.int(0...3)))
        var signals: [Signal] = []
        if rng.chance(0.25) { signals.append(Signal("demo-request")) }
        if rng.chance(0.5) { signals.append(Signal("pricing-page", rng.int(1...4))) }
        if p.source == "webinar" || rng.chance(0.2) { signals.append(Signal("webinar")) }
        if rng.chance(0.5) { signals.append(Signal("email-click", rng.int(1...6))) }
        p.signals = signals
        if p.origin == "hubspot" && rng.chance(0.5) { p.sourceScore = rng.int(20...99) }
        p.doNotContact = rng.chance(0.04)
        if index == 7 {
            // Web forms deliver junk too: an escape sequence the console must show inert.
            p.company = "Evil\u{1B}]0;pwned\u{07} Corp\u{1B}[31m"
            p.trigger = "Filled the contact form \u{202E}gnp.exe"
        }
        (p.score, p.scoreParts) = scoring.score(p)
        return p
    }
}
