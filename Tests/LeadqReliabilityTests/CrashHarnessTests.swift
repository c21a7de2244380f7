import Foundation
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Kills a writing process with SIGKILL at random moments, over and over on one store, and after
/// each kill checks what a user would find: the store opens, everything the child reported saved is
/// there exactly as reported, and nothing else is, except the one action in flight at the kill,
/// which is there whole or not at all. With `tear`, the unacknowledged tail of the journal is also
/// cut at a random byte, as a power cut would leave it.
struct CrashHarness {
    struct Config {
        var name: String
        var iterations: Int
        var leads: Int
        var compactEvery: Int
        var bigNotes: Bool
        var tearChance: Double
        /// The longest the child runs after it is ready before the kill.
        var windowMS: Int
    }

    struct Figures: CustomStringConvertible {
        var iterations = 0, kills = 0, killsBeforeReady = 0, finished = 0
        var killedInFlight = 0, inFlightSaved = 0, inFlightAbsent = 0
        var killedInCompaction = 0, compactions = 0
        var tears = 0, tornBytes = 0, tornTailsReported = 0
        var acked = 0, eventsChecked = 0, refused = 0
        var quarantined = 0, journals = 0, finalSeq: Int64 = 0
        var failures: [String] = []

        var description: String {
            "\(iterations) iterations, \(kills) SIGKILLs (\(killsBeforeReady) before the store was open, \(killedInCompaction) during a compaction, "
                + "\(killedInFlight) with an action in flight: \(inFlightSaved) found saved whole, \(inFlightAbsent) found absent), "
                + "\(finished) ran to the end; \(acked) actions acknowledged and all found (\(eventsChecked) event checks), \(refused) refused by the rules; "
                + "\(compactions) compactions completed; \(tears) unacknowledged tails torn (\(tornBytes) bytes cut), \(tornTailsReported) opens reporting a new torn tail; "
                + "\(quarantined) files in quarantine/, \(journals) journals at the end, last event \(finalSeq); \(failures.count) failures"
        }
    }

    let config: Config
    let dir = TempDirectory("leadq-crash")
    var store: String { dir.path + "/store" }

    /// Every action found durable so far: (sequence number, lead, what it was).
    private var durable: [(seq: Int64, lead: String, expected: ChildLog.Expected)] = []
    private var lastDurableSeq: Int64 = 0
    private var warningsSeen = 0
    var figures = Figures()

    init(_ config: Config) { self.config = config }

    mutating func run() throws -> Figures {
        try Stores.demo(at: store, leads: config.leads)
        lastDurableSeq = try FileStore.open(store).lastSeq
        var rng = SplitMix(
            seed: RunLength.seed
                ^ config.name.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        )
        for i in 0..<config.iterations {
            try iteration(i, &rng)
            if figures.failures.count > 5 { break }
        }
        // Still a working store: a normal write after all that (an outbound call, so on a lead that may
        // be called), and everything read back once more.
        let s = try FileStore.open(store)
        try s.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: "after the crashes"),
            on: try s.activeLeads().first { !$0.profile.doNotContact }!.id, as: "mia", at: Stores.t0 + 400 * Span.day)
        let audit = try StoreAudit(store)
        checkDurable(audit, "final")
        figures.finalSeq = audit.lastSeq
        figures.quarantined = Stores.files(store + "/quarantine").count
        figures.journals = Stores.files(store).filter { $0.hasPrefix("journal-") }.count
        return figures
    }

    private mutating func iteration(_ i: Int, _ rng: inout SplitMix) throws {
        figures.iterations += 1
        let child = try runAndKill(i, &rng)
        let (inFlight, compacting) = readLog(child, i)
        if compacting { figures.killedInCompaction += 1 }

        if inFlight != nil, config.tearChance > 0, Double.random(in: 0..<1, using: &rng) < config.tearChance {
            try tearUnacknowledgedTail(&rng)
        }

        let audit: StoreAudit
        do { audit = try StoreAudit(store) } catch {
            figures.failures.append("iteration \(i): the store doesn't open after the kill: \(error)")
            return
        }
        // Old torn journals are mentioned again on every open until a compaction removes them; count new ones.
        if audit.store.warnings.count > warningsSeen { figures.tornTailsReported += 1 }
        warningsSeen = audit.store.warnings.count
        checkDurable(audit, "iteration \(i)")
        checkBeyondAcknowledged(audit, inFlight, i)
        if !audit.gaps(after: 0).isEmpty {
            figures.failures.append("iteration \(i): sequence gaps \(audit.gaps(after: 0).prefix(5))")
        }
        let scan = try FileScan.scan(store)
        // A torn tail may stay in a journal (left as evidence, never read past); nothing else may be damaged.
        let damaged = scan.damaged.filter { !$0.contains("after the last newline") }
        if !damaged.isEmpty, audit.store.warnings.isEmpty {
            figures.failures.append("iteration \(i): damaged journal lines \(damaged)")
        }
    }

    /// Starts the writing child and kills it at a random moment (sometimes before the store is open).
    private mutating func runAndKill(_ i: Int, _ rng: inout SplitMix) throws -> ChildProcess {
        let now = (Stores.t0 + Int64(i) * Span.day).iso8601
        var args = ["crash", "--store", store, "--seed", String(rng.next() >> 1), "--tag", "k\(i)", "--now", now]
        if config.compactEvery > 0 { args += ["--compact-every", String(config.compactEvery)] }
        if config.bigNotes { args += ["--big-notes"] }
        let child = try ChildProcess(ChildProcess.crashChild, args)
        let start = ChildProcess.monotonic()
        if Int.random(in: 0..<10, using: &rng) == 0 {
            figures.killsBeforeReady += 1
            child.pump(until: start + Double(Int.random(in: 0...15, using: &rng)) / 1000)
        } else {
            child.pump(until: start + 20) { $0.contains { $0.hasPrefix("ready") } }
            // On a loaded machine a short window may end before any action is saved; from half way on,
            // a run with nothing acknowledged yet waits for one, so the check always has acks to check.
            if figures.acked == 0, i >= config.iterations / 2 {
                child.pump(until: ChildProcess.monotonic() + 20) { $0.contains { $0.hasPrefix("ack ") } }
            }
            child.pump(
                until: ChildProcess.monotonic() + Double(Int.random(in: 0...config.windowMS, using: &rng)) / 1000)
        }
        child.kill(SIGKILL)
        child.wait()
        if child.killedBySignal == SIGKILL { figures.kills += 1 } else { figures.finished += 1 }
        if child.killedBySignal == nil && !child.exitedNormally {
            figures.failures.append(
                "iteration \(i): child ended with \(child.ending): \(child.lines.suffix(3)) \(child.stderr)")
        }
        return child
    }

    /// What the child said, in order: the acknowledged actions join `durable`; returns the action
    /// in flight at the kill, if any, and whether a compaction was under way.
    private mutating func readLog(_ child: ChildProcess, _ i: Int) -> (
        inFlight: (n: Int, events: [ChildLog.Expected])?, compacting: Bool
    ) {
        var intents: [Int: [ChildLog.Expected]] = [:]
        var settled = Set<Int>()
        var inFlight: (n: Int, events: [ChildLog.Expected])?
        var compacting = false
        for line in child.lines {
            switch ChildLog.parse(line) {
            case .intent(let n, _, let events):
                intents[n] = events
                inFlight = (n, events)
            case .ack(let n, let saved):
                settled.insert(n)
                inFlight = nil
                figures.acked += 1
                guard let events = intents[n], events.count == saved.count else {
                    figures.failures.append("iteration \(i): ack \(n) doesn't match its intent")
                    continue
                }
                for (s, e) in zip(saved, events) {
                    if s.seq != lastDurableSeq + 1 {
                        figures.failures.append("iteration \(i): ack \(n) saved event \(s.seq) after \(lastDurableSeq)")
                    }
                    durable.append((s.seq, s.lead, e))
                    lastDurableSeq = s.seq
                }
            case .refused(let n, _):
                settled.insert(n)
                inFlight = nil
                figures.refused += 1
            case .compactBegin: compacting = true
            case .compactEnd:
                compacting = false
                figures.compactions += 1
            case .error(_, let m): figures.failures.append("iteration \(i): the child failed: \(m)")
            default: break
            }
        }
        return (inFlight, compacting)
    }

    /// Beyond the acknowledged events there may only be the action in flight, whole.
    private mutating func checkBeyondAcknowledged(
        _ audit: StoreAudit, _ inFlight: (n: Int, events: [ChildLog.Expected])?, _ i: Int
    ) {
        let extra = audit.lastSeq - lastDurableSeq
        if let f = inFlight {
            figures.killedInFlight += 1
            if extra == 0 {
                figures.inFlightAbsent += 1
            } else if extra == Int64(f.events.count) {
                figures.inFlightSaved += 1
                for (k, e) in f.events.enumerated() {
                    let seq = lastDurableSeq + 1 + Int64(k)
                    if let why = audit.mismatch(seq, lead: nil, e) {
                        figures.failures.append("iteration \(i): in-flight action: \(why)")
                    }
                    durable.append((seq, audit.bySeq[seq]?.lead.id ?? "?", e))
                }
                lastDurableSeq = audit.lastSeq
            } else {
                figures.failures.append(
                    "iteration \(i): \(extra) events of an in-flight action of \(f.events.count) are visible (half-written)"
                )
            }
        } else if extra != 0 {
            figures.failures.append("iteration \(i): \(extra) events nobody reported saved or in flight")
        }
    }

    /// Cuts the newest journal inside the records of the action in flight, if they reached it:
    /// the bytes a power cut may lose, since nobody was told they were saved.
    private mutating func tearUnacknowledgedTail(_ rng: inout SplitMix) throws {
        let path = Stores.newestJournal(store)
        let bytes = try Stores.bytes(path)
        var lineStarts: [Int] = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 < bytes.count { lineStarts.append(i + 1) }
        // The first line that holds an event after the last durable one.
        guard
            let first = lineStarts.first(where: { s in
                FileScan.seqOf(Array(bytes[s..<min(bytes.count, s + 40)])).map { $0 > lastDurableSeq } ?? false
            })
        else { return }
        let cut = Int.random(in: first..<bytes.count, using: &rng)
        try Stores.write(path, Array(bytes[..<cut]))
        figures.tears += 1
        figures.tornBytes += bytes.count - cut
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

@Suite(.serialized) struct CrashTests {
    /// Runs the harness and checks what every run must show: kills happened, and not one
    /// acknowledged action was lost or half-written.
    @discardableResult
    func crash(_ config: CrashHarness.Config) throws -> CrashHarness.Figures {
        var h = CrashHarness(config)
        let f = try h.run()
        RunLength.report("crash harness, \(config.name)", f.description)
        #expect(f.failures.isEmpty, "\(f.failures.prefix(10))")
        #expect(f.kills > 0)
        return f
    }

    @Test func killedWhileActingLosesNothingAcknowledged() throws {
        let f = try crash(
            .init(
                name: "actions", iterations: RunLength.pick(8, 500), leads: 120, compactEvery: 0,
                bigNotes: true, tearChance: 0.35, windowMS: 60))
        #expect(f.acked > 0)
    }

    /// Compaction every other action on a larger store, so most kills land inside one.
    @Test func killedWhileCompactingLosesNothing() throws {
        try crash(
            .init(
                name: "compaction", iterations: RunLength.pick(5, 500), leads: 250, compactEvery: 2,
                bigNotes: false, tearChance: 0.2, windowMS: 250))
    }
}
