/// The console's state behind its one writer: a message goes in, `Console.update` changes the
/// state and names the effects to run. The runtime keeps its state in one of these, so nothing
/// but the reducer can set it.
struct ReducedState {
    private(set) var state: ConsoleState

    init(_ state: ConsoleState) {
        self.state = state
    }

    mutating func send(_ msg: Msg) -> [Effect] {
        Console.update(&state, msg)
    }
}
