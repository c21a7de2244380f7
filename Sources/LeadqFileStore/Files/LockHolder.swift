import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LockHolder {
    /// The process holding a flock on the file open as `fd`, from /proc/locks (Linux); nil when
    /// nobody does or the kernel doesn't say.
    public static func of(_ fd: Int32) -> LockHolder? {
        var st = stat()
        guard fstat(fd, &st) == 0, let text = readProcFile("/proc/locks") else { return nil }
        // "1: FLOCK  ADVISORY  WRITE 30507 fe:00:16220276 0 EOF": major:minor:inode in hex, hex, decimal.
        // glibc's major()/minor() are macros Swift can't see: the same bit layout, spelled out.
        let dev = UInt64(st.st_dev)
        let major = ((dev >> 8) & 0xFFF) | ((dev >> 32) & ~UInt64(0xFFF))
        let minor = (dev & 0xFF) | ((dev >> 12) & ~UInt64(0xFF))
        let wanted = (major, minor, UInt64(st.st_ino))
        let me = getpid()
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, f[1] == "FLOCK", let pid = Int32(f[4]), pid != me else { continue }
            let dev = f[5].split(separator: ":")
            guard dev.count == 3, let ma = UInt64(dev[0], radix: 16), let mi = UInt64(dev[1], radix: 16),
                let ino = UInt64(dev[2]), (ma, mi, ino) == wanted
            else { continue }
            return LockHolder(pid: pid, command: command(of: pid))
        }
        return nil
    }

    /// `leadq import` from /proc/PID/cmdline: the program's base name and its first argument.
    static func command(of pid: Int32) -> String {
        guard let raw = readProcFile("/proc/\(pid)/cmdline") else { return "" }
        let args = raw.split(separator: "\0", omittingEmptySubsequences: true).prefix(2)
        guard let exe = args.first else { return "" }
        let name = exe.split(separator: "/").last.map(String.init) ?? String(exe)
        let words = [name] + args.dropFirst().map(String.init).filter { !$0.hasPrefix("-") }
        // A command line is anybody's text: keep it printable and short.
        let text = words.joined(separator: " ").unicodeScalars.filter {
            $0.value >= 0x20 && $0.value != 0x7F && $0.value < 0x80
        }
        return String(String.UnicodeScalarView(text.prefix(60)))
    }

    private static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65_536)
        while out.count < 1 << 22 {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Seconds on a clock that only moves forward, for measuring waits.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
