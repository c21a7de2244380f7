import Foundation
import LeadqDomain
import LeadqStore

/// A manager's agenda read on a thread of its own, its leads split between the cores; the
/// keyboard stays answered and the page says how far the reading has got.
extension ConsoleSession {
    public func startAgenda(_ src: AgendaSources) {
        // The reducer has let go of the agenda shown before; this is its last holder.
        if let old = shownAgenda {
            shownAgenda = nil
            Background.release(old)
        }
        let progress = LoadProgress()
        agendaProgress = progress
        agendaJob.start {
            let parts = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
            let bounds = (0...parts).map { src.refs.count * $0 / parts }
            let read = try Concurrent.run(parts) { p in
                try ConsoleSession.agenda(src, bounds[p]..<bounds[p + 1], progress)
            }
            return Agenda.joined([Agenda.of(src.whole, now: src.now, zone: src.zone)] + read)
        }
    }

    /// The agenda once read (or why it couldn't be), once. It is held here too, so when the page is
    /// read again the reducer's letting go frees nothing: freeing a million leads' agenda (a
    /// quarter of them have a follow-up) kept `F` from drawing for 230–330 ms.
    public func takeAgenda() -> JobResult<Agenda>? {
        let r = agendaJob.take()
        if case .done(let a)? = r { shownAgenda = a }
        return r
    }

    /// How many leads the reading has read so far.
    public var agendaRead: Int? { agendaProgress?.read }

    /// The agenda of the leads at `refs[range]`, each read, used and let go.
    nonisolated static func agenda(_ src: AgendaSources, _ range: Range<Int>, _ progress: LoadProgress) throws
        -> Agenda
    {
        guard let lines = src.lines else { return Agenda() }
        var leads: [Lead] = []
        var all = Agenda()
        for i in range {
            let ref = src.refs[i]
            leads.append(try lines.lead(at: ref.offset, length: ref.length))
            if leads.count == 1024 || i == range.upperBound - 1 {
                all.add(Agenda.of(leads, now: src.now, zone: src.zone))
                progress.add(leads.count)
                leads.removeAll(keepingCapacity: true)
            }
        }
        return all
    }
}
