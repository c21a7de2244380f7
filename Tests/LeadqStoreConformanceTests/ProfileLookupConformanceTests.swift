import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// Lookups of leads by source key and email: right from the first, kept current by every write
/// (ours or another process's), right again after reopening.
@Suite struct ProfileLookupConformanceTests {
    static func profile(_ originId: String, email: String, origin: String = "salesforce") -> Profile {
        var p = Fixture.profile(name: "P \(originId)", email: email)
        p.origin = origin
        p.originId = originId
        return p
    }

    static func leads() -> [Lead] {
        [
            LeadScript("L-00001", profile: profile("00Q1", email: "grace@acme.example"), firstSeq: 1).assign("ana")
                .lead,
            LeadScript("L-00002", profile: profile("00Q2", email: " Grace@ACME.example "), firstSeq: 10).lead,
            LeadScript("L-00003", profile: profile("501", email: "", origin: "hubspot"), firstSeq: 20).lead,
        ]
    }

    func lookups(_ s: any LeadStore) throws -> [String] {
        try ["salesforce:00Q1", "salesforce:00Q2", "hubspot:501", "salesforce:00Q9", "hubspot:77"].map {
            try s.leadIDs(originKey: $0).joined(separator: "+")
        }
            + ["grace@acme.example", "new@x.example", "other@x.example"].map {
                try s.leadIDs(email: $0).joined(separator: "+")
            }
    }

    @Test(arguments: StoreKinds.all)
    func builtFromWhatTheStoreHolds(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: Self.leads())
        // Writes before the first lookup: a new lead, and L-00002's email changed.
        try s.transact(as: "mia", at: t1) { tx in
            _ = try tx.create(Self.profile("77", email: "new@x.example", origin: "hubspot"))
            try tx.update("L-00002", profile: Self.profile("00Q2", email: "other@x.example"))
        }
        let expected = ["L-00001", "L-00002", "L-00003", "", "L-00004", "L-00001", "L-00004", "L-00002"]
        #expect(try lookups(s) == expected)
        #expect(try lookups(try place.open()) == expected)
        // Let go and built again from the same state.
        s.releaseProfileIndex()
        #expect(try lookups(s) == expected)
        #expect(try s.leadIDs(email: "") == [])
        #expect(try s.leadIDs(originKey: "") == [])
    }

    @Test(arguments: StoreKinds.all)
    func keptCurrentByOurWritesAndOtherProcesses(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: Self.leads())
        #expect(try s.leadIDs(email: "GRACE@acme.example") == ["L-00001", "L-00002"])  // built now
        try s.transact(as: "mia", at: t1) { tx in
            try tx.update("L-00001", profile: Self.profile("00Q1", email: "new@x.example"))
        }
        #expect(try s.leadIDs(email: "grace@acme.example") == ["L-00002"])
        #expect(try s.leadIDs(email: "new@x.example") == ["L-00001"])
        #expect(try s.indexedProfile("L-00001") == Self.profile("00Q1", email: "new@x.example"))
        #expect(try s.indexedProfile("L-00009") == nil)
        // Another process creates a lead sharing an email, and re-keys L-00003.
        let other = try place.open()
        try other.transact(as: "mia", at: t1) { tx in
            _ = try tx.create(Self.profile("00Q9", email: "new@x.example"))
            try tx.update("L-00003", profile: Self.profile("502", email: "", origin: "hubspot"))
        }
        _ = try s.refresh()
        #expect(try s.leadIDs(email: "new@x.example") == ["L-00001", "L-00004"])
        #expect(try s.indexedProfile("L-00003") == Self.profile("502", email: "", origin: "hubspot"))
        #expect(try s.leadIDs(originKey: "salesforce:00Q9") == ["L-00004"])
        #expect(try s.leadIDs(originKey: "hubspot:501") == [])
        #expect(try s.leadIDs(originKey: "hubspot:502") == ["L-00003"])
        // Work on a lead (not a profile change) leaves the index alone.
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try s.leadIDs(originKey: "salesforce:00Q1") == ["L-00001"])
    }

    /// An import reads the index before its write; what others save meanwhile is in it by the time
    /// the write plans its rows.
    @Test(arguments: StoreKinds.all)
    func preparedForAnImportAndKeptCurrentInsideItsWrite(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: Self.leads())
        try s.prepareProfileIndex()
        #expect(try s.leadIDs(email: "grace@acme.example") == ["L-00001", "L-00002"])
        let other = try place.open()
        try other.transact(as: "mia", at: t1) { tx in
            _ = try tx.create(Self.profile("00Q9", email: "Grace@acme.example"))
            try tx.update("L-00003", profile: Self.profile("502", email: "", origin: "hubspot"))
        }
        try s.transact(as: "mia", at: t1) { tx in
            #expect(tx.nextLeadID == "L-00005")
            #expect(try s.leadIDs(email: "grace@acme.example") == ["L-00001", "L-00002", "L-00004"])
            #expect(try s.leadIDs(originKey: "hubspot:502") == ["L-00003"])
            #expect(try s.leadIDs(originKey: "hubspot:501") == [])
            #expect(try s.indexedProfile("L-00004")?.originId == "00Q9")
            #expect(try s.indexedProfile("L-00009") == nil)
            var ids: [String] = []
            try s.forEachIndexedProfile { id, _ in ids.append(id) }
            #expect(ids.sorted(by: LeadID.precedes) == ["L-00001", "L-00002", "L-00003", "L-00004"])
            _ = try tx.create(Self.profile("00Q7", email: "x@y.example"))
        }
        s.releaseProfileIndex()
        #expect(try s.leadIDs(originKey: "salesforce:00Q7") == ["L-00005"])
        #expect(try s.leadIDs(email: "grace@acme.example") == ["L-00001", "L-00002", "L-00004"])
    }

    @Test(arguments: StoreKinds.all)
    func thePoolsIdsMatchThePool(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        #expect(try s.unassignedIDs() == ["L-00003"])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00003", as: "mia", at: t1)
        try s.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("9", email: "")) }
        try s.perform(.clawback(reason: "not-now", note: ""), on: "L-00001", as: "ana", at: t1)
        try s.perform(.release(note: ""), on: "L-00001", as: "mia", at: t1)
        #expect(try s.unassignedIDs() == ["L-00001", "L-00005"])
        #expect(try s.unassignedIDs() == Set(try s.unassigned().map(\.id)))
        #expect(try compacted(s, kind))
        #expect(try place.open().unassignedIDs() == ["L-00001", "L-00005"])
    }

    @Test(arguments: StoreKinds.all)
    func aTransactionTellsTheIdItsNextCreateGives(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: Self.leads())
        try s.transact(as: "mia", at: t1) { tx in
            #expect(tx.nextLeadID == "L-00004")
            let made = try tx.create(Self.profile("1", email: ""))
            #expect(made.lead.id == "L-00004")
            #expect(tx.nextLeadID == "L-00005")
        }
        #expect(try s.lead("L-00004")?.profile.originId == "1")
        #expect(try s.lead("L-00005") == nil)
    }

    @Test(arguments: StoreKinds.all)
    func correctAcrossCompactionAndReopening(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: Self.leads())
        _ = try s.leadIDs(email: "x")
        try s.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("00Q5", email: "grace@acme.example")) }
        #expect(try compacted(s, kind))
        // After the compaction: more writes by another process, then ours.
        let other = try place.open()
        try other.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("00Q6", email: "grace@acme.example")) }
        try s.transact(as: "mia", at: t1) { tx in
            try tx.update("L-00002", profile: Self.profile("00Q2", email: "moved@x.example"))
        }
        let expected = ["L-00001", "L-00004", "L-00005"]
        #expect(try s.leadIDs(email: "grace@acme.example") == expected)
        #expect(
            try other.leadIDs(email: "grace@acme.example") == ["L-00001", "L-00002", "L-00004", "L-00005"],
            "not caught up yet")
        _ = try other.refresh()
        #expect(try other.leadIDs(email: "grace@acme.example") == expected)
        let fresh = try place.open()
        #expect(try fresh.leadIDs(email: "grace@acme.example") == expected)
        #expect(try fresh.leadIDs(email: "moved@x.example") == ["L-00002"])
        #expect(try fresh.leadIDs(originKey: "salesforce:00Q6") == ["L-00005"])
    }
}

/// `forEachProfile` (the search index's read) gives what `forEachLead` does, id for id and profile
/// for profile: for snapshot leads, leads with journal events not yet read, and leads created since.
@Suite struct ProfilePassConformanceTests {
    func pairs(_ s: any LeadStore) throws -> [String] {
        var out: [String] = []
        try s.forEachProfile { id, p in out.append("\(id) \(p.name) \(p.email)") }
        return out
    }

    func expected(_ s: any LeadStore) throws -> [String] {
        try allLeads(s).map { "\($0.id) \($0.profile.name) \($0.profile.email)" }
    }

    @Test(arguments: StoreKinds.all)
    func everyLeadAsForEachLeadGivesIt(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create(leads: ProfileLookupConformanceTests.leads())
        try s.transact(as: "mia", at: t1) { tx in
            _ = try tx.create(ProfileLookupConformanceTests.profile("77", email: "new@x.example", origin: "hubspot"))
            try tx.update("L-00002", profile: ProfileLookupConformanceTests.profile("00Q2", email: "other@x.example"))
        }
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        let want = [
            "L-00001 P 00Q1 grace@acme.example", "L-00002 P 00Q2 other@x.example", "L-00003 P 501 ",
            "L-00004 P 77 new@x.example",
        ]
        #expect(try expected(s) == want)
        #expect(try pairs(s) == want)
        // A fresh view reads the journal's events without applying them until a lead is read.
        let fresh = try place.open()
        #expect(try pairs(fresh) == want)
        #expect(try pairs(try place.open()) == expected(try place.open()))
    }
}
