import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI
import Testing

/// The console runtime against a real store on disk, with other "processes" (other Store objects)
/// writing to it meanwhile, drawn on an in-memory screen.
@MainActor @Suite(.serialized) struct ConsoleAppTests {
    let dir = TempDirectory("leadq-console")
    var path: String { dir.path + "/store" }
    let now = ConsoleFixture.now

    func start(fs: FileSystem = PosixFileSystem()) throws -> (ConsoleApp, MemoryScreen) {
        if !FileManager.default.fileExists(atPath: path + "/settings.json") {
            let (settings, leads) = ConsoleFixture.demo.generate()
            try FileStore.create(at: path, settings: settings, leads: leads)
        }
        let store = try FileStore.open(path, fs: fs)
        let screen = MemoryScreen(width: 100, height: 30)
        let state = ConsoleState(
            config: ConsoleFixture.config(), settings: store.settings, size: screen.size, now: now, theme: "default")
        let fixed = now
        let app = ConsoleApp(
            state: state, terminal: screen, session: ConsoleSession(store: store, rep: "ana"), clock: { fixed },
            loadTheme: { name in name == "mono" ? .mono : .builtinDefault })
        try app.start()
        return (app, screen)
    }

    func keys(_ app: ConsoleApp, _ keys: Key...) {
        for k in keys { app.dispatch(.key(k)) }
        app.render()
    }

    /// Puts the cursor on the first lead of the queue in this stage.
    func selectFirst(_ app: ConsoleApp, _ stage: Stage) -> Lead {
        let lead = app.state.queue.visible.map { app.state.queue[$0]!.lead }.first {
            $0.stage == stage && !$0.profile.doNotContact
        }!
        while app.state.selected != lead.id { app.dispatch(.key(.char("j"))) }
        return lead
    }

    @Test func acceptSavesBeforeTheStatusLineSaysSo() throws {
        let (app, screen) = try start()
        let lead = selectFirst(app, .assigned)
        let id = lead.id
        keys(app, .char("a"))
        #expect(screen.row(29).hasPrefix(" Accepted \(id) (\(lead.profile.name)) · saved · u to undo"))
        // Another process reading the files sees it.
        #expect(try FileStore.open(path).lead(id)?.stage == .accepted)
        keys(app, .char("u"))
        #expect(screen.row(29).hasPrefix(" Undid Accepted on \(id)"))
        #expect(try FileStore.open(path).lead(id)?.stage == .assigned)
    }

    @Test func rejectLeavesTheQueueAndUndoBringsItBack() throws {
        let (app, screen) = try start()
        let lead = selectFirst(app, .accepted)
        let id = lead.id
        let count = app.state.queue.count
        keys(app, .char("r"), .char("x"))
        #expect(app.state.queue.count == count - 1)
        #expect(!(2..<28).contains { screen.row($0).contains(id) })
        #expect(screen.row(29).contains("Rejected \(id) (\(lead.profile.name)): bad-data · saved"))
        keys(app, .char("u"))
        #expect(app.state.queue.count == count)
        #expect(app.state.selected == id)
    }

    /// A sweep ana ran from the CLI (`clawback` of several leads in one write) is her last action:
    /// `u` in her console brings every lead of it back.
    @Test func undoInTheConsoleTakesBackAWholeSweep() throws {
        let (app, screen) = try start()
        let count = app.state.queue.count
        let swept = Array(app.state.queue.visible.prefix(3))
        try FileStore.open(path).transact(as: "ana", at: now) { tx in
            for id in swept { try tx.perform(.clawback(reason: "not-now", note: "sweep"), on: id) }
        }
        app.step()
        #expect(app.state.queue.count == count - 3)
        keys(app, .char("u"))
        #expect(
            screen.row(29).hasPrefix(" Undid your last action (3 events at 10:00: clawback ×3) · saved"),
            "\(screen.row(29))")
        #expect(app.state.queue.count == count)
        #expect(try swept.allSatisfy { try FileStore.open(path).lead($0)?.stage.isActive == true })
    }

    @Test func otherProcessesChangesShowUpAndAHotArrivalIsAnnounced() throws {
        let (app, screen) = try start()
        let other = try FileStore.open(path)
        // The manager hands ana a hot lead from the pool, and reassigns one of hers to ben.
        let pool = try other.unassigned().sorted { $0.score > $1.score }
        let hot = pool.first!
        #expect(hot.score >= 80)
        try other.perform(.assign(to: "ana", rule: nil), on: hot.id, as: "mia", at: now)
        let mine = app.state.queue.visible[3]
        try other.perform(.assign(to: "ben", rule: nil), on: mine, as: "mia", at: now)
        app.step()
        app.render()
        #expect(screen.bellCount == 1)
        #expect(
            screen.row(29).hasPrefix(
                " Hot lead \(hot.id) just assigned to you: \(hot.profile.name), score \(hot.score)"))
        #expect(app.state.queue[hot.id]?.isNew == true)
        #expect(screen.snapshot().contains("★\(hot.id)"))
        #expect(app.state.queue[mine] == nil)
    }

    @Test func actingOnALeadSomeoneElseChangedIsRefusedNotOverwritten() throws {
        let (app, screen) = try start()
        let id = app.state.selected!
        keys(app, .char("r"))
        // While ana's reason picker is open, the manager reassigns the lead to ben.
        try FileStore.open(path).perform(.assign(to: "ben", rule: nil), on: id, as: "mia", at: now)
        app.step()
        keys(app, .char("b"))
        #expect(
            screen.row(29).contains("\(id) changed meanwhile: assigned to ben by mia at 10:00. Nothing was saved"),
            "\(screen.row(29))")
        let lead = try FileStore.open(path).lead(id)!
        #expect(lead.owner == "ben")
        #expect(
            !lead.history.contains {
                if case .reject = $0.op { return true }
                return false
            })
    }

    @Test func aReadOnlyStoreKeepsTheConsoleUpAndSavesNothing() throws {
        _ = try start()
        let (app, screen) = try start(fs: ReadOnlyFileSystem())
        let id = selectFirst(app, .assigned).id
        keys(app, .char("a"))
        #expect(screen.row(29).contains("the file system is read-only (EROFS)"), "\(screen.row(29))")
        #expect(try FileStore.open(path).lead(id)?.stage == .assigned)
        keys(app, .char("r"))
        #expect(app.state.mode == .normal)
        #expect(screen.row(29).hasPrefix(" Can't save:"))
        keys(app, .char("j"))
        #expect(app.state.selected != id)
    }

    /// A store that opened with a warning (here, a write a crash cut short) says so at once.
    @Test func theStoresWarningsShowWhenTheConsoleStarts() throws {
        let (first, _) = try start()
        let id = selectFirst(first, .assigned).id
        keys(first, .char("a"))
        let journal = try #require(
            try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("journal") }.max())
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + journal))
        file.seekToEndOfFile()
        file.write(Data("{\"seq\":".utf8))
        file.closeFile()
        let (app, screen) = try start()
        #expect(app.state.status?.kind == .warn)
        #expect(
            app.state.status?.text.contains("dropped 7 bytes of an unfinished record") == true,
            "\(app.state.status?.text ?? "")")
        #expect(screen.row(29).contains("\(journal): dropped 7 bytes"), "\(screen.row(29))")
        #expect(app.state.queue[id]?.lead.stage == .accepted)
    }

    @Test func theLoopRunsUntilQuitAndResizesRedraw() throws {
        let (app, screen) = try start()
        screen.push(.char("j"), .char("o"))
        screen.resize(to: Size(width: 120, height: 35))
        screen.push(.char("q"))
        try app.run()
        #expect(app.state.quitting)
        #expect(screen.frame.width == 120)
        #expect(screen.row(0).hasPrefix(" leadq  Ana Souza (ana)"))
        #expect(app.state.queue.order == .deadline)
    }
}

/// A file system on which every attempt to write fails with EROFS, as on a read-only mount.
final class ReadOnlyFileSystem: FileSystem {
    let real = PosixFileSystem()
    func open(_ path: String, _ how: OpenHow) throws -> Int32 {
        if how != .read { throw FSError(op: "open", path: path, code: EROFS) }
        return try real.open(path, how)
    }
    func close(_ fd: Int32) { real.close(fd) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int {
        throw FSError(op: "write", path: path, code: EROFS)
    }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        throw FSError(op: "write", path: path, code: EROFS)
    }
    func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        try real.read(fd, into: into, at: offset, path: path)
    }
    func fsync(_ fd: Int32, path: String) throws { throw FSError(op: "fsync", path: path, code: EROFS) }
    func truncate(_ fd: Int32, to length: Int64, path: String) throws {
        throw FSError(op: "truncate", path: path, code: EROFS)
    }
    func size(_ fd: Int32, path: String) throws -> Int64 { try real.size(fd, path: path) }
    func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool {
        try real.lock(fd, exclusive: exclusive, wait: wait, path: path)
    }
    func unlock(_ fd: Int32) { real.unlock(fd) }
    func rename(_ from: String, _ to: String) throws { throw FSError(op: "rename", path: from, code: EROFS) }
    func remove(_ path: String) throws { throw FSError(op: "remove", path: path, code: EROFS) }
    func syncDirectory(_ path: String) throws { try real.syncDirectory(path) }
    func makeDirectory(_ path: String, permissions: UInt32) throws {
        throw FSError(op: "create directory", path: path, code: EROFS)
    }
    func list(_ dir: String) throws -> [String] { try real.list(dir) }
    func exists(_ path: String) -> Bool { real.exists(path) }
}
