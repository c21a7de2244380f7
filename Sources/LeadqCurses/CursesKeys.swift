import CNcursesw
import LeadqUI

/// Maps what `wget_wch` returns to `Key`.
enum CursesKeys {
    /// A character `wget_wch` returned with OK.
    static func key(forCharacter code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter  // nonl() is on, but ICRNL may still turn CR into LF
        case 27: return .escape
        case 8, 127: return .backspace  // ^H on vt100-style terminals, DEL on xterm-style
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0x80...0x9F: return .unknown(code: Int(code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(code: Int(code)) }
            return .char(Character(scalar))
        }
    }

    /// A function key `wget_wch` returned with KEY_CODE_YES.
    static func key(forFunctionKey code: Int32) -> Key {
        switch Int(code) {
        case Int(LEADQ_KEY_UP): return .up
        case Int(LEADQ_KEY_DOWN): return .down
        case Int(LEADQ_KEY_LEFT): return .left
        case Int(LEADQ_KEY_RIGHT): return .right
        case Int(LEADQ_KEY_HOME), Int(LEADQ_KEY_A1), Int(LEADQ_KEY_BEG), Int(LEADQ_KEY_FIND): return .home
        case Int(LEADQ_KEY_END), Int(LEADQ_KEY_C1), Int(LEADQ_KEY_SELECT): return .end
        case Int(LEADQ_KEY_PPAGE), Int(LEADQ_KEY_A3): return .pageUp
        case Int(LEADQ_KEY_NPAGE), Int(LEADQ_KEY_C3): return .pageDown
        case Int(LEADQ_KEY_BACKSPACE): return .backspace
        case Int(LEADQ_KEY_DC): return .delete
        case Int(LEADQ_KEY_IC): return .insert
        case Int(LEADQ_KEY_ENTER): return .enter
        case Int(LEADQ_KEY_BTAB): return .backTab
        case Int(LEADQ_KEY_RESIZE): return .resize
        case (Int(LEADQ_KEY_F0) + 1)...(Int(LEADQ_KEY_F0) + 63): return .f(Int(code) - Int(LEADQ_KEY_F0))
        default: return .unknown(code: Int(code))
        }
    }
}
