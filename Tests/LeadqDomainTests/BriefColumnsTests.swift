import LeadqDomain
import Testing

/// The manager's list keeps briefs as columns: its orders, owners and alarm counts must be what the
/// same briefs give one by one.
@Suite struct BriefColumnsTests {
    /// SplitMix64: the same briefs on every run.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// Briefs with few scores and times (so the orders' ties are reached) and ids of every kind:
    /// made ones of different lengths, and others a source system gave.
    static func briefs(_ n: Int, seed: UInt64) -> [LeadBrief] {
        var g = Seeded(state: seed)
        let others = ["X-9", "L-", "L-0001", "L-1a", "lead-77", "L-99999999999999999999", "Ü-1"]
        return (0..<n).map { i in
            let id = g.next(5) == 0 ? others[g.next(others.count)] + "\(i)" : LeadID.make(g.next(2_000_000))
            func t() -> Instant? { g.next(3) == 0 ? nil : Instant(seconds: Int64(1_700_000_000 + g.next(40) * 3600)) }
            let stage = [Stage.new, .assigned, .accepted][g.next(3)]
            let clocks = LeadClocks(
                stage: stage, nearestDeadline: t(), nextFollowUpDue: t(),
                idleSince: Instant(seconds: Int64(1_690_000_000 + g.next(30) * 86_400)), poolLateAt: t())
            let owner = stage == .new ? nil : ["ana", "ben", "chen"][g.next(3)]
            return LeadBrief(id: id, owner: owner, score: g.next(4) * 25, assignedAt: t(), clocks: clocks, search: [])
        }
    }

    static func columns(_ briefs: [LeadBrief]) -> BriefColumns {
        var c = BriefColumns()
        for b in briefs { c.append(b) }
        return c
    }

    @Test(arguments: QueueOrder.allCases)
    func theColumnsSortAsTheSortKeysDo(_ order: QueueOrder) {
        let briefs = Self.briefs(3000, seed: 7)
        let c = Self.columns(briefs)
        let rows = (0..<Int32(briefs.count)).map { $0 }
        let ranked = c.sorted(rows, by: order)
        let byColumns = ranked.map { briefs[Int($0)].id }
        // The order a row is put into its place by, one at a time.
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { c.inOrder(Int($0), Int($1), order) })
        let keys = briefs.map(\.sortKey)
        let byKeys = keys.indices.sorted { Queue.inOrder(keys[$0], keys[$1], order) }.map { briefs[$0].id }
        #expect(byColumns == byKeys)
    }

    @Test(arguments: QueueOrder.allCases)
    func partsSortedApartAndMergedAreTheWholeSorted(_ order: QueueOrder) {
        let briefs = Self.briefs(3001, seed: 11)
        let c = Self.columns(briefs)
        let rows = (0..<Int32(briefs.count)).reversed().map { $0 }
        let whole = c.sorted(rows, by: order)
        for parts in [1, 2, 3, 5, 8] {
            let size = (rows.count + parts - 1) / parts
            let runs = (0..<parts).map { i in
                c.sortedRun(rows[min(rows.count, i * size)..<min(rows.count, (i + 1) * size)], by: order)
            }
            #expect(c.merged(runs) == whole, "in \(parts) parts")
        }
        #expect(c.merged([]) == [])
    }

    @Test func madeIdsCompareAsTheirStringsDo() {
        let ids = ["L-00001", "L-00010", "L-99999", "L-100000", "L-0001", "L-1", "X-1", "L-", "L-12345678901234567"]
        for a in ids {
            for b in ids {
                let (ka, kb) = (BriefColumns.idKey(a), BriefColumns.idKey(b))
                guard ka != 0 && kb != 0 else { continue }
                #expect((ka < kb) == LeadID.precedes(a, b), "\(a) \(b)")
            }
        }
        #expect(BriefColumns.idKey("L-") == 0 && BriefColumns.idKey("X-1") == 0 && BriefColumns.idKey("L-1a") == 0)
    }

    @Test func appendingAnotherSetKeepsEachBriefWhole() {
        let one = Self.briefs(200, seed: 1)
        let two = Self.briefs(200, seed: 2).map { b -> LeadBrief in
            var b = b
            b.owner = b.owner.map { "\($0)-2" } ?? "dora"
            b.search = Array("text of \(b.id)".utf8)
            return b
        }
        var c = Self.columns(one)
        c.append(contentsOf: Self.columns(two))
        #expect((0..<c.count).map(c.brief) == one + two)
    }

    @Test func aZeroByteNeverEntersTheSearchColumn() {
        var c = BriefColumns()
        var b = Self.briefs(1, seed: 3)[0]
        b.search = [0x61, 0, 0x62]
        c.append(b)
        #expect(c.search(0) == [0x61, 0x62])
        #expect(c.searchBytes == [0x61, 0x62, 0])
    }

    @Test func theTallyCountsWhatEachLeadsAlarmsSay() {
        let briefs = Self.briefs(5000, seed: 11)
        let c = Self.columns(briefs)
        var settings = Settings()
        settings.clawbackIdleDays = 12
        let now = Instant(seconds: 1_700_000_000 + 20 * 3600)
        let t = c.tally(live: briefs.map { _ in true }, at: AlarmTimes(now: now, settings: settings, utcOffset: 3600))
        var byOwner: [String: AlarmCount] = [:]
        var (pool, hot) = (0, 0)
        for b in briefs {
            if b.stage == .new {
                pool += 1
                if b.clocks.hotWaiting(now: now) { hot += 1 }
            } else {
                byOwner[b.owner!, default: AlarmCount()].add(
                    b.clocks.alarms(now: now, settings: settings, utcOffset: 3600))
            }
        }
        #expect(t.pool == pool && t.hotWaiting == hot && pool > 0 && hot > 0)
        for (name, count) in byOwner {
            let code = Int(c.ownerCode(name)!)
            #expect(t.byOwner[code] == count, "\(name)")
        }
        #expect(t.byOwner[0] == AlarmCount())
        #expect(byOwner.values.contains { $0.breaches > 0 && $0.followUpsDue > 0 && $0.clawbacksDue > 0 })
    }
}
