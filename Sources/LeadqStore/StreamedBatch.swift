import LeadqDomain

/// A big batch of new leads' events that the store asks for a chunk at a time as it writes them,
/// so they are never all in memory at once (an import of 100,000 rows). Its size is known before
/// the first line is written: every line of a write names the write's last event.
public struct StreamedBatch {
    /// How many events `produce` hands over in all.
    public var events: Int
    /// How many leads they create, numbered on from `LeadTransaction.nextLeadID` as it was when
    /// the batch was added.
    public var leads: Int
    /// Hands the events over, in order, a chunk at a time, numbered on from `firstSeq`. Called once,
    /// by the store, while it writes; throwing takes the whole write back.
    public var produce: (_ firstSeq: Int64, _ emit: ([Event]) throws -> Void) throws -> Void

    public init(
        events: Int, leads: Int, produce: @escaping (_ firstSeq: Int64, _ emit: ([Event]) throws -> Void) throws -> Void
    ) {
        (self.events, self.leads, self.produce) = (events, leads, produce)
    }
}

/// A streamed batch handed over other than the store declared it: the write is taken back.
public struct StreamedBatchMismatch: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

extension LeadTransaction {
    public var acceptsStreamed: Bool { false }

    public func addStreamed(_ batch: StreamedBatch) throws {
        throw StreamedBatchMismatch("this store takes no streamed batches")
    }

    public func stageOnStreamed(_ command: Command, id: String) throws -> Refusal? {
        throw StoreError.unknownLead(id)
    }
}
