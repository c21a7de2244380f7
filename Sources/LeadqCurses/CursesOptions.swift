import LeadqUI

/// How to start the curses screen. The environment is passed in (not read deep inside) so the
/// caller decides what counts: TERM picks the terminfo entry, a non-empty NO_COLOR turns colour
/// off, TMPDIR is where stray stderr output is parked while the screen is up.
public struct CursesOptions: Sendable {
    public var environment: [String: String]
    /// Never use colour, whatever the terminal can do (same as NO_COLOR).
    public var noColor: Bool
    /// The theme to start with; `apply(_:)` changes it later.
    public var theme: Theme
    /// How long to wait after ESC for the rest of an escape sequence (ncurses' default is 1 s,
    /// which makes Esc feel broken).
    public var escapeDelayMs: Int
    /// Send stderr to a temporary file while the screen is up and print it after (so warnings
    /// cannot scribble over the screen, and a crash message is shown after the terminal is
    /// restored).
    public var captureStderr: Bool
    /// Report clicks and the wheel (the terminal's own selection then needs Shift).
    public var mouse = true

    public init(
        environment: [String: String], noColor: Bool = false, theme: Theme = .builtinDefault,
        escapeDelayMs: Int = 25, captureStderr: Bool = true
    ) {
        self.environment = environment
        self.noColor = noColor
        self.theme = theme
        self.escapeDelayMs = escapeDelayMs
        self.captureStderr = captureStderr
    }

    /// Colour is off when asked for, or when NO_COLOR is set to anything non-empty.
    public var colorDisabled: Bool {
        noColor || !(environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// Why the curses screen could not start. The terminal is left as it was.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or run from a script).
    case notATerminal
    /// TERM is unset or empty.
    case noTerminalType
    /// No terminfo entry for TERM.
    case unknownTerminal(String)
    /// The terminal cannot position the cursor (e.g. TERM=dumb), so a full-screen UI is impossible.
    case terminalTooLimited(String)
    /// curses failed for another reason.
    case startFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the console needs a terminal: stdin and stdout must both be a tty"
        case .noTerminalType:
            return "TERM is not set, so the terminal type is unknown (try TERM=xterm-256color)"
        case .unknownTerminal(let term):
            return
                "unknown terminal type '\(term)': no terminfo entry (try TERM=xterm-256color, or install ncurses-term)"
        case .terminalTooLimited(let term):
            return "terminal type '\(term)' cannot move the cursor, so the full-screen console cannot run"
        case .startFailed(let why):
            return "cannot start the console: \(why)"
        }
    }
}

/// Colours the terminal offers, after NO_COLOR and `noColor`.
public enum ColorSupport: Equatable, Sendable {
    case none
    /// `colors` slots (8, 16, 88, 256, …); `defaultColors` if the terminal's own
    /// foreground/background can be used (-1), else white on black stands in for them.
    case palette(colors: Int, defaultColors: Bool)
}
