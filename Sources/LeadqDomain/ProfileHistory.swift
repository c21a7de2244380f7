/// A lead's profile through time: each `updated` entry records its changes, and an undo of an
/// update takes them back, so the profile at any point of the history follows from the current one.
extension Lead {
    /// The changes of the update entry `seq`, if it is one that recorded them.
    public func updateChanges(_ seq: Int64) -> [FieldChange]? {
        guard let e = history.first(where: { $0.seq == seq }), case .updated(_, let changes?) = e.op else { return nil }
        return changes
    }

    /// What an entry does to the profile, applied to it.
    mutating func applyProfileChanges(of entry: Entry) {
        switch entry.op {
        case .updated(_, let changes?):
            profile.apply(changes)
        case .undo(let target):
            if let changes = updateChanges(target) { profile.revert(changes) }
        default:
            break
        }
    }

    /// The profile as it was at `t`: the current one with every change recorded after `t` taken
    /// back, newest first. Before the lead entered the store, the profile it entered with. Updates
    /// written before leadq recorded their changes can't be taken back: what they changed keeps
    /// its later value.
    public func profile(asOf t: Instant) -> Profile {
        profile(rewinding: { $0.at > t })
    }

    /// The profile right after the entry `seq` (the one a `created` or `updated` event carried).
    public func profile(afterSeq seq: Int64) -> Profile {
        profile(rewinding: { $0.seq > seq })
    }

    private func profile(rewinding isLater: (Entry) -> Bool) -> Profile {
        var p = profile
        for e in history.reversed() where isLater(e) {
            switch e.op {
            case .updated(_, let changes?):
                p.revert(changes)
            case .undo(let target):
                if let changes = updateChanges(target) { p.apply(changes) }
            default:
                break
            }
        }
        return p
    }
}
