import Foundation
import LeadqStore

/// A store worked only from scripts would otherwise grow its journal for ever: after a write, when
/// the journal is long, start `leadq compact` detached, so the command that wrote returns at once.
/// The compaction lock keeps a second one from starting; the console compacts by itself.
/// Reached through `Workspace.compactIfDue`: it starts the running executable, so only a front end
/// that is `leadq` asks for it.
enum BackgroundCompaction {
    static func startIfDue(_ store: any LeadStore) {
        guard store.compactionDue, store.isWritable,
            let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        else { return }
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own process group: a Ctrl-C at the terminal doesn't interrupt it half way.
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        let args = [exe, "compact", "--store", store.location]
        let argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, exe, &fa, &attr, argv, environ)
    }
}
