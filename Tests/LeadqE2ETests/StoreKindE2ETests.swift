import Foundation
import LeadqTestSupport
import Testing

/// The console in a real terminal on every kind of store (`StoreKinds.all`: a directory, and
/// PostgreSQL in a build with it and a server to reach), named by `$LEADQ_STORE`.
@Suite(.serialized) struct StoreKindE2ETests {
    let dir = TempDirectory("leadq-e2e-kinds")
    let now = "2026-11-23T10:00:00Z"

    func leadq(_ args: [String], _ place: StorePlace) throws -> LeadqProcess.Result {
        try LeadqProcess.run(args, env: ["LEADQ_NOW": now, "LEADQ_STORE": place.location])
    }

    func json(_ r: LeadqProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test(arguments: StoreKinds.all)
    func aRepActsAndSeesAnotherProcesssChange(_ kind: StoreKind) throws {
        #expect(Tmux.available, "tmux is needed for the end-to-end tests (.ci/run installs it)")
        let place = try kind.place()
        #expect(try leadq(["demo", "--seed", "42"], place).status == 0)
        let queue = try json(try leadq(["queue", "--json", "--rep", "ana"], place)) as! [[String: Any]]
        let first = queue[0]["id"] as! String
        let assigned = queue.first { $0["stage"] as? String == "assigned" }!
        let (id, name) = (assigned["id"] as! String, (assigned["profile"] as! [String: Any])["name"] as! String)
        let env = [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path,
            "LEADQ_STORE": place.location,
        ]
        let t = try Tmux(
            env: env, command: "sh -c '\(LeadqProcess.binary) --rep ana; echo EXITED $?; sleep 30'")
        try t.wait(for: "▶\(first)")
        try t.keys("/")
        try t.type(id)
        try t.keys("Enter")
        try t.wait(for: "▶\(id)")
        try t.keys("a")
        try t.wait(for: "Accepted \(id) (\(name)) · saved")
        let shown = try json(try leadq(["show", id, "--json"], place)) as? [String: Any]
        #expect(shown?["stage"] as? String == "accepted")
        try t.keys("Escape")

        // The manager, from another process, hands ana the hottest lead of the pool.
        let pool = try json(try leadq(["queue", "--pool", "--json", "--rep", "mia"], place)) as! [[String: Any]]
        let hot = pool[0]["id"] as! String
        #expect(try leadq(["assign", hot, "--to", "ana", "--rep", "mia"], place).status == 0)
        try t.wait(for: "Hot lead \(hot) just assigned to you", timeout: 3)
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }
}
