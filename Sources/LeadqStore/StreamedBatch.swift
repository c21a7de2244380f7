import LeadqDomain

/// Where a big batch of new leads' events waits for its write (an import of 100,000 rows), a chunk
/// at a time, so they are never all in memory at once: the store keeps them as it will write them,
/// but for what it can't know yet (every line of a write names the write's last event), and sets
/// that as it writes them (`StreamedBatch`). Made by `LeadTransaction.makeSpool`.
public protocol StreamedSpool: AnyObject {
    /// The number the first event takes: the write's first.
    var firstSeq: Int64 { get }
    /// How many events it holds.
    var events: Int { get }
    /// Takes the next events, numbered on from `firstSeq + events`.
    func append(_ events: consuming [Event]) throws
}

/// A spool's events, written first in the write and ahead of what the write stages after them.
public struct StreamedBatch {
    public var spool: any StreamedSpool
    /// How many events the spool held when it was added.
    public var events: Int
    /// How many leads they create, numbered on from `LeadTransaction.nextLeadID` as it was when
    /// the batch was added.
    public var leads: Int

    public init(spool: any StreamedSpool, leads: Int) {
        (self.spool, self.events, self.leads) = (spool, spool.events, leads)
    }
}

/// A streamed batch handed over other than the store declared it: the write is taken back.
public struct StreamedBatchMismatch: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

extension LeadTransaction {
    public var acceptsStreamed: Bool { false }

    public func makeSpool() throws -> any StreamedSpool {
        throw StreamedBatchMismatch("this store takes no streamed batches")
    }

    public func addStreamed(_ batch: StreamedBatch) throws {
        throw StreamedBatchMismatch("this store takes no streamed batches")
    }

    public func stageOnStreamed(_ command: Command, id: String) throws -> Refusal? {
        throw StoreError.unknownLead(id)
    }
}
