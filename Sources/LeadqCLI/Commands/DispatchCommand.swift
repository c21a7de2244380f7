import ArgumentParser
import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

struct DispatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Run the workflow by itself: route arrivals, claw back stale leads, release nurture, send alerts.",
        discussion: """
            Runs until stopped (SIGTERM, SIGINT). Within a second or two of a lead reaching the pool it routes it by \
            the store's rules; it claws back leads idle past clawback.idleDays, releases nurture leads by the \
            nurture.releaseDays steps (at once when their score rose to hot), and hands alerts to the `notify` commands \
            as JSON on stdin. Every action is an event by `dispatch` naming its rule. One dispatcher per store: \
            a second one says which process holds the store and exits 1.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "Look once, act, send the alerts due, and exit (for cron).") var once = false
    @Flag(name: .long, help: "If another dispatcher holds the store, wait and take over when it stops.") var wait =
        false

    func validate() throws {
        if once && wait { throw ValidationError("--once and --wait don't go together: --once never waits") }
    }

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            let stop = StopSignal.install()
            let clock = ctx.app.liveClock()
            let opened = try Dispatcher.open(
                ctx.storePath(storeOptions.store), environment: ctx.app, wait: wait, stop: { stop.isSet },
                waiting: { holder in
                    Output.err(
                        "leadq: waiting for the dispatcher's lease, held by \(holder.map { "\($0)" } ?? "another process")"
                    )
                },
                log: { note in Output.out(Inert.line("\(clock().iso8601) \(DispatchWords.line(note))", limit: 4096)) })
            // Nil: stopped while waiting for the lease.
            guard let d = opened else { return }
            try ctx.opened(d.store)
            Output.out(Inert.line("\(clock().iso8601) \(DispatchWords.started(d, once: once))", limit: 4096))
            if once { try d.once() } else { try d.run(until: { stop.isSet }) }
        }
    }
}

/// SIGTERM, SIGINT and SIGHUP ask the dispatcher to stop after its current look.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [any DispatchSourceSignal] = []

    static func install() -> StopSignal {
        let s = StopSignal()
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { s.raise() }
            source.resume()
            s.sources.append(source)
        }
        return s
    }

    private func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
