/// `leadq report` as a manager and a rep run it: every lead of the store is read for it.
extension Runner {
    func reports(_ size: Int) throws {
        let path = try stores.base(size).path
        let team = try timed(options.iterations) { _ in ["report", "--store", path] }
        record(Figures.report, size, Samples(team.ms.values.map { $0 / 1000 }))
        record(Figures.reportRSS, size, team.rss)
        let rep = try timed(options.iterations) { _ in ["report", "--store", path, "--rep", Figures.rep] }
        record(Figures.reportRep, size, Samples(rep.ms.values.map { $0 / 1000 }), in: \.more)
    }
}
