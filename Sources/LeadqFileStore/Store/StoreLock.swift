import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileStore {
    /// Takes the writer lock, waiting at most `lockTimeout` (the settings' `store.lockTimeoutSeconds`
    /// unless the caller set less); after a second, `onLockWait` hears who holds it, and again every
    /// few seconds. A stopped or hung writer never freezes the caller for longer than that.
    func lockExclusively(_ consequence: String) throws {
        let path = StoreFiles.join(directory, StoreFiles.lock)
        func attempt() throws -> Bool {
            do { return try fs.lock(lockFD, exclusive: true, wait: false, path: path) } catch let e as FSError {
                throw StoreError.io(e, consequence: consequence)
            }
        }
        if try attempt() { return }
        let start = monotonicSeconds()
        let limit = lockTimeout ?? Double(settings.lockTimeoutSeconds)
        var pause: useconds_t = 1_000
        var nextReport = 1.0
        while true {
            usleep(pause)
            pause = min(pause * 2, 20_000)
            if try attempt() { return }
            let waited = monotonicSeconds() - start
            if waited >= limit {
                throw StoreError.busy(
                    holder: LockHolder.of(lockFD), seconds: Int(waited.rounded()), consequence: consequence)
            }
            if waited >= nextReport, let report = onLockWait {
                report(LockWait(holder: LockHolder.of(lockFD), seconds: Int(waited)))
                nextReport += nextReport < 5 ? 1 : 5
            }
        }
    }

    /// The reader lock if it is free at once; a reader never waits for a writer.
    func tryLockShared() throws -> Bool {
        let path = StoreFiles.join(directory, StoreFiles.lock)
        do { return try fs.lock(lockFD, exclusive: false, wait: false, path: path) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store can't be read")
        }
    }

    /// Who holds the lock now and for how long this process has seen it held, once that is a second
    /// or more: what a console shows while a writer keeps everyone else waiting.
    func noteLockBusy(_ busy: Bool) -> LockWait? {
        guard busy else {
            busySince = nil
            return nil
        }
        let now = monotonicSeconds()
        let since = busySince ?? now
        busySince = since
        guard now - since >= 1 else { return nil }
        return LockWait(holder: LockHolder.of(lockFD), seconds: Int(now - since))
    }
}
