import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreFiles {
    /// flock(2) target the running dispatcher holds for as long as it lives.
    static let dispatchLock = "dispatch.lock"
    /// The dispatcher's ledger: what it has alerted, and what it still owes.
    static let dispatchState = "dispatch-state.json"
}

extension FileStore {
    /// The lease is an exclusive flock on `dispatch.lock`: the kernel lets go of it when the holder
    /// dies, so the next dispatcher can take over at once, and /proc/locks names the holder.
    public func takeDispatchLease() throws -> LeaseAttempt {
        if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
        let path = StoreFiles.join(directory, StoreFiles.dispatchLock)
        let fd: Int32
        do { fd = try fs.open(path, .createIfMissing(permissions: filePermissions)) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the dispatcher can't start")
        }
        let taken: Bool
        do { taken = try fs.lock(fd, exclusive: true, wait: false, path: path) } catch let e as FSError {
            fs.close(fd)
            throw StoreError.io(e, consequence: "the dispatcher can't start")
        }
        guard taken else {
            let holder = LockHolder.of(fd)
            fs.close(fd)
            return .held(by: holder)
        }
        // Only the lease holder writes the ledger: a temporary copy left now is a dead holder's.
        let leftovers = (try? fs.list(directory))?.filter { $0.hasPrefix(StoreFiles.dispatchState + ".tmp-") } ?? []
        for name in leftovers { try? fs.remove(StoreFiles.join(directory, name)) }
        return .taken(
            FileDispatchLease(
                fs: fs, fd: fd, state: StoreFiles.join(directory, StoreFiles.dispatchState),
                permissions: filePermissions))
    }
}

/// The file store's lease: the open, locked `dispatch.lock`, and the ledger beside it.
final class FileDispatchLease: DispatchLease {
    let fs: FileSystem
    let state: String
    let permissions: UInt32
    private var fd: Int32

    init(fs: FileSystem, fd: Int32, state: String, permissions: UInt32) {
        (self.fs, self.fd, self.state, self.permissions) = (fs, fd, state, permissions)
    }

    deinit { release() }

    func loadState() throws -> [UInt8]? {
        do { return try fs.readAll(state) } catch let e as FSError {
            if e.isNotFound { return nil }
            throw StoreError.io(e, consequence: "the dispatcher's ledger can't be read")
        }
    }

    func saveState(_ bytes: [UInt8]) throws {
        do { try AtomicFile.write(state, bytes, permissions: permissions, fs: fs) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the dispatcher's ledger was not saved")
        }
    }

    func release() {
        guard fd >= 0 else { return }
        fs.unlock(fd)
        fs.close(fd)
        fd = -1
    }
}
