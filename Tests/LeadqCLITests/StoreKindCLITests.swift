import Foundation
import LeadqTestSupport
import Testing

/// The commands on every kind of store (`StoreKinds.all`: a directory, and PostgreSQL in a build
/// with it and a server to reach): the same steps give the same words and exit codes.
@Suite struct StoreKindCLITests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LeadqIOTests/Samples").path

    func leadq(_ args: [String], _ place: StorePlace, rep: String? = nil) throws -> LeadqProcess.Result {
        var a = args + ["--store", place.location]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    func json(_ r: LeadqProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test(arguments: StoreKinds.all)
    func initMakesAnEmptyStoreOnceAndAnImportFillsIt(_ kind: StoreKind) throws {
        let place = try kind.place()
        let rejects = TempDirectory("leadq-cli-kinds")
        let made = try leadq(["init", "--reps", "ana,ben", "--managers", "mia"], place)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("Created an empty store at \(place.location) (team: ana, ben, mia)."))
        let again = try leadq(["init", "--reps", "ana"], place)
        #expect(again.status == 3)
        #expect(again.stderr.contains("already holds a leadq store"), "\(again.stderr)")
        let imported = try leadq(
            ["import", Self.samples + "/salesforce-leads.csv", "--skip-bad", "--rejects", rejects.path + "/bad.csv"],
            place, rep: "mia")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("7 new, 0 updated, 0 unchanged, 3 flagged, 1 bad · saved"))
        let verified = try leadq(["verify"], place)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("ok: 7 leads"), "\(verified.stdout)")
    }

    // Long by design: one lead's life, each step acting on what the one before left.
    @Test(arguments: StoreKinds.all)
    func actionsRefusalsAndUndoReadTheSame(_ kind: StoreKind) throws {
        let place = try kind.place()
        #expect(try leadq(["demo", "--leads", "300", "--seed", "5"], place).status == 0)
        let queue = try json(try leadq(["queue", "--json"], place, rep: "ana")) as! [[String: Any]]
        let assigned = queue.first { $0["stage"] as? String == "assigned" }!["id"] as! String
        let accepted = queue.first { $0["stage"] as? String == "accepted" }!["id"] as! String

        let notMine = try leadq(["accept", assigned], place, rep: "ben")
        #expect(notMine.status == 1)
        #expect(notMine.stderr == "leadq: \(assigned) is ana's lead; only ana or a manager can accept it\n")
        #expect(try leadq(["accept", assigned], place, rep: "ana").stdout.hasSuffix("· saved\n"))
        let rejected = try leadq(["reject", accepted, "--reason", "no-budget"], place, rep: "ana")
        #expect(rejected.status == 0, "\(rejected.stderr)")
        let again = try leadq(["accept", accepted], place, rep: "ana")
        #expect(again.status == 1)
        #expect(
            again.stderr == "leadq: \(accepted) was already rejected by ana at 10:00 (no-budget); you can't accept it\n"
        )

        let undo = try leadq(["undo"], place, rep: "ana")
        #expect(undo.status == 0, "\(undo.stderr)")
        let shown = try json(try leadq(["show", accepted, "--json"], place)) as? [String: Any]
        #expect(shown?["stage"] as? String == "accepted")
        #expect(try leadq(["history", accepted], place).stdout.contains("(undone)"))
        #expect(try leadq(["verify"], place).status == 0)
    }

    @Test(arguments: StoreKinds.all)
    func aDemoIsReplacedOnlyWithForce(_ kind: StoreKind) throws {
        let place = try kind.place()
        #expect(try leadq(["demo", "--leads", "40", "--seed", "1"], place).status == 0)
        let refused = try leadq(["demo", "--leads", "20", "--seed", "2"], place)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("already holds a leadq store"), "\(refused.stderr)")
        let forced = try leadq(["demo", "--leads", "20", "--seed", "2", "--force"], place)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try leadq(["verify"], place).stdout.hasPrefix("ok: 20 leads"))
    }

    /// Without PostgreSQL built in, a URL is bad input saying how to build it; with it, a server
    /// that isn't there is the store failing. Neither repeats the password.
    @Test func aPostgresURLIsOpenedOrRefusedWithoutItsPassword() throws {
        let url = "postgresql://ana:s3cret@127.0.0.1:1/leadq"
        let r = try LeadqProcess.run(["queue", "--store", url, "--rep", "ana"])
        #expect(!r.stderr.contains("s3cret") && !r.stdout.contains("s3cret"))
        if StoreKinds.postgresBuiltIn {
            #expect(r.status == 3)
            #expect(r.stderr.hasPrefix("leadq: postgresql://ana@127.0.0.1:1/leadq"), "\(r.stderr)")
        } else {
            #expect(r.status == 2)
            #expect(
                r.stderr
                    == "leadq: this leadq was built without PostgreSQL, so it can't use a postgresql:// store; build it with `swift build -c release --traits Postgres`\n"
            )
        }
        let env = try LeadqProcess.run(["verify"], env: ["LEADQ_STORE": "postgres://ana:s3cret@127.0.0.1:1/leadq"])
        #expect(env.status == (StoreKinds.postgresBuiltIn ? 3 : 2))
        #expect(!env.stderr.contains("s3cret"))
    }
}
