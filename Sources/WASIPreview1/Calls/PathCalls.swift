import Glibc

/// The `path_*` calls. Each resolves its path beneath a directory descriptor with
/// ``ConfinedPath`` and then acts on the final component with the no-follow form of the host
/// call, so nothing outside the preopens is reached (see ``ConfinedPath`` for the rules).
extension WASIContext {
    /// `path_open(fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting,
    /// fdflags, opened_fd)`.
    func pathOpen(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let base = try directory(a.i32(0))
        let path = try memory.string(at: a.i32(2), count: a.i32(3))
        let result = a.i32(8)
        _ = try memory.buffer(at: result, count: 4)
        let target = try ConfinedPath(path, beneath: base.host, followFinal: a.i32(1) & OpenFlags.followLinks != 0)

        var flags = O_CLOEXEC | O_NOFOLLOW
        let oflags = a.i32(4)
        if oflags & OpenFlags.create != 0 { flags |= O_CREAT }
        if oflags & OpenFlags.directory != 0 || path.hasSuffix("/") { flags |= O_DIRECTORY }
        if oflags & OpenFlags.exclusive != 0 { flags |= O_EXCL }
        if oflags & OpenFlags.truncate != 0 { flags |= O_TRUNC }
        let fdflags = a.i32(7)
        if fdflags & OpenFlags.append != 0 { flags |= O_APPEND }
        if fdflags & OpenFlags.dataSync != 0 { flags |= O_DSYNC }
        if fdflags & OpenFlags.nonBlocking != 0 { flags |= O_NONBLOCK }
        if fdflags & (OpenFlags.sync | OpenFlags.readSync) != 0 { flags |= O_SYNC }
        // libc asks for every right except those its access mode excludes, so only the
        // read and write groups say anything.
        let rights = a.i64(5)
        let reads = rights & OpenFlags.readRights != 0
        let writes = rights & OpenFlags.writeRights != 0 && flags & O_DIRECTORY == 0
        flags |= writes ? (reads ? O_RDWR : O_WRONLY) : O_RDONLY

        let fd = openat(target.directory, target.name, flags, 0o666)
        guard fd >= 0 else { throw .current }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .current
        }
        let isDirectory = info.st_mode & S_IFMT == S_IFDIR
        let entry = Descriptor(kind: isDirectory ? .directory(preopenName: nil) : .file, host: fd)
        try memory.store(try insert(entry), at: result)
    }

    /// `path_filestat_get(fd, flags, path, path_len, buf)`.
    func pathFilestatGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let base = try directory(a.i32(0))
        let path = try memory.string(at: a.i32(2), count: a.i32(3))
        let target = try ConfinedPath(path, beneath: base.host, followFinal: a.i32(1) & OpenFlags.followLinks != 0)
        var info = stat()
        guard fstatat(target.directory, target.name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw .current }
        try writeFilestat(info, to: memory, at: a.i32(4))
    }

    /// `path_create_directory(fd, path, path_len)`.
    func pathCreateDirectory(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let target = try resolve(memory, a, descriptor: 0, path: 1)
        guard mkdirat(target.directory, target.name, 0o777) == 0 else { throw .current }
    }

    /// `path_remove_directory(fd, path, path_len)` and `path_unlink_file(fd, path, path_len)`.
    func pathRemove(_ memory: GuestMemory, _ a: Arguments, directory: Bool) throws(WASIErrno) {
        let target = try resolve(memory, a, descriptor: 0, path: 1)
        guard unlinkat(target.directory, target.name, directory ? AT_REMOVEDIR : 0) == 0 else { throw .current }
    }

    /// `path_readlink(fd, path, path_len, buf, buf_len, bufused)`: the target, cut to fit.
    func pathReadlink(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let target = try resolve(memory, a, descriptor: 0, path: 1)
        let buffer = try memory.buffer(at: a.i32(3), count: a.i32(4))
        _ = try memory.buffer(at: a.i32(5), count: 4)
        var link = [UInt8](repeating: 0, count: Int(PATH_MAX))
        let count = readlinkat(target.directory, target.name, &link, link.count)
        guard count >= 0 else { throw .current }
        let used = min(count, buffer.count)
        if used > 0 { buffer.copyBytes(from: link[..<used]) }
        try memory.store(UInt32(used), at: a.i32(5))
    }

    /// `path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)`.
    func pathRename(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let source = try resolve(memory, a, descriptor: 0, path: 1)
        let destination = try resolve(memory, a, descriptor: 3, path: 4)
        guard renameat(source.directory, source.name, destination.directory, destination.name) == 0 else {
            throw .current
        }
    }

    /// The path of arguments `path` (pointer) and `path + 1` (length) beneath descriptor
    /// argument `descriptor`, the final link not followed.
    private func resolve(_ memory: GuestMemory, _ a: Arguments, descriptor: Int, path: Int) throws(WASIErrno) -> ConfinedPath {
        let base = try directory(a.i32(descriptor))
        let text = try memory.string(at: a.i32(path), count: a.i32(path + 1))
        return try ConfinedPath(text, beneath: base.host, followFinal: false)
    }
}

/// Flag bits of `path_open` (witx `lookupflags`, `oflags`, `fdflags`, `rights`).
enum OpenFlags {
    static let followLinks: UInt32 = 1
    static let create: UInt32 = 1
    static let directory: UInt32 = 2
    static let exclusive: UInt32 = 4
    static let truncate: UInt32 = 8
    static let append: UInt32 = 1
    static let dataSync: UInt32 = 2
    static let nonBlocking: UInt32 = 4
    static let readSync: UInt32 = 8
    static let sync: UInt32 = 16
    /// `FD_READ`, `FD_READDIR`.
    static let readRights: UInt64 = 1 << 1 | 1 << 14
    /// `FD_DATASYNC`, `FD_WRITE`, `FD_ALLOCATE`, `FD_FILESTAT_SET_SIZE`.
    static let writeRights: UInt64 = 1 << 0 | 1 << 6 | 1 << 8 | 1 << 22
}
