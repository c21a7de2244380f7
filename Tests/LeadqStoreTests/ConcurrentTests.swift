import LeadqStore
import Testing

/// Parts run at once keep their results in order, and a failing part's error is the one thrown
/// (the first in order when several fail).
@Suite struct ConcurrentTests {
    struct Failed: Error, Equatable { var part: Int }

    @Test func eachPartsResultIsInItsPlace() throws {
        #expect(try Concurrent.run(64) { $0 * $0 } == (0..<64).map { $0 * $0 })
        #expect(try Concurrent.run(0) { $0 }.isEmpty)
    }

    @Test func theFirstFailingPartsErrorIsThrown() {
        #expect(throws: Failed(part: 3)) {
            try Concurrent.run(10) { i in
                if i == 3 || i == 7 { throw Failed(part: i) }
                return i
            }
        }
    }
}
