/// The texts a logged contact gives the follow-ups it closes and schedules, made once for every
/// channel and outcome: folding a million leads' histories made each again, a string apiece.
extension Contact {
    private static let said: [[String]] = Channel.allCases.map { ch in
        Outcome.allCases.map { "\(ch.rawValue): \($0.rawValue)" }
    }
    private static let tryAgain: [[String]] = said.map { $0.map { "Try again after \($0)" } }

    /// "call: voicemail": the note of a follow-up this contact completed.
    var said: String { Contact.said[channel.index][outcome.index] }
    /// "Try again after call: voicemail": the follow-up the cadence schedules, unless it says what.
    var tryAgain: String { Contact.tryAgain[channel.index][outcome.index] }
}

extension Channel {
    /// Its place in `allCases` (which makes an array each time it is asked).
    fileprivate var index: Int {
        switch self {
        case .call: 0
        case .email: 1
        case .sms: 2
        case .social: 3
        case .meeting: 4
        }
    }
}

extension Outcome {
    /// Its place in `allCases`.
    fileprivate var index: Int {
        switch self {
        case .connected: 0
        case .voicemail: 1
        case .noAnswer: 2
        case .replied: 3
        case .bounced: 4
        case .meetingBooked: 5
        }
    }
}
