import Foundation
import LeadqTestSupport
import Testing

/// Says in the output which stores the suite ran against, and why one was left out. In CI a
/// build with PostgreSQL must run its cases: there a missing server is a failure, not a skip.
@Suite struct StoreKindsTests {
    @Test func everyKindBuiltInRunsOrSaysWhyNot() throws {
        #expect(StoreKinds.all.first?.name == "files")
        guard let why = StoreKinds.skipped else {
            #expect(StoreKinds.all.map(\.name) == ["files", "postgresql"])
            return
        }
        if StoreKinds.postgresBuiltIn && ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("CI=true, yet the PostgreSQL cases can't run: \(why)")
        }
        try Test.cancel("PostgreSQL cases skipped: \(why)")
    }
}
