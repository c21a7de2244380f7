import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 in front of a server's Unix socket, as a network in between: it passes
/// bytes both ways, or, once `silent`, takes new connections and never answers them (a host gone
/// quiet, a firewall dropping packets). `speak()` passes bytes again and resets the connections
/// it left hanging, as a network coming back does.
public final class SilentHostProxy: @unchecked Sendable {
    public let port: Int
    private let target: String
    private let listener: Int32
    private let lock = NSLock()
    private var isSilent = false
    private var hanging: [Int32] = []
    private var stopped = false

    /// Listens on a free port and forwards each connection to the Unix socket at `socketPath`.
    public init(forwardingTo socketPath: String) throws {
        target = socketPath
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(fd, p, len) == 0 && listen(fd, 64) == 0 && getsockname(fd, p, &len) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let accepting = Thread { [self] in acceptLoop() }
        accepting.start()
    }

    /// New connections are taken and never answered.
    public func silence() { lock.withLock { isSilent = true } }

    /// Bytes pass again; the connections taken while silent are reset.
    public func speak() {
        let reset = lock.withLock {
            isSilent = false
            defer { hanging = [] }
            return hanging
        }
        for fd in reset {
            var hard = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
            close(fd)
        }
    }

    public func stop() {
        guard
            lock.withLock({
                defer { stopped = true }
                return !stopped
            })
        else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        speak()
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            let silent = lock.withLock {
                if isSilent { hanging.append(client) }
                return isSilent
            }
            if silent { continue }
            let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in
                for (i, b) in target.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
            }
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
                }
            }
            guard ok else {
                close(server)
                close(client)
                continue
            }
            Thread { SilentHostProxy.pump(client, server) }.start()
        }
    }

    /// Copies bytes both ways until either side closes, then closes both.
    private static func pump(_ a: Int32, _ b: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        loop: while poll(&fds, 2, -1) > 0 {
            for (from, to) in [(0, b), (1, a)] where fds[from].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[from].fd, $0.baseAddress, $0.count) }
                if n <= 0 { break loop }
                var sent = 0
                while sent < n {
                    let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                    if w <= 0 { break loop }
                    sent += w
                }
            }
        }
        close(a)
        close(b)
    }
}
