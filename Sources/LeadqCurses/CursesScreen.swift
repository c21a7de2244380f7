import CLeadqSignals
import CNcursesw
import Glibc
import LeadqText
import LeadqUI

/// The ncurses backend: a `Screen` and `KeySource` on the real terminal.
///
/// All use must be on the main actor (curses is not thread-safe). Create it with
/// `withCursesScreen`, which guarantees `endwin()` however the body ends.
///
/// Input modes and signals:
/// - `cbreak` (not `raw`), so the terminal's signal keys keep working: Ctrl-C raises SIGINT,
///   which is caught and delivered to the app as the key `.ctrl("c")`; Ctrl-Z raises SIGTSTP,
///   which is caught too: `readKey` restores the terminal and stops; on `fg` it returns
///   `.resize` and the next draw repaints everything; Ctrl-\ (SIGQUIT) is a
///   termination request. Flow control (Ctrl-S/Ctrl-Q) and Ctrl-V/Ctrl-O literal handling are
///   turned off so those reach the app as keys.
/// - SIGTERM, SIGHUP, SIGQUIT make `readKey` throw `TerminalSignal`; let it propagate out of
///   `withCursesScreen` (which restores the terminal) and exit with its `exitCode`. If the app
///   does not read keys before a second such signal (or Ctrl-C) arrives, the signal handler
///   restores the terminal itself and the process dies of the signal.
/// - Crashes (SIGSEGV, SIGILL from a Swift trap, SIGABRT, …) restore the terminal before dying.
@MainActor
public final class CursesScreen: Screen, KeySource {
    public private(set) var size: Size
    /// Colours in use (after NO_COLOR / `noColor`).
    public let colorSupport: ColorSupport
    /// The frame style this terminal can show: `.ascii` when the locale is not UTF-8.
    public let boxStyle: BoxStyle
    /// False when the locale is not UTF-8: non-ASCII text is then shown as "?" per column.
    public let unicode: Bool
    /// The terminal type in use.
    public let terminalType: String

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var styles: CursesStyles
    private var lastFrame: CellBuffer?
    private var needsFullRedraw = true
    private var isOpen = true
    private var isSuspended = false
    private var deferredTermination: Int32?
    private let captureStderr: Bool
    private let escapeDelayMs: Int
    private let tmpDir: String

    /// Starts curses on stdin/stdout. Prefer `withCursesScreen`, which also closes it.
    public init(options: CursesOptions) throws(CursesError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let term = options.environment["TERM"], !term.isEmpty else { throw .noTerminalType }
        terminalType = term
        captureStderr = options.captureStderr
        escapeDelayMs = max(0, options.escapeDelayMs)
        tmpDir = options.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"

        setlocale(LC_ALL, "")
        unicode = leadq_locale_is_utf8() != 0

        (screen, window) = try CursesScreen.start(term)
        CursesScreen.setModes(window, escapeDelayMs: escapeDelayMs, mouse: options.mouse)
        let support = CursesScreen.startColors(disabled: options.colorDisabled)
        colorSupport = support
        boxStyle = unicode ? .unicode : .ascii
        styles = CursesStyles(theme: options.theme, support: support, maxPairs: Int(leadq_color_pairs())) { n, fg, bg in
            init_pair(n, fg, bg)
        }
        var rows: Int32 = 0
        var cols: Int32 = 0
        leadq_getmaxyx(window, &rows, &cols)
        size = Size(width: Int(cols), height: Int(rows))

        CursesScreen.recordEmergencyReset()
        if captureStderr { _ = leadq_signals_capture_stderr(tmpDir) }
    }

    /// Installs the signal handlers and starts curses on `term`; on failure undoes what it did.
    private static func start(_ term: String) throws(CursesError) -> (OpaquePointer, UnsafeMutablePointer<WINDOW>) {
        // Our handlers go in first, so ncurses leaves SIGINT/SIGTERM/SIGTSTP to us (it only
        // installs its own where the disposition is still the default) and keeps SIGWINCH.
        if leadq_signals_install(STDIN_FILENO) != 0 {
            throw .startFailed("cannot install signal handlers: \(String(cString: strerror(errno)))")
        }
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        guard let screen = newterm(term, leadq_stdout(), leadq_stdin()) else {
            leadq_signals_uninstall()
            throw .unknownTerminal(term)
        }
        set_term(screen)
        guard let window = leadq_stdscr() else {
            endwin()
            delscreen(screen)
            leadq_signals_uninstall()
            throw .startFailed("no standard screen")
        }
        if leadq_tigetstr("cup") == nil {
            endwin()
            delscreen(screen)
            leadq_signals_uninstall()
            throw .terminalTooLimited(term)
        }
        return (screen, window)
    }

    /// Keys one at a time, unechoed, function keys decoded, no cursor, no scrolling.
    private static func setModes(_ window: UnsafeMutablePointer<WINDOW>, escapeDelayMs: Int, mouse: Bool) {
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        leaveok(window, true)
        scrollok(window, false)
        set_escdelay(Int32(escapeDelayMs))
        curs_set(0)
        CursesScreen.disableFlowControl()
        if mouse {
            _ = mousemask(leadq_mouse_mask(), nil)
            _ = mouseinterval(200)
        }
        def_prog_mode()  // so ncurses puts these modes back after Ctrl-Z / suspend()
    }

    /// Starts colours unless disabled or the terminal has none; what the terminal then supports.
    private static func startColors(disabled: Bool) -> ColorSupport {
        var support = ColorSupport.none
        if !disabled && has_colors() {
            start_color()
            let defaults = use_default_colors() == LEADQ_CURSES_OK
            support = .palette(colors: Int(min(leadq_colors(), 256)), defaultColors: defaults)
        }
        return support
    }

    // MARK: - Screen

    public func draw(_ frame: CellBuffer) {
        guard isOpen, !isSuspended else { return }
        let fitted = frame.size == size ? frame : frame.resized(to: size)
        let full = needsFullRedraw || lastFrame == nil
        if full { clearok(leadq_curscr(), true) }
        for run in fitted.diff(from: full ? nil : lastFrame) {
            for segment in run.segments {
                let style = styles[segment.role]
                _ = leadq_wattr_set(window, style.attrs, style.pair)
                var text: [wchar_t] = []
                text.reserveCapacity(segment.width + 2)
                for cluster in segment.clusters {
                    for scalar in CursesScreen.shownForm(of: cluster, unicode: unicode).unicodeScalars {
                        text.append(wchar_t(bitPattern: scalar.value))
                    }
                }
                text.withUnsafeBufferPointer { buffer in
                    _ = mvwaddnwstr(window, Int32(run.y), Int32(segment.x), buffer.baseAddress, Int32(buffer.count))
                }
            }
        }
        _ = leadq_wattr_set(window, leadq_a_normal(), 0)
        wnoutrefresh(window)
        doupdate()
        lastFrame = fitted
        needsFullRedraw = false
    }

    /// OSC 52 straight to the terminal, after the frame curses has flushed.
    public func copyToClipboard(_ text: String) {
        guard isOpen, !isSuspended else { return }
        let bytes = ClipboardSequence.osc52(text)
        bytes.withUnsafeBufferPointer { buf in
            _ = fwrite(buf.baseAddress, 1, buf.count, leadq_stdout())
        }
        fflush(leadq_stdout())
    }

    public func bell() {
        guard isOpen else { return }
        beep()
    }

    public func apply(_ theme: Theme) {
        guard isOpen else { return }
        styles = CursesStyles(theme: theme, support: colorSupport, maxPairs: Int(leadq_color_pairs())) { n, fg, bg in
            init_pair(n, fg, bg)
        }
        needsFullRedraw = true
    }

    /// Hands the terminal back (e.g. to run $EDITOR): leaves curses mode and shows stderr again.
    public func suspend() {
        guard isOpen, !isSuspended else { return }
        def_prog_mode()
        endwin()
        if captureStderr { leadq_signals_release_stderr() }
        isSuspended = true
        leadq_signals_stop_at_once(1)
    }

    /// Takes the terminal back after `suspend`; draw next to repaint everything.
    public func resume() {
        guard isOpen, isSuspended else { return }
        isSuspended = false
        leadq_signals_stop_at_once(0)
        if captureStderr { _ = leadq_signals_capture_stderr(tmpDir) }
        // A Ctrl-C typed into the program we handed the terminal to was meant for it, not us;
        // a termination request stays pending.
        let sig = leadq_signals_take_termination()
        if sig != 0 && sig != SIGINT { deferredTermination = sig }
        reset_prog_mode()
        refreshSize()
        needsFullRedraw = true
        clearok(leadq_curscr(), true)
        wrefresh(window)
    }

    // MARK: - Keys

    /// The next key, or nil after `timeoutMs` (nil: wait as long as it takes). Waits in slices
    /// of at most 250 ms so signals are noticed even if the read is restarted after them.
    /// Returns `.resize` after a terminal resize or a return from Ctrl-Z, and `.ctrl("c")` for
    /// Ctrl-C (SIGINT). Throws `TerminalSignal` for SIGTERM, SIGHUP and SIGQUIT.
    public func readKey(timeoutMs: Int?) throws -> Key? {
        guard isOpen, !isSuspended else { return nil }
        var remaining = timeoutMs.map { max(0, $0) }
        while true {
            if let key = try pendingSignalKey() { return key }
            let slice = min(remaining ?? 250, 250)
            wtimeout(window, Int32(slice))
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == LEADQ_KEY_CODE_YES && Int32(bitPattern: code) == Int32(LEADQ_KEY_MOUSE) {
                if let mouse = readMouse() { return mouse }
                continue
            }
            if result == LEADQ_KEY_CODE_YES {
                let key = CursesKeys.key(forFunctionKey: Int32(bitPattern: code))
                if key == .resize {
                    refreshSize()
                    needsFullRedraw = true
                }
                return key
            }
            if result == LEADQ_CURSES_OK {
                let key = CursesKeys.key(forCharacter: code)
                return key == .escape ? afterEscape() : key
            }
            if let key = try pendingSignalKey() { return key }
            if let left = remaining {
                if left <= slice { return nil }
                remaining = left - slice
            }
        }
    }

    // MARK: - Closing

    /// Leaves curses and restores the terminal. Idempotent; `withCursesScreen` calls it.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        if !isSuspended {
            _ = leadq_wattr_set(window, leadq_a_normal(), 0)
            curs_set(1)
            endwin()
        }
        delscreen(screen)
        leadq_signals_uninstall()
        if captureStderr { leadq_signals_release_stderr() }
    }

    // MARK: - Private

    /// What to hand ncurses for one cell's cluster (see `Width.terminalForm`); without a UTF-8
    /// locale non-ASCII cannot be encoded: the interface's own symbols get their ASCII stand-ins,
    /// anything else becomes "?" per column.
    nonisolated static func shownForm(of cluster: String, unicode: Bool) -> String {
        guard let c = cluster.first else { return "" }
        if unicode { return Width.terminalForm(c) }
        if c.isASCII { return Width.isUnsafe(c) ? "?" : cluster }
        if let stand = ASCIIGlyphs.substitute(c) { return String(stand) }
        return String(repeating: "?", count: max(1, Width.of(c)))
    }

    /// The mouse event waiting, if it is one the console uses.
    private func readMouse() -> Key? {
        var x: Int32 = 0
        var y: Int32 = 0
        let kinds: [Int32: Mouse.Kind] = [1: .wheelUp, 2: .wheelDown, 3: .doubleClick, 4: .click]
        guard let kind = kinds[leadq_read_mouse(&x, &y)] else { return nil }
        return .mouse(Mouse(kind, x: Int(x), y: Int(y)))
    }

    /// A key for a signal that arrived, if any.
    private func pendingSignalKey() throws -> Key? {
        var sig = leadq_signals_take_termination()
        if sig == 0, let deferred = deferredTermination {
            sig = deferred
            deferredTermination = nil
        }
        if sig == SIGINT { return .ctrl("c") }
        if sig != 0 { throw TerminalSignal(signal: sig, name: CursesScreen.signalName(sig)) }
        if leadq_signals_take_stop() != 0 {
            // Ctrl-Z: out of curses and stopped here until `fg`, then drawn anew. Drawn anew even
            // if the stop never came (a process group without a job-control shell isn't stopped).
            def_prog_mode()
            endwin()
            leadq_signals_stop()
            _ = leadq_signals_take_continued()
            reset_prog_mode()
            clearok(leadq_curscr(), true)
            refreshSize()
            needsFullRedraw = true
            return .resize
        }
        if leadq_signals_take_continued() != 0 {
            // Continued after a stop from elsewhere (SIGSTOP; Ctrl-Z while $EDITOR had the
            // terminal): the terminal may have been changed meanwhile, and its size.
            refreshSize()
            needsFullRedraw = true
            return .resize
        }
        return nil
    }

    /// What an ESC that curses returned on its own means: Esc; Alt+character if a character
    /// followed at once; or a key sequence the terminfo entry does not list (read to its end and
    /// named by `EscapeSequence`, so it does not turn into Esc plus stray typing).
    private func afterEscape() -> Key {
        wtimeout(window, 0)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == LEADQ_KEY_CODE_YES {
            ungetch(Int32(bitPattern: code))
            return .escape
        }
        guard result == LEADQ_CURSES_OK, let first = Unicode.Scalar(code) else { return .escape }
        // Alt+Enter: a line break in a note.
        if code == 10 || code == 13 { return .alt("\n") }
        guard first == "[" || first == "O" else {
            if case .char(let c) = CursesKeys.key(forCharacter: code) { return .alt(c) }
            unget_wch(wchar_t(bitPattern: code))
            return .escape
        }
        var tail = String(first)
        wtimeout(window, Int32(escapeDelayMs))
        while !EscapeSequence.isComplete(tail) && tail.unicodeScalars.count < EscapeSequence.maxLength {
            guard wget_wch(window, &code) == LEADQ_CURSES_OK, let scalar = Unicode.Scalar(code) else { break }
            tail.unicodeScalars.append(scalar)
        }
        if tail.unicodeScalars.count == 1 { return .alt(Character(first)) }  // Alt-[ or Alt-O typed
        return EscapeSequence.key(tail) ?? .unknown(code: 27)
    }

    private func refreshSize() {
        var rows: Int32 = 0
        var cols: Int32 = 0
        leadq_getmaxyx(window, &rows, &cols)
        size = Size(width: Int(cols), height: Int(rows))
    }
}

/// Runs `body` with a curses screen and always restores the terminal afterwards, whether
/// `body` returns or throws (including `TerminalSignal`). Errors from `body` are rethrown after
/// the terminal is back to normal, so they can be printed.
@MainActor
public func withCursesScreen<T>(_ options: CursesOptions, _ body: (CursesScreen) throws -> T) throws -> T {
    let screen = try CursesScreen(options: options)
    defer { screen.close() }
    return try body(screen)
}
