import Foundation
import Testing

@testable import LeadqApp

/// The notifier runs each (alert, command) once at a time: a delivery that finished is still its
/// slot's until the dispatcher has collected and recorded it.
@Suite struct NotifierTests {
    final class CountingRunner: CommandRunner, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var runs: Int {
            lock.lock()
            defer { lock.unlock() }
            return count
        }
        func run(_ argv: [String], input: [UInt8], timeout: Double) -> String? {
            lock.lock()
            count += 1
            lock.unlock()
            return nil
        }
    }

    @Test func aFinishedDeliveryIsNotStartedAgainBeforeItIsCollected() {
        let runner = CountingRunner()
        let notifier = Notifier(runner: runner)
        let start = { notifier.start(key: "hot/L-1/3", command: "page", argv: ["page"], payload: [], timeout: 5) }
        #expect(start())
        #expect(notifier.waitIdle(seconds: 5))
        // Finished, not yet recorded: the dispatcher's next pass still sees it pending.
        #expect(!start())
        #expect(runner.runs == 1)
        let done = notifier.collect()
        #expect(done.map(\.key) == ["hot/L-1/3"] && done.first?.failure == nil)
        // Collected: a retry (after a failure, say) may start it again.
        #expect(start())
        #expect(notifier.waitIdle(seconds: 5))
        #expect(runner.runs == 2)
        #expect(notifier.collect().count == 1)
    }
}
