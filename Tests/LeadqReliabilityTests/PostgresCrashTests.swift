#if Postgres
import Foundation
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// The crash harness on PostgreSQL: a writing process killed with SIGKILL at random moments, over
/// and over on one store. After each kill, once the server has ended the killed process's session,
/// the store holds every action the child reported saved, exactly as reported, and beyond them
/// at most the action in flight, whole: one transaction is saved entirely or not at all. (The
/// numbers a killed action drew stay unwritten: writers number beside each other, see SchemaNumbers.)
struct PostgresCrashHarness {
    struct Figures: CustomStringConvertible {
        var iterations = 0, kills = 0, finished = 0
        var killedInFlight = 0, inFlightSaved = 0, inFlightAbsent = 0
        var acked = 0, eventsChecked = 0, refused = 0, finalSeq: Int64 = 0
        var failures: [String] = []

        var description: String {
            "\(iterations) client processes, \(kills) SIGKILLs (\(killedInFlight) with an action in flight: "
                + "\(inFlightSaved) found saved whole, \(inFlightAbsent) found absent), \(finished) ran to the end; "
                + "\(acked) actions acknowledged and all found (\(eventsChecked) event checks), \(refused) refused by the rules; "
                + "last event \(finalSeq); \(failures.count) failures"
        }
    }

    let iterations: Int
    let windowMS: Int
    let place: StorePlace
    let admin: PostgresRaw
    private var durable: [(seq: Int64, lead: String, expected: ChildLog.Expected)] = []
    private var lastDurableSeq: Int64 = 0
    var figures = Figures()

    init(iterations: Int, windowMS: Int) throws {
        (self.iterations, self.windowMS) = (iterations, windowMS)
        place = try PostgresHarness.kind.place()
        admin = try PostgresRaw(url: try PostgresHarness.server.get())
    }

    mutating func run() throws -> Figures {
        let (settings, leads) = DemoStore(leads: 120, seed: 7, now: Stores.t0).generate()
        lastDurableSeq = try place.create(settings: settings, leads: leads).lastSeq
        var rng = SplitMix(seed: RunLength.seed ^ 0x5047)
        for i in 0..<iterations {
            try iteration(i, &rng)
            if figures.failures.count > 5 { break }
        }
        let audit = try StoreAudit(store: try place.open())
        checkDurable(audit, "final")
        figures.finalSeq = audit.lastSeq
        return figures
    }

    private mutating func iteration(_ i: Int, _ rng: inout SplitMix) throws {
        figures.iterations += 1
        let now = (Stores.t0 + Int64(i) * Span.day).iso8601
        let child = try ChildProcess(
            ChildProcess.crashChild,
            ["crash", "--store", place.location, "--seed", String(rng.next() >> 1), "--tag", "k\(i)", "--now", now])
        child.pump(until: ChildProcess.monotonic() + 20) { $0.contains { $0.hasPrefix("ready") } }
        child.pump(until: ChildProcess.monotonic() + Double(Int.random(in: 0...windowMS, using: &rng)) / 1000)
        child.kill(SIGKILL)
        child.wait()
        if child.killedBySignal == SIGKILL { figures.kills += 1 } else { figures.finished += 1 }
        try awaitSessionEnd(child)
        let inFlight = readLog(child, i)
        let audit = try StoreAudit(store: try place.open())
        checkDurable(audit, "iteration \(i)")
        checkBeyondAcknowledged(audit, inFlight, i)
        // Numbers are drawn before COMMIT, beside other writers: a killed action's stay unwritten.
    }

    /// The server finishes a killed client's session on its own time (a COMMIT already sent still
    /// commits): the audit waits until that session is gone.
    private mutating func awaitSessionEnd(_ child: ChildProcess) throws {
        guard let line = child.lines.first(where: { $0.hasPrefix("backend ") }), let pid = Int32(line.dropFirst(8))
        else { return }
        let deadline = ChildProcess.monotonic() + 30
        while try admin.run("SELECT count(*)::text FROM pg_stat_activity WHERE pid = \(pid)") != ["0"] {
            guard ChildProcess.monotonic() < deadline else {
                figures.failures.append("the killed child's session \(pid) is still there after 30 s")
                return
            }
            usleep(2_000)
        }
    }

    private mutating func readLog(_ child: ChildProcess, _ i: Int) -> (n: Int, events: [ChildLog.Expected])? {
        var intents: [Int: [ChildLog.Expected]] = [:]
        var inFlight: (n: Int, events: [ChildLog.Expected])?
        for line in child.lines {
            switch ChildLog.parse(line) {
            case .intent(let n, _, let events):
                intents[n] = events
                inFlight = (n, events)
            case .ack(let n, let saved):
                inFlight = nil
                figures.acked += 1
                guard let events = intents[n], events.count == saved.count else {
                    figures.failures.append("iteration \(i): ack \(n) doesn't match its intent")
                    continue
                }
                for (s, e) in zip(saved, events) {
                    if s.seq <= lastDurableSeq {
                        figures.failures.append("iteration \(i): ack \(n) saved event \(s.seq) after \(lastDurableSeq)")
                    }
                    durable.append((s.seq, s.lead, e))
                    lastDurableSeq = s.seq
                }
            case .refused:
                inFlight = nil
                figures.refused += 1
            case .error(_, let m): figures.failures.append("iteration \(i): the child failed: \(m)")
            default: break
            }
        }
        return inFlight
    }

    /// Beyond the acknowledged events there may only be the action in flight, whole.
    private mutating func checkBeyondAcknowledged(
        _ audit: StoreAudit, _ inFlight: (n: Int, events: [ChildLog.Expected])?, _ i: Int
    ) {
        let beyond = audit.bySeq.keys.filter { $0 > lastDurableSeq }.sorted()
        let extra = Int64(beyond.count)
        guard let f = inFlight else {
            if extra != 0 { figures.failures.append("iteration \(i): \(extra) events nobody reported saved") }
            return
        }
        figures.killedInFlight += 1
        if extra == 0 {
            figures.inFlightAbsent += 1
        } else if extra == Int64(f.events.count) {
            figures.inFlightSaved += 1
            for (k, e) in f.events.enumerated() {
                let seq = beyond[k]
                if let why = audit.mismatch(seq, lead: nil, e) {
                    figures.failures.append("iteration \(i): in-flight action: \(why)")
                }
                durable.append((seq, audit.bySeq[seq]?.lead.id ?? "?", e))
            }
            lastDurableSeq = beyond[beyond.count - 1]
        } else {
            figures.failures.append(
                "iteration \(i): \(extra) events of an in-flight action of \(f.events.count) are saved (half-applied)")
        }
    }

    private mutating func checkDurable(_ audit: StoreAudit, _ when: String) {
        for d in durable {
            figures.eventsChecked += 1
            if let why = audit.mismatch(d.seq, lead: d.lead == "?" ? nil : d.lead, d.expected) {
                figures.failures.append("\(when): acknowledged \(why)")
            }
        }
        if audit.lastSeq < lastDurableSeq {
            figures.failures.append(
                "\(when): the store ends at \(audit.lastSeq), \(lastDurableSeq) were reported saved")
        }
    }
}

@Suite(.serialized, .enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct PostgresCrashTests {
    @Test func clientsKilledMidActionLoseNothingAcknowledgedAndHalfApplyNothing() throws {
        var h = try PostgresCrashHarness(iterations: RunLength.pick(10, 250), windowMS: 250)
        let f = try h.run()
        RunLength.report("crash harness, postgres", f.description)
        #expect(f.failures.isEmpty, "\(f.failures.prefix(10))")
        #expect(f.kills > 0)
        #expect(f.acked > 0)
    }
}
#endif
