/// The one thing views need from a terminal (cf. ratatui's Backend): its size, and a way to
/// show a frame. Implementations flush only what changed since the frame they drew last.
/// Confined to the main actor because curses is single-threaded.
@MainActor
public protocol Screen: AnyObject {
    /// Current size in columns and rows; re-read it after `.resize`.
    var size: Size { get }
    /// Shows `frame`. A frame of another size than `size` is clipped or padded with blanks.
    func draw(_ frame: CellBuffer)
    /// Audible (or visible) bell.
    func bell()
    /// How roles look from now on. The next `draw` repaints everything.
    func apply(_ theme: Theme)
    /// Gives the terminal back to the shell (e.g. to run $EDITOR), until `resume`.
    func suspend()
    /// Takes the terminal again after `suspend`; the next `draw` repaints everything.
    func resume()
    /// Puts `text` on the terminal's clipboard, if it has one it lets programs write (OSC 52).
    func copyToClipboard(_ text: String)
}

extension Screen {
    /// Screens without a clipboard (in memory, scripted) ignore it.
    public func copyToClipboard(_ text: String) {}
}

/// Where key presses come from.
@MainActor
public protocol KeySource: AnyObject {
    /// The next key, waiting at most `timeoutMs` milliseconds (nil: wait for a key; 0: poll).
    /// Returns nil on timeout. Throws `TerminalSignal` when the process was asked to terminate
    /// (SIGTERM, SIGHUP, …), so the app can unwind and restore the terminal.
    func readKey(timeoutMs: Int?) throws -> Key?
}

/// A terminal: a screen plus its keyboard.
public typealias Terminal = Screen & KeySource

/// Thrown by `KeySource.readKey` when a termination signal arrived; exit with `exitCode`
/// after the terminal is restored.
public struct TerminalSignal: Error, Equatable, Sendable, CustomStringConvertible {
    public var signal: Int32
    public var name: String

    public init(signal: Int32, name: String) {
        self.signal = signal
        self.name = name
    }

    /// The shell convention for death by signal.
    public var exitCode: Int32 { 128 + signal }
    public var description: String { "received \(name)" }
}
