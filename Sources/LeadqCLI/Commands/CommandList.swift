import ArgumentParser

enum CommandList {
    static let all: [ParsableCommand.Type] = [
        ConsoleCommand.self, InitCommand.self, DemoCommand.self,
        QueueCommand.self, ShowCommand.self, HistoryCommand.self,
        AcceptCommand.self, RejectCommand.self, ContactCommand.self, FollowUpCommand.self,
        QualifyCommand.self, ClawbackCommand.self, AssignCommand.self, ReassignCommand.self,
        ReleaseCommand.self, UndoCommand.self, ReportCommand.self,
        ReasonsCommand.self, CompactCommand.self, VerifyCommand.self, RepairCommand.self,
        ImportCommand.self, ExportCommand.self, RouteCommand.self, NurtureCommand.self, DispatchCommand.self,
    ]
}
