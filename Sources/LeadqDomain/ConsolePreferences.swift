/// How the console behaves for the team, beyond its theme: the mouse, copying to the clipboard,
/// and how a typed `3/12` reads.
public struct ConsolePreferences: Equatable, Sendable {
    /// Wheel, click and double-click; off leaves the terminal's own selection alone.
    public var mouse = true
    /// Copying a lead's phone or email to the terminal's clipboard (OSC 52). Off by default: a
    /// terminal that allows it lets any program write the clipboard.
    public var clipboard = false
    /// nil: the order of the rep's locale (`LC_TIME`, `LC_ALL`, `LANG`).
    public var dateOrder: DayMonthOrder?

    public init() {}
}
