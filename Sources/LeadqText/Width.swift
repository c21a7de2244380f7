/// Terminal display width, in columns, as ncurses will lay the text out.
///
/// ncurses advances its cursor by glibc's `wcwidth()` for every scalar it is given, so the
/// per-scalar numbers come from glibc (see `WidthTables.swift`). A grapheme cluster's width is:
///
/// 1. **1** if the cluster is *unsafe* (holds a control, DEL, C1, a bidi control or a scalar glibc
///    cannot print): `CellBuffer` shows such a cluster as one "�", so that is the width it takes.
/// 2. **2** if it is an emoji sequence: an emoji followed by VS16 (U+FE0F), a ZWJ (U+200D), a skin
///    tone modifier or tag characters, or a pair of regional indicators (a flag). Terminals draw
///    these as one 2-column glyph; `terminalForm` reduces them to scalars ncurses also counts as 2.
/// 3. Otherwise the **sum of the scalars' wcwidth** (a non-printable scalar never reaches here).
///    For ordinary text that is the first scalar's width, since the rest are combining marks of
///    width 0; the sum differs only for clusters with spacing marks (e.g. Tamil "கா" is 1+1), where
///    ncurses, and the terminal, really do use one column per spacing scalar.
///
/// So a cluster is 0 (a lone combining mark or zero-width format character), 1, or 2 columns,
/// and rarely more (several spacing marks in one cluster).
public enum Width {
    /// glibc's `wcwidth` for one scalar: 0, 1 or 2, or `nil` where glibc answers -1
    /// (not printable: C0/C1 controls, DEL, U+2028/U+2029, unassigned code points).
    public static func glibc(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }  // printable ASCII: the common case, no search
        if contains(WidthTables.nonPrintable, v) { return nil }
        if contains(WidthTables.zero, v) { return 0 }
        if contains(WidthTables.wide, v) { return 2 }
        return 1
    }

    /// Bidi embedding/override/isolate controls and marks. glibc counts them as width 0 and
    /// printable, but they reorder what follows on terminals that implement bidi, so untrusted
    /// text must never carry them to the screen.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// True for a scalar that must not reach a terminal raw: C0 (incl. NUL, which glibc gives
    /// width 0), DEL, C1, bidi controls, and anything glibc cannot print.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return false }
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return true }
        return isBidiControl(scalar) || glibc(scalar) == nil
    }

    /// True if any scalar of the cluster is unsafe (see `isUnsafe(_:)`).
    public static func isUnsafe(_ c: Character) -> Bool {
        c.unicodeScalars.contains(where: isUnsafe)
    }

    /// Display width of one grapheme cluster (rule in the type's comment).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        if scalars.count == 1, let only = scalars.first {
            if isUnsafe(only) { return 1 }
            return glibc(only) ?? 1
        }
        if isUnsafe(c) { return 1 }
        if isEmojiSequence(c) { return 2 }
        var total = 0
        for s in scalars { total += glibc(s) ?? 1 }
        return total
    }

    /// Display width of a string: the sum over its grapheme clusters. Inlinable so callers in other
    /// modules get it specialised for their string type (every table cell asks).
    @inlinable
    public static func of<S: StringProtocol>(_ s: S) -> Int {
        // Printable ASCII (most names, companies, titles) is a column a byte: no grapheme walk.
        if isPrintableASCII(s) { return s.utf8.count }
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// Every byte in 0x20...0x7E: one column each, nothing to make inert.
    @inlinable
    public static func isPrintableASCII<S: StringProtocol>(_ s: S) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ printableASCII($0) }) { return r }
        return s.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    @usableFromInline
    static func printableASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c < 0x20 || c > 0x7E { return false }
        return true
    }

    /// An emoji presentation sequence that terminals draw as one 2-column glyph.
    public static func isEmojiSequence(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard scalars.count >= 2, let first = scalars.first else { return false }
        if isRegionalIndicator(first) {
            return scalars.dropFirst().contains(where: isRegionalIndicator)
        }
        guard first.properties.isEmoji else { return false }
        for s in scalars.dropFirst() {
            switch s.value {
            case 0xFE0F, 0x200D, 0xE0020...0xE007F: return true
            default: if s.properties.isEmojiModifier { return true }
            }
        }
        return false
    }

    /// The scalars a curses backend should write for a cluster so that ncurses, which counts
    /// glibc widths per scalar, advances exactly `Width.of(c)` columns.
    ///
    /// Ordinary clusters pass through unchanged. Unsafe ones become "�". Emoji sequences keep
    /// only what ncurses can place in one cell: a flag keeps both regional indicators (1+1), any
    /// other sequence keeps its first emoji plus its zero-width combining marks (VS16, ZWJ,
    /// modifiers and the later emoji of a ZWJ sequence are dropped, since ncurses would count
    /// each joined emoji as 2 more columns), padded with spaces up to 2 columns.
    public static func terminalForm(_ c: Character) -> String {
        if isUnsafe(c) { return "\u{FFFD}" }
        guard isEmojiSequence(c) else { return String(c) }
        let scalars = Array(c.unicodeScalars)
        var out = String.UnicodeScalarView()
        if isRegionalIndicator(scalars[0]) {
            out.append(scalars[0])
            if let second = scalars.dropFirst().first(where: isRegionalIndicator) { out.append(second) }
        } else {
            out.append(scalars[0])
            for s in scalars.dropFirst() {
                if s.value == 0x200D { break }  // the rest is another emoji joined on
                if s.value == 0xFE0F || s.value == 0xFE0E || s.properties.isEmojiModifier { continue }
                if (0xE0020...0xE007F).contains(s.value) { continue }
                if glibc(s) == 0 { out.append(s) }
            }
        }
        var used = 0
        for s in out { used += glibc(s) ?? 1 }
        while used < 2 {
            out.append(" ")
            used += 1
        }
        return String(out)
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(s.value)
    }

    /// Binary search over a table of inclusive [first, last] pairs sorted by `first`.
    static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var lo = 0
        var hi = table.count / 2 - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < table[2 * mid] {
                hi = mid - 1
            } else if v > table[2 * mid + 1] {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
