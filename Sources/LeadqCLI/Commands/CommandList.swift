import ArgumentParser

enum CommandList {
    static let all: [ParsableCommand.Type] = [
        ConsoleCommand.self, InitCommand.self, DemoCommand.self,
        QueueCommand.self, FindCommand.self, ShowCommand.self, HistoryCommand.self, AgendaCommand.self,
        AcceptCommand.self, RejectCommand.self, ContactCommand.self, FollowUpCommand.self,
        NoteCommand.self, QualifyCommand.self, WonCommand.self, LostCommand.self, MergeCommand.self,
        ClawbackCommand.self, AssignCommand.self, ReassignCommand.self,
        ReleaseCommand.self, UndoCommand.self, ReportCommand.self,
        ReasonsCommand.self, CompactCommand.self, VerifyCommand.self, RepairCommand.self,
        ImportCommand.self, ExportCommand.self, RouteCommand.self, NurtureCommand.self, DispatchCommand.self,
        TeamCommand.self,
    ]
}
