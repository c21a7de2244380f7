import Foundation
import LeadqTestSupport
import Testing

/// Where `-o` and `--rejects` write: stdout for `-`, devices and FIFOs written through, symbolic links
/// followed, regular files replaced whole, and the command's input and the store's files refused.
@Suite struct OutputTargetCLITests {
    let dir = TempDirectory("leadq-out")
    let slot = StoreSlot()
    var store: String { slot.location }

    func leadq(_ args: String..., stdout: TargetRun.Stdout = .capture, cwd: String? = nil) throws -> TargetRun.Result {
        try TargetRun.run(Array(args) + ["--store", store], stdout: stdout, cwd: cwd)
    }

    func demo() throws {
        let r = try leadq("demo", "--leads", "30", "--seed", "5")
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// What `export --format jsonl` writes, read from stdout.
    func expected() throws -> String {
        let r = try leadq("export", "--format", "jsonl")
        #expect(r.status == 0 && r.stdout.count > 10_000)
        return r.stdout
    }

    func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test(arguments: StoreKinds.all) func dashIsStdout(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let r = try leadq("export", "--format", "jsonl", "-o", "-", cwd: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try expected()))
        #expect(FileKind(dir.file("-")) == .missing)
        #expect(r.stderr == "Exported 30 leads\n")
    }

    @Test(arguments: StoreKinds.all) func aRegularFileIsReplacedWholeAndKeepsItsMode(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let out = dir.file("out.jsonl")
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        chmod(out, 0o644)
        let r = try leadq("export", "--format", "jsonl", "-o", out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(text(out) == (try expected()))
        var st = stat()
        #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o644)
        // Nothing left beside it (the store is elsewhere).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.jsonl"])
    }

    @Test(arguments: StoreKinds.all) func aFIFOIsWrittenThrough(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let fifo = dir.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = try #require(FifoReader(fifo))
        let r = try leadq("export", "--format", "jsonl", "-o", fifo)
        reader.stop()
        #expect(r.status == 0, "\(r.stderr)")
        let got = String(decoding: reader.bytes.wait(seconds: 10) ?? Data(), as: UTF8.self)
        #expect(got == (try expected()), "the reader got \(got.utf8.count) bytes")
        #expect(FileKind(fifo) == .fifo)
    }

    @Test(arguments: StoreKinds.all) func aSymlinkIsFollowedAndStaysALink(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let real = dir.file("real.jsonl")
        let link = dir.file("link.jsonl")
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        #expect(symlink(real, link) == 0)
        let r = try leadq("export", "--format", "jsonl", "-o", link)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileKind(link) == .symlink)
        #expect(text(real) == (try expected()))

        let dangling = dir.file("dangling.jsonl")
        #expect(symlink(dir.file("nowhere/x.jsonl"), dangling) == 0)
        let refused = try leadq("export", "--format", "jsonl", "-o", dangling)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(dangling), "\(refused.stderr)")
        #expect(FileKind(dangling) == .symlink)
    }

    @Test(arguments: StoreKinds.all) func aSocketIsWrittenThrough(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let path = dir.file("sock")
        let listener = try #require(SocketListener(path))
        let r = try leadq("export", "--format", "jsonl", "-o", path)
        #expect(r.status == 0, "\(r.stderr)")
        let got = String(decoding: listener.bytes.wait(seconds: 10) ?? Data(), as: UTF8.self)
        #expect(got == (try expected()))
        #expect(FileKind(path) == .socket)
    }

    /// Copies of the device nodes, made in the test's directory: a writer that replaced devices
    /// would replace only these.
    @Test(arguments: StoreKinds.all) func devicesAreWrittenThroughNeverReplaced(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let null = dir.file("null")
        let full = dir.file("full")
        guard DeviceCopy.null(null), DeviceCopy.full(full) else {
            print("skipped: mknod is not allowed here (needs root)")
            return
        }
        let toNull = try leadq("export", "--format", "jsonl", "-o", null)
        #expect(toNull.status == 0, "\(toNull.stderr)")
        #expect(FileKind(null) == .character)
        let toFull = try leadq("export", "--format", "salesforce", "-o", full)
        #expect(toFull.status == 3)
        #expect(toFull.stderr.contains("\(full): ") && toFull.stderr.contains("ENOSPC"), "\(toFull.stderr)")
        #expect(FileKind(full) == .character)
        let linkToFull = dir.file("to-full")
        #expect(symlink(full, linkToFull) == 0)
        let viaLink = try leadq("export", "--format", "jsonl", "-o", linkToFull)
        #expect(viaLink.status == 3)
        #expect(FileKind(linkToFull) == .symlink && FileKind(full) == .character)
    }

    // File-only: about a directory's own files (journal, settings.json) as targets.
    @Test func theStoresOwnFilesAreRefused() throws {
        try slot.use(StoreKinds.file)
        try demo()
        let names = try FileManager.default.contentsOfDirectory(atPath: store)
        let journal = store + "/" + (try #require(names.first { $0.hasPrefix("journal-") }))
        let before = text(journal)
        let outside = dir.file("journal-link")
        #expect(symlink(journal, outside) == 0)
        let hard = dir.file("journal-hardlink")
        #expect(link(journal, hard) == 0)
        let sub = dir.file("sub")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        for target in [
            journal, store + "/settings.json", store + "/new.csv", store + "/../store/./settings.json", outside, hard,
        ] {
            let r = try leadq("export", "--format", "salesforce", "-o", target)
            #expect(r.status == 2, "\(target)")
            #expect(r.stderr.contains(target) && r.stderr.contains("store"), "\(r.stderr)")
        }
        // stdout redirected into the journal by the shell: nothing is written there either.
        for c in [["queue", "--rep", "ana"], ["export", "--format", "jsonl"]] {
            let r = try TargetRun.run(c + ["--store", store], stdout: .file(journal))
            #expect(r.status == 2, "\(c)")
            #expect(r.stderr.contains("stdout is one of the store's own files"), "\(r.stderr)")
        }
        #expect(text(journal) == before)
        #expect(FileKind(store + "/new.csv") == .missing)
        #expect(try leadq("verify").status == 0)
    }
}

/// Reads a FIFO on its own thread until its writer closes it, or until stopped once nothing comes.
final class FifoReader: @unchecked Sendable {
    let bytes = Collected()
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false

    init?(_ path: String) {
        // Non-blocking, so opening doesn't wait for a writer that may never come.
        fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        Thread { [self] in bytes.set(drain()) }.start()
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func drain() -> Data {
        defer { close(fd) }
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 200) == 0 {
                if isStopped { return data }
                continue
            }
            let n = read(fd, &buf, buf.count)
            if n > 0 {
                data.append(contentsOf: buf[0..<n])
            } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                return data
            }
        }
    }
}

/// A Unix stream socket that accepts one connection and reads it to the end.
final class SocketListener: @unchecked Sendable {
    let bytes = Collected()

    init?(_ path: String) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let name = Array(path.utf8)
        guard fd >= 0, name.count < MemoryLayout.size(ofValue: addr.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in name.enumerated() { buf[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(fd, 1) == 0 else { return nil }
        Thread { [bytes] in
            let c = accept(fd, nil, nil)
            var data = Data()
            var buf = [UInt8](repeating: 0, count: 65536)
            while c >= 0 {
                let n = read(c, &buf, buf.count)
                if n <= 0 { break }
                data.append(contentsOf: buf[0..<n])
            }
            close(c)
            close(fd)
            bytes.set(data)
        }.start()
    }
}
