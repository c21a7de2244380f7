/// Names the escape sequences a terminal sends for keys that its terminfo entry does not list,
/// so they are not mistaken for Esc followed by typing. Common when TERM does not match the
/// real terminal, e.g. tmux sends Home as ESC [ 1 ~ while xterm-256color's terminfo says ESC O H.
public enum EscapeSequence {
    /// Longest tail (after ESC) worth collecting; real key sequences are far shorter.
    public static let maxLength = 16

    /// True once `tail` (what followed ESC so far) is a whole sequence: a CSI (`[` …) ends with
    /// a byte in @…~, an SS3 (`O` x) after one character. Used to know when to stop reading.
    public static func isComplete(_ tail: String) -> Bool {
        let scalars = Array(tail.unicodeScalars)
        guard let first = scalars.first else { return false }
        switch first {
        case "[":
            guard scalars.count >= 2, let last = scalars.last else { return false }
            return (0x40...0x7E).contains(last.value)
        case "O": return scalars.count >= 2
        default: return true
        }
    }

    /// The key for a complete CSI or SS3 sequence `tail`, or nil if it is not one we know.
    /// Sequences with modifier parameters (`[1;5A`, Ctrl-Up) are not guessed at.
    public static func key(_ tail: String) -> Key? {
        if let ss3 = tail.dropFirstIfPrefix("O") {
            switch ss3 {
            case "A": return .up
            case "B": return .down
            case "C": return .right
            case "D": return .left
            case "H": return .home
            case "F": return .end
            case "M": return .enter
            case "P": return .f(1)
            case "Q": return .f(2)
            case "R": return .f(3)
            case "S": return .f(4)
            default: return nil
            }
        }
        guard let csi = tail.dropFirstIfPrefix("["), let final = csi.last else { return nil }
        let parameters = String(csi.dropLast())
        if parameters.contains(";") { return nil }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "~":
            switch parameters {
            case "1", "7": return .home
            case "2": return .insert
            case "3": return .delete
            case "4", "8": return .end
            case "5": return .pageUp
            case "6": return .pageDown
            case "11": return .f(1)
            case "12": return .f(2)
            case "13": return .f(3)
            case "14": return .f(4)
            case "15": return .f(5)
            case "17": return .f(6)
            case "18": return .f(7)
            case "19": return .f(8)
            case "20": return .f(9)
            case "21": return .f(10)
            case "23": return .f(11)
            case "24": return .f(12)
            default: return nil
            }
        default: return nil
        }
    }
}

extension String {
    fileprivate func dropFirstIfPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
