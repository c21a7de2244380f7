import LeadqTestSupport
import Testing

/// Says in the output which stores the suite ran against, and why one was left out.
@Suite struct StoreKindsTests {
    @Test func everyKindBuiltInRunsOrSaysWhyNot() throws {
        #expect(StoreKinds.all.first?.name == "files")
        guard let why = StoreKinds.skipped else { return }
        try Test.cancel("PostgreSQL cases skipped: \(why)")
    }
}
