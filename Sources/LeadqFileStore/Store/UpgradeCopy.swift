import LeadqStore

extension FileStore {
    /// Copies the snapshots, journals and settings into `before-schema-N/` inside the store before
    /// an upgrade's compaction replaces them, so the upgrade can be taken back by hand. Returns
    /// the folder's path.
    public static func keepCopy(of directory: String, schema: Int, fs: FileSystem = PosixFileSystem()) throws
        -> String
    {
        let mode = FileStore.filePermissions(try FileStore.readSettings(directory, fs: fs))
        do {
            let names = try fs.list(directory)
            var folder = "before-schema-\(schema)"
            var n = 1
            while names.contains(folder) {
                n += 1
                folder = "before-schema-\(schema)-\(n)"
            }
            let copy = StoreFiles.join(directory, folder)
            try fs.makeDirectory(copy, permissions: mode == 0o660 ? 0o770 : 0o700)
            for name in names.sorted() where StoreFiles.isKeptByUpgradeCopy(name) {
                try AtomicFile.copy(
                    StoreFiles.join(directory, name), to: StoreFiles.join(copy, name), permissions: mode, fs: fs)
            }
            try fs.syncDirectory(directory)
            return copy
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was upgraded")
        }
    }
}

extension StoreFiles {
    static func isKeptByUpgradeCopy(_ name: String) -> Bool {
        name == "settings.json" || StoreFiles.parse(name, prefix: "snapshot") != nil
            || StoreFiles.parse(name, prefix: "journal") != nil
    }
}
