import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `worker`: one of several processes writing to one store at once.
///
///     worker --store DIR|URL --id W --actions N --leads L1,L2,… --as REP [--conflicts] [--race R1,R2,… --race-every N]
///
/// Each action logs a contact whose note is `wW.i` on the next of its leads. With `--conflicts`,
/// every fifth action is made against the version the worker saw a moment earlier, so a change by
/// another process in between must be refused. With `--race`, every N-th action (50) tries to reject
/// the next race lead, which every worker tries too: exactly one may win.
final class Worker {
    let store: any LeadStore
    let id: Int
    let actions: Int
    let leads: [String]
    let race: [String]
    let actor: String
    let conflicts: Bool
    let raceEvery: Int
    var rng: SplitMix
    var now: Instant

    init(_ a: Arguments) throws {
        store = try StoreKinds.open(try a.string("store"))
        id = a.int("id", default: 0)
        actions = a.int("actions", default: 10)
        leads = a.list("leads")
        race = a.list("race")
        actor = a.string("as", default: "mia")
        conflicts = a.flag("conflicts")
        raceEvery = max(1, a.int("race-every", default: 50))
        rng = SplitMix(seed: a.seed() &+ UInt64(id) &* 7919)
        now = a.now()
        guard !leads.isEmpty else { throw ChildError("--leads is empty") }
    }

    func run() throws {
        Out.line("ready \(store.lastSeq)")
        for i in 0..<actions {
            now = now + 1
            if !race.isEmpty, i % raceEvery == 0, i / raceEvery < race.count {
                let lead = race[i / raceEvery]
                let token = "w\(id).race\(i / raceEvery)"
                act(i * 2 + 1, "race", lead, "reject", token) {
                    try store.perform(.reject(reason: "duplicate", note: token), on: lead, as: actor, at: now)
                }
            }
            let lead = leads[i % leads.count]
            let token = "w\(id).\(i)"
            let contact = Command.contact(channel: .email, outcome: .replied, direction: .inbound, note: token)
            if conflicts && i % 5 == 4 {
                _ = try? store.refresh()
                let seen = try store.lead(lead)?.version
                // Give the others a moment to change the lead, as a rep reading the screen would.
                usleep(UInt32(rng.below(400)))
                act(i * 2, "checked", lead, "contact", token) {
                    try store.perform(contact, on: lead, as: actor, at: now, expecting: seen)
                }
            } else {
                act(i * 2, "contact", lead, "contact", token) {
                    try store.perform(contact, on: lead, as: actor, at: now)
                }
            }
        }
        Out.line("done")
    }

    private func act(
        _ n: Int, _ kind: String, _ lead: String, _ op: String, _ token: String, _ body: () throws -> Change
    ) {
        Out.line(ChildLog.intent(n, kind, [ChildLog.Expected(lead: lead, op: op, token: token)]))
        do {
            let change = try body()
            Out.line(ChildLog.ack(n, [change.event]))
        } catch let r as Refusal {
            Out.line("refused \(n) \(r.message)")
        } catch {
            Out.line("error \(n) \(error)")
        }
    }
}

/// `compact-loop --store DIR --stop FILE`: compacts again and again until FILE exists.
func compactLoop(_ a: Arguments) throws {
    let dir = try a.string("store")
    let stop = try a.string("stop")
    var n = 0
    while access(stop, F_OK) != 0 {
        n += 1
        Out.line("compact-begin \(n)")
        let r = try FileStore.compact(dir)
        Out.line("compact-end \(n) \(r.map { String($0.seq) } ?? "none")")
        usleep(2000)
    }
    Out.line("done")
}

/// `exercise-files --store DIR --umask OOO [--group-shared]`: under that umask, makes every kind of
/// file a store has (create, write, compaction, a crash's torn tail set aside in quarantine/), so the
/// test can check each one's permission bits.
func exerciseFiles(_ a: Arguments) throws {
    let dir = try a.string("store")
    let mask = UInt32(a.string("umask", default: "022"), radix: 8) ?? 0o022
    umask(mode_t(mask))
    var settings = Fixture.settings
    settings.groupShared = a.flag("group-shared")
    let t = a.now()
    let lead = LeadScript("L-00001", profile: Fixture.profile(), at: t, settings: settings).assign("ana").lead
    let store = try FileStore.create(at: dir, settings: settings, leads: [lead])
    try store.perform(.accept, on: "L-00001", as: "ana", at: t + 60)
    _ = try FileStore.compact(dir)
    try store.perform(
        .contact(channel: .call, outcome: .connected, direction: .outbound, note: "x"), on: "L-00001", as: "ana",
        at: t + 120)
    // A crash's remains: half a record at the end of the journal, then a writer that sets it aside.
    let journal = try StoreFilesView(dir).journals().last!
    let fd = open(dir + "/" + journal, O_WRONLY | O_APPEND)
    _ = "{\"seq\":99,\"at\":".withCString { write(fd, $0, strlen($0)) }
    close(fd)
    let again = try FileStore.open(dir)
    try again.perform(
        .contact(channel: .call, outcome: .connected, direction: .outbound, note: "y"), on: "L-00001", as: "ana",
        at: t + 180)
    Out.line("done")
}

/// The journal and snapshot names in a store directory, in order.
struct StoreFilesView {
    let dir: String
    init(_ dir: String) { self.dir = dir }
    func names() throws -> [String] {
        guard let d = opendir(dir) else { throw ChildError("can't list \(dir)") }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out.sorted()
    }
    func journals() throws -> [String] { try names().filter { $0.hasPrefix("journal-") && $0.hasSuffix(".jsonl") } }
    func snapshots() throws -> [String] { try names().filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".jsonl") } }
}
