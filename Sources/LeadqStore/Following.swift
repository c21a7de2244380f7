/// How a process follows other processes' writes. A store that announces them (a database with
/// LISTEN/NOTIFY) can be asked often whether anything is new without reading it; one that can't
/// (a directory) is looked at with `refresh()` now and then, as cheaply as that allows.
///
/// A store reached over a connection may lose it (a restart, an administrator ending it). It is
/// then `offline`: reads and writes fail at once with that reason between tries, `changesWaiting`
/// stays true so the follower keeps calling `refresh()`, and the first `refresh()` that reaches the
/// server again catches up from `lastSeq`.
extension LeadStore {
    /// A directory announces nothing: each look is a `refresh()`.
    public var announcesChanges: Bool { false }
    /// Without announcements every look may find something.
    public var changesWaiting: Bool { true }
    /// A directory on this machine is always at hand.
    public var offline: String? { nil }
}
